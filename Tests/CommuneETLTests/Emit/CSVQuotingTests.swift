import Testing
@testable import CommuneETL

@Suite struct CSVQuotingTests {
    static let cases: [(field: String, expected: String)] = [
        ("plain", "plain"),
        ("", ""),
        ("a,b", "\"a,b\""),
        ("say \"hi\"", "\"say \"\"hi\"\"\""),
        ("\"", "\"\"\"\""),
        ("line1\nline2", "\"line1\nline2\""),
        ("a\rb", "\"a\rb\""),
        ("a\r\nb", "\"a\r\nb\""),
        ("  leading space", "  leading space"),
        ("trailing space ", "trailing space "),
        ("Phường Bến Nghé", "Phường Bến Nghé"),
        ("Nguyễn Văn A, Trần Thị B", "\"Nguyễn Văn A, Trần Thị B\""),
        ("0012", "0012"),
        ("tab\there;semi", "tab\there;semi"),
    ]

    @Test(arguments: cases)
    func quotesOnlyWhenNeeded(field: String, expected: String) {
        var buffer: [UInt8] = []
        CSVQuoting.append(field: field, to: &buffer)
        #expect(String(decoding: buffer, as: UTF8.self) == expected)
    }

    @Test(arguments: cases)
    func byteOverloadsAgreeWithString(field: String, expected: String) {
        var fromArray: [UInt8] = []
        CSVQuoting.append(field: Array(field.utf8), to: &fromArray)
        var fromPointer: [UInt8] = []
        Array(field.utf8).withUnsafeBufferPointer { CSVQuoting.append(field: $0, to: &fromPointer) }
        #expect(fromArray == Array(expected.utf8))
        #expect(fromPointer == Array(expected.utf8))
    }

    @Test func appendsAfterExistingBytes() {
        var buffer = Array("id,".utf8)
        CSVQuoting.append(field: "a\"b", to: &buffer)
        buffer.append(0x2C)
        CSVQuoting.append(field: "c", to: &buffer)
        #expect(String(decoding: buffer, as: UTF8.self) == "id,\"a\"\"b\",c")
    }
}
