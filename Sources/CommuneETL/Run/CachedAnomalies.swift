/// The binary form of anomalies: one file's in the incremental cache (`anomalies.bin`, beside
/// `entry.json`), and the records of the spill files of `AnomalyLog` and the history.
///
/// Why not inside `entry.json`: a file of a million rows has some 20,000 anomalies, and `JSONEncoder`
/// builds its whole tree before writing a byte (≈ 45 MB at that size, the run's memory peak). This form is
/// written in pieces as it is encoded, and read back one anomaly at a time.
///
/// `anomalies.bin`: `CEAN`, the format version (UInt32 little-endian), the anomaly count (varint), then each
/// anomaly framed as in a spill file: its byte length (varint), then its `Anomaly.columns` in order:
/// `source_line` as a varint of line + 1 (0 when the anomaly has no line), every other column as a varint
/// byte length and its UTF-8 bytes. Varints are unsigned LEB128. Another version is refused (the file is
/// read again), never misread. Version 2 framed each anomaly, so that the spill's bytes are the cache's.
enum CachedAnomalies {
    static let magic: [UInt8] = Array("CEAN".utf8)
    static let formatVersion: UInt32 = 2

    /// The bytes before the anomalies: magic, version and count.
    static func header(count: Int) -> [UInt8] {
        var out = magic
        withUnsafeBytes(of: formatVersion.littleEndian) { out.append(contentsOf: $0) }
        BinaryRecords.appendVarint(UInt64(count), to: &out)
        return out
    }

    /// The whole encoding of `anomalies` (tests).
    static func encode(_ anomalies: [Anomaly]) -> [UInt8] {
        var out = header(count: anomalies.count)
        var record: [UInt8] = []
        for anomaly in anomalies {
            record.removeAll(keepingCapacity: true)
            append(anomaly, to: &record)
            SpillFile.frame(record, to: &out)
        }
        return out
    }

    /// The anomaly count of a file and where its first anomaly starts, from its first bytes; nil for another
    /// format or version, or a count the file's `size` cannot hold.
    static func readHeader(_ bytes: UnsafeRawBufferPointer, size: Int) -> (count: Int, offset: Int)? {
        var reader = BinaryRecords.Reader(bytes)
        guard let start = reader.take(8), start.starts(with: magic),
              start[4..<8].enumerated().reduce(UInt32(0), { $0 | UInt32($1.element) << (8 * UInt32($1.offset)) }) == formatVersion,
              let count = reader.varint(), count <= UInt64(size) else { return nil }
        return (Int(count), reader.offset)
    }

    /// Reads what `encode` wrote; nil when the bytes are not a whole file of this version.
    static func decode(_ bytes: [UInt8]) -> [Anomaly]? {
        bytes.withUnsafeBytes { raw -> [Anomaly]? in
            guard let (count, offset) = readHeader(raw, size: raw.count) else { return nil }
            var reader = BinaryRecords.Reader(raw)
            reader.offset = offset
            var anomalies: [Anomaly] = []
            for _ in 0..<count {
                guard let length = reader.varint(), length <= UInt64(raw.count), let record = reader.take(Int(length)),
                      let anomaly = anomaly(record) else { return nil }
                anomalies.append(anomaly)
            }
            return reader.isAtEnd ? anomalies : nil
        }
    }

    /// Appends one anomaly's columns (unframed).
    static func append(_ anomaly: Anomaly, to out: inout [UInt8]) {
        // Column by column, without an array of the texts (every anomaly of a run is spilled so).
        BinaryRecords.appendText(anomaly.anomalyID, to: &out)
        BinaryRecords.appendText(anomaly.severity.rawValue, to: &out)
        BinaryRecords.appendText(anomaly.rule, to: &out)
        BinaryRecords.appendText(anomaly.pipeline, to: &out)
        BinaryRecords.appendText(anomaly.sourceFile, to: &out)
        BinaryRecords.appendVarint(anomaly.sourceLine.map { UInt64($0) + 1 } ?? 0, to: &out)
        BinaryRecords.appendText(anomaly.communeCode, to: &out)
        BinaryRecords.appendText(anomaly.recordKey, to: &out)
        BinaryRecords.appendText(anomaly.field, to: &out)
        BinaryRecords.appendText(anomaly.value, to: &out)
        BinaryRecords.appendText(anomaly.expected, to: &out)
        BinaryRecords.appendText(anomaly.messageVI, to: &out)
        BinaryRecords.appendText(anomaly.messageEN, to: &out)
        BinaryRecords.appendText(anomaly.owner, to: &out)
    }

    /// One anomaly, exactly the bytes `append` wrote; nil otherwise.
    static func anomaly(_ bytes: UnsafeRawBufferPointer) -> Anomaly? {
        var reader = BinaryRecords.Reader(bytes)
        guard let anomaly = read(&reader), reader.isAtEnd else { return nil }
        return anomaly
    }

    /// Reads one anomaly's columns from the reader's position.
    static func read(_ reader: inout BinaryRecords.Reader) -> Anomaly? {
        guard let id = reader.text(), let severity = reader.text().flatMap(Severity.init(rawValue:)), let rule = reader.text(),
              let pipeline = reader.text(), let file = reader.text(), let line = reader.varint(), let commune = reader.text(),
              let key = reader.text(), let field = reader.text(), let value = reader.text(), let expected = reader.text(),
              let vi = reader.text(), let en = reader.text(), let owner = reader.text(), line <= UInt64(Int32.max) + 1
        else { return nil }
        return Anomaly(anomalyID: id, severity: severity, rule: rule, pipeline: pipeline, sourceFile: file,
                       sourceLine: line == 0 ? nil : Int(line) - 1, communeCode: commune, recordKey: key,
                       field: field, value: value, expected: expected, messageVI: vi, messageEN: en, owner: owner)
    }
}
