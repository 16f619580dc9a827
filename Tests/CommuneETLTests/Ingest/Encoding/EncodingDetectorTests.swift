import Testing
@testable import CommuneETL

/// Detection on files other than the reference samples: damaged, binary, foreign, ambiguous.
struct EncodingDetectorTests {
    private static func detect(_ bytes: [UInt8], knownWords: [String] = []) -> EncodingVerdict {
        EncodingFixtures.detect(bytes, knownWords: knownWords)
    }

    /// Latin-1 bytes of a text whose characters are all below U+0100 (and outside 80–9F).
    private static func latin1(_ text: String) -> [UInt8] {
        text.unicodeScalars.map { UInt8($0.value) }
    }

    @Test(arguments: [[], EncodingFixtures.knownWords])
    func textSavedThroughWindows1252HasLostItsLetters(knownWords: [String]) {
        // The sample with every letter Windows-1252 lacks replaced by "?", as Excel "CSV" on English Windows saves it.
        let damaged = Self.latin1(
            "STT,H? và tên ch? h?,Xã,Thu nh?p\r\n1,Hoàng Th? M?,Lùng Phình,1.200.000\r\n"
                + "2,Lù Seo S?,C?c Ly,1.450.000\r\n3,Nguy?n V?n ??c,B?n Ph?,2.100.000\r\n")
        #expect(Self.detect(damaged, knownWords: knownWords) == .lettersLost)
    }

    @Test func lostLettersInPureASCIIAreLost() {
        #expect(Self.detect(Array("Ho ten,Xa\nHo?ng Th? M?,L?ng Ph?nh\n".utf8)) == .lettersLost)
    }

    @Test func questionMarksEndingEnglishWordsOrStartingAQueryAreNotLostLetters() {
        let text = "Name,Married?,Employed?,Owns land?,Link\nAn,yes,no,yes,http://x.vn/page?id=5&lang=vi\n"
        #expect(Self.detect(Array(text.utf8)) == .decoded(.utf8))
    }

    @Test(arguments: [1, 2, 3, 4, 5])
    func randomBytesAreNeverDecoded(seed: UInt64) {
        var generator = SampleRandom(seed: seed)  // the project's deterministic SplitMix64
        let bytes = (0..<4096).map { _ in UInt8.random(in: 0...255, using: &generator) }
        #expect(Self.detect(bytes) == .binary)
        let withoutNUL = bytes.filter { $0 != 0 }
        let verdict = Self.detect(withoutNUL)
        #expect(verdict == .binary || { if case .uncertain = verdict { true } else { false } }())
    }

    @Test(arguments: [1, 2, 3])
    func randomHighBytesWithoutControlsAreNeverDecoded(seed: UInt64) {
        var generator = SampleRandom(seed: seed)  // the project's deterministic SplitMix64
        let bytes = (0..<4096).map { _ in UInt8.random(in: 0x80...0xFF, using: &generator) }
        guard case .uncertain = Self.detect(bytes) else {
            Issue.record("random high bytes decoded as \(Self.detect(bytes))")
            return
        }
    }

    @Test func plainEnglishASCIIIsUTF8() {
        let text = "id,name,village,income\n1,John Smith,North Hill,1200000\n2,Mary Jones,East Lake,1450000\n"
        #expect(Self.detect(Array(text.utf8)) == .decoded(.utf8))
        #expect(Self.detect([0xEF, 0xBB, 0xBF] + Array(text.utf8)) == .decoded(.utf8BOM))
    }

    @Test func anEmptySampleIsUTF8() {
        #expect(Self.detect([]) == .decoded(.utf8))
    }

    @Test func nulBytesWithoutUTF16AreBinary() {
        #expect(Self.detect(Array("STT,Họ tên\n".utf8) + [0, 0, 0x50, 0x4B, 0x03, 0x04]) == .binary)
        #expect(Self.detect([0x50, 0x4B, 0x03, 0x04, 0x14, 0x00, 0x06, 0x00, 0x08, 0x00, 0x00, 0x00, 0x21, 0x00]) == .binary)
    }

    @Test func controlBytesMakeAFileBinary() {
        // ESC and form feed in text: no encoding here writes letters with them.
        let bytes = Array("STT,Ho ten\n".utf8) + [0x1B, 0x0C, 0x1B, 0x0C] + Array(" abc".utf8)
        #expect(Self.detect(bytes) == .binary)
    }

    @Test(arguments: [(true, TextEncoding.utf16LE), (false, .utf16BE)])
    func utf16WithoutAByteOrderMarkIsRecognisedByItsNULs(littleEndian: Bool, encoding: TextEncoding) throws {
        let units = Array(EncodingFixtures.text(EncodingFixtures.expected).utf16)
        let bytes = units.flatMap { littleEndian ? [UInt8($0 & 0xFF), UInt8($0 >> 8)] : [UInt8($0 >> 8), UInt8($0 & 0xFF)] }
        #expect(Self.detect(bytes) == .decoded(encoding))
        let decoder = try encoding.makeDecoder(tables: EncodingFixtures.tables)
        #expect(try EncodingFixtures.decode(bytes, with: decoder) == EncodingFixtures.expected)
    }

    @Test func legacyGlyphsMixedWithRealUnicodeLettersAreUncertain() {
        // A workbook typed partly in .VnTime, partly in Unicode: the repair cannot apply and the plain reading
        // is garbled, so neither may be chosen silently.
        let text = "STT,Họ và tên,Xã\n1,Hoµng ThÞ Mû,Lïng Ph×nh\n2,Lï Seo Sö,Cèc Ly\n3,NguyÔn V¨n §øc,B¶n Phè\n"
        guard case .uncertain(let candidates) = Self.detect(Array(text.utf8)) else {
            Issue.record("decoded as \(Self.detect(Array(text.utf8)))")
            return
        }
        #expect(candidates.first == .utf8)
    }

    @Test func westernEuropeanTextInWindows1252IsUncertain() {
        let text = "Nom,Prénom,Ville\nDupont,René,Besançon\nMüller,Jürgen,Köln\nGarçía,José,Málaga\n"
        guard case .uncertain = Self.detect(Self.latin1(text)) else {
            Issue.record("decoded as \(Self.detect(Self.latin1(text)))")
            return
        }
    }

    @Test func utf8WithAFewWesternLettersStaysUTF8() {
        let text = "STT,Họ và tên chủ hộ,Ghi chú\n1,Hoàng Thị Mỷ,Café Lùng Phình\n"
        #expect(Self.detect(Array(text.utf8)) == .decoded(.utf8))
    }

    @Test func knownWordsMatchWhateverTheirCaseAndForm() {
        // Headings typed in .VnTimeH come out lower-case; known words may arrive decomposed.
        let phrases = EncodingDetector.knownPhrases(["HỌ VÀ TÊN", "Ho\u{0323} te\u{0302}n", "STT", "Họ và tên"])
        #expect(phrases == [Array("họ và tên".utf8), Array("họ tên".utf8)])
        let evidence = VietnameseTextEvidence(utf8: Array("STT,HỌ VÀ TÊN\n".utf8), knownPhrases: phrases)
        #expect(evidence.knownPhrases == 1)
        #expect(evidence.syllables == 3)
    }
}
