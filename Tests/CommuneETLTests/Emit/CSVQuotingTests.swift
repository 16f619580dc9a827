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

    /// The row encoder's output copies and checks a field in one pass (`ByteOutput.appendUnquotedField`):
    /// it must write what the array's scan-then-copy writes, after bytes already there.
    @Test(arguments: cases)
    func flatStorageWritesWhatAnArrayWrites(field: String, expected: String) {
        var flat = FlatStorage<UInt8>(capacity: 1)
        flat.append(UInt8(ascii: ","))
        CSVQuoting.append(field: field, to: &flat)
        #expect(Array(flat.buffer(0..<flat.count)) == Array(("," + expected).utf8))
    }
}
