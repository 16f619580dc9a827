import Testing
@testable import CommuneETL

/// The per-commune and per-office lists: columns, order, where to fix, and Excel safety.
struct StaffAnomalyListsTests {
    static let catalog = try! PipelineCatalog.load(from: RunSandbox.pipelines)

    static func anomaly(file: String = "household-review/2023/lung-phinh.csv", line: Int? = 17, commune: String = "02848",
                        owner: String = "ldtbxh", text: String = "x") -> Anomaly {
        Anomaly(anomalyID: text, severity: .warning, rule: text, pipeline: "household-review", sourceFile: file, sourceLine: line,
                communeCode: commune, recordKey: text, field: text, value: text, expected: text, messageVI: text, messageEN: text,
                owner: owner)
    }

    static func rows(_ bytes: [UInt8]) -> [[String]] {
        var rows: [[String]] = []
        let reader = CSVRecordReader()
        let collect: (CSVRecord) -> Void = { record in rows.append((0..<record.fieldCount).map { record.string($0) }) }
        try! Array(bytes.dropFirst(3)).withUnsafeBytes { try reader.parse($0, onRecord: collect) }
        try! reader.finish(onRecord: collect)
        return rows
    }

    @Test(arguments: ExcelCSVTests.injections)
    func aFormulaInEveryColumnComesOutNeutralised(_ payload: String) {
        let record = AnomalyRecord(anomaly: Self.anomaly(file: payload, commune: payload, owner: payload, text: payload),
                                   status: .new, firstSeen: "2026-11-18", nightsOpen: 1)
        let bytes = StaffAnomalyLists(catalog: Self.catalog).encode([record])
        #expect(Array(bytes.prefix(3)) == [0xEF, 0xBB, 0xBF])
        let cells = Self.rows(bytes)[1]
        let fromData = [0, 2, 3, 5, 6, 7, 8, 9, 10, 15]  // every column whose text comes from the data
        #expect(fromData.map { cells[$0].hasPrefix("'" + payload) } == Array(repeating: true, count: fromData.count))
        #expect(cells.allSatisfy { !$0.hasPrefix(payload) })
    }

    @Test func rowsAreSortedByFileThenLineAndSayWhereToFix() {
        let records = [
            Self.anomaly(file: "b.csv", line: 3, text: "b3"), Self.anomaly(file: "", line: nil, commune: "", text: "run"),
            Self.anomaly(file: "a.csv", line: 9, text: "a9"), Self.anomaly(file: "a.csv", line: nil, text: "a"),
            Self.anomaly(file: "a.csv", line: 2, text: "a2"),
        ].map { AnomalyRecord(anomaly: $0, status: .open, firstSeen: "2026-11-16", nightsOpen: 3) }
        let rows = Self.rows(StaffAnomalyLists(catalog: Self.catalog).encode(records))
        #expect(rows[0] == StaffAnomalyLists.header)
        #expect(rows.dropFirst().map { $0[10] } == [
            "a — sửa tệp a.csv", "a2 — sửa ở dòng 2 của tệp a.csv", "a9 — sửa ở dòng 9 của tệp a.csv",
            "b3 — sửa ở dòng 3 của tệp b.csv", "run",
        ])
        #expect(rows[2] == [
            "a2", "Cảnh báo", "a2", "a.csv", "2", "Lùng Phình (02848)", "a2", "a2", "a2", "a2", "a2 — sửa ở dòng 2 của tệp a.csv",
            "Còn tồn tại", "2026-11-16", "3", "Phòng Lao động - Thương binh và Xã hội", "a2 — fix line 2 of the file a.csv",
            "", "", "",
        ])
    }

    @Test func listsGoToCommunesAndOfficesAndAnEmptyOwnerToThePipelines() {
        let records = [
            Self.anomaly(commune: "02848", owner: "", text: "1"), Self.anomaly(commune: "", owner: "nnptnt", text: "2"),
            Self.anomaly(commune: "02839", owner: "nnptnt", text: "3"),
        ].map { AnomalyRecord(anomaly: $0, status: .new, firstSeen: "2026-11-18", nightsOpen: 1) }
        let files = StaffAnomalyLists(catalog: Self.catalog).files(current: records, resolved: [])
        let ids = files.map { file in "\(file.path): " + Self.rows(file.bytes).dropFirst().map { $0[0] }.joined(separator: " ") }
        #expect(ids == [
            "communes/02839-bac-ha.csv: 3", "communes/02848-lung-phinh.csv: 1", "owners/ldtbxh.csv: 1",
            "owners/nnptnt.csv: 2 3", "resolved.csv: ",
        ])
    }
}
