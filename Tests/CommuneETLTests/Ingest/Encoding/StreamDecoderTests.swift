import Testing
@testable import CommuneETL

/// Failures, flushes and edge cases of the streaming decoders.
struct StreamDecoderTests {
    private static func decode(_ bytes: [UInt8], _ decoder: any StreamDecoder, chunkSize: Int? = nil) throws -> [UInt8] {
        try EncodingFixtures.decode(bytes, with: decoder, chunkSize: chunkSize)
    }

    private static func failure(_ body: () throws -> Void) -> DecodingFailure? {
        do {
            try body()
            return nil
        } catch {
            return error as? DecodingFailure
        }
    }

    // MARK: - iconv

    @Test(arguments: [3, 7, 1 << 20])
    func anInvalidWindows1258ByteThrowsAtItsOffset(chunkSize: Int) throws {
        // 81 is undefined in Windows-1258, here at offset 10 of the stream.
        let bytes: [UInt8] = Array("STT,Ho".utf8) + [0xF2, 0x20, 0x76, 0xE0, 0x81] + Array(" ten\r\n".utf8)
        let failure = Self.failure { _ = try Self.decode(bytes, IconvDecoder(from: "CP1258"), chunkSize: chunkSize) }
        #expect(failure == DecodingFailure(.invalidBytes, at: 10))
    }

    @Test(arguments: ["CP1258", "TCVN5712-1"])
    func theLastLetterHeldBackByIconvIsFlushed(encoding: String) throws {
        // "Hoà" with no line end: iconv keeps the à waiting for a combining mark until the flush.
        let bytes: [UInt8] = encoding == "CP1258" ? [0x48, 0x6F, 0xE0] : [0x48, 0x6F, 0xB5]
        #expect(try Self.decode(bytes, IconvDecoder(from: encoding)) == Array("Hoà".utf8))
    }

    @Test func windows1258CombiningMarksComposeAcrossChunks() throws {
        // "Mỷ" is M y + combining hook (D2): every split point must give the precomposed letter.
        let bytes: [UInt8] = [0x4D, 0x79, 0xD2]
        for split in 0...bytes.count {
            #expect(try EncodingFixtures.decode(bytes, with: IconvDecoder(from: "CP1258"), splitAt: split) == Array("Mỷ".utf8))
        }
    }

    @Test func utf16EndingInHalfACharacterIsTruncated() throws {
        let bytes: [UInt8] = [0xFF, 0xFE, 0x41, 0x00, 0x42]
        let failure = Self.failure { _ = try Self.decode(bytes, IconvDecoder(from: "UTF-16LE"), chunkSize: 2) }
        #expect(failure == DecodingFailure(.truncated, at: 4))
    }

    @Test func utf16SurrogatePairsSurviveEverySplit() throws {
        let text = "A😀ạ"
        let bytes = Array(text.utf16).flatMap { [UInt8($0 & 0xFF), UInt8($0 >> 8)] }
        for split in 0...bytes.count {
            #expect(try EncodingFixtures.decode(bytes, with: IconvDecoder(from: "UTF-16LE"), splitAt: split) == Array(text.utf8))
        }
    }

    @Test func anUnknownEncodingIsReportedAsUnavailable() {
        #expect(Self.failure { _ = try IconvDecoder(from: "NO-SUCH-ENCODING") } == DecodingFailure(.converterUnavailable, at: 0))
    }

    // MARK: - UTF-8

    @Test(arguments: [1, 2, 1 << 20])
    func illFormedUTF8ThrowsAtItsOffset(chunkSize: Int) {
        // "Hà" then C3 followed by an ASCII letter at offset 3.
        let bytes: [UInt8] = [0x48, 0xC3, 0xA0, 0xC3, 0x41, 0x42]
        #expect(Self.failure { _ = try Self.decode(bytes, UTF8Decoder(), chunkSize: chunkSize) } == DecodingFailure(.invalidBytes, at: 3))
    }

    @Test func utf8EndingInsideACharacterIsTruncated() {
        let bytes: [UInt8] = [0x48, 0xE1, 0xBB]
        #expect(Self.failure { _ = try Self.decode(bytes, UTF8Decoder(), chunkSize: 1) } == DecodingFailure(.truncated, at: 1))
    }

    @Test func aFileHoldingOnlyAByteOrderMarkDecodesToNothing() throws {
        #expect(try Self.decode([0xEF, 0xBB, 0xBF], UTF8Decoder(), chunkSize: 1) == [])
        #expect(try Self.decode([0xEF, 0xBB, 0xBF, 0x41], UTF8Decoder(normalizesToNFC: false), chunkSize: 1) == [0x41])
    }

    @Test func onlyALeadingByteOrderMarkIsDropped() throws {
        let bom: [UInt8] = [0xEF, 0xBB, 0xBF]
        #expect(try Self.decode(bom + [0x41] + bom, UTF8Decoder(), chunkSize: 2) == [0x41] + bom)
    }

    // MARK: - VNI

    @Test(arguments: [1, 1 << 20])
    func vniReadsPairsGreedilyAndSingleLettersAlone(chunkSize: Int) throws {
        // ư (F6), ừ (F6 F8), ơ (F4) then ờ (F4 F8): "người"; ô is o + E2; ị is F2 alone; ø after n stays ø.
        let bytes: [UInt8] = [0x6E, 0x67, 0xF6, 0xF4, 0xF8, 0x69, 0x20, 0x6F, 0xE2, 0x20, 0xF2, 0x20, 0x6E, 0xF8]
        let decoder = VNIDecoder(table: EncodingFixtures.tables.vni)
        #expect(try Self.decode(bytes, decoder, chunkSize: chunkSize) == Array("người ô ị nø".utf8))
    }

