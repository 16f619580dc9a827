import Testing
@testable import CommuneETL

struct DelimiterSnifferTests {
    static let comma = UInt8(ascii: ",")
    static let semicolon = UInt8(ascii: ";")
    static let tab = UInt8(ascii: "\t")

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
        #expect(Array(text.utf8).withUnsafeBufferPointer(DelimiterSniffer.delimiter(in:)) == delimiter)
    }

    @Test func commasInTitleRowsDoNotOutvoteSemicolonsInTheData() {
        let text = "DANH SÁCH HỘ NGHÈO, HỘ CẬN NGHÈO, NĂM 2023\nUBND XÃ LÙNG PHÌNH, HUYỆN BẮC HÀ\n"
            + "STT;Mã hộ;Họ và tên chủ hộ;Thu nhập BQ\n1;LP-1;Giàng A Páo;\"1.200.000\"\n2;LP-2;Lù Seo Sử;1.450.000\n"
        #expect(Array(text.utf8).withUnsafeBufferPointer(DelimiterSniffer.delimiter(in:)) == Self.semicolon)
    }
}
