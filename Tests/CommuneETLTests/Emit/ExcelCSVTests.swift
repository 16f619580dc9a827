import Testing
@testable import CommuneETL

/// The lists made for people open in Excel as text: no cell is ever evaluated as a formula.
struct ExcelCSVTests {
    /// Cells a spreadsheet would read as a formula, or hide one behind a control character.
    static let injections = ["=1+1", "+SUM(A1)", "-2", "@x", "\tx", "\rx"]

    @Test(arguments: injections)
    func aFormulaInAnyColumnIsNeutralised(_ payload: String) throws {
        let bytes = ExcelCSV.encode(header: ["a", "b", "c"], rows: [[payload, payload, payload]])
        let body = String(decoding: bytes.dropFirst(3), as: UTF8.self)
        let cell = payload.hasPrefix("\r") ? "\"'\(payload)\"" : "'" + payload  // CR forces quoting
        #expect(body == "a,b,c\r\n\(cell),\(cell),\(cell)\r\n")
    }

    @Test func safeCellsAreUnchanged() {
        #expect(ExcelCSV.neutralised("Lùng Phình") == "Lùng Phình")
        #expect(ExcelCSV.neutralised("1+1=") == "1+1=")
        #expect(ExcelCSV.neutralised("") == "")
    }

    @Test func aListStartsWithTheByteOrderMarkAndEndsLinesWithCRLF() {
        let bytes = ExcelCSV.encode(header: ["Xã"], rows: [["Lùng Phình"], ["a,\"b\""]])
        #expect(Array(bytes.prefix(3)) == [0xEF, 0xBB, 0xBF])
        #expect(String(decoding: bytes.dropFirst(3), as: UTF8.self) == "Xã\r\nLùng Phình\r\n\"a,\"\"b\"\"\"\r\n")
    }
}

/// File names made from commune and office names stay inside their folder, short and predictable.
struct SafeFileNameTests {
    @Test(arguments: [
        (["02848", "Lùng Phình"], "02848-lung-phinh.csv"),
        (["../x"], "x.csv"),
        (["..", "/", "."], "unnamed.csv"),
        (["Xã Lùng Phình"], "xa-lung-phinh.csv"),
        (["a/b\\c:d*e?f\"g<h>i|j\u{0}k"], "a-b-c-d-e-f-g-h-i-j-k.csv"),
        (["Đắk Lắk"], "dak-lak.csv"),
    ])
    func hostileNamesGiveSafeNames(_ parts: [String], _ expected: String) {
        #expect(SafeFileName.make(parts, extension: "csv") == expected)
    }

    @Test func aVeryLongNameIsCutAndKeepsAHashOfTheWhole() {
        let long = SafeFileName.make([String(repeating: "Lùng Phình ", count: 40)], extension: "csv")
        let other = SafeFileName.make([String(repeating: "Lùng Phình ", count: 41)], extension: "csv")
        #expect(long.utf8.count <= SafeFileName.maxLength + 4)
        #expect(long.hasPrefix("lung-phinh-lung-phinh-"))
        #expect(long != other)
        #expect(long == SafeFileName.make([String(repeating: "Lùng Phình ", count: 40)], extension: "csv"))
        #expect(long.utf8.allSatisfy { ($0 >= 0x61 && $0 <= 0x7A) || ($0 >= 0x30 && $0 <= 0x39) || $0 == 0x2D || $0 == 0x2E })
    }
}
