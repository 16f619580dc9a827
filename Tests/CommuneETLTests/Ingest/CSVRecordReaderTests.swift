import Testing
@testable import CommuneETL

fileprivate typealias R = ReadRecord

struct CSVRecordReaderTests {
    static let lineEndings = ["\n", "\r\n", "\r"]

    // MARK: - Spreadsheet lines

    @Test(arguments: lineEndings)
    func blankLinesCountAsLinesOfTheSpreadsheet(ending: String) throws {
        let text = ["a,b", "", "c,d", "", "", "e,f"].joined(separator: ending) + ending
        #expect(try CSVReading.records(text) == [R(1, ["a", "b"]), R(3, ["c", "d"]), R(6, ["e", "f"])])
    }

    @Test(arguments: lineEndings)
    func leadingBlankLinesAndLinesOfSpacesCount(ending: String) throws {
        let text = ending + "   " + ending + "a" + ending
        #expect(try CSVReading.records(text) == [R(3, ["a"])])
    }

    @Test(arguments: lineEndings)
    func aQuotedLineBreakStaysInsideItsCellAndLine(ending: String) throws {
        let text = "a,\"one" + ending + "two" + ending + "three\"" + ending + "b,c" + ending + ending + "d" + ending
        #expect(try CSVReading.records(text) == [
            R(1, ["a", "one" + ending + "two" + ending + "three"]), R(2, ["b", "c"]), R(4, ["d"]),
        ])
    }

    @Test(arguments: lineEndings)
    func aLastRecordWithoutALineBreakIsDelivered(ending: String) throws {
        let text = "a,b" + ending + ending + "c,d"
        #expect(try CSVReading.records(text) == [R(1, ["a", "b"]), R(3, ["c", "d"])])
    }

    @Test(arguments: lineEndings)
    func aLastQuotedCellWithoutALineBreakIsDelivered(ending: String) throws {
        #expect(try CSVReading.records("a" + ending + "\"b" + ending + "c\"") == [R(1, ["a"]), R(2, ["b" + ending + "c"])])
    }

    /// Mixed endings, as files pasted together produce: each CR, LF or CRLF ends one line.
    static let mixedEndings: [(String, [Int])] = [
        ("a\r\n\r\nb", [1, 3]),
        ("a\n\r\nb", [1, 3]),
        ("a\r\n\nb", [1, 3]),
        ("a\r\rb", [1, 3]),
        ("a\n\rb", [1, 3]),
        ("a\r\n\n\r\nb\r\n", [1, 4]),
    ]

    @Test(arguments: mixedEndings)
    func mixedLineEndingsEachEndOneLine(text: String, lines: [Int]) throws {
        #expect(try CSVReading.records(text).map(\.line) == lines)
    }

    @Test func aRowOfBareDelimitersIsABlankRecordOnItsLine() throws {
        let reader = CSVRecordReader()
        var seen: [(line: Int, count: Int, blank: Bool)] = []
        let collect: (CSVRecord) -> Void = { seen.append(($0.line, $0.fieldCount, $0.isBlank)) }
        try Array("a,b\n,\n\"\",\" \"\n".utf8).withUnsafeBytes { try reader.parse($0, onRecord: collect) }
        try reader.finish(onRecord: collect)
        #expect(seen.map(\.line) == [1, 2, 3])
        #expect(seen.map(\.count) == [2, 2, 2])
        #expect(seen.map(\.blank) == [false, true, false])
    }

    // MARK: - Field bytes

    static let fieldCases: [(String, [String])] = [
        ("\"Giàng, A Páo\",x", ["Giàng, A Páo", "x"]),
        ("\"say \"\"hi\"\"\",\"\"\"\"", ["say \"hi\"", "\""]),
        ("a,,b,", ["a", "", "b", ""]),
        (",,", ["", "", ""]),
        ("   a b   ,  c", ["a b", "c"]),
        ("\"  a  \",b", ["  a  ", "b"]),
        ("\"a\"  ,b", ["a", "b"]),
        ("\t a \t,b", ["a", "b"]),
        ("Lu\u{300}ng Phi\u{300}nh,Lùng Phình", ["Lu\u{300}ng Phi\u{300}nh", "Lùng Phình"]),
        ("\u{FEFF}STT,x", ["\u{FEFF}STT", "x"]),
    ]

    @Test(arguments: fieldCases)
    func fieldsHoldTheExactBytesOfTheCell(text: String, fields: [String]) throws {
        #expect(try CSVReading.records(text + "\n") == [R(1, fields)])
    }

    /// A cell's value is its field without spaces around it. Only a quoted field keeps such spaces, so a record
    /// without one is marked as trimmed (`trimmedField` then skips the look), on either path of the reader (a
    /// plain line split at once, a line with a quote read byte by byte), and the mark is the record's own.
    @Test func onlyARecordWithAQuotedFieldNeedsItsValuesTrimmed() throws {
        let reader = CSVRecordReader()
        var seen: [(trimmed: Bool, values: [String])] = []
        let collect: (CSVRecord) -> Void = { record in
            seen.append((record.fieldsAreTrimmed, (0..<record.fieldCount).map { String(decoding: record.trimmedField($0), as: UTF8.self) }))
        }
        let text = "  a , b \n\" c \",d\nx, y\n\"\",z\n"
        try Array(text.utf8).withUnsafeBytes { try reader.parse($0, onRecord: collect) }
        try reader.finish(onRecord: collect)
        #expect(seen.map(\.trimmed) == [true, false, true, false])
        #expect(seen.map(\.values) == [["a", "b"], ["c", "d"], ["x", "y"], ["", "z"]])
    }

    @Test func fieldsPastTheLastAreEmpty() throws {
        let reader = CSVRecordReader()
        var lengths: [Int] = []
        try Array("a,b\n".utf8).withUnsafeBytes { bytes in
            try reader.parse(bytes) { record in lengths = [0, 1, 2, 9].map { record.field($0).count } }
        }
        #expect(lengths == [1, 1, 0, 0])
    }

    @Test func aLongCellIsReadWhole() throws {
        let note = String(repeating: "Hộ có người ốm đau. ", count: 10_000)
        #expect(try CSVReading.records("1,\"\(note)\"\n2,x\n") == [R(1, ["1", note]), R(2, ["2", "x"])])
    }

    // MARK: - Chunks

    static let chunked = Array(
        ("Mã hộ,Ghi chú\r\n\r\n\"LP,1\",\"say \"\"hi\"\"\r\nline two\"\r\n  x  ,Lùng Phình\n\nlast,\"row\"").utf8)

    fileprivate static let chunkedRecords = [
        R(1, ["Mã hộ", "Ghi chú"]), R(3, ["LP,1", "say \"hi\"\r\nline two"]), R(4, ["x", "Lùng Phình"]),
        R(6, ["last", "row"]),
    ]

    @Test func theChunkInputReadsInOnePiece() throws {
        #expect(try CSVReading.records(Self.chunked) == Self.chunkedRecords)
    }

    @Test(arguments: Array(0...chunked.count))
    func splittingTheInputAtAnyByteGivesTheSameRecords(split: Int) throws {
        #expect(try CSVReading.records(Self.chunked, splits: [split]) == Self.chunkedRecords)
    }

    @Test func feedingOneByteAtATimeGivesTheSameRecords() throws {
        #expect(try CSVReading.recordsByteByByte(Self.chunked) == Self.chunkedRecords)
    }

    // MARK: - Malformed CSV

    static let syntaxErrors: [(String, Int)] = [
        ("a,b\nc,d\ne,f\"g\nh,i\n", 3),  // stray quote inside an unquoted cell
        ("a,b\r\n\r\nGiàng \"A\" Páo,x\r\n", 3),  // after a blank CRLF line
        ("a,\"x\ny\nz\"\nb\"c\n", 2),  // after a cell holding line breaks
        ("\"ab\"c,d\n", 1),  // text after a closing quote
        ("a,b\nc,\"open\nmore\n", 2),  // unterminated at the end: the record begins on line 2
        ("a\rb\r\"c", 3),  // unterminated, CR endings
        ("a,b\n\nc,\"d", 3),  // unterminated, no final line break
    ]

    @Test(arguments: syntaxErrors)
    func malformedQuotesThrowWithTheLineOfTheRecord(text: String, line: Int) throws {
        let error = #expect(throws: CSVSyntaxError.self) { try CSVReading.records(text) }
        #expect(error?.line == line)
    }

    @Test(arguments: [1, 5, 9])
    func theErrorLineDoesNotDependOnChunking(split: Int) throws {
        let error = #expect(throws: CSVSyntaxError.self) { try CSVReading.records("a,b\nc,d\ne,f\"g\nh,i\n", splits: [split]) }
        #expect(error?.line == 3)
    }

    @Test func recordsBeforeTheErrorAreDeliveredAndNothingAfterIt() throws {
        let reader = CSVRecordReader()
        var lines: [Int] = []
        let collect: (CSVRecord) -> Void = { lines.append($0.line) }
        let first = Array("a,b\nc\"d,e\n".utf8), second = Array("f,g\n".utf8)
        #expect(throws: CSVSyntaxError.self) { try first.withUnsafeBytes { try reader.parse($0, onRecord: collect) } }
        try second.withUnsafeBytes { try reader.parse($0, onRecord: collect) }
        try reader.finish(onRecord: collect)
        #expect(lines == [1])
    }

    @Test func theErrorNamesAnUnclosedQuoteApartFromAStrayOne() throws {
        #expect(throws: CSVSyntaxError(line: 2, detail: "unclosed_quote")) { try CSVReading.records("a\n\"b") }
        #expect(throws: CSVSyntaxError(line: 2, detail: "stray_quote")) { try CSVReading.records("a\nb\"c\n") }
    }

    // MARK: - Other delimiters

    @Test func semicolonSplitsAndCommasStayInsideCells() throws {
        let text = "Mã hộ;Thu nhập;Ghi chú\n LP-1 ;1,5;\"a;b\"\n"
        #expect(try CSVReading.records(text, delimiter: UInt8(ascii: ";")) == [
            R(1, ["Mã hộ", "Thu nhập", "Ghi chú"]), R(2, ["LP-1", "1,5", "a;b"]),
        ])
    }

    static let tabCases: [(String, [String])] = [
        ("a\t\tc", ["a", "", "c"]),
        ("\tb\t", ["", "b", ""]),
        ("a\t \tc", ["a", "", "c"]),
        ("  b  \tc", ["b", "c"]),
        ("\"q\tr\"\t, ;", ["q\tr", ", ;"]),
        ("\"  b\"\tc", ["  b", "c"]),
    ]

    @Test(arguments: tabCases)
    func tabSplitsAndEmptyCellsBetweenTabsSurvive(text: String, fields: [String]) throws {
        #expect(try CSVReading.records(text + "\r\n", delimiter: 0x09) == [R(1, fields)])
    }
}
