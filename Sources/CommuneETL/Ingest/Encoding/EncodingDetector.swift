/// Decides a file's encoding from its content, since no decoder failing proves anything (Latin-1 and
/// Windows-1252 "succeed" on TCVN3 and VNI bytes).
///
/// Order of decisions, on a sample (the first 64 KiB, or the whole file when shorter):
/// 1. A UTF-16 byte-order mark decides UTF-16; a UTF-8 one decides the UTF-8 family (plain or repaired).
/// 2. NUL bytes: UTF-16 without a mark when every other byte is NUL (see `UTF16Sniffing`), else binary. So
///    is text with more than 1 % control bytes (`controlLimit`), not counting the C0 bytes TCVN3 and VISCII use
///    for capital letters.
/// 3. Pure ASCII is UTF-8, unless its `?` are lost letters.
/// 4. `?` where letters should be (`LostLetters`) → `lettersLost`.
/// 5. The sample is decoded with each candidate (well-formed UTF-8: plain, TCVN3 inside, VNI inside, double
///    encoded; otherwise Windows-1258, TCVN3, VNI, VISCII) and each text measured
///    (`VietnameseTextEvidence`); candidates that fail to decode drop out.
/// 6. Well-formed UTF-8 reads as plain UTF-8 unless a repair is clearly Vietnamese and beats it by the
///    margin; a plain reading that looks misread with no clear repair is uncertain. Legacy bytes take the
///    best candidate when it is clearly Vietnamese and beats the second by the margin; else uncertain.
///
/// Thresholds and why:
/// - margin: `max(3, best evidence / 5)` points of score. Three points is one sign of misreading, or three
///   syllables, so one stray glyph cannot decide; the fifth of the evidence scales with the sample, since on
///   64 KiB a right decoding and a wrong one differ by hundreds of points (every toned letter differs).
/// - clearly Vietnamese, misread: see `VietnameseTextEvidence` (evidence ≥ 2, at most one sign of misreading
///   per four units of evidence).
/// - Plain UTF-8 is preferred on ties because a repair rewrites every non-ASCII letter: it must earn it.
/// - Complexity: up to four decodings and scans of the sample: 2–11 ms per 64 KiB in a release build.
public enum EncodingDetector {
    public static let sampleSize = 64 * 1024
    /// Control bytes (not tab, line ends, or C0 bytes legacy encodings use for letters) per byte, at most.
    static let controlLimit = 0.01

    /// - Parameters:
    ///   - sample: the first `sampleSize` bytes of the file (the whole file when shorter).
    ///   - isWholeFile: whether the sample ends where the file does (else its last character may be cut).
    ///   - knownWords: header words and commune names the file is expected to hold (`Họ và tên chủ hộ`,
    ///     `Lùng Phình`); found, they weigh as four syllables each. Compared case-insensitively.
    ///   - tables: the loaded reference tables (VNI has no converter but ours).
    public static func detect(
        _ sample: UnsafeBufferPointer<UInt8>, isWholeFile: Bool, knownWords: [String], tables: EncodingTables
    ) -> EncodingVerdict {
        if sample.starts(with: [0xFF, 0xFE]) { return .decoded(.utf16LE) }
        if sample.starts(with: [0xFE, 0xFF]) { return .decoded(.utf16BE) }
        let hasBOM = sample.starts(with: [0xEF, 0xBB, 0xBF])
        let body = UnsafeBufferPointer(rebasing: sample[(hasBOM ? 3 : 0)...])
        let plain: TextEncoding = hasBOM ? .utf8BOM : .utf8
        if body.contains(0) {
            guard !hasBOM, let utf16 = UTF16Sniffing.encoding(of: body) else { return .binary }
            return .decoded(utf16)
        }
        if controlCount(body) > Int(controlLimit * Double(body.count)) { return .binary }
        let isASCII = body.allSatisfy { $0 < 0x80 }
        let isUTF8 = isASCII || UTF8Decoder.firstInvalidOffset(completeCharacters(body, isWholeFile)) == nil
        if LostLetters.areLost(in: body, isUTF8: isUTF8) { return .lettersLost }
        if isASCII { return .decoded(plain) }
        let phrases = knownPhrases(knownWords)
        if isUTF8 {
            let candidates = [plain, .tcvn3InUTF8, .vniInUTF8, .doubleUTF8]
            let measured = measure(candidates, sample: sample, isWholeFile: isWholeFile, phrases: phrases, tables: tables)
            return decideUTF8(measured, plain: plain)
        }
        if hasBOM { return .uncertain([]) }
        let measured = measure([.cp1258, .tcvn3, .vni, .viscii], sample: sample, isWholeFile: isWholeFile, phrases: phrases, tables: tables)
        return decideLegacy(measured)
    }

