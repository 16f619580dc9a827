/// The spill formats of anomalies and their records (`SpillLog`): the `CachedAnomalies` columns, and the
/// order each list is read back in.

/// A file's anomalies, read back by line (file-level ones, without a line, first): `anomalies.csv`.
enum AnomaliesByLine: SpillFormat {
    static func encode(_ element: Anomaly, to out: inout [UInt8]) { CachedAnomalies.append(element, to: &out) }
    static func decode(_ bytes: UnsafeRawBufferPointer) -> Anomaly? { CachedAnomalies.anomaly(bytes) }
    static func precedes(_ lhs: Anomaly, _ rhs: Anomaly) -> Bool { (lhs.sourceLine ?? 0) < (rhs.sourceLine ?? 0) }
}

/// Records of the night read back by file, then line: the order of the lists for people.
enum RecordsByFileAndLine: SpillFormat {
    static func encode(_ element: AnomalyRecord, to out: inout [UInt8]) { AnomalyRecord.append(element, to: &out) }
    static func decode(_ bytes: UnsafeRawBufferPointer) -> AnomalyRecord? { AnomalyRecord.record(bytes) }
    static func precedes(_ lhs: AnomalyRecord, _ rhs: AnomalyRecord) -> Bool {
        let (a, b) = (lhs.anomaly, rhs.anomaly)
        guard a.sourceFile != b.sourceFile || a.sourceLine != b.sourceLine else { return false }
        return AnomalyHistory.precedes(a, b)
    }
}

/// Rows of the lists for people, read back by file, then line, as `RecordsByFileAndLine` reads their records:
/// the file's name, the line + 1 (0 for none), then the row's bytes.
enum ListRowsByFileAndLine: SpillFormat {
    static func encode(_ element: StaffAnomalyLists.ListRow, to out: inout [UInt8]) {
        BinaryRecords.appendText(element.sourceFile, to: &out)
        BinaryRecords.appendVarint(element.sourceLine.map { UInt64(truncatingIfNeeded: $0) &+ 1 } ?? 0, to: &out)
        out += element.bytes
    }

    static func decode(_ bytes: UnsafeRawBufferPointer) -> StaffAnomalyLists.ListRow? {
        var reader = BinaryRecords.Reader(bytes)
        guard let file = reader.text(), let line = reader.varint(), let row = reader.take(bytes.count - reader.offset) else { return nil }
        return .init(sourceFile: file, sourceLine: line == 0 ? nil : Int(truncatingIfNeeded: line &- 1), bytes: Array(row))
    }

    static func precedes(_ lhs: StaffAnomalyLists.ListRow, _ rhs: StaffAnomalyLists.ListRow) -> Bool {
        if lhs.sourceFile != rhs.sourceFile { return AnomalyHistory.fileSortsBefore(lhs.sourceFile, rhs.sourceFile) }
        return (lhs.sourceLine ?? 0) < (rhs.sourceLine ?? 0)
    }
}

/// Records of earlier nights (resolved, carried) read back by file, line, then id.
enum RecordsByFileLineAndID: SpillFormat {
    static func encode(_ element: AnomalyRecord, to out: inout [UInt8]) { AnomalyRecord.append(element, to: &out) }
    static func decode(_ bytes: UnsafeRawBufferPointer) -> AnomalyRecord? { AnomalyRecord.record(bytes) }
    static func precedes(_ lhs: AnomalyRecord, _ rhs: AnomalyRecord) -> Bool { AnomalyHistory.precedes(lhs.anomaly, rhs.anomaly) }
}

extension AnomalyRecord {
    /// The anomaly's columns (`CachedAnomalies`), then status, first seen, nights open (varint of its two's complement) and the
    /// three acceptance columns.
    static func append(_ record: AnomalyRecord, to out: inout [UInt8]) {
        CachedAnomalies.append(record.anomaly, to: &out)
        BinaryRecords.appendText(record.status.rawValue, to: &out)
        BinaryRecords.appendText(record.firstSeen, to: &out)
        BinaryRecords.appendVarint(UInt64(bitPattern: Int64(record.nightsOpen)), to: &out)  // as read, even negative
        for text in [record.acceptedOn, record.acceptedBy, record.acceptedValue] { BinaryRecords.appendText(text, to: &out) }
    }

    /// One record, exactly the bytes `append` wrote; nil otherwise.
    static func record(_ bytes: UnsafeRawBufferPointer) -> AnomalyRecord? {
        var reader = BinaryRecords.Reader(bytes)
        guard let anomaly = CachedAnomalies.read(&reader), let status = reader.text().flatMap(AnomalyStatus.init(rawValue:)),
              let firstSeen = reader.text(), let nights = reader.varint(),
              let acceptedOn = reader.text(), let acceptedBy = reader.text(), let acceptedValue = reader.text(), reader.isAtEnd
        else { return nil }
        var record = AnomalyRecord(anomaly: anomaly, status: status, firstSeen: firstSeen, nightsOpen: Int(Int64(bitPattern: nights)))
        record.acceptedOn = acceptedOn
        record.acceptedBy = acceptedBy
        record.acceptedValue = acceptedValue
        return record
    }
}
