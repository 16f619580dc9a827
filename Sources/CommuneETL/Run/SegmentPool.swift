import Foundation

/// Worker threads that read segments of one file, each thread with its own `SheetReader`
/// (`init(segmentsOf:)`), and give the results back by segment number, so that they are merged in file order.
///
/// Sendability: every stored property but `readers` and `delimiter` is touched only while `condition` (a
/// mutex with a condition variable) is locked. Reader `i` is used by worker thread `i` alone, from start to
/// shut-down. A segment's text and its result are handed over under the lock, and used by one side at a
/// time. Hence `@unchecked Sendable`.
final class SegmentPool: @unchecked Sendable {
    /// Decoded text that holds whole records, and where it lies in the file.
    struct Segment {
        var number: Int
        var text: [UInt8]
        /// The file's lines before the segment, and at its end (as the splitter counted them).
        var firstLine: Int
        var endLine: Int
        var isLast: Bool
        /// Where each line of `text` ends (`SegmentSplitter`), to read a row again.
        var lineEnds: [Int]
        /// An empty buffer for the canonical rows, kept from a segment already merged (or a new one).
        var output: [UInt8]
    }

    private let readers: [SheetReader]
    private let delimiter: UInt8
    private let condition = NSCondition()
    private var queue: [Segment] = []
    private var results: [Int: SegmentResult] = [:]
    private var isShuttingDown = false
    private var liveWorkers = 0

    /// Starts one thread per reader.
    init(readers: [SheetReader], delimiter: UInt8) {
        self.readers = readers
        self.delimiter = delimiter
        liveWorkers = readers.count
        for index in readers.indices {
            let thread = Thread { [self] in self.runWorker(index) }
            thread.name = "commune-etl-read"
            thread.start()
        }
    }

    deinit { shutDown() }

    func submit(_ segment: Segment) {
        condition.lock()
        queue.append(segment)
        condition.signal()
        condition.unlock()
    }

    /// The result of segment `number` (already submitted), waiting for it when `wait`; nil if not ready.
    func takeResult(_ number: Int, wait: Bool) -> SegmentResult? {
        condition.lock()
        defer { condition.unlock() }
        while wait && results[number] == nil { condition.wait() }
        return results.removeValue(forKey: number)
    }

    /// Drops the queued segments and waits until every worker has exited. Calling it again does nothing.
    func shutDown() {
        condition.lock()
        isShuttingDown = true
        queue.removeAll()
        condition.broadcast()
        while liveWorkers > 0 { condition.wait() }
        results.removeAll()
        condition.unlock()
    }

    private func runWorker(_ index: Int) {
        while var segment = nextSegment() {
            var output: [UInt8] = []
            swap(&output, &segment.output)
            let result = segment.text.withUnsafeBytes {
                readers[index].readSegment($0, firstLine: segment.firstLine, endLine: segment.endLine,
                                           isLast: segment.isLast, delimiter: delimiter, output: &output)
            }
            result.text = segment.text  // Kept until merged: a repeated row is read again from it.
            result.lineEnds = segment.lineEnds
            condition.lock()
            results[segment.number] = result
            condition.broadcast()
            condition.unlock()
        }
        condition.lock()
        liveWorkers -= 1
        condition.broadcast()
        condition.unlock()
    }

    /// The oldest queued segment, waiting for one; nil once the pool shuts down.
    private func nextSegment() -> Segment? {
        condition.lock()
        defer { condition.unlock() }
        while queue.isEmpty && !isShuttingDown { condition.wait() }
        guard !isShuttingDown else { return nil }
        return queue.removeFirst()
    }
}