    typealias Measured = (encoding: TextEncoding, evidence: VietnameseTextEvidence)

    /// Plain UTF-8 wins unless a repair is clearly Vietnamese and ahead by the margin.
    static func decideUTF8(_ measured: [Measured], plain: TextEncoding) -> EncodingVerdict {
        guard let plainEvidence = measured.first(where: { $0.encoding == plain })?.evidence else {
            return .uncertain(measured.map(\.encoding))
        }
        let repairs = measured.filter { $0.encoding != plain }
        if let best = repairs.max(by: { $0.evidence.score < $1.evidence.score }), best.evidence.score > plainEvidence.score {
            let ahead = best.evidence.score - plainEvidence.score
            if best.evidence.isClearlyVietnamese, ahead >= margin(best.evidence) { return .decoded(best.encoding) }
            return .uncertain(ranked(measured))
        }
        if plainEvidence.looksMisread { return .uncertain(ranked(measured)) }
        return .decoded(plain)
    }

    /// The best candidate when it is clearly Vietnamese and ahead of the second by the margin.
    static func decideLegacy(_ measured: [Measured]) -> EncodingVerdict {
        let order = measured.sorted { $0.evidence.score > $1.evidence.score }
        guard let best = order.first, best.evidence.isClearlyVietnamese else { return .uncertain(order.map(\.encoding)) }
        if order.count > 1, best.evidence.score - order[1].evidence.score < margin(best.evidence) {
            return .uncertain(order.map(\.encoding))
        }
        return .decoded(best.encoding)
    }

    static func margin(_ best: VietnameseTextEvidence) -> Int { max(3, best.evidence / 5) }

    private static func ranked(_ measured: [Measured]) -> [TextEncoding] {
        measured.sorted { $0.evidence.score > $1.evidence.score }.map(\.encoding)
    }

    /// Decodes the sample with each candidate and measures the text; candidates that fail drop out.
    static func measure(
        _ candidates: [TextEncoding], sample: UnsafeBufferPointer<UInt8>, isWholeFile: Bool, phrases: [[UInt8]],
        tables: EncodingTables
    ) -> [Measured] {
        candidates.compactMap { encoding in
            guard let text = try? decode(sample, as: encoding, isWholeFile: isWholeFile, tables: tables) else { return nil }
            return (encoding, VietnameseTextEvidence(utf8: text, knownPhrases: phrases))
        }
    }

    static func decode(
        _ sample: UnsafeBufferPointer<UInt8>, as encoding: TextEncoding, isWholeFile: Bool, tables: EncodingTables
    ) throws -> [UInt8] {
        let decoder = try encoding.makeDecoder(tables: tables)
        var text: [UInt8] = []
        text.reserveCapacity(sample.count * 2)
        try decoder.decode(UnsafeRawBufferPointer(sample), into: &text)
        if isWholeFile { try decoder.finish(into: &text) }
        return text
    }

    /// The known words worth looking for, lower-cased NFC UTF-8: those with non-ASCII letters (ASCII ones
    /// read the same in every candidate).
    static func knownPhrases(_ words: [String]) -> [[UInt8]] {
        var seen = Set<[UInt8]>()
        return words.compactMap { word in
            let bytes = Array(word.lowercased().utf8)
            let normalized = bytes.withUnsafeBufferPointer { NFCBytes.isNFC($0) ? bytes : NFCBytes.normalized($0) }
            guard normalized.contains(where: { $0 >= 0x80 }), seen.insert(normalized).inserted else { return nil }
            return normalized
        }
    }

    /// Control bytes that no text here holds: C0 other than tab, line ends and the bytes TCVN3 and VISCII use
    /// for capital letters (01 02 04 05 06 11–17, 19, 1E), and DEL.
    static func controlCount(_ bytes: UnsafeBufferPointer<UInt8>) -> Int {
        let allowed: UInt32 = 0x42FE_2676  // bit n set: byte n is allowed
        return bytes.count { byte in byte == 0x7F || (byte < 0x20 && allowed >> UInt32(byte) & 1 == 0) }
    }

    /// The sample without a last character cut by the end of the sample.
    private static func completeCharacters(_ bytes: UnsafeBufferPointer<UInt8>, _ isWholeFile: Bool) -> UnsafeBufferPointer<UInt8> {
        isWholeFile ? bytes : UnsafeBufferPointer(rebasing: bytes[..<UTF8Decoder.completeEnd(bytes)])
    }
}
