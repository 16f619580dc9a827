import Testing
@testable import CommuneETL

/// What stands around the data in a real commune sheet: title rows, a column-number row, section rows,
/// total rows, the signature block, a header split over two rows, and commune and year given only once.
struct LayoutTests {
    private static let first = HouseholdLine()
    private static let second = HouseholdLine().with { $0.number = "2"; $0.code = "LP-002" }
    private static let columns = HouseholdLine.header.split(separator: ",", omittingEmptySubsequences: false).count

    /// `HouseholdLine.cleanCanonical` for household `code` at spreadsheet `line`.
    private static func canonical(code: String = "LP-001", line: Int) -> String {
        HouseholdLine.cleanCanonical.replacingOccurrences(of: "LP-001", with: code)
            .replacingOccurrences(of: ".csv,2", with: ".csv,\(line)")
    }

    private static func padded(_ cells: [String]) -> String {
        (cells + Array(repeating: "", count: columns - cells.count)).joined(separator: ",")
    }

    @Test func readsTheDataBetweenTitleRowsColumnNumbersTotalsAndSignatures() throws {
        let text = [
            "UBND XÃ LÙNG PHÌNH,,,", "DANH SÁCH RÀ SOÁT HỘ NGHÈO NĂM 2023", "",
            HouseholdLine.header,
            Self.padded((1...Self.columns).map { "(\($0))" }),
            Self.padded(["I", "Thôn Sín Chải"]),
            Self.first.text,
            Self.second.text,
            Self.padded(["", "Tổng cộng", "", "", "", "", "", "8"]),
            "",
            Self.padded(["", "", "Lùng Phình, ngày 15 tháng 12 năm 2023"]),
            Self.padded(["", "NGƯỜI LẬP BIỂU", "", "", "CHỦ TỊCH"]),
            Self.padded(["", "(Ký, ghi rõ họ tên)"]),
            Self.padded(["", "Lò Văn Minh", "", "", "Giàng Seo Vàng"]),
        ].joined(separator: "\r\n") + "\r\n"
        let result = try RuleProbe.run(text: text)
        #expect(result.anomalies == [])
        #expect(result.rows == [Self.canonical(line: 7), Self.canonical(code: "LP-002", line: 8)])
        #expect(result.outcome.rowsRead == 2)
        #expect(result.outcome.layoutRows == ["columnNumbers": 1, "section": 1, "total": 1, "footer": 1])
    }

    @Test(arguments: ["A,B,C,1,2,3", "(1),(2),(3),(4)", "1,2,3,4,5"])
    func skipsAColumnNumberRowUnderTheHeader(numbers: String) throws {
        let text = [HouseholdLine.header, Self.padded(numbers.split(separator: ",").map(String.init)), Self.first.text].joined(separator: "\n") + "\n"
        let result = try RuleProbe.run(text: text)
        #expect(result.anomalies == [])
        #expect(result.rows == [Self.canonical(line: 3)])
    }

    @Test func aNoteThatMentionsADateDoesNotEndTheData() throws {
        let noted = Self.first.with { $0.notes = "rà soát ngày 15 tháng 12 năm 2023" }
        let text = [HouseholdLine.header, noted.text, Self.second.text].joined(separator: "\n") + "\n"
        let result = try RuleProbe.run(text: text)
        #expect(result.outcome.rowsKept == 2)
    }

    @Test func joinsAHeaderSplitOverTwoRows() throws {
        let headers = HouseholdLine.header.split(separator: ",", omittingEmptySubsequences: false).map(String.init)
        // Merged cells: the twelve indicators sit under one "Các chỉ số thiếu hụt" cell spanning them.
        let upper = headers[0..<9] + ["Các chỉ số thiếu hụt"] + Array(repeating: "", count: 11) + headers[21...]
        let lower = Array(repeating: "", count: 9) + headers[9..<21] + Array(repeating: "", count: headers.count - 21)
        let text = [upper.joined(separator: ","), lower.joined(separator: ","), Self.first.text].joined(separator: "\n") + "\n"
        let result = try RuleProbe.run(text: text)
        #expect(result.anomalies == [])
        #expect(result.rows == [Self.canonical(line: 3)])
    }

