/// Writes `anomalies/anomalies.csv`: every anomaly of the run, for tools.
///
/// UTF-8 without BOM, comma, minimal quoting, LF, values exactly as found (the lists made for people in
/// Excel, with BOM and formula neutralising, are a separate output). Rows are ordered by input file, then
/// line, then the order the rules ran, so the same inputs give the same bytes.
public enum AnomalyCSVWriter {
    public static func encode(_ anomalies: [Anomaly]) -> [UInt8] {
        var out: [UInt8] = []
        out.reserveCapacity(128 + anomalies.count * 256)
        out += Array(Anomaly.columns.joined(separator: ",").utf8)
        out.append(0x0A)
        for anomaly in anomalies {
            for (index, cell) in cells(anomaly).enumerated() {
                if index > 0 { out.append(UInt8(ascii: ",")) }
                CSVQuoting.append(field: cell, to: &out)
            }
            out.append(0x0A)
        }
        return out
    }

    /// The anomaly's cells, in the order of `Anomaly.columns`.
    static func cells(_ anomaly: Anomaly) -> [String] {
        [
            anomaly.anomalyID, anomaly.severity.rawValue, anomaly.rule, anomaly.pipeline, anomaly.sourceFile,
            anomaly.sourceLine.map(String.init) ?? "", anomaly.communeCode, anomaly.recordKey, anomaly.field,
            anomaly.value, anomaly.expected, anomaly.messageVI, anomaly.messageEN, anomaly.owner,
        ]
    }

    /// Orders anomalies by file (run order), then line (file-level ones without a line first), keeping the
    /// order in which they were found for ties.
    public static func ordered(_ outcomes: [FileOutcome]) -> [Anomaly] {
        outcomes.flatMap { outcome in
            outcome.anomalies.enumerated()
                .sorted { ($0.element.sourceLine ?? 0, $0.offset) < ($1.element.sourceLine ?? 0, $1.offset) }
                .map(\.element)
        }
    }
}
