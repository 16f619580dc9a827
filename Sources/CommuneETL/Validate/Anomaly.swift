/// One problem found in the data: a row of `anomalies.csv`.
///
/// Anomalies are values, never thrown: the engine hands them to the run, which writes them out. The
/// properties are the columns of `anomalies.csv`, in order.
public struct Anomaly: Sendable, Equatable, Codable {
    /// Stable across runs for the same problem in the same record (see `AnomalyID`).
    public var anomalyID: String
    public var severity: Severity
    public var rule: String
    public var pipeline: String
    /// The file's path inside the inbox.
    public var sourceFile: String
    /// The line a person sees in a spreadsheet (header and title rows counted); nil for the whole file.
    public var sourceLine: Int?
    public var communeCode: String
    public var recordKey: String
    public var field: String
    /// The cell as written.
    public var value: String
    public var expected: String
    public var messageVI: String
    public var messageEN: String
    /// The office of plan section VI responsible for fixing it (`offices.yaml`): the indicator's owner for
    /// an indicator or a target, else the pipeline's.
    public var owner: String = ""

    /// The column names of `anomalies.csv`, in order.
    public static let columns = [
        "anomaly_id", "severity", "rule", "pipeline", "source_file", "source_line", "commune_code",
        "record_key", "field", "value", "expected", "message_vi", "message_en", "owner",
    ]
}
