import Foundation

/// Everything a run writes under `anomalies/`, made once every file and table check is done: the tools'
/// list, the state for the next night, the lists for people and the problems fixed tonight.
///
/// The acceptance file is read here, every night, and never cached with the inputs: what it accepts
/// depends on the night's anomalies, and its hash is in the manifest as part of what made the result.
struct AnomalyReport {
    /// Every anomaly of the night, in the order of `anomalies.csv` (files, the run's warnings, then the
    /// acceptance file's lines).
    var anomalies: [Anomaly]
    var history: AnomalyHistory.Result
    /// `inbox/acceptances.csv` as read tonight (nil when there is none), for the manifest.
    var acceptanceFile: ManifestBuilder.Output?
    /// Paths inside the run folder and their bytes, in path order.
    var files: [(path: String, bytes: [UInt8])]

    static func make(outcomes: [FileOutcome], tables: TableResults, context: RunContext, options: RunOptions,
                     runID: String, log: RunLog) -> AnomalyReport {
        var anomalies = AnomalyCSVWriter.ordered(outcomes) + tables.anomalies
        let acceptancePath = options.inbox + "/" + AcceptanceList.fileName
        let acceptanceBytes = readRegularFile(acceptancePath)
        let (valid, acceptanceAnomalies) = AcceptanceList(bytes: acceptanceBytes).judge(against: anomalies, context: context, inbox: options.inbox)
        anomalies += acceptanceAnomalies

        let statePath = options.output + "/current/anomalies/state.csv"
        var previous: [String: AnomalyRecord] = [:]
        if let bytes = readRegularFile(statePath) {
            if let records = AnomalyStateFile.decode(bytes) {
                previous = records
            } else {
                log.log(.warning, "the previous run's anomalies/state.csv cannot be read: every anomaly of tonight is new")
            }
        }
        let catalog = context.catalog
        let checked = Set(outcomes.filter { !$0.refused }.map(\.input.relativePath) + [AcceptanceList.fileName])
        let knownRules = Set(RuleExplanation.all(in: catalog).map(\.id) + catalog.targets.targets.map(\.id))
        let history = AnomalyHistory(previous: previous, runDate: String(runID.prefix(10)), checkedFiles: checked, knownRules: knownRules)
            .update(anomalies, acceptances: valid)
        if history.dropped > 0 {
            log.log(.notice, "\(history.dropped) problems of rules no longer in the configuration were dropped (not resolved)")
        }

        var files: [(path: String, bytes: [UInt8])] = [
            ("anomalies/anomalies.csv", AnomalyCSVWriter.encode(anomalies)),
            ("anomalies/state.csv", AnomalyStateFile.encode(history.state)),
        ]
        files += StaffAnomalyLists(catalog: catalog).files(current: history.current, resolved: history.resolved)
            .map { ("anomalies/" + $0.path, $0.bytes) }
        let acceptanceFile = acceptanceBytes.map {
            ManifestBuilder.Output(path: AcceptanceList.fileName, bytes: $0.count, sha256: SHA256.hexDigest($0))
        }
        return AnomalyReport(anomalies: anomalies, history: history, acceptanceFile: acceptanceFile, files: files.sorted { $0.path < $1.path })
    }

    /// The bytes of a regular file; nil when it is missing, a symbolic link (never followed) or unreadable.
    private static func readRegularFile(_ path: String) -> [UInt8]? {
        var info = stat()
        guard lstat(path, &info) == 0, info.st_mode & S_IFMT == S_IFREG else { return nil }
        return FileManager.default.contents(atPath: path).map(Array.init)
    }
}
