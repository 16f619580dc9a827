/// The anomalies of the night in the order of `anomalies.csv`: each file's by line, files in run order,
/// then those of the run as a whole (targets, corrections, acceptances). Read from the files' logs each
/// time, never gathered.
struct NightAnomalies {
    let outcomes: [FileOutcome]
    var ofTheRun: [Anomaly]

    func forEach(_ body: (Anomaly) throws -> Void) throws {
        for outcome in outcomes { try outcome.anomalies.forEachByLine(body) }
        for anomaly in ofTheRun { try body(anomaly) }
    }
}
