/// Writes `anomalies/anomalies.csv`: every anomaly of the run, for tools.
///
/// UTF-8 without BOM, comma, minimal quoting, LF, values exactly as found (the lists made for people in
/// Excel, with BOM and formula neutralising, are a separate output). Rows are ordered by input file, then
/// line, then the order the rules ran (`NightAnomalies`), so the same inputs give the same bytes.
public enum AnomalyCSVWriter {
    public static func encode(_ anomalies: [Anomaly]) -> [UInt8] {
        EncodedPieces.collect { encode(anomalies, to: $0) }
    }

    /// Streams the file to `sink` in pieces of about 1 MiB (`EncodedPieces`).
    public static func encode(_ anomalies: [Anomaly], to sink: (UnsafeRawBufferPointer) throws -> Void) rethrows {
        var out = EncodedPieces()
        appendHeader(to: &out.bytes)
        for anomaly in anomalies {
            appendRow(cells(anomaly), to: &out.bytes)
            try out.flushIfFull(to: sink)
        }
        try out.flush(to: sink)
    }

    static func appendHeader(to out: inout [UInt8]) {
        out += Array(Anomaly.columns.joined(separator: ",").utf8)
        out.append(0x0A)
    }

    /// Appends one row of cells, comma-separated, minimally quoted, LF-terminated.
    static func appendRow(_ cells: [String], to out: inout [UInt8]) {
        for (index, cell) in cells.enumerated() {
            if index > 0 { out.append(UInt8(ascii: ",")) }
            CSVQuoting.append(field: cell, to: &out)
        }
        out.append(0x0A)
    }

    /// The anomaly's cells, in the order of `Anomaly.columns`.
    static func cells(_ anomaly: Anomaly) -> [String] {
        [
            anomaly.anomalyID, anomaly.severity.rawValue, anomaly.rule, anomaly.pipeline, anomaly.sourceFile,
            anomaly.sourceLine.map(String.init) ?? "", anomaly.communeCode, anomaly.recordKey, anomaly.field,
            anomaly.value, anomaly.expected, anomaly.messageVI, anomaly.messageEN, anomaly.owner,
        ]
    }
}