    /// The same sheet without the commune and year columns: they come from the title or the path.
    private static func withoutCommuneAndYear(_ line: HouseholdLine) -> String {
        var cells = line.cells
        cells.remove(at: 23)  // Năm
        cells.remove(at: 6)   // Xã
        return cells.joined(separator: ",")
    }

    private static let headerWithoutCommuneAndYear = HouseholdLine.header
        .replacingOccurrences(of: ",Xã,", with: ",").replacingOccurrences(of: ",Năm,", with: ",")

    @Test func takesCommuneAndYearFromTheTitleRows() throws {
        let text = ["UBND HUYỆN BẮC HÀ", "UBND XÃ LÙNG PHÌNH", "DANH SÁCH HỘ NGHÈO, HỘ CẬN NGHÈO NĂM 2023",
                    Self.headerWithoutCommuneAndYear, Self.withoutCommuneAndYear(Self.first)].joined(separator: "\n") + "\n"
        let result = try RuleProbe.run(text: text, path: "household-review/danh-sach.csv")
        #expect(result.anomalies == [])
        #expect(result.rows == [Self.canonical(line: 5).replacingOccurrences(of: "household-review/2023/lung-phinh.csv", with: "household-review/danh-sach.csv")])
        #expect(result.outcome.context == ["commune": "title", "year": "title"])
    }

    @Test func takesCommuneAndYearFromThePathWhenTheTitleIsSilent() throws {
        let text = [Self.headerWithoutCommuneAndYear, Self.withoutCommuneAndYear(Self.first)].joined(separator: "\n") + "\n"
        let result = try RuleProbe.run(text: text, path: "household-review/2023/lung-phinh.csv")
        #expect(result.anomalies == [])
        #expect(result.rows == [Self.canonical(line: 2)])
        #expect(result.outcome.context == ["commune": "path", "year": "path"])
    }

    @Test func refusesAFileThatSaysNeitherCommuneNorYear() throws {
        let text = [Self.headerWithoutCommuneAndYear, Self.withoutCommuneAndYear(Self.first)].joined(separator: "\n") + "\n"
        let result = try RuleProbe.run(text: text, path: "household-review/danh-sach.csv")
        #expect(result.anomalies == ["1:FILE-CONTEXT:"])
        #expect(result.rows == [])
        #expect(result.anomaly("FILE-CONTEXT")?.messageEN.hasPrefix("File household-review/danh-sach.csv does not say which commune and year it is about") == true)
    }

    @Test func twoCommunesInTheTitleAreNoAnswer() throws {
        let text = ["UBND XÃ LÙNG PHÌNH - XÃ CỐC LY", Self.headerWithoutCommuneAndYear, Self.withoutCommuneAndYear(Self.first)]
            .joined(separator: "\n") + "\n"
        let result = try RuleProbe.run(text: text, path: "household-review/2023/danh-sach.csv")
        #expect(result.anomalies == ["2:FILE-CONTEXT:"])
        #expect(result.anomaly("FILE-CONTEXT")?.messageEN.contains("which commune it is about") == true)
    }

    @Test(arguments: [
        ("ubnd xa lung phinh", ["02848"]), ("uy ban nhan dan thi tran bac ha", ["02839"]),
        ("ubnd huyen bac ha ubnd xa coc ly", ["02878"]), ("danh sach ho ngheo nam 2023", []),
        ("xa ta van chu", ["02851"]),
    ])
    func findsTheCommuneNamedInATitle(title: String, codes: [String]) throws {
        let catalog = try RepositoryPaths.catalog()
        let found = FileContext.communes(inTitle: title, registry: catalog.registry, layout: catalog.layout)
        #expect(found.map { catalog.registry.communes[$0].code } == codes)
    }

    @Test(arguments: [
        ("household-review/2023/lung-phinh.csv", [2023]), ("household-review/lung-phinh-2022.csv", [2022]),
        ("household-review/x.csv", []), ("household-review/2023/ds-2024.csv", [2023, 2024]),
    ])
    func findsTheYearInAPath(path: String, years: [Int64]) {
        #expect(FileContext.years(inPath: path) == years)
    }
}
