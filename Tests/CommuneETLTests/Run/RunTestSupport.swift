import Foundation
import Testing
@testable import CommuneETL

/// A temporary inbox and output folder, and helpers to run the job over them and read what it wrote.
final class RunSandbox {
    let root: String
    var inbox: String { root + "/inbox" }
    var out: String { root + "/out" }

    init() throws {
        root = FileManager.default.temporaryDirectory.appendingPathComponent("commune-etl-\(UUID().uuidString)").path
        try FileManager.default.createDirectory(atPath: root + "/inbox/household-review", withIntermediateDirectories: true)
    }

    deinit { try? FileManager.default.removeItem(atPath: root) }

    /// The repository's `Pipelines/` (this file is three folders below the repository root).
    static let pipelines = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        .appendingPathComponent("Pipelines").path

    static let registry: CommuneRegistry = {
        var ignored: [UInt8] = []
        return try! ReferenceData.loadRegistry(from: pipelines + "/reference", hashInto: &ignored)
    }()

    /// Writes an input file at `path` inside the inbox.
    func put(_ path: String, _ bytes: [UInt8]) throws {
        let url = URL(fileURLWithPath: inbox + "/" + path)
        try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
        try Data(bytes).write(to: url)
    }

    func put(_ path: String, _ text: String) throws { try put(path, Array(text.utf8)) }

    @discardableResult
    func run(at date: Date = Date(timeIntervalSince1970: 1_795_000_000)) throws -> RunSummary {
        try NightlyRun(options: RunOptions(inbox: inbox, output: out, pipelines: Self.pipelines)).execute(now: date)
    }

    func bytes(_ pathInsideCurrent: String) throws -> [UInt8] {
        Array(try Data(contentsOf: URL(fileURLWithPath: out + "/current/" + pathInsideCurrent)))
    }

    /// The canonical table, decompressed.
    func table(_ name: String) throws -> String {
        String(decoding: try decompressWithGzipCommand(bytes("data/\(name).csv.gz")), as: UTF8.self)
    }

    /// The anomalies of the files, flattened to `line:rule:field` strings, in file order (the plan's
    /// off-track warnings, of the run as a whole, are tested on their own).
    func flattenedAnomalies() throws -> [String] {
        try anomalyRows().filter { $0["pipeline"] != "targets" }.map { "\($0["source_line"]!):\($0["rule"]!):\($0["field"]!)" }
    }

    /// `anomalies.csv` as dictionaries (parsed with the project's own CSV reader).
    func anomalyRows() throws -> [[String: String]] {
        try csvRows("anomalies/anomalies.csv")
    }

    /// A CSV of the current run as dictionaries, by its header (a byte-order mark is skipped).
    func csvRows(_ pathInsideCurrent: String) throws -> [[String: String]] {
        var data = try bytes(pathInsideCurrent)
        if data.starts(with: [0xEF, 0xBB, 0xBF]) { data.removeFirst(3) }
        var rows: [[String]] = []
        let reader = CSVRecordReader()
        let collect: (CSVRecord) -> Void = { record in rows.append((0..<record.fieldCount).map { record.string($0) }) }
        try data.withUnsafeBytes { try reader.parse($0, onRecord: collect) }
        try reader.finish(onRecord: collect)
        let header = rows.removeFirst()
        return rows.map { Dictionary(uniqueKeysWithValues: zip(header, $0)) }
    }

    /// Decompresses with the `gzip` command, so the test also proves an ordinary gzip reader accepts the file.
    func decompressWithGzipCommand(_ bytes: [UInt8]) throws -> [UInt8] {
        let input = root + "/gunzip-input.gz"
        try Data(bytes).write(to: URL(fileURLWithPath: input))
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/bin/gzip")
        process.arguments = ["-dc", input]
        let pipe = Pipe()
        process.standardOutput = pipe
        try process.run()
        let output = pipe.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        #expect(process.terminationStatus == 0, "gzip -d accepts the file")
        return Array(output)
    }
}

/// The header of a household list, as the bench task writes it.
let householdHeader = "STT,Mã hộ,Họ và tên chủ hộ,Số CCCD,Dân tộc,Thôn/Bản,Xã,Số nhân khẩu,Thu nhập BQ (đồng/người/tháng),"
    + "Việc làm,Người phụ thuộc trong hộ,Dinh dưỡng,Bảo hiểm y tế,Trình độ giáo dục của người lớn,Tình trạng đi học của trẻ em,"
    + "Chất lượng nhà ở,Diện tích nhà ở bình quân đầu người,Nguồn nước sinh hoạt,Nhà tiêu hợp vệ sinh,Sử dụng dịch vụ viễn thông,"
    + "Phương tiện phục vụ tiếp cận thông tin,Số chỉ số thiếu hụt,Phân loại,Năm"

/// A clean household row: poor (income below the rural line, three deprivations) in Lùng Phình, 2023.
func householdRow(_ number: Int, code: String? = nil, commune: String = "Lùng Phình", income: String = "1.200.000") -> String {
    let household = code ?? String(format: "02848-2023-%05d", number)
    return "\(number),\(household),Giàng Seo Phử,010123456789,Mông,Thôn Sín Chải,\(commune),5,\"\(income)\",x,x,x,,,,,,,,,,3,Hộ nghèo,2023"
}
