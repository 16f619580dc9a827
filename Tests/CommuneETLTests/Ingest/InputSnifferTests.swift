import Testing
@testable import CommuneETL

struct InputSnifferTests {
    private static func sniff(_ bytes: [UInt8], isWholeFile: Bool = true) -> InputSniffer.Verdict {
        bytes.withUnsafeBufferPointer { InputSniffer.sniff($0, isWholeFile: isWholeFile) }
    }

    private static let comma = UInt8(ascii: ","), semicolon = UInt8(ascii: ";"), tab = UInt8(0x09)
    private static let header = Array("Mã hộ,Họ và tên chủ hộ,Xã\nLP-1,Giàng A Páo,Lùng Phình\n".utf8)
    /// The FILE-ENCODING detail codes (their texts live in `file-rules.yaml`).
    private static let notUTF8 = "not_utf8", utf16Code = "utf16", binaryCode = "binary"

    // MARK: - Encoding

    @Test func plainUTF8IsReadableWithNothingToSkip() {
        #expect(Self.sniff(Self.header) == .readable(encoding: "UTF-8", bomLength: 0, delimiter: Self.comma))
    }

    @Test func utf8WithBOMSkipsThreeBytes() {
        #expect(Self.sniff([0xEF, 0xBB, 0xBF] + Self.header)
            == .readable(encoding: "UTF-8 with BOM", bomLength: 3, delimiter: Self.comma))
    }

    @Test func aFileHoldingOnlyABOMIsReadable() {
        #expect(Self.sniff([0xEF, 0xBB, 0xBF]) == .readable(encoding: "UTF-8 with BOM", bomLength: 3, delimiter: Self.comma))
    }

    static let utf16Files: [[UInt8]] = [
        [0xFF, 0xFE, 0x4D, 0x00, 0xE3, 0x00, 0x09, 0x00],  // UTF-16LE "Mã\t"
        [0xFE, 0xFF, 0x00, 0x4D, 0x00, 0xE3, 0x00, 0x09],  // UTF-16BE "Mã\t"
    ]

    @Test(arguments: utf16Files)
    func utf16WithBOMIsUnreadable(bytes: [UInt8]) {
        #expect(Self.sniff(bytes) == .unreadable(Self.utf16Code))
        #expect(Self.sniff(bytes, isWholeFile: false) == .unreadable(Self.utf16Code))
    }

    static let binary: [[UInt8]] = [
        Array("a,b\n".utf8) + [0x00] + Array("c\n".utf8),
        [0xEF, 0xBB, 0xBF, 0x00],
        [0x4D, 0x00, 0xE3, 0x00, 0x2C, 0x00],  // UTF-16LE without its BOM
        [0x50, 0x4B, 0x03, 0x04, 0x14, 0x00, 0x06, 0x00],  // an .xlsx (zip) renamed .csv
    ]

    @Test(arguments: binary)
    func nulBytesMeanBinaryContent(bytes: [UInt8]) {
        #expect(Self.sniff(bytes) == .unreadable(Self.binaryCode))
    }

    /// Windows-1258 / TCVN3 / VNI bytes are not UTF-8.
    static let legacy: [[UInt8]] = [
        Array("X".utf8) + [0xE3, 0x2C] + Array("L".utf8) + [0xF9] + Array("ng Ph".utf8) + [0xEC] + Array("nh\n".utf8),  // CP1258
        Array("a,b\n".utf8) + [0xC3],  // a lead byte with nothing after it, at the very end
        [0xC0, 0x80],  // overlong encoding of NUL
        [0xED, 0xA0, 0x80],  // a UTF-16 surrogate encoded in UTF-8
    ]

    @Test(arguments: legacy)
    func invalidUTF8IsUnreadable(bytes: [UInt8]) {
        #expect(Self.sniff(bytes) == .unreadable(Self.notUTF8))
    }

    /// `ộ` is E1 BB 99, `😀` is F0 9F 98 80: cuts inside them at the end of a sample.
    static let cuts: [[UInt8]] = [
        Array("a,H".utf8) + [0xE1],
        Array("a,H".utf8) + [0xE1, 0xBB],
        Array("a,b".utf8) + [0xF0, 0x9F],
        Array("a,b".utf8) + [0xF0, 0x9F, 0x98],
        Array("ộ".utf8) + [0xC3],
    ]

    @Test(arguments: cuts)
    func aSampleCutInsideACharacterIsReadableOnlyWhenMoreFollows(bytes: [UInt8]) {
        #expect(Self.sniff(bytes, isWholeFile: false) == .readable(encoding: "UTF-8", bomLength: 0, delimiter: Self.comma))
        #expect(Self.sniff(bytes, isWholeFile: true) == .unreadable(Self.notUTF8))
    }

    @Test func aCutSampleStillRefusesInvalidBytesBeforeItsTail() {
        let bytes = Array("a,".utf8) + [0xE3, 0x2C] + Array("Hộ".utf8).dropLast()
        #expect(Self.sniff(Array(bytes), isWholeFile: false) == .unreadable(Self.notUTF8))
    }

    // MARK: - Delimiter

    static let delimiters: [(String, UInt8)] = [
        ("STT,Mã hộ,Họ và tên chủ hộ\n1,LP-1,Giàng A Páo\n", comma),
        ("STT;Mã hộ;Thu nhập BQ\n1;LP-1;\"1,5\"\n2;\"LP,2\";\"1,234,567\"\n", semicolon),
        ("STT\tMã hộ\tThu nhập BQ\n1\tLP-1\t1,5\n", tab),
        ("STT\tGhi chú\n1\t\"a, b, c, d\"\n", tab),
        ("Mã hộ\n", comma),  // nothing to count: the default
        ("a;b,c\n", comma),  // a tie keeps the comma
        ("a;b;c\td\te\n", semicolon),
        ("\"say \"\"a,b,c\"\"\";x;y\n", semicolon),  // doubled quotes keep the cell quoted
    ]

    @Test(arguments: delimiters)
    func theDelimiterIsTheOneUsedMostOutsideQuotes(text: String, delimiter: UInt8) {
        #expect(Self.sniff(Array(text.utf8)) == .readable(encoding: "UTF-8", bomLength: 0, delimiter: delimiter))
    }

    @Test func theBOMIsNotCountedAsPartOfTheFirstCellForTheDelimiter() {
        let bytes: [UInt8] = [0xEF, 0xBB, 0xBF] + Array("STT;Mã hộ;Xã\n".utf8)
        #expect(Self.sniff(bytes) == .readable(encoding: "UTF-8 with BOM", bomLength: 3, delimiter: Self.semicolon))
    }
}
