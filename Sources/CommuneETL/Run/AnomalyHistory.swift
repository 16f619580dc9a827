import Foundation

/// Gives every anomaly of the night its status by comparing with the previous published run's
/// `anomalies/state.csv`: the life of a problem across nights.
///
/// - An id not in the previous state is `new` (first night ever: everything is `new`).
/// - An id in it is `open`, keeping its `first_seen`; `nights_open` counts calendar nights from then.
/// - A warning with a valid line in `acceptances.csv` is `accepted`, as long as its value is the one it had
///   when first accepted; when the value changes it is `new` again, and `open` on the nights after (the
///   line no longer accepts it, unless written again with another date).
/// - A previous id gone tonight is `resolved` (listed once, in `resolved.csv`) only when its file was read
///   and not held back: an anomaly of a file removed from the inbox, or refused whole tonight, was not
///   checked, so it stays in the state as `not_checked`, never in `resolved.csv`, and resumes with its
///   first night when the file is read again.
/// - A previous id whose rule no longer exists in `Pipelines/` is dropped, neither resolved nor carried:
///   nobody fixed anything, the check went away. A rule that still exists but changed (a threshold, a
///   wording) keeps its ids: what it no longer finds is resolved, what it newly finds is new.
///
/// `--full` changes nothing here: statuses depend on the anomalies found, not on how the files were read.
///
/// Streamed: the night's anomalies are given one at a time (`record(for:)`), and the previous state is read
/// twice, a row at a time. What stays in memory is one `Standing` per id of either night (≈ 100 bytes,
/// against ≈ 1.5 KB for an anomaly): ids are kept as 64-bit keys (`key(_:)`).
public struct AnomalyHistory {
    /// This run's date, `yyyy-mm-dd` (UTC, as in the run id).
    public var runDate: String
    /// Files read tonight and not held back whole: only their disappeared anomalies can be resolved.
    public var checkedFiles: Set<String>
    /// Every rule id of tonight's configuration (pipelines, file rules, targets).
    public var knownRules: Set<String>
    /// Valid acceptances of warnings, by anomaly id (see `AcceptanceList`).
    public var acceptances: [String: Acceptance]
    /// The previous night's standing of each id, then tonight's once seen.
    private var standings: [UInt64: Standing] = [:]
    /// Whether the previous state was read (false: none, or unreadable).
    public private(set) var hasPrevious = false

    /// An anomaly's record without the anomaly: what its id carries from night to night.
    struct Standing {
        var status: AnomalyStatus
        var firstSeen: String
        var acceptedOn = "", acceptedBy = "", acceptedValue = ""
        var seen = Seen.before

        enum Seen { case before, tonight, handled }

        init(_ record: AnomalyRecord, seen: Seen) {
            status = record.status
            firstSeen = record.firstSeen
            acceptedOn = record.acceptedOn
            acceptedBy = record.acceptedBy
            acceptedValue = record.acceptedValue
            self.seen = seen
        }
    }

    public init(runDate: String, checkedFiles: Set<String>, knownRules: Set<String>, acceptances: [String: Acceptance]) {
        self.runDate = runDate
        self.checkedFiles = checkedFiles
        self.knownRules = knownRules
        self.acceptances = acceptances
    }

    /// Reads the previous night's standings (first row of each id) from its `state.csv`.
    /// - Returns: false when the file is there but cannot be read (every anomaly of the night is then new).
    public mutating func readPrevious(statePath: String) -> Bool {
        var found: [UInt64: Standing] = [:]
        guard let readable = AnomalyStateFile.read(path: statePath, each: { record in
            let key = Self.key(record.anomaly.anomalyID)
            if found[key] == nil { found[key] = Standing(record, seen: .before) }
        }) else { return true }
        guard readable else { return false }
        standings = found
        hasPrevious = true
        return true
    }

    /// The record of one anomaly of the night, given in the order of `anomalies.csv`, and whether it is the
    /// first of its id (`state.csv` holds one row per id: the first stands for all; later ones share its status).
    public mutating func record(for anomaly: Anomaly) -> (record: AnomalyRecord, isFirst: Bool) {
        let key = Self.key(anomaly.anomalyID)
        let before = standings[key]
        if let before, before.seen == .tonight {
            return (record(anomaly, standing: before), false)
        }
        let record = status(of: anomaly, before: before, acceptance: acceptances[anomaly.anomalyID])
        standings[key] = Standing(record, seen: .tonight)
        return (record, true)
    }

    /// The previous night's anomalies not seen tonight, read again from its `state.csv` once every anomaly
    /// of the night has had its record: `resolved` gets those gone although their file was read, `carried`
    /// those not checked tonight (their file not read, or held back whole).
    /// - Returns: how many were dropped: their rule is no longer in the configuration.
    public mutating func gone(statePath: String, resolved: (AnomalyRecord) -> Void, carried: (AnomalyRecord) -> Void) -> Int {
        guard hasPrevious else { return 0 }
        var dropped = 0
        _ = AnomalyStateFile.read(path: statePath) { before in
            let key = Self.key(before.anomaly.anomalyID)
            guard standings[key]?.seen == .before else { return }
            standings[key]?.seen = .handled
            let file = before.anomaly.sourceFile
            var record = before
            if !file.isEmpty, !checkedFiles.contains(file) {
                record.status = .notChecked
                carried(record)
            } else if !knownRules.contains(before.anomaly.rule) {
                dropped += 1
            } else {
                record.status = .resolved
                resolved(record)
            }
        }
        return dropped
    }

