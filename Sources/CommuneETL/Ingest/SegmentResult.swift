/// What a worker's `SheetReader` made of one segment of a file, kept until the segments before it are
/// merged (`SheetReader.merge`): everything a single reader would have added to the file's outcome, with
/// enough per row to undo the row if its key turns out to repeat an earlier segment's.
///
/// Sendability: built by one worker thread, then handed whole to the merging thread through the pool's
/// lock (`SegmentPool`); never shared while either side uses it. Hence `@unchecked Sendable`.
final class SegmentResult: @unchecked Sendable {
    /// A data row that went through the rules.
    struct Row {
        var line: Int
        /// The row's own findings in `anomalies` (anomalies before it belong to records between rows).
        var anomalies: Range<Int>
        /// Where the row's canonical bytes end in `output` (they start where the previous row's end).
        var outputEnd: Int
        var kept: Bool
        var facts: FactAccumulator.Contribution?
        /// The row's copy in `records`, when it has a key (only such a row can need reading again).
        var record: Int?
        /// Where the row's keys start in `keyRanges` (one per key probe).
        var firstKey: Int
    }

    /// The copy of a record: its cells back to back in `recordBytes`, their ends in `recordEnds`.
    struct StoredRecord {
        var line: Int
        var bytes: Range<Int>
        var ends: Range<Int>
    }

    var rows: [Row] = []
    var anomalies: [Anomaly] = []
    var output: [UInt8] = []
    /// Per key probe, the keys of the rows back to back.
    var keys: [[UInt8]] = []
    /// Per row and key probe, the row's key in that probe's `keys` (nil: the row has no such key).
    var keyRanges: [Range<Int>?] = []
    var records: [StoredRecord] = []
    var recordBytes: [UInt8] = []
    var recordEnds: [Int] = []
    var facts: FactAccumulator?
    var rowsRead = 0
    var layoutRows: [String: Int] = [:]
    /// Non-blank records met: a segment after a signature block must have none.
    var recordsSeen = 0
    /// Whether a signature block started in the segment, and the date it gives.
    var footerStarted = false
    var footerDate: String?
    var refused = false
    /// Whether the segment's reader ended where the splitter said the segment ends: on its last line,
    /// between two records.
    var endsWhereExpected = true

    /// Keeps a copy of the record being read (its cells as assembled), so that it can be read again.
    func store(_ record: CSVRecord) -> Int {
        let count = record.fieldCount == 0 ? 0 : record.ends[record.fieldCount - 1]
        let bytesStart = recordBytes.count, endsStart = recordEnds.count
        recordBytes.append(contentsOf: UnsafeBufferPointer(rebasing: record.bytes[0..<count]))
        recordEnds.append(contentsOf: record.ends)
        records.append(StoredRecord(line: record.line, bytes: bytesStart..<recordBytes.count, ends: endsStart..<recordEnds.count))
        return records.count - 1
    }

    /// Calls `body` with stored record `index` as a `CSVRecord`.
    func withRecord<T>(_ index: Int, _ body: (CSVRecord) throws -> T) rethrows -> T {
        let stored = records[index]
        return try recordBytes.withUnsafeBufferPointer { bytes in
            try recordEnds.withUnsafeBufferPointer { ends in
                try body(CSVRecord(line: stored.line, bytes: UnsafeBufferPointer(rebasing: bytes[stored.bytes]),
                                   ends: UnsafeBufferPointer(rebasing: ends[stored.ends])))
            }
        }
    }
}
