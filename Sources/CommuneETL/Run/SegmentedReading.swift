/// Reads the rows of one large file on several threads.
///
/// The file's own reader reads its first rows, as always: the title rows, the header, the first data rows.
/// Once the header is bound and rows have begun (`SheetReader.canReadRestInSegments`), the rest of the text
/// is cut into segments of whole records (`SegmentSplitter`), each read by a worker's reader
/// (`SegmentPool`), and the results are merged in file order (`SheetReader.merge`), which registers the
/// household keys in order and reads a repeated row again where its repeat can be reported. The outcome,
/// the canonical rows and the anomalies are those of reading the file on one thread.
///
/// Anything a segment cannot settle alone — a line count that disagrees with the splitter's, records after
/// a signature block, undecodable bytes or a read error after the cut, a quoted cell that never ends —
/// throws `FallBack`: the caller reads the file again, from its start, on one thread.
///
/// **Memory** is bounded: at most `threads + 2` segments (text, rows and results) wait to be merged.
final class SegmentedReading {
    /// The file must be read again from its start, on one thread.
    struct FallBack: Error {}

    private let sheet: SheetReader
    private let reader: CSVRecordReader
    private let deliver: (CSVRecord) -> Void
    private let makeReaders: () throws -> [SheetReader]
    private let delimiter: UInt8
    private let segmentBytes: Int
    private var splitter = SegmentSplitter()
    private var pool: SegmentPool?
    private var maxInFlight = 0
    /// Text after the last segment, and the file's lines before it.
    private var pending: [UInt8] = []
    private var pendingFirstLine = 0
    /// Where the lines of `pending` end.
    private var pendingLineEnds: [Int] = []
    /// The last place `pending` may be cut, if any.
    private var lastCut: SegmentSplitter.Cut?
    private var submitted = 0
    private var merged = 0
    /// Buffers of merged segments, emptied, for the next ones: a segment allocates no megabyte of its own,
    /// which keeps the heap from growing in pieces the allocator cannot give back.
    private var spareTexts: [[UInt8]] = []
    private var spareOutputs: [[UInt8]] = []

    /// Whether the rest of the file is read in segments (the switch is made once, in `feed`).
    var isSegmented: Bool { pool != nil }

    /// - Parameters:
    ///   - sheet, reader, deliver: the file's own reader, its CSV reader, and what hands a record to it.
    ///   - makeReaders: the workers' readers, made when the switch is made.
    ///   - segmentBytes: text per segment (cut at the first record boundary past it).
    init(sheet: SheetReader, reader: CSVRecordReader, deliver: @escaping (CSVRecord) -> Void,
         makeReaders: @escaping () throws -> [SheetReader], delimiter: UInt8, segmentBytes: Int) {
        self.sheet = sheet
        self.reader = reader
        self.deliver = deliver
        self.makeReaders = makeReaders
        self.delimiter = delimiter
        self.segmentBytes = segmentBytes
    }

    deinit { pool?.shutDown() }

    /// Text the file's own reader takes at a time before the switch: enough for title rows, the header and
    /// the first rows, which are all it must read. (A segment's length, 512 KiB, kept the other core idle
    /// while this thread read ≈ 3,800 rows alone at the start of a large file.)
    static let firstWindowBytes = 16 << 10

    /// Takes the next decoded text of the file. Before the switch, the text goes to the file's own reader
    /// `firstWindowBytes` at a time (a segment's length when that is less), so that the switch comes soon
    /// after the first rows.
    /// - Throws: `CSVSyntaxError` from the file's own reader (before the switch), `FallBack`, or an output error.
    func feed(_ text: UnsafeRawBufferPointer) throws {
        var start = 0
        var lineEnds: [Int] = []
        while pool == nil, start < text.count {
            let end = min(text.count, start + min(segmentBytes, Self.firstWindowBytes))
            let window = UnsafeRawBufferPointer(rebasing: text[start..<end])
            lineEnds.removeAll(keepingCapacity: true)
            guard let cut = splitter.scan(window, lineEnds: &lineEnds) else {
                try reader.parse(window, onRecord: deliver)
                start = end
                continue
            }
            try reader.parse(UnsafeRawBufferPointer(rebasing: window[..<cut.offset]), onRecord: deliver)
            let rest = UnsafeRawBufferPointer(rebasing: window[cut.offset...])
            start = end
            guard sheet.canReadRestInSegments, reader.line == cut.lines, reader.isBetweenRecords else {
                try reader.parse(rest, onRecord: deliver)
                continue
            }
            try switchToSegments(after: cut)
            // `cut` is the window's last place to cut: its rest waits for more text.
            pending.append(contentsOf: rest)
            pendingLineEnds = lineEnds.filter { $0 > cut.offset }.map { $0 - cut.offset }
        }
        if pool != nil, start < text.count { try append(UnsafeRawBufferPointer(rebasing: text[start...])) }
    }

