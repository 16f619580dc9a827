import Glibc

/// How the values of a `SpillLog` are written to its file and in what order they are read back.
protocol SpillFormat {
    associatedtype Element: Sendable
    static func encode(_ element: Element, to out: inout [UInt8])
    /// Nil when the bytes are not one whole element.
    static func decode(_ bytes: UnsafeRawBufferPointer) -> Element?
    /// The order of `SpillLog.forEachInOrder`; elements neither of which precedes the other keep the order
    /// they were appended in.
    static func precedes(_ lhs: Element, _ rhs: Element) -> Bool
}

/// A list that can grow past what memory should hold: it keeps the last `bufferSize` elements, and appends
/// the earlier ones to a `SpillFile` in the run's `parts/` folder. Read back in the order appended, or
/// sorted (stable) by `Format.precedes`.
///
/// Why: the anomalies of a run grow with its files (≈ 1.5 KB each in memory, 200,000 at 10M rows); spilled,
/// a file's anomalies cost a bounded buffer whatever their number. Without a file (tests, `check`), it is
/// an array.
///
/// Sorting is a merge of the runs the elements were appended in: a new run starts each time an element
/// precedes the one before it. Anomalies arrive almost in order (by line, a few file-level ones last), so
/// the runs are few and the merge streams them with a 64 KiB window each (`SpillReader`).
///
/// - Complexity: append O(1) amortised; a read O(n × runs) time and O(runs × 64 KiB + bufferSize) memory.
struct SpillLog<Format: SpillFormat>: Sendable {
    private var file: SpillFile?
    private let bufferSize: Int
    /// The elements not spilled yet: those from `spilledCount` on.
    private var buffer: [Format.Element] = []
    private(set) var count = 0
    private var spilledCount = 0
    /// Where each run of elements already in order begins: its index, and its byte offset once spilled.
    private var runs: [Run] = []
    /// The last element spilled: what a new run is judged against while the buffer is empty. (The last
    /// element appended is the buffer's last; keeping a copy of each would cost its strings' reference counts.)
    private var lastSpilled: Format.Element?
    /// Why the file could not be written: every read throws it (appends cannot throw: the readers of
    /// files call them in the row loop).
    private var failure: OutputError?

    private struct Run: Sendable {
        var start: Int
        var offset: Int?
    }

    /// A list in memory, whatever its size.
    init() {
        bufferSize = .max
    }

    /// A list that spills to `path` (created on the first spill) past `bufferSize` elements.
    init(spillingTo path: String, bufferSize: Int) {
        precondition(bufferSize > 0, "a spill buffer holds at least one element")
        file = SpillFile(path: path)
        self.bufferSize = bufferSize
    }

    var isEmpty: Bool { count == 0 }

    /// The element appended last, if any.
    var last: Format.Element? { buffer.last ?? lastSpilled }

    mutating func append(_ element: Format.Element) {
        let startsRun = runs.isEmpty || (buffer.isEmpty ? lastSpilled.map { Format.precedes(element, $0) } == true
                                                        : Format.precedes(element, buffer[buffer.count - 1]))
        if startsRun { runs.append(Run(start: count)) }
        buffer.append(element)
        count += 1
        if buffer.count >= bufferSize { spill() }
    }

    /// Spills what the buffer holds, if the list has a file: once a file is read, its buffer would
    /// otherwise stay in memory until the end of the run, one per file.
    mutating func flush() {
        if file != nil, !buffer.isEmpty { spill() }
        if file != nil { buffer = [] }  // its capacity too
    }

    /// Writes the buffer to the file and empties it.
    private mutating func spill() {
        if let newest = buffer.last { lastSpilled = newest }
        guard var file, failure == nil else { return buffer.removeAll() }
        var bytes: [UInt8] = []
        var record: [UInt8] = []
        var run = runs.firstIndex { $0.offset == nil } ?? runs.count
        for (index, element) in buffer.enumerated() {
            if run < runs.count, runs[run].start == spilledCount + index {
                runs[run].offset = file.byteCount + bytes.count
                run += 1
            }
            record.removeAll(keepingCapacity: true)
            Format.encode(element, to: &record)
            SpillFile.frame(record, to: &bytes)
        }
        do {
            try file.append(bytes)
        } catch {
            failure = error
        }
        self.file = file
        spilledCount += buffer.count
        buffer.removeAll(keepingCapacity: true)
    }