    @Test func aVowelEndingTheFileIsDecodedAlone() throws {
        #expect(try Self.decode([0x48, 0x6F], VNIDecoder(table: EncodingFixtures.tables.vni), chunkSize: 1) == Array("Ho".utf8))
    }

    @Test func aByteWindows1252LeavesUndefinedIsNoVNIText() {
        let bytes: [UInt8] = [0x61, 0x62, 0x61, 0x81]
        let failure = Self.failure { _ = try Self.decode(bytes, VNIDecoder(table: EncodingFixtures.tables.vni), chunkSize: 1) }
        #expect(failure == DecodingFailure(.invalidBytes, at: 3))
    }

    @Test func everyVNIByteAndPairDecodesToNFC() throws {
        // The output stage never has to normalise: no VNI character is a combining mark.
        let table = EncodingFixtures.tables.vni
        for first in UInt8(0x20)...0xFF where table.single[Int(first)] != 0 {
            for second in UInt8(0x20)...0xFF where table.single[Int(second)] != 0 {
                let output = try Self.decode([first, second], VNIDecoder(table: table))
                #expect(output.withUnsafeBufferPointer { NFCBytes.isNFC($0) }, "\(first) \(second)")
            }
        }
    }

    @Test(arguments: [
        ("char\tunicode\tvni_bytes_hex\nà\tU+00E1\t61 F8\n", 2),
        ("char\tunicode\tvni_bytes_hex\nà\tU+00E0\t61 F8 F8\n", 2),
        ("char\tunicode\tvni_bytes_hex\nà\tU+00E0\t61 F8\nà\tU+00E0\t61 F8\n", 3),
        ("char\tunicode\nà\tU+00E0\n", 2),
    ])
    func aMalformedVNITableRowIsRejectedWithItsLine(tsv: String, line: Int) {
        let error = #expect(throws: EncodingTableError.self) { try VNITable(tsv: tsv, path: "t.tsv") }
        #expect(error?.line == line)
    }

    @Test func aMissingVNITableFileIsReported() {
        #expect(throws: EncodingTableError(path: "/nonexistent/vni.tsv", line: 0, message: "cannot read the file")) {
            try VNITable(contentsOf: "/nonexistent/vni.tsv")
        }
    }

    // MARK: - Glyph repair

    @Test func aCharacterWithNoSingleByteFormStopsTheRepair() throws {
        // TCVN3 glyphs "Hoµng" then a real "ạ" (U+1EA1) at offset 7: a repair must not guess.
        let bytes = Array("Hoµng ạ".utf8)
        let decoder = GlyphRepairDecoder(inner: try IconvDecoder(from: "TCVN5712-1"))
        #expect(Self.failure { _ = try Self.decode(bytes, decoder, chunkSize: 3) } == DecodingFailure(.noSingleByteForm, at: 7))
    }

    @Test func tcvn3CapitalsInC1AndC0PositionsAreRepaired() throws {
        // TCVN3 81 (Ả) arrives as U+0081, 01 (Ú) as U+0001; both go back to their byte.
        let bytes = Array("\u{81}nh \u{01}t".utf8)
        let decoder = GlyphRepairDecoder(inner: try IconvDecoder(from: "TCVN5712-1"))
        #expect(try Self.decode(bytes, decoder, chunkSize: 1) == Array("Ảnh Út".utf8))
    }

    @Test(arguments: [1, 4, 1 << 20])
    func aDoubleEncodingThatIsNotUTF8UnderneathFailsAtTheCharacter(chunkSize: Int) {
        // "HoÃ" then "x": C3 78 is no UTF-8, so the repair fails at "Ã" (offset 2).
        let bytes = Array("HoÃx".utf8)
        let decoder = GlyphRepairDecoder(inner: UTF8Decoder())
        #expect(Self.failure { _ = try Self.decode(bytes, decoder, chunkSize: chunkSize) } == DecodingFailure(.invalidBytes, at: 2))
    }

    @Test func aFailureInACharacterTheInnerDecoderCarriedIsReportedWhereItStarted() {
        // "HoÃ" ends the first chunk: the inner UTF-8 decoder keeps C3 waiting. The next, larger chunk begins
        // with "x", which cannot continue it: the failure is at "Ã" (offset 2), in the previous chunk.
        let decoder = GlyphRepairDecoder(inner: UTF8Decoder())
        let first = Array("HoÃ".utf8), second = Array("x".utf8) + Array(repeating: UInt8(ascii: "a"), count: 100)
        var output: [UInt8] = []
        let failure = Self.failure {
            try first.withUnsafeBytes { try decoder.decode($0, into: &output) }
            try second.withUnsafeBytes { try decoder.decode($0, into: &output) }
        }
        #expect(failure == DecodingFailure(.invalidBytes, at: 2))
    }

    @Test func aDoubleEncodingCutAtTheEndOfTheFileIsTruncated() {
        // "á»" is the start of a three-byte character whose last byte is missing.
        let bytes = Array("Há»".utf8)
        let decoder = GlyphRepairDecoder(inner: UTF8Decoder())
        #expect(Self.failure { _ = try Self.decode(bytes, decoder, chunkSize: 1) } == DecodingFailure(.truncated, at: 1))
    }
}