    private func switchToSegments(after cut: SegmentSplitter.Cut) throws {
        try sheet.flushBeforeSegments()
        let readers = try makeReaders()
        pool = SegmentPool(readers: readers, delimiter: delimiter)
        maxInFlight = readers.count + 2
        pendingFirstLine = cut.lines
        pending.reserveCapacity(segmentBytes + segmentBytes / 4)
    }

    /// Ends the text: the last segment is read and every segment merged. Does nothing before the switch.
    func finish() throws {
        guard pool != nil else { return }
        if !pending.isEmpty { submit(pending, lineEnds: pendingLineEnds, endLine: splitter.lines, isLast: true) }
        pending = []
        pendingLineEnds = []
        while merged < submitted { try mergeNext(wait: true) }
        pool?.shutDown()
    }

    /// Stops the workers without merging what they read (the file was refused, or must be read again).
    func abandon() {
        pool?.shutDown()
    }

    /// After the switch: the text joins `pending`, which is cut into segments as it grows.
    private func append(_ text: UnsafeRawBufferPointer) throws {
        var start = 0
        while start < text.count {
            let window = UnsafeRawBufferPointer(rebasing: text[start..<min(text.count, start + segmentBytes)])
            start += window.count
            if let cut = splitter.scan(window, lineEnds: &pendingLineEnds, base: pending.count) {
                lastCut = .init(offset: pending.count + cut.offset, lines: cut.lines)
            }
            pending.append(contentsOf: window)
            if let cut = lastCut, pending.count >= segmentBytes {
                let rest = Array(pending[cut.offset...])
                pending.removeSubrange(cut.offset...)
                let linesInSegment = pendingLineEnds.firstIndex { $0 > cut.offset } ?? pendingLineEnds.count
                let restLineEnds = pendingLineEnds[linesInSegment...].map { $0 - cut.offset }
                pendingLineEnds.removeSubrange(linesInSegment...)
                submit(pending, lineEnds: pendingLineEnds, endLine: cut.lines, isLast: false)
                pending = spareTexts.popLast() ?? []
                pending.reserveCapacity(segmentBytes + segmentBytes / 4)
                pending.append(contentsOf: rest)
                pendingLineEnds = restLineEnds
                pendingFirstLine = cut.lines
                lastCut = nil
                while submitted - merged >= maxInFlight { try mergeNext(wait: true) }
                while merged < submitted, try mergeNext(wait: false) {}
            } else if pending.count > 64 * segmentBytes {
                throw FallBack()  // A quoted cell that does not end: one reader reports it as it should.
            }
        }
    }

    private func submit(_ text: [UInt8], lineEnds: [Int], endLine: Int, isLast: Bool) {
        pool!.submit(.init(number: submitted, text: text, firstLine: pendingFirstLine, endLine: endLine, isLast: isLast,
                           lineEnds: lineEnds, output: spareOutputs.popLast() ?? []))
        submitted += 1
    }

    /// Merges the next segment's result if it is ready (waiting for it when `wait`); returns whether it did.
    @discardableResult
    private func mergeNext(wait: Bool) throws -> Bool {
        guard let result = pool!.takeResult(merged, wait: wait) else { return false }
        merged += 1
        guard try sheet.merge(result) else { throw FallBack() }
        // Taken out of the result first: emptied while shared, a buffer would be copied, not kept.
        var text: [UInt8] = [], output: [UInt8] = []
        swap(&text, &result.text)
        swap(&output, &result.output)
        text.removeAll(keepingCapacity: true)
        output.removeAll(keepingCapacity: true)
        spareTexts.append(text)
        spareOutputs.append(output)
        return true
    }
}
