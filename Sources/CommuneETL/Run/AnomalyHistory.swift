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
public struct AnomalyHistory: Sendable {
    /// The previous run's records by anomaly id (empty on the first night).
    public var previous: [String: AnomalyRecord]
    /// This run's date, `yyyy-mm-dd` (UTC, as in the run id).
    public var runDate: String
    /// Files read tonight and not held back whole: only their disappeared anomalies can be resolved.
    public var checkedFiles: Set<String>
    /// Every rule id of tonight's configuration (pipelines, file rules, targets).
    public var knownRules: Set<String>

    public struct Result: Sendable {
        /// One record per anomaly of the night, in the same order.
        public var current: [AnomalyRecord] = []
        /// Gone tonight: listed in `resolved.csv`.
        public var resolved: [AnomalyRecord] = []
        /// Not checked tonight, carried in `state.csv`.
        public var carried: [AnomalyRecord] = []
        /// Previous ids whose rule no longer exists.
        public var dropped = 0

        /// What `state.csv` holds: one record per id of the night, then the carried ones.
        public var state: [AnomalyRecord] {
            var seen: Set<String> = []
            return current.filter { seen.insert($0.anomaly.anomalyID).inserted } + carried
        }
    }

    public init(previous: [String: AnomalyRecord], runDate: String, checkedFiles: Set<String>, knownRules: Set<String>) {
        self.previous = previous
        self.runDate = runDate
        self.checkedFiles = checkedFiles
        self.knownRules = knownRules
    }

    /// - Parameter acceptances: valid acceptances of warnings, by anomaly id (see `AcceptanceList`).
    public func update(_ anomalies: [Anomaly], acceptances: [String: Acceptance]) -> Result {
        var result = Result()
        result.current.reserveCapacity(anomalies.count)
        // Each id's first record, as its position in `current`: a record per id would hold the run's
        // anomalies a second time (≈ 10 MB at 1M rows, the peak of the run's end).
        var byID: [String: Int] = [:]
        byID.reserveCapacity(anomalies.count)
        for anomaly in anomalies {
            let id = anomaly.anomalyID
            var record: AnomalyRecord
            if let first = byID[id] {
                record = result.current[first]
                record.anomaly = anomaly
            } else {
                record = status(of: anomaly, before: previous[id], acceptance: acceptances[id])
                byID[id] = result.current.count
            }
            result.current.append(record)
        }
        for (id, before) in previous.sorted(by: { Self.precedes($0.value.anomaly, $1.value.anomaly) }) where byID[id] == nil {
            let file = before.anomaly.sourceFile
            if !file.isEmpty, !checkedFiles.contains(file) {
                var carried = before
                carried.status = .notChecked
                result.carried.append(carried)
            } else if !knownRules.contains(before.anomaly.rule) {
                result.dropped += 1
            } else {
                var gone = before
                gone.status = .resolved
                result.resolved.append(gone)
            }
        }
        return result
    }

    /// The record of an anomaly seen tonight, given its previous record and its acceptance line.
    func status(of anomaly: Anomaly, before: AnomalyRecord?, acceptance: Acceptance?) -> AnomalyRecord {
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

    /// Calendar nights from `first` to `last` (`yyyy-mm-dd`), both counted; 1 when either cannot be read.
    static func nights(from first: String, to last: String) -> Int {
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
        if lhs.sourceFile != rhs.sourceFile {
            // Problems of the run as a whole (no file) come after every file's.
            if lhs.sourceFile.isEmpty || rhs.sourceFile.isEmpty { return !lhs.sourceFile.isEmpty }
            return lhs.sourceFile.utf8.lexicographicallyPrecedes(rhs.sourceFile.utf8)
        }
        if lhs.sourceLine != rhs.sourceLine { return (lhs.sourceLine ?? 0) < (rhs.sourceLine ?? 0) }
        return lhs.anomalyID < rhs.anomalyID
    }
}
