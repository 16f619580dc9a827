import Foundation
import Testing
@testable import CommuneETL

/// One household row of a review list, clean unless a test changes a cell: a poor household of Lùng Phình
/// (income below the rural line, three deprivations, reported as such), 2023.
struct HouseholdLine {
    var number = "1"
    var code = "LP-001"
    var head = "Giàng A Páo"
    var citizenID = "010203040506"
    var ethnicity = "Mông"
    var village = "Sín Chải"
    var commune = "Lùng Phình"
    var size = "4"
    var income = "1.200.000"
    var marks = ["x", "x", "x", "", "", "", "", "", "", "", "", ""]
    var count = "3"
    var classification = "Hộ nghèo"
    var year = "2023"
    var notes = ""

    /// The 25 usual headers, in the usual order.
    static let header = "STT,Mã hộ,Họ và tên chủ hộ,Số CCCD,Dân tộc,Thôn/Bản,Xã,Số nhân khẩu,Thu nhập BQ (đồng/người/tháng),"
        + "Việc làm,Người phụ thuộc trong hộ,Dinh dưỡng,Bảo hiểm y tế,Trình độ giáo dục của người lớn,"
        + "Tình trạng đi học của trẻ em,Chất lượng nhà ở,Diện tích nhà ở bình quân đầu người,Nguồn nước sinh hoạt,"
        + "Nhà tiêu hợp vệ sinh,Sử dụng dịch vụ viễn thông,Phương tiện phục vụ tiếp cận thông tin,Số chỉ số thiếu hụt,"
        + "Phân loại,Năm,Ghi chú"

    /// The canonical row this line gives when clean, at spreadsheet line 2 of `RuleProbe.defaultPath`.
    static let cleanCanonical = "02848,2023,LP-001,Giàng A Páo,010203040506,Mông,Sín Chải,4,1200000,"
        + "1,1,1,0,0,0,0,0,0,0,0,0,3,poor,household-review/2023/lung-phinh.csv,2,,,"

    var cells: [String] {
        [number, code, head, citizenID, ethnicity, village, commune, size, income] + marks + [count, classification, year, notes]
    }

    /// The line as a spreadsheet exports it: cells with the delimiter, a quote or a line break are quoted.
    func text(delimiter: UInt8 = UInt8(ascii: ",")) -> String {
        cells.map { cell in
            cell.utf8.contains(where: { [delimiter, 0x22, 0x0A, 0x0D].contains($0) })
                ? "\"" + cell.replacingOccurrences(of: "\"", with: "\"\"") + "\"" : cell
        }.joined(separator: String(UnicodeScalar(delimiter)))
    }

    var text: String { text() }

    /// A copy with one change.
    func with(_ change: (inout HouseholdLine) -> Void) -> HouseholdLine {
        var copy = self
        change(&copy)
        return copy
    }
}

/// What one file gave when read by `FileProcessor` in a fresh run.
struct ProbeResult {
    /// `<line>:<rule>:<field>` per anomaly, in the order found (`-` when the anomaly has no line).
    var anomalies: [String]
    /// The canonical rows written to the file's part, without line breaks.
    var rows: [String]
    var outcome: FileOutcome
    var outputNames: [String]

    /// The value of canonical column `name` in row `index` (the test rows hold no quoted cells).
    func value(_ name: String, row index: Int = 0) -> String? {
        guard index < rows.count, let column = outputNames.firstIndex(of: name) else { return nil }
        let cells = rows[index].split(separator: ",", omittingEmptySubsequences: false)
        return column < cells.count ? String(cells[column]) : nil
    }

    func anomaly(_ rule: String) -> Anomaly? { try! outcome.anomalies.collected().first { $0.rule == rule } }
}

enum RuleProbe {
    static let defaultPath = "household-review/2023/lung-phinh.csv"

    /// Runs `bytes` as the inbox file `path` through `FileProcessor` with a fresh `RunContext`.
    static func run(bytes: [UInt8], path: String = defaultPath, limits: InputLimits = InputLimits()) throws -> ProbeResult {
        try run(files: [(path, bytes)], limits: limits)[0]
    }

    /// Runs several inbox files, in order, through one `RunContext` (rules that span files see them all).
    static func run(files: [(path: String, bytes: [UInt8])], limits: InputLimits = InputLimits()) throws -> [ProbeResult] {
        let folder = try ScratchFolder()
        let parts = try folder.makeFolder("parts")
        let catalog = try RepositoryPaths.catalog()
        let context = try RunContext(catalog: catalog, partsFolder: parts, limits: limits)
        let names = catalog.pipeline(named: "household-review")?.outputNames ?? []
        var results: [ProbeResult] = []
        for (position, (path, bytes)) in files.enumerated() {
            let absolute = try folder.write("inbox/" + path, bytes)
            let pipeline = path.contains("/") ? String(path.prefix { $0 != "/" }) : nil
            let input = InputFile(relativePath: path, absolutePath: absolute, pipeline: pipeline)
            let outcome = try FileProcessor(context: context).process(input, index: position + 1)
            let partPath = parts + "/00000\(position + 1).gz"
            var rows: [String] = []
            if let part = outcome.partPath {
                #expect(part == partPath)
                let inflated = try gunzip(Array(try Data(contentsOf: URL(fileURLWithPath: part))))
                rows = String(decoding: inflated, as: UTF8.self)
                    .split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
                #expect(rows.last == "", "the part ends with a line break")
                rows.removeLast()
            } else {
                #expect(!FileManager.default.fileExists(atPath: partPath), "no part is left behind")
            }
            let flattened = try outcome.anomalies.collected().map { "\($0.sourceLine.map(String.init) ?? "-"):\($0.rule):\($0.field)" }
            results.append(ProbeResult(anomalies: flattened, rows: rows, outcome: outcome, outputNames: names))
        }
        return results
    }

    /// Runs a file made of the usual header and `lines`, LF-terminated.
    static func run(_ lines: [HouseholdLine], header: String = HouseholdLine.header) throws -> ProbeResult {
        try run(text: ([header] + lines.map(\.text)).joined(separator: "\n") + "\n")
    }

    static func run(text: String, path: String = defaultPath) throws -> ProbeResult {
        try run(bytes: Array(text.utf8), path: path)
    }
}
