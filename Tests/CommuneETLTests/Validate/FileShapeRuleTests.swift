import Testing
@testable import CommuneETL

/// File-level and row-shape faults (`file-rules.yaml`), read through `FileProcessor`.
struct FileShapeRuleTests {
    private static let clean = HouseholdLine()
    private static let second = HouseholdLine().with { $0.number = "2"; $0.code = "LP-002" }
    private static let secondCanonical = HouseholdLine.cleanCanonical
        .replacingOccurrences(of: "LP-001", with: "LP-002").replacingOccurrences(of: ".csv,2", with: ".csv,3")

    @Test func aRowWithFewerCellsIsARowCellsErrorAndTheOtherRowsAreKept() throws {
        let short = Self.clean.with { $0.notes = "" }.text.dropLast()  // 24 cells
        let text = [HouseholdLine.header, String(short), Self.second.text].joined(separator: "\n") + "\n"
        let result = try RuleProbe.run(text: text)
        #expect(result.anomalies == ["2:ROW-CELLS:"])
        let anomaly = try #require(result.anomaly("ROW-CELLS"))
        #expect(anomaly.expected == "25 cells")
        #expect(anomaly.messageEN.hasPrefix("Line 2 has 24 cells"))
        #expect(result.rows == [Self.secondCanonical])
        #expect(result.outcome.rowsRead == 2)
        #expect(result.outcome.rowsKept == 1)
    }

    @Test func aRowWithAnExtraFilledCellIsARowCellsError() throws {
        let text = [HouseholdLine.header, Self.clean.text + ",lạc cột", Self.second.text].joined(separator: "\n") + "\n"
        let result = try RuleProbe.run(text: text)
        #expect(result.anomalies == ["2:ROW-CELLS:"])
        #expect(result.rows == [Self.secondCanonical])
    }

    @Test func trailingEmptyCellsBeyondTheHeaderAreAccepted() throws {
        let text = [HouseholdLine.header + ",,", Self.clean.text + ",, ,", Self.second.text].joined(separator: "\n") + "\n"
        let result = try RuleProbe.run(text: text)
        #expect(result.anomalies == [])
        #expect(result.rows == [HouseholdLine.cleanCanonical, Self.secondCanonical])
    }

    @Test(arguments: ["\n", "\r\n", "\r"])
    func blankLinesBetweenRowsAreSkippedButCounted(ending: String) throws {
        let text = [HouseholdLine.header, Self.clean.text, "", ",,,,", Self.second.text].joined(separator: ending) + ending
        let result = try RuleProbe.run(text: text)
        #expect(result.anomalies == [])
        #expect(result.value("source_line", row: 1) == "5")
        #expect(result.outcome.rowsRead == 2)
    }

    @Test func titleRowsAboveTheHeaderShiftTheLinesOfTheRows() throws {
        let text = "\"DANH SÁCH RÀ SOÁT HỘ NGHÈO, HỘ CẬN NGHÈO NĂM 2023\",,,\r\nXã Lùng Phình,,,\r\n\r\n"
            + HouseholdLine.header + "\r\n" + Self.clean.with { $0.notes = "Hộ có người\r\nkhuyết tật" }.text + "\r\n"
            + Self.second.with { $0.size = "0" }.text + "\r\n"
        let result = try RuleProbe.run(bytes: [0xEF, 0xBB, 0xBF] + Array(text.utf8))
        #expect(result.anomalies == ["6:HR-TYPE:household_size"])
        #expect(result.rows == [HouseholdLine.cleanCanonical.replacingOccurrences(of: ".csv,2", with: ".csv,5")])
        #expect(result.outcome.encoding == "UTF-8 with BOM")
    }

    @Test func aSemicolonFileIsReadLikeACommaFile() throws {
        let semicolon = UInt8(ascii: ";")
        let text = HouseholdLine.header.replacingOccurrences(of: ",", with: ";") + "\n"
            + Self.clean.with { $0.income = "1,200,000"; $0.notes = "a, b; c" }.text(delimiter: semicolon) + "\n"
        let result = try RuleProbe.run(text: text)
        #expect(result.outcome.delimiter == ";")
        #expect(result.anomalies == [])
        #expect(result.rows == [HouseholdLine.cleanCanonical])
    }

