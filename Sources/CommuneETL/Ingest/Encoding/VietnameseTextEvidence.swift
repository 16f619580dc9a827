import Glibc

/// How Vietnamese a decoded text looks: the measure detection compares candidate decodings by.
///
/// Evidence for: words with diacritics that are Vietnamese syllables, and known phrases (header words,
/// commune names) found. Evidence against: words with letters outside the Vietnamese alphabet or that are no
/// syllable (`Hoµng`, `ThÞ`, `HoÃ`, `Hoaøng`), and characters Vietnamese text never holds (control
/// characters, U+FFFD, glyphs such as `¶ ¸ × §` that misread legacy bytes produce). Words of plain ASCII
/// count neither way: they read the same in every candidate.
struct VietnameseTextEvidence: Equatable, Sendable {
    var syllables = 0
    var misreadWords = 0
    var foreignCharacters = 0
    var knownPhrases = 0

    /// A known phrase weighs as much as four syllables: it is a whole expected word sequence, not a chance hit.
    static let knownPhraseWeight = 4
    /// One sign of misreading cancels three syllables: genuine text has almost none, a misreading has many.
    static let penaltyWeight = 3

    var evidence: Int { syllables + Self.knownPhraseWeight * knownPhrases }
    var penalty: Int { misreadWords + foreignCharacters }
    var score: Int { evidence - Self.penaltyWeight * penalty }

    /// At least two syllables' worth of evidence, and no more than one sign of misreading per four of it.
    var isClearlyVietnamese: Bool { evidence >= 2 && 4 * penalty <= evidence }

    /// Whether the text shows misreading often enough that accepting it would keep garbled names: three
    /// signs at least, and more than one per four units of evidence.
    var looksMisread: Bool { penalty >= 3 && 4 * penalty > evidence }

    /// Measures `text` (UTF-8 NFC); `knownPhrases` are lower-cased UTF-8 NFC phrases holding non-ASCII letters.
    /// - Complexity: O(n) in the text, plus one substring search per known phrase.
    init(utf8 text: [UInt8], knownPhrases phrases: [[UInt8]]) {
        var tally = Tally()
        let lowers = !phrases.isEmpty
        var lowered: [UInt8] = []
        if lowers { lowered.reserveCapacity(text.count) }
        text.withUnsafeBufferPointer { bytes in
            var index = 0
            while index < bytes.count {
                let lead = bytes[index]
                if lead < 0x80 {
                    index += 1
                    if let letter = VietnameseLetter.ascii(lead) {
                        tally.add(letter, diacritic: false)
                        if lowers { lowered.append(lead | 0x20) }
                    } else {
                        if lowers { lowered.append(lead) }
                        tally.addOther(UInt32(lead))
                    }
                    continue
                }
                let (value, length) = UTF8Decoder.scalar(inValid: bytes, at: index)
                if lowers { lowered.append(contentsOf: UnsafeBufferPointer(rebasing: bytes[index..<index + length])) }
                index += length
                if let letter = VietnameseLetter.withDiacritics(value) {
                    tally.add(letter, diacritic: true)
                    if lowers, letter.isUpper { Self.lowercaseLast(length, of: &lowered, letter) }
                } else if Self.isLetterOrMark(value) {
                    tally.addForeignLetter()
                } else {
                    tally.addOther(value)
                }
            }
        }
        tally.endWord()
        syllables = tally.syllables
        misreadWords = tally.misread
        foreignCharacters = tally.foreign
        if lowers { knownPhrases = phrases.count { Self.contains(lowered, $0) } }
    }

    /// The running counts, and the word being read.
    private struct Tally {
        var syllables = 0, misread = 0, foreign = 0
        var word: [VietnameseLetter] = []
        var wordHasDiacritic = false, wordIsForeign = false

        init() { word.reserveCapacity(16) }

        mutating func add(_ letter: VietnameseLetter, diacritic: Bool) {
            word.append(letter)
            if diacritic { wordHasDiacritic = true }
        }

        mutating func addForeignLetter() {
            word.append(VietnameseLetter(base: 0, tone: 0, isUpper: false))
            wordIsForeign = true
        }

        mutating func addOther(_ value: UInt32) {
            endWord()
            if VietnameseTextEvidence.isForeign(value) { foreign += 1 }
        }

        mutating func endWord() {
            guard !word.isEmpty else { return }
            if wordIsForeign {
                misread += 1
            } else if wordHasDiacritic {
                if VietnameseSyllable.isValid(word) { syllables += 1 } else { misread += 1 }
            }
            word.removeAll(keepingCapacity: true)
            wordHasDiacritic = false
            wordIsForeign = false
        }
    }

    /// Replaces the last `length` bytes (an upper-case Vietnamese letter) by its lower-case form.
    private static func lowercaseLast(_ length: Int, of lowered: inout [UInt8], _ letter: VietnameseLetter) {
        lowered.removeLast(length)
        lowered.append(contentsOf: String(letter.lowercase).utf8)
    }

    /// Whether `value` is a letter (`µ ª ß ø`…) or a combining mark: part of a word, but not Vietnamese.
    static func isLetterOrMark(_ value: UInt32) -> Bool {
        if value < 0x250 { return latinLetters[Int(value)] }
        guard let scalar = Unicode.Scalar(value) else { return false }
        return scalar.properties.isAlphabetic || scalar.properties.generalCategory == .nonspacingMark
    }

    /// `isAlphabetic` for U+0000–U+024F, where misread legacy bytes land, looked up rather than computed.
    private static let latinLetters = (UInt32(0)..<0x250).map { Unicode.Scalar($0)!.properties.isAlphabetic }

    /// Characters that are not letters and that Vietnamese tables do not hold: control characters (other
    /// than tab and line ends), U+FFFD, private use, and symbols outside the usual punctuation, dashes,
    /// quotes, currency (`₫ €`) and a few signs (`° ² ³ ½ № ©`).
    static func isForeign(_ value: UInt32) -> Bool {
        if value < 0x80 { return value < 0x20 ? !(value == 0x09 || value == 0x0A || value == 0x0D) : value == 0x7F }
        return !allowedSymbols.contains(value)
    }

    private static let allowedSymbols: Set<UInt32> = [
        0x00A0, 0x00A9, 0x00AB, 0x00B0, 0x00B1, 0x00B2, 0x00B3, 0x00BB, 0x00BC, 0x00BD, 0x00BE,
        0x2010, 0x2011, 0x2012, 0x2013, 0x2014, 0x2018, 0x2019, 0x201C, 0x201D, 0x2022, 0x2026, 0x2116,
        0x20AB, 0x20AC, 0x2212,
    ]

    /// Whether `phrase` occurs in `text`: `memchr` to each candidate first byte, then `memcmp`.
    static func contains(_ text: [UInt8], _ phrase: [UInt8]) -> Bool {
        guard let first = phrase.first, phrase.count <= text.count else { return false }
        return text.withUnsafeBytes { haystack in
            phrase.withUnsafeBytes { needle in
                let base = haystack.baseAddress!
                let last = haystack.count - needle.count
                var start = 0
                while start <= last {
                    guard let hit = memchr(base + start, Int32(first), last - start + 1) else { return false }
                    let offset = base.distance(to: UnsafeRawPointer(hit))
                    if memcmp(base + offset, needle.baseAddress!, needle.count) == 0 { return true }
                    start = offset + 1
                }
                return false
            }
        }
    }
}
