/// What a worker's `SheetReader` made of one segment of a file, kept until the segments before it are
/// merged (`SheetReader.merge`): everything a single reader would have added to the file's outcome, with
/// enough per row to undo the row if its key turns out to repeat an earlier segment's, and the segment's
/// text, to read such a row again.
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
        /// Where the row's keys start in `keyRanges` (one per key probe).
        var firstKey: Int
    }

    var rows: [Row] = []
    var anomalies: [Anomaly] = []
    var output: [UInt8] = []
    /// Per key probe, the keys of the rows back to back.
    var keys: [[UInt8]] = []
    /// Per row and key probe, the row's key in that probe's `keys` (nil: the row has no such key).
    var keyRanges: [Range<Int>?] = []
    /// The segment's text and the file's lines before it.
    var text: [UInt8] = []
    var firstLine = 0
    var delimiter = UInt8(ascii: ",")
    /// Where each line of `text` ends (past its CR, LF or CR LF), as the splitter found them.
    var lineEnds: [Int] = []
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

    /// Reads the record of spreadsheet line `line` from the segment's text again (the text from the end of
    /// the line before to the end of its own), and calls `body` with it. Nil when the text holds no record
    /// there — lines counted otherwise than the reader counts them: the caller reads the file again.
    func withRecord<T>(line: Int, limits: InputLimits, _ body: (CSVRecord) throws -> T) throws -> T? {
        let index = line - firstLine - 1, ends = lineEnds
        // The file's last line may end without a line break: it ends with the text.
        guard index >= 0, index <= ends.count else { return nil }
        let end = index < ends.count ? ends[index] : text.count
        let reader = CSVRecordReader(delimiter: delimiter, maxFieldBytes: limits.maxFieldBytes,
                                     maxColumns: limits.maxColumns, firstLine: line - 1)
        var result: T?
        var failure: (any Error)?
        try withoutActuallyEscaping(body) { body in
            let deliver: (CSVRecord) -> Void = { record in
                guard result == nil, failure == nil, record.line == line, !record.isBlank else { return }
                do { result = try body(record) } catch { failure = error }
            }
            try text.withUnsafeBytes { text in
                try? reader.parse(UnsafeRawBufferPointer(rebasing: text[(index == 0 ? 0 : ends[index - 1])..<end]), onRecord: deliver)
                try? reader.finish(onRecord: deliver)  // The file's last line, without a line break.
                if let failure { throw failure }
            }
        }
        return result
    }
}