    @Test func aFileWithOnlyAHeaderIsEmpty() throws {
        let result = try RuleProbe.run([])
        #expect(result.anomalies == ["-:FILE-EMPTY:"])
        #expect(result.outcome.refused)
        #expect(result.anomaly("FILE-EMPTY")?.messageEN.contains("only the header row, no data") == true)
        #expect(result.rows == [])
    }

    @Test func anEmptyFileIsEmpty() throws {
        let result = try RuleProbe.run(bytes: [])
        #expect(result.anomalies == ["-:FILE-EMPTY:"])
        #expect(result.outcome.refused)
    }

    @Test func aMissingRequiredColumnIsAHeaderErrorNamingIt() throws {
        let header = HouseholdLine.header.replacingOccurrences(of: "Phân loại,", with: "")
        let line = Self.clean.cells.enumerated().filter { $0.offset != 22 }.map(\.element).joined(separator: ",")
        let result = try RuleProbe.run(text: header + "\n" + line + "\n")
        #expect(result.anomalies == ["1:FILE-HEADER:"])
        let anomaly = try #require(result.anomaly("FILE-HEADER"))
        #expect(anomaly.messageEN.hasPrefix("File household-review/2023/lung-phinh.csv "))
        #expect(anomaly.messageEN.contains("'Phân loại'"))
        #expect(anomaly.messageVI.contains("'Phân loại'"))
        #expect(result.outcome.refused)
        #expect(result.rows == [])
    }

    @Test func aFileWithNoHeaderAtAllIsAHeaderError() throws {
        let result = try RuleProbe.run(text: "1,2,3\n4,5,6\n")
        #expect(result.anomalies == ["-:FILE-HEADER:"])
        #expect(result.outcome.refused)
    }

    static let brokenQuotes: [(String, String)] = [
        ("1,LP-002,Giàng \"A\" Páo", "3:FILE-CSV:"),  // a quote inside an unquoted cell
        ("1,LP-002,\"Giàng A Páo,Mông", "3:FILE-CSV:"),  // a quote never closed
    ]

    @Test(arguments: brokenQuotes)
    func anUnbalancedQuoteHoldsBackTheWholeFile(line: String, flattened: String) throws {
        let text = [HouseholdLine.header, Self.clean.text, line, Self.second.text].joined(separator: "\n") + "\n"
        let result = try RuleProbe.run(text: text)
        #expect(result.anomalies == [flattened])
        #expect(result.outcome.refused)
        #expect(result.outcome.rowsKept == 0)
        #expect(result.outcome.partPath == nil)
        #expect(result.rows == [])
        #expect(result.anomaly("FILE-CSV")?.messageEN.contains("at line 3") == true)
    }

    @Test func warningsBeforeABrokenQuoteStayListed() throws {
        let text = [HouseholdLine.header, Self.clean.with { $0.count = "4" }.text, "2,\"x"].joined(separator: "\n")
        let result = try RuleProbe.run(text: text)
        #expect(result.anomalies == ["2:HR-COUNT:deprivation_count", "3:FILE-CSV:"])
        #expect(result.rows == [])
    }

    @Test func anUnknownExtraColumnIsAWarningAndRowsAreKept() throws {
        let text = HouseholdLine.header + ",Người rà soát\n" + Self.clean.text + ",Vàng Thị Mai\n"
        let result = try RuleProbe.run(text: text)
        #expect(result.anomalies == ["1:COL-UNKNOWN:column 26"])
        let anomaly = try #require(result.anomaly("COL-UNKNOWN"))
        #expect(anomaly.severity == .warning)
        #expect(anomaly.value == "Người rà soát")
        #expect(anomaly.messageEN == "Column 'Người rà soát' is not part of this sheet and was ignored.")
        #expect(result.rows == [HouseholdLine.cleanCanonical])
    }

