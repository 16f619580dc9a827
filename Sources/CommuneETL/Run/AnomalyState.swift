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
/// first anomaly of an id stands for all), then the `not_checked` ones carried from earlier nights.
public enum AnomalyStateFile {
    public static let columns = Anomaly.columns + ["status", "first_seen", "nights_open", "accepted_on", "accepted_by", "accepted_value"]

    public static func encode(_ records: [AnomalyRecord]) -> [UInt8] {
        var out = Array(columns.joined(separator: ",").utf8)
        out.append(0x0A)
        for record in records {
            let cells = AnomalyCSVWriter.cells(record.anomaly) + [
                record.status.rawValue, record.firstSeen, String(record.nightsOpen),
                record.acceptedOn, record.acceptedBy, record.acceptedValue,
            ]
            for (index, cell) in cells.enumerated() {
                if index > 0 { out.append(UInt8(ascii: ",")) }
                CSVQuoting.append(field: cell, to: &out)
            }
            out.append(0x0A)
        }
        return out
    }

    /// The records of a `state.csv`, by anomaly id. A file that cannot be read gives none: every anomaly of
    /// the night is then `new`, as on the first night (the run log says so).
    public static func decode(_ bytes: [UInt8]) -> [String: AnomalyRecord]? {
        var rows: [[String]] = []
        let reader = CSVRecordReader()
        let collect: (CSVRecord) -> Void = { record in rows.append((0..<record.fieldCount).map { record.string($0) }) }
        do {
            try bytes.withUnsafeBytes { try reader.parse($0, onRecord: collect) }
            try reader.finish(onRecord: collect)
        } catch {
            return nil
        }
        guard let header = rows.first, header == columns else { return nil }
        var records: [String: AnomalyRecord] = [:]
        for row in rows.dropFirst() where row.count == columns.count {
            let cell = Dictionary(uniqueKeysWithValues: zip(columns, row))
            guard let severity = Severity(rawValue: cell["severity"]!), let status = AnomalyStatus(rawValue: cell["status"]!),
                  let nights = Int(cell["nights_open"]!) else { continue }
            let anomaly = Anomaly(
                anomalyID: cell["anomaly_id"]!, severity: severity, rule: cell["rule"]!, pipeline: cell["pipeline"]!,
                sourceFile: cell["source_file"]!, sourceLine: Int(cell["source_line"]!), communeCode: cell["commune_code"]!,
                recordKey: cell["record_key"]!, field: cell["field"]!, value: cell["value"]!, expected: cell["expected"]!,
                messageVI: cell["message_vi"]!, messageEN: cell["message_en"]!, owner: cell["owner"]!)
            var record = AnomalyRecord(anomaly: anomaly, status: status, firstSeen: cell["first_seen"]!, nightsOpen: nights)
            record.acceptedOn = cell["accepted_on"]!
            record.acceptedBy = cell["accepted_by"]!
            record.acceptedValue = cell["accepted_value"]!
            if records[anomaly.anomalyID] == nil { records[anomaly.anomalyID] = record }
        }
        return records
    }
}
