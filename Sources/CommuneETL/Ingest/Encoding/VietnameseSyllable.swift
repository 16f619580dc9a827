/// Whether a word is a well-formed Vietnamese syllable: onset, vowel nucleus, final, and a tone on the right
/// vowel.
///
/// A wrong decoding of Vietnamese text still yields letters, often even Vietnamese letters (`Hoị`, `Nguyến`
/// or `ThÞ`), so counting letters is not enough: words must also be syllables. The rules are those of the
/// standard orthography, kept slightly lenient (both the old and the new tone placement in `oa`, `oe`, `uy`;
/// `k`/`c`, `gh`/`g` not checked against the vowel; a final `k` and no tone before a stop, as in the
/// Central Highlands place names `Đắk Lắk`, `Đăk Glong`), since a rare valid word refused costs little
/// while a misreading produces invalid words by the dozen.
///
/// Letters are handled as `VietnameseLetter.base` codes, and the onsets, nuclei and finals as codes packed
/// into integers, so a check allocates nothing.
/// - Complexity: O(length of the word).
enum VietnameseSyllable {
    /// Whether the nucleus may, must or must not be followed by a final consonant.
    private enum Final { case optional, required, forbidden }

    /// Vowel nuclei without tone, packed (`pack`).
    private static let nuclei: [UInt32: Final] = {
        var table: [UInt32: Final] = [:]
        for nucleus in ["a", "e", "ê", "i", "o", "ô", "ơ", "u", "ư", "y", "oa", "oe", "uê", "uy"] {
            table[pack(nucleus)] = .optional
        }
        for nucleus in ["ă", "â", "iê", "yê", "uô", "ươ", "oă", "uâ", "uyê", "oo"] { table[pack(nucleus)] = .required }
        for nucleus in [
            "ai", "ao", "au", "ay", "âu", "ây", "eo", "êu", "ia", "iu", "oi", "ôi", "ơi", "ua", "ui", "ưa", "ưi",
            "ưu", "uơ", "oai", "oay", "oao", "oeo", "uây", "uôi", "ươi", "ươu", "iêu", "yêu", "uya", "uyu",
        ] {
            table[pack(nucleus)] = .forbidden
        }
        return table
    }()

    /// Onsets, longest first so that the first match that leaves a vowel is the right one.
    private static let onsets: [[UInt8]] = [
        "ngh", "ng", "nh", "gh", "gi", "kh", "ph", "th", "tr", "ch", "qu",
        "b", "c", "d", "đ", "g", "h", "k", "l", "m", "n", "p", "r", "s", "t", "v", "x",
    ].map(codes)
    // Small sets of packed codes, searched linearly (faster than hashing for a handful of integers).
    private static let finals = ["", "c", "ch", "k", "m", "n", "ng", "nh", "p", "t"].map(pack)
    private static let stops = ["c", "ch", "k", "p", "t"].map(pack)
    private static let palatalFinals = ["ch", "nh"].map(pack)
    /// Nuclei after which `ch` and `nh` may end a syllable (`anh`, `ếch`, `inh`, `uỳnh` …).
    private static let palatalNuclei = ["a", "ê", "i", "y", "oa", "uê", "uy"].map(pack)
    private static let velarFinals = ["c", "ng"].map(pack)
    private static let frontNuclei = ["i", "y"].map(pack)
    private static let eitherPlacement = ["oa", "oe", "uy"].map(pack)

    /// Whether `letters` (one word, as `VietnameseLetter.of` gave them) is a Vietnamese syllable.
    static func isValid(_ letters: [VietnameseLetter]) -> Bool {
        let count = letters.count
        guard count > 0, count <= 7, hasValidCase(letters) else { return false }
        var tone: UInt8 = 0, toned = -1
        for (index, letter) in letters.enumerated() where letter.tone != 0 {
            guard toned < 0 else { return false }
            tone = letter.tone
            toned = index
        }
        // Onset: the longest that leaves a vowel; `gi` before a consonant or nothing is `g` + `i` (`gì`, `gìn`).
        var onsetLength = 0
        for onset in onsets where onset.count < count && matches(letters, onset) && letters[onset.count].isVowel {
            onsetLength = onset.count
            break
        }
        if onsetLength > 0, toned >= 0, toned < onsetLength { return false }  // a tone on the u of qu
        var nucleusEnd = onsetLength
        while nucleusEnd < count, letters[nucleusEnd].isVowel { nucleusEnd += 1 }
        let nucleusLength = nucleusEnd - onsetLength
        guard nucleusLength > 0, nucleusLength <= 3, count - nucleusEnd <= 2 else { return false }
        let nucleus = pack(letters[onsetLength..<nucleusEnd]), final = pack(letters[nucleusEnd...])
        guard finals.contains(final), let rule = nuclei[nucleus] else { return false }
        switch rule {
        case .required where final == 0: return false
        case .forbidden where final != 0: return false
        default: break
        }
        if palatalFinals.contains(final), !palatalNuclei.contains(nucleus) { return false }
        if velarFinals.contains(final), frontNuclei.contains(nucleus) { return false }
        if stops.contains(final), tone != 0, tone != VietnameseLetter.Tone.acute, tone != VietnameseLetter.Tone.dot {
            return false
        }
        guard toned >= 0 else { return true }
        return toneIsPlaced(at: toned - onsetLength, in: letters[onsetLength..<nucleusEnd], nucleus, closed: final != 0)
    }

    /// Whether the tone sits on the vowel the orthography puts it on (`position` within the nucleus).
    private static func toneIsPlaced(
        at position: Int, in letters: ArraySlice<VietnameseLetter>, _ nucleus: UInt32, closed: Bool
    ) -> Bool {
        if let shaped = letters.lastIndex(where: \.hasShapeMark) { return position == shaped - letters.startIndex }
        if closed { return position == letters.count - 1 }
        switch letters.count {
        case 1: return true
        case 2: return position == 0 || eitherPlacement.contains(nucleus)
        default: return position == 1
        }
    }

    /// A word is lower case, Capitalised, or UPPER CASE; `HoÃ` or `nhËp` is what a misreading produces.
    private static func hasValidCase(_ letters: [VietnameseLetter]) -> Bool {
        letters.dropFirst().allSatisfy { !$0.isUpper } || letters.allSatisfy(\.isUpper)
    }

    private static func matches(_ letters: [VietnameseLetter], _ onset: [UInt8]) -> Bool {
        for (index, code) in onset.enumerated() where letters[index].base != code { return false }
        return true
    }

    /// Up to four base codes in one integer, first letter lowest; 0 for none.
    private static func pack(_ letters: ArraySlice<VietnameseLetter>) -> UInt32 {
        var packed: UInt32 = 0
        for (shift, letter) in letters.prefix(4).enumerated() { packed |= UInt32(letter.base) << (8 * shift) }
        return packed
    }

    private static func pack(_ text: String) -> UInt32 {
        var packed: UInt32 = 0
        for (shift, code) in codes(text).enumerated() { packed |= UInt32(code) << (8 * shift) }
        return packed
    }

    /// The base codes of lower-case letters without tone.
    private static func codes(_ text: String) -> [UInt8] {
        text.unicodeScalars.map { VietnameseLetter.of($0)!.base }
    }
}
