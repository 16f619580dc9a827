import Foundation

/// One line of `inbox/acceptances.csv`: a person accepts a checked warning.
public struct Acceptance: Sendable, Equatable {
    public var anomalyID: String
    public var who: String
    /// ISO `yyyy-mm-dd`.
    public var date: String
    public var reason: String
    /// The spreadsheet line of the acceptance file.
    public var line: Int
}

/// Reads `inbox/acceptances.csv`, where staff accept warnings they checked (`anomaly_id, who, date,
/// reason`), and judges each line against the night's anomalies.
///
/// The file is read like an export: UTF-8 with or without BOM, comma, semicolon or tab, headers matched
/// after folding (`Mã lỗi`, `Người chấp nhận`, `Ngày`, `Lý do` work too), dates as `DateReader` reads them.
/// No line is ever ignored silently: a malformed line (a cell missing, a date that cannot be read, an id no
/// problem of the night has, an id accepted twice) is an `ACCEPT-FORMAT` anomaly, and a line accepting an
/// error is an `ACCEPT-ERROR` (errors are fixed in the data, never accepted). Both are errors: the line is
/// not applied.
public struct AcceptanceList: Sendable {
    /// The file's path inside the inbox; the scanner never routes it as data.
    public static let fileName = "acceptances.csv"

    /// Folded header spellings (`TextFolding.matchKey`) of each column.
    static let headers: [String: [String]] = [
        "anomaly_id": ["anomaly_id", "Mã lỗi", "Mã", "ID"],
        "who": ["who", "Người chấp nhận", "Người duyệt", "Người xác nhận"],
        "date": ["date", "Ngày", "Ngày chấp nhận"],
        "reason": ["reason", "Lý do", "Ghi chú"],
    ]

    /// A problem found in the file: the line (nil for the whole file), the `ACCEPT-FORMAT` detail code and
    /// its placeholders.
    struct Problem {
        var line: Int?
        var detail: String
        var values: [String: String] = [:]
        var anomalyID = ""
    }

    var lines: [Acceptance] = []
    var problems: [Problem] = []

    /// Reads the file's bytes (nil when the inbox has none: no acceptances, no problem).
    init(bytes: [UInt8]?) {
        guard var bytes else { return }
        if bytes.starts(with: ExcelCSV.byteOrderMark) { bytes.removeFirst(3) }
        guard String(validating: bytes, as: UTF8.self) != nil else {
            problems.append(Problem(line: nil, detail: "encoding"))
            return
        }
        var rows: [(line: Int, cells: [String])] = []
        let delimiter = bytes.withUnsafeBufferPointer { DelimiterSniffer.delimiter(in: $0) }
        let reader = CSVRecordReader(delimiter: delimiter)
        let collect: (CSVRecord) -> Void = { record in
            guard !record.isBlank else { return }
            rows.append((record.line, (0..<record.fieldCount).map { record.string($0).trimmingCharacters(in: .whitespaces) }))
        }
        do {
            try bytes.withUnsafeBytes { try reader.parse($0, onRecord: collect) }
            try reader.finish(onRecord: collect)
        } catch let error as CSVSyntaxError {
            problems.append(Problem(line: error.line, detail: "csv"))
            return
        } catch {
            problems.append(Problem(line: nil, detail: "csv"))
            return
        }
        guard let header = rows.first else { return }
        var column: [String: Int] = [:]
        for (index, cell) in header.cells.enumerated() {
            let key = TextFolding.matchKey(cell)
            if let name = Self.headers.first(where: { $0.value.contains { TextFolding.matchKey($0) == key } })?.key, column[name] == nil {
                column[name] = index
            }
        }
        let missing = ["anomaly_id", "who", "date", "reason"].filter { column[$0] == nil }
        guard missing.isEmpty else {
            problems.append(Problem(line: header.line, detail: "header", values: ["missing": missing.joined(separator: ", ")]))
            return
        }
        for row in rows.dropFirst() {
            read(row.cells, line: row.line, column: column)
        }
    }

    private mutating func read(_ cells: [String], line: Int, column: [String: Int]) {
        func cell(_ name: String) -> String { column[name].flatMap { $0 < cells.count ? cells[$0] : nil } ?? "" }
        let id = cell("anomaly_id")
        if let empty = ["anomaly_id", "who", "date", "reason"].first(where: { cell($0).isEmpty }) {
            problems.append(Problem(line: line, detail: "missing", values: ["column": empty], anomalyID: id))
            return
        }
        var iso: [UInt8] = []
        Array(cell("date").utf8).withUnsafeBufferPointer { DateReader.read($0) }.appendISO(to: &iso)
        guard !iso.isEmpty else {
            problems.append(Problem(line: line, detail: "bad_date", values: ["date": cell("date")], anomalyID: id))
            return
        }
        if let first = lines.first(where: { $0.anomalyID == id }) {
            problems.append(Problem(line: line, detail: "duplicate_id", values: ["first_line": String(first.line)], anomalyID: id))
            return
        }
        lines.append(Acceptance(anomalyID: id, who: cell("who"), date: String(decoding: iso, as: UTF8.self), reason: cell("reason"), line: line))
    }

    /// The acceptances that hold (warnings of the night, by id) and the anomalies of the lines that do not.
    /// Only tonight's anomalies count: an id that is no longer found (fixed, or mistyped) is reported so
    /// that the line is removed. Only the anomalies the file names are kept while the night's are read.
    func judge(against night: NightAnomalies, context: RunContext, inbox: String) throws -> (valid: [String: Acceptance], anomalies: [Anomaly]) {
        let named = Set(lines.map(\.anomalyID) + problems.map(\.anomalyID))
        var byID: [String: Anomaly] = [:]
        if !named.isEmpty {
            try night.forEach { anomaly in
                if byID[anomaly.anomalyID] == nil, named.contains(anomaly.anomalyID) { byID[anomaly.anomalyID] = anomaly }
            }
        }
        let input = InputFile(relativePath: Self.fileName, absolutePath: inbox + "/" + Self.fileName, pipeline: nil)
        var valid: [String: Acceptance] = [:]
        var found: [Anomaly] = []
        func report(_ rule: FileRule, line: Int?, detail: String?, values: [String: String], id: String) {
            var anomaly = context.fileAnomaly(rule, input: input, pipeline: nil, line: line, detail: detail, values: values,
                                              value: id, field: "anomaly_id")
            // Named by the id it accepts, so the problem keeps its id when lines are added above it.
            anomaly.anomalyID = AnomalyID.make(rule: anomaly.rule, pipeline: "", field: "anomaly_id",
                                               recordParts: [Self.fileName, id.isEmpty ? String(line ?? 0) : id])
            if let target = byID[id] {
                anomaly.communeCode = target.communeCode
                anomaly.owner = target.owner
            }
            found.append(anomaly)
        }
        for problem in problems {
            report(.acceptFormat, line: problem.line, detail: problem.detail, values: problem.values, id: problem.anomalyID)
        }
        for line in lines {
            guard let target = byID[line.anomalyID] else {
                report(.acceptFormat, line: line.line, detail: "unknown_id", values: [:], id: line.anomalyID)
                continue
            }
            guard target.severity == .warning else {
                report(.acceptError, line: line.line, detail: nil, values: ["rule": target.rule, "target_file": target.sourceFile], id: line.anomalyID)
                continue
            }
            valid[line.anomalyID] = line
        }
        return (valid, found.sorted { ($0.sourceLine ?? 0) < ($1.sourceLine ?? 0) })
    }
}
