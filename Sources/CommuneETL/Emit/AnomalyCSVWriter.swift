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
            appendRow(anomaly, to: &out.bytes)
            try out.flushIfFull(to: sink)
        }
        try out.flush(to: sink)
    }

    static func appendHeader(to out: inout [UInt8]) {
        out += Array(Anomaly.columns.joined(separator: ",").utf8)
        out.append(0x0A)
    }

    /// Appends the anomaly's row, LF-terminated.
    static func appendRow(_ anomaly: Anomaly, to out: inout [UInt8]) {
        appendCells(anomaly, to: &out)
        out.append(0x0A)
    }

    /// Appends the anomaly's cells in the order of `Anomaly.columns`, comma-separated, minimally quoted, with
    /// no line end (`state.csv` adds its own columns after them). Each cell goes from its `String` to the
    /// output as is: an array of the cells, and a `String` for the line number, cost more than the writing.
    static func appendCells(_ anomaly: Anomaly, to out: inout [UInt8]) {
        func cell(_ text: String) {
            out.append(UInt8(ascii: ","))
            CSVQuoting.append(field: text, to: &out)
        }
        CSVQuoting.append(field: anomaly.anomalyID, to: &out)
        cell(anomaly.severity.rawValue)
        cell(anomaly.rule)
        cell(anomaly.pipeline)
        cell(anomaly.sourceFile)
        out.append(UInt8(ascii: ","))
        if let line = anomaly.sourceLine { DecimalDigits.append(Int64(line), to: &out) }
        cell(anomaly.communeCode)
        cell(anomaly.recordKey)
        cell(anomaly.field)
        cell(anomaly.value)
        cell(anomaly.expected)
        cell(anomaly.messageVI)
        cell(anomaly.messageEN)
        cell(anomaly.owner)
    }
}
