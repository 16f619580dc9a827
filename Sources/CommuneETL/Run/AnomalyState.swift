import Glibc

/// Where a problem stands across nights.
public enum AnomalyStatus: String, Sendable, Codable, CaseIterable {
    /// Seen tonight for the first time (or again, after an accepted value changed).
    case new
    /// Seen on an earlier night and still there.
    case open
    /// A warning staff accepted in `inbox/acceptances.csv`, whose value has not changed since.
    case accepted
    /// Gone tonight although its file was read: fixed. Listed once, in `resolved.csv`, and then forgotten.
    case resolved
    /// Not seen tonight because its file was not read (removed from the inbox, or held back whole): neither
    /// open nor fixed. Kept in `state.csv` only, so that it resumes with its first night when the file is
    /// read again.
    case notChecked = "not_checked"

    /// How the lists for people say it.
    public var vietnamese: String {
        switch self {
        case .new: "Mới"
        case .open: "Còn tồn tại"
        case .accepted: "Đã chấp nhận"
        case .resolved: "Đã khắc phục"
        case .notChecked: "Chưa kiểm tra"
        }
    }
}

/// One row of `anomalies/state.csv`: an anomaly and its life across nights, the run's memory for the next.
public struct AnomalyRecord: Sendable, Equatable {
    public var anomaly: Anomaly
    public var status: AnomalyStatus
    /// The run date (UTC, `yyyy-mm-dd`, the date of the run id) of the night it was first seen.
    public var firstSeen: String
    /// Calendar nights from `firstSeen` to the run, both counted: 1 on the first night.
    public var nightsOpen: Int
    /// The date of the acceptance line that accepted it (empty when none): a line written again with
    /// another date accepts the value of that night.
    public var acceptedOn: String = ""
    public var acceptedBy: String = ""
    /// The anomaly's value when first accepted: when tonight's differs, the data changed and the acceptance
    /// no longer holds.
    public var acceptedValue: String = ""

    public init(anomaly: Anomaly, status: AnomalyStatus, firstSeen: String, nightsOpen: Int) {
        self.anomaly = anomaly
        self.status = status
        self.firstSeen = firstSeen
        self.nightsOpen = nightsOpen
    }
}

/// Reads and writes `anomalies/state.csv`: the anomaly columns of `anomalies.csv`, then `status`,
/// `first_seen`, `nights_open`, `accepted_on`, `accepted_by`, `accepted_value`.
///
/// Written for tools like `anomalies.csv` (UTF-8, comma, LF, minimal quoting). One row per anomaly id (the
/// first anomaly of an id stands for all), then the `not_checked` ones carried from earlier nights. Written
/// and read a row at a time (`AnomalyHistory`).
public enum AnomalyStateFile {
    public static let columns = Anomaly.columns + ["status", "first_seen", "nights_open", "accepted_on", "accepted_by", "accepted_value"]

    static func appendHeader(to out: inout [UInt8]) {
        out += Array(columns.joined(separator: ",").utf8)
        out.append(0x0A)
    }

    static func appendRow(_ record: AnomalyRecord, to out: inout [UInt8]) {
        AnomalyCSVWriter.appendCells(record.anomaly, to: &out)
        appendStatusCells(record, to: &out)
    }

    /// The cells of a row after the anomaly's (`AnomalyCSVWriter.appendCells`), and the line end: a run
    /// encodes the anomaly's cells once, for `anomalies.csv` and this file.
    static func appendStatusCells(_ record: AnomalyRecord, to out: inout [UInt8]) {
        func cell(_ text: String) {
            out.append(UInt8(ascii: ","))
            CSVQuoting.append(field: text, to: &out)
        }
        cell(record.status.rawValue)
        cell(record.firstSeen)
        out.append(UInt8(ascii: ","))
        DecimalDigits.append(Int64(record.nightsOpen), to: &out)
        cell(record.acceptedOn)
        cell(record.acceptedBy)
        cell(record.acceptedValue)
        out.append(0x0A)
    }

    /// Hands each record of a `state.csv` to `each`, in file order, as it is parsed from pieces of 1 MiB:
    /// the previous night's file is as large as its anomalies (≈ 140 MB at 10M rows), never read whole.
    /// Rows that cannot be read (a status, severity or count) are passed over.
    /// - Returns: nil when there is no such regular file (a symbolic link is not followed); false when it
    ///   is not a state file (its header, or broken CSV): every anomaly of the night is then `new`, as on
    ///   the first night (the run log says so).
    static func read(path: String, each: (AnomalyRecord) -> Void) -> Bool? {
        var info = stat()
        guard lstat(path, &info) == 0, info.st_mode & S_IFMT == S_IFREG else { return nil }
        let descriptor = open(path, O_RDONLY | O_CLOEXEC | O_NOFOLLOW)
        guard descriptor >= 0 else { return nil }
        defer { close(descriptor) }
        var headerRead = false
        var headerValid = false
        let reader = CSVRecordReader()
        let collect: (CSVRecord) -> Void = { row in
            guard headerRead else {
                headerRead = true
                headerValid = (0..<row.fieldCount).map { row.string($0) } == columns
                return
            }
            guard headerValid, row.fieldCount == columns.count, let record = Self.record(row) else { return }
            each(record)
        }
        let chunk = UnsafeMutableRawBufferPointer.allocate(byteCount: 1 << 20, alignment: 16)
        defer { chunk.deallocate() }
        do {
            while true {
                let count = Glibc.read(descriptor, chunk.baseAddress, chunk.count)
                if count < 0, errno == EINTR { continue }
                guard count > 0 else {
                    if count < 0 { return false }
                    break
                }
                try reader.parse(UnsafeRawBufferPointer(rebasing: UnsafeRawBufferPointer(chunk)[0..<count]), onRecord: collect)
                if headerRead, !headerValid { return false }
            }
            try reader.finish(onRecord: collect)
        } catch {
            return false
        }
        return headerValid
    }

    /// One row of the file, its cells in the order of `columns`; nil when a status, severity or count cannot be read.
    private static func record(_ row: CSVRecord) -> AnomalyRecord? {
        let cell = { (index: Int) in row.string(index) }
        guard let severity = Severity(rawValue: cell(1)), let status = AnomalyStatus(rawValue: cell(14)),
              let nights = Int(cell(16)) else { return nil }
        let anomaly = Anomaly(
            anomalyID: cell(0), severity: severity, rule: cell(2), pipeline: cell(3), sourceFile: cell(4),
            sourceLine: Int(cell(5)), communeCode: cell(6), recordKey: cell(7), field: cell(8), value: cell(9),
            expected: cell(10), messageVI: cell(11), messageEN: cell(12), owner: cell(13))
        var record = AnomalyRecord(anomaly: anomaly, status: status, firstSeen: cell(15), nightsOpen: nights)
        record.acceptedOn = cell(17)
        record.acceptedBy = cell(18)
        record.acceptedValue = cell(19)
        return record
    }
}