    private func record(_ anomaly: Anomaly, standing: Standing) -> AnomalyRecord {
        var record = AnomalyRecord(anomaly: anomaly, status: standing.status, firstSeen: standing.firstSeen,
                                   nightsOpen: Self.nights(from: standing.firstSeen, to: runDate))
        record.acceptedOn = standing.acceptedOn
        record.acceptedBy = standing.acceptedBy
        record.acceptedValue = standing.acceptedValue
        return record
    }

    /// The record of an anomaly seen tonight, given its previous standing and its acceptance line.
    func status(of anomaly: Anomaly, before: Standing?, acceptance: Acceptance?) -> AnomalyRecord {
        let firstSeen = before?.firstSeen ?? runDate
        var record = AnomalyRecord(anomaly: anomaly, status: before == nil ? .new : .open, firstSeen: firstSeen, nightsOpen: 0)
        if let acceptance, anomaly.severity == .warning {
            record.acceptedOn = acceptance.date
            record.acceptedBy = acceptance.who
            if let before, before.acceptedOn == acceptance.date {
                // The same line as before: it accepted the value of that night, and only that value.
                record.acceptedValue = before.acceptedValue
                if before.acceptedValue == anomaly.value {
                    record.status = .accepted
                } else if before.status == .accepted {
                    record.status = .new
                    record.firstSeen = runDate
                }
            } else {
                record.acceptedValue = anomaly.value
                record.status = .accepted
            }
        }
        record.nightsOpen = Self.nights(from: record.firstSeen, to: runDate)
        return record
    }

    /// An anomaly id as a 64-bit key: the value of its 16 hex digits (every `AnomalyID` is one, itself 64
    /// bits of SHA-256, so the key is exactly as unique as the id), else the first 8 bytes of the SHA-256
    /// of a hand-written id.
    static func key(_ id: String) -> UInt64 {
        let isHex = id.utf8.count == 16 && id.utf8.allSatisfy { (0x30...0x39).contains($0) || (0x61...0x66).contains($0) }
        if isHex, let value = UInt64(id, radix: 16) { return value }
        var hash = SHA256()
        hash.update(Array(id.utf8))
        return hash.finalize().prefix(8).reduce(0) { $0 << 8 | UInt64($1) }
    }

    /// Calendar nights from `first` to `last` (`yyyy-mm-dd`), both counted; 1 when either cannot be read.
    static func nights(from first: String, to last: String) -> Int {
        // Found tonight for the first time, as most are: one night, whatever the dates say (and no parsing).
        if first == last { return 1 }
        guard let start = day(first), let end = day(last) else { return 1 }
        return max(1, end - start + 1)
    }

    /// Days since 1970-01-01 of a `yyyy-mm-dd` date (proleptic Gregorian). Plain arithmetic (the civil-date
    /// formula of H. Hinnant), not `Calendar`: it runs once per anomaly, and making a `Calendar` each time
    /// cost more than the rest of the history. Lenient as `Calendar` is: month 13 or 30 February roll over.
    static func day(_ iso: String) -> Int? {
        let parts = iso.split(separator: "-").compactMap { Int($0) }
        guard parts.count == 3 else { return nil }
        let months = parts[0] * 12 + parts[1] - 3  // counted from March of year 0, so February ends a year
        let y = months >= 0 ? months / 12 : (months - 11) / 12
        let m = months - y * 12  // 0 = March … 11 = February
        let era = (y >= 0 ? y : y - 399) / 400
        let yearOfEra = y - era * 400
        let dayOfYear = (153 * m + 2) / 5 + parts[2] - 1
        return era * 146_097 + yearOfEra * 365 + yearOfEra / 4 - yearOfEra / 100 + dayOfYear - 719_468
    }

    /// File, then line (whole-file problems first), then id: the order of the lists for people.
    static func precedes(_ lhs: Anomaly, _ rhs: Anomaly) -> Bool {
        if lhs.sourceFile != rhs.sourceFile { return fileSortsBefore(lhs.sourceFile, rhs.sourceFile) }
        if lhs.sourceLine != rhs.sourceLine { return (lhs.sourceLine ?? 0) < (rhs.sourceLine ?? 0) }
        return lhs.anomalyID < rhs.anomalyID
    }

    /// The order of two different files' problems: by path, byte by byte, and the problems of the run as a
    /// whole (no file) after every file's.
    static func fileSortsBefore(_ lhs: String, _ rhs: String) -> Bool {
        if lhs.isEmpty || rhs.isEmpty { return !lhs.isEmpty }
        return lhs.utf8.lexicographicallyPrecedes(rhs.utf8)
    }
}