    /// Every element, in the order appended.
    func forEach(_ body: (Format.Element) throws -> Void) throws {
        if let failure { throw failure }
        if spilledCount > 0, let file {
            let reader = try SpillReader(path: file.path, from: 0, to: file.byteCount)
            while let bytes = try reader.next() { try body(try decode(bytes)) }
        }
        for element in buffer { try body(element) }
    }

    /// Every element, sorted by `Format.precedes`, ties in the order appended.
    func forEachInOrder(_ body: (Format.Element) throws -> Void) throws {
        if let failure { throw failure }
        if runs.count <= 1 { return try forEach(body) }
        guard spilledCount > 0 else {
            let order = buffer.indices.sorted { lhs, rhs in
                Format.precedes(buffer[lhs], buffer[rhs]) || (!Format.precedes(buffer[rhs], buffer[lhs]) && lhs < rhs)
            }
            for index in order { try body(buffer[index]) }
            return
        }
        var cursors = try runs.indices.map { index in
            try Cursor(log: self, from: runs[index].start, to: index + 1 < runs.count ? runs[index + 1].start : count,
                       offset: runs[index].offset)
        }
        while true {
            var best: Int?
            for index in cursors.indices {
                guard let head = cursors[index].head else { continue }
                // Strictly before only: on a tie the earlier run, appended first, wins.
                if let current = best, !Format.precedes(head, cursors[current].head!) { continue }
                best = index
            }
            guard let best else { return }
            try body(cursors[best].head!)
            try cursors[best].advance(in: self)
        }
    }

    /// The elements, in the order appended, handed over rather than copied when none was spilled (a worker's
    /// log); the list is left empty.
    mutating func take() throws -> [Format.Element] {
        let taken = spilledCount == 0 && failure == nil ? buffer : try collected()
        self = file.map { SpillLog(spillingTo: $0.path, bufferSize: bufferSize) } ?? SpillLog()
        return taken
    }

    /// Every element in an array (tests, and lists known to be small).
    func collected(inOrder: Bool = false) throws -> [Format.Element] {
        var all: [Format.Element] = []
        all.reserveCapacity(count)
        if inOrder { try forEachInOrder { all.append($0) } } else { try forEach { all.append($0) } }
        return all
    }

    /// The records of the list as framed bytes, in the order appended: the file's, then the buffer's.
    func forEachFramedPiece(_ body: (UnsafeRawBufferPointer) throws -> Void) throws {
        if let failure { throw failure }
        if spilledCount > 0, let file {
            let reader = try SpillReader(path: file.path, from: 0, to: file.byteCount)
            var piece: [UInt8] = []
            while let bytes = try reader.next() {
                SpillFile.frame(Array(bytes), to: &piece)
                if piece.count >= 1 << 20 {
                    try piece.withUnsafeBytes(body)
                    piece.removeAll(keepingCapacity: true)
                }
            }
            try piece.withUnsafeBytes(body)
        }
        var record: [UInt8] = []
        var piece: [UInt8] = []
        for element in buffer {
            record.removeAll(keepingCapacity: true)
            Format.encode(element, to: &record)
            SpillFile.frame(record, to: &piece)
        }
        try piece.withUnsafeBytes(body)
    }

    private func decode(_ bytes: UnsafeRawBufferPointer) throws(OutputError) -> Format.Element {
        guard let element = Format.decode(bytes) else { throw OutputError.read(path: file?.path ?? "", errno: EIO) }
        return element
    }

    /// One run being merged: its next element, read from the file while there, then from the buffer.
    private struct Cursor {
        var next: Int
        let end: Int
        var reader: SpillReader?
        var head: Format.Element?

        init(log: SpillLog, from start: Int, to end: Int, offset: Int?) throws {
            next = start
            self.end = end
            if let offset, let file = log.file, start < log.spilledCount {
                reader = try SpillReader(path: file.path, from: offset, to: file.byteCount)
            }
            try advance(in: log)
        }

        mutating func advance(in log: SpillLog) throws {
            guard next < end else { head = nil; return }
            if next < log.spilledCount, let reader {
                guard let bytes = try reader.next() else { throw OutputError.read(path: log.file?.path ?? "", errno: EIO) }
                head = try log.decode(bytes)
            } else {
                head = log.buffer[next - log.spilledCount]
            }
            next += 1
        }
    }
}