    @Test func aFileAtTheInboxRootIsRoutedByItsHeader() throws {
        let text = HouseholdLine.header + "\n" + Self.clean.text + "\n"
        let result = try RuleProbe.run(text: text, path: "lung-phinh.csv")
        #expect(result.outcome.pipeline == "household-review")
        #expect(result.anomalies == [])
        #expect(result.rows == [HouseholdLine.cleanCanonical.replacingOccurrences(of: "household-review/2023/", with: "")])
    }

    @Test func aFileAtTheRootWithAnUnknownHeaderIsNotRouted() throws {
        let result = try RuleProbe.run(text: "Mã thôn,Tên thôn,Số hộ\n1,Sín Chải,120\n", path: "thon.csv")
        #expect(result.anomalies == ["-:FILE-ROUTE:"])
        #expect(result.outcome.refused)
    }

    @Test func aWindows1258FileIsAnEncodingError() throws {
        let bytes = Array((HouseholdLine.header + "\n").utf8) + Array("1,LP-001,Gi".utf8) + [0xE0] + Array("ng A P".utf8) + [0xE1, 0x6F, 0x0A]
        let result = try RuleProbe.run(bytes: bytes)
        #expect(result.anomalies == ["-:FILE-ENCODING:"])
        #expect(result.outcome.refused)
    }

    /// A file larger than the first chunk whose chunk boundary cuts an `ộ` (E1 BB 99) of a long note after
    /// its first byte; `badHead` puts a Windows-1258 `à` (E0) in the head name of line 3, past the first chunk.
    private static func largeFile(badHead: Bool) -> [UInt8] {
        let before = Array((HouseholdLine.header + "\n" + Self.clean.with { $0.notes = "" }.text).utf8)
        let pad = (0..<3).first { (FileProcessor.chunkSize - before.count - $0) % 3 == 1 }!
        let note = String(repeating: "n", count: pad) + String(repeating: "ộ", count: 400_000)
        var bytes = before + Array(note.utf8) + [0x0A]
        #expect(bytes[FileProcessor.chunkSize - 1] == 0xE1 && bytes[FileProcessor.chunkSize] == 0xBB)
        let third = Array(Self.second.with { $0.head = badHead ? "Gi@ng A Páo" : "Giàng A Páo" }.text.utf8)
        bytes += third.map { $0 == UInt8(ascii: "@") ? 0xE0 : $0 }
        return bytes + [0x0A]
    }

    /// The long note is above the default cell limit: these tests raise it.
    private static let roomyLimits = { var limits = InputLimits(); limits.maxFieldBytes = 4 << 20; return limits }()

    @Test func aCharacterCutByTheFirstChunkIsReadWhole() throws {
        let result = try RuleProbe.run(bytes: Self.largeFile(badHead: false), limits: Self.roomyLimits)
        #expect(result.anomalies == [])
        #expect(result.rows == [HouseholdLine.cleanCanonical, Self.secondCanonical])
    }

    @Test func invalidUTF8PastTheFirstChunkIsAnEncodingErrorOnItsLine() throws {
        let result = try RuleProbe.run(bytes: Self.largeFile(badHead: true), limits: Self.roomyLimits)
        #expect(result.anomalies == ["3:FILE-ENCODING:"])
        #expect(result.outcome.refused)
        #expect(result.rows == [])
    }

    /// The label row names three fields (Xã, Thôn/Bản, Năm) but not the required columns: the search
    /// for the header should go on to line 2.
    @Test
    func aLabelRowAboveTheHeaderIsNotTakenForTheHeader() throws {
        let text = "Xã:,Lùng Phình,Thôn/Bản:,Sín Chải,Năm:,2023\n" + HouseholdLine.header + "\n" + Self.clean.text + "\n"
        let result = try RuleProbe.run(text: text)
        #expect(result.anomalies == [])
        #expect(result.rows == [HouseholdLine.cleanCanonical.replacingOccurrences(of: ".csv,2", with: ".csv,3")])
    }
}
