import Testing
@testable import CommuneETL

/// The date a small sheet gives itself, found before its rows are read.
@Suite struct FileDateScanTests {
    @Test(arguments: [
        ("STT,Thôn\r\n1,Thôn A\r\n,\"Bắc Hà, ngày 15 tháng 12 năm 2025\"\r\n,NGƯỜI LẬP BIỂU\r\n", UInt8(ascii: ","), "2025-12-15"),
        ("STT;Thôn\n1;Thôn A\n;Tả Củ Tỷ, ngày 5 tháng 7 năm 2025\n", UInt8(ascii: ";"), "2025-07-05"),
        ("STT,Thôn\n1,Thôn Nậm Ngàn 2023\n", UInt8(ascii: ","), nil),
        ("STT,Ngày\n1,15/12/2025\n", UInt8(ascii: ","), nil),
    ] as [(String, UInt8, String?)])
    func findsTheLastDateLine(text: String, delimiter: UInt8, date: String?) {
        #expect(FileDateScan.lastDate(in: Array(text.utf8), delimiter: delimiter) == date)
    }
}
