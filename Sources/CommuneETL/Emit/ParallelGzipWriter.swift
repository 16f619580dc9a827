import CLibDeflate
import Foundation

/// Gzip to a new file, compressed on several threads: a drop-in alternative to `GzipWriter`.
///
/// Compression is the largest single cost of a run, and deflate is sequential, so this writer cuts the byte
/// stream into blocks of about `blockSize` bytes and deflates each block as an independent gzip member on a
/// pool of worker threads, writing the members to the file in order. Each block is deflated whole by
/// libdeflate, whose level 6 is 2–3× faster than zlib's for a similar ratio (it needs the whole input at
/// once, which a block is; `GzipWriter` keeps zlib where output must stream). Gzip members concatenate into
/// one valid stream (`gzip -t`, `zcat`, Python, DuckDB, polars read it as one file), at the price of each
/// block starting with an empty window (≈ 1 % larger output, measured).
///
/// **Block boundaries.** A block is cut after the last LF of its first `blockSize` bytes, so a CSV row never
/// straddles two members (a reader can split the file at member boundaries, as `bgzip`-style readers do);
/// only a single row longer than `blockSize` is cut mid-row. Boundaries depend only on the byte stream,
/// never on the sizes of the `write` calls or on thread timing, and each member is deflated alone with the
/// same level and an mtime-0 header: the same input always gives the same bytes, whatever `threads` is
/// (with a given libdeflate version: the project builds the one in `Sources/CLibDeflate`, `compressor` names
/// it, and the incremental cache keys on it).
///
/// **Memory** is bounded: a ring of `threads + 2` blocks (the one the caller fills, one per worker, and one
/// compressed and waiting to be written), each `blockSize` bytes in and the compress bound out, plus
/// one libdeflate compressor per worker (≈ 0.5 MiB at level 6) — ≈ 9 MiB with 2 threads. When the ring
/// is full, `write` waits for the oldest block and writes it (back-pressure).
///
/// **Threads.** The caller's thread alone touches the `OutputFile`, so file errors surface from `write` or
/// `finish`; once one is thrown, every later call throws it again. Workers only deflate. After `finish`
/// returns (or the writer is released) no worker thread remains. Without `finish()` the file has no
/// trailer for its last member (invalid), so only finished files may be published.
/// Not thread-safe itself: one writer, one caller, as `GzipWriter`.
public final class ParallelGzipWriter {
    /// Bytes of input a block holds before it is cut at its last LF (1 MiB: large enough that the lost
    /// context costs ≈ 1 %, small enough to keep two cores busy on files of a few MB).
    public static let blockSize = 1 << 20

    /// One worker per active processor (2 on the project's machines), unless `COMMUNE_ETL_GZIP_THREADS`
    /// names another count: the output is the same whatever the count, and the benchmark checks that
    /// claim by comparing a run forced to one thread with a normal one (`make bench`).
    public static var defaultThreads: Int {
        if let forced = getenv("COMMUNE_ETL_GZIP_THREADS").flatMap({ Int(String(cString: $0)) }), forced >= 1 { return forced }
        return max(1, ProcessInfo.processInfo.activeProcessorCount)
    }

    /// The library that deflates the members and its version (the vendored copy's): the same input gives the
    /// same bytes only with the same one, so the incremental cache does not reuse parts another one wrote.
    public static let compressor = "libdeflate-" + LIBDEFLATE_VERSION_STRING

    /// Bytes accepted by `write` so far, before compression.
    public private(set) var uncompressedBytes = 0

    private let file: OutputFile
    private let pool: GzipBlockPool
    /// Block `n` of the stream lives in `ring[n % ring.count]`.
    private let ring: [GzipBlock]
    /// Blocks handed to the workers so far; the caller fills block number `submitted`.
    private var submitted = 0
    /// Blocks written to the file so far (always ≤ `submitted`).
    private var written = 0
    private var isFinished = false
    private var failure: (any Error)?
    /// The level of the blocks being filled (`setLevel`).
    private var level: Int32

    /// Creates the file (it must not exist) and starts `threads` worker threads.
    ///
    /// - Parameters:
    ///   - level: 0 (store) to 9 (smallest), as gzip's; 6 is the usual balance.
    ///   - threads: worker threads, at least 1.
    /// - Throws: `OutputError.create` if the file cannot be created.
    public convenience init(creatingAt path: String, level: Int32 = 6, threads: Int = ParallelGzipWriter.defaultThreads) throws {
        try self.init(file: OutputFile(creatingAt: path), level: level, threads: threads)
    }

    /// Writes to an open `OutputFile` (tests use it with `/dev/full`).
    init(file: OutputFile, level: Int32, threads: Int) {
        precondition((0...9).contains(level), "gzip level must be 0...9, got \(level)")
        precondition(threads >= 1, "a ParallelGzipWriter needs at least one thread, got \(threads)")
        self.file = file
        self.level = level
        let outputCapacity = GzipBlockPool.outputBound(inputCount: Self.blockSize)
        ring = (0..<(threads + 2)).map { _ in GzipBlock(inputCapacity: Self.blockSize, outputCapacity: outputCapacity) }
        pool = GzipBlockPool(threads: threads)
    }

    deinit {
        pool.shutDown()
    }

    /// Appends uncompressed bytes. Amortised O(n); waits when `threads + 1` blocks are already in flight.
    /// - Throws: `OutputError.write` when writing a finished block fails (then and on every later call).
    public func write(_ bytes: UnsafeRawBufferPointer) throws {
        precondition(!isFinished, "write to finished ParallelGzipWriter \(file.path)")
        if let failure { throw failure }
        guard var source = bytes.baseAddress, bytes.count > 0 else { return }
        var remaining = bytes.count
        uncompressedBytes += remaining
        while remaining > 0 {
            let block = ring[submitted % ring.count]
            let take = min(Self.blockSize - block.inputCount, remaining)
            (block.input + block.inputCount).copyMemory(from: source, byteCount: take)
            block.inputCount += take
            source += take
            remaining -= take
            if block.inputCount == Self.blockSize { try submitFullBlock(block) }
        }
    }

    /// Appends uncompressed bytes.
    public func write(_ bytes: [UInt8]) throws {
        try bytes.withUnsafeBytes { try write($0) }
    }

    /// Compresses what follows at `level` (0 stores): the block being filled is submitted first, at the level
    /// it was filled at, so that a level applies to whole members. Where members end then also depends on
    /// where the level changes — on the calls, never on timing. The archive stores its `.gz` entries so.
    public func setLevel(_ newLevel: Int32) throws {
        precondition((0...9).contains(newLevel), "gzip level must be 0...9, got \(newLevel)")
        if let failure { throw failure }
        guard newLevel != level else { return }
        let block = ring[submitted % ring.count]
        if block.inputCount > 0 {
            while written <= submitted + 1 - ring.count { try writeNext(wait: true) }
            submit(block)
            while written < submitted, try writeNext(wait: false) {}
        }
        level = newLevel
    }

    /// Compresses what is left, writes every member in order, then flushes, `fsync`s (unless `syncing` is
    /// false) and closes the file. Calling it again does nothing, or throws again what the first call threw
    /// (whether a failed write surfaces from `write` or from here depends on how fast the members compress).
    /// An empty input still gives one (empty) gzip member, a valid file.
    public func finish(syncing: Bool = true) throws {
        guard !isFinished else {
            if let failure { throw failure }
            return
        }
        isFinished = true
        defer { pool.shutDown() }
        if let failure { throw failure }
        let last = ring[submitted % ring.count]
        if last.inputCount > 0 || submitted == 0 { submit(last) }
        do {
            while written < submitted { try writeNext(wait: true) }
            try file.close(syncing: syncing)
        } catch {
            failure = error
            throw error
        }
    }

    // MARK: - Caller side

    /// Cuts the full block after its last LF, moves the rest into the next block, and submits it.
    private func submitFullBlock(_ block: GzipBlock) throws {
        var cut = Self.blockSize
        if let lastLF = UnsafeRawBufferPointer(start: block.input, count: Self.blockSize).lastIndex(of: 0x0A) {
            cut = lastLF + 1
        }
        // The next block is free once the block that used its slot before has been written.
        while written <= submitted + 1 - ring.count { try writeNext(wait: true) }
        let next = ring[(submitted + 1) % ring.count]
        next.inputCount = Self.blockSize - cut
        next.input.copyMemory(from: block.input + cut, byteCount: next.inputCount)
        block.inputCount = cut
        submit(block)
        // Write whatever is ready, so the file keeps pace without waiting.
        while written < submitted, try writeNext(wait: false) {}
    }

    private func submit(_ block: GzipBlock) {
        block.level = level
        pool.enqueue(block)
        submitted += 1
    }

    /// Writes block number `written` if it is compressed (waiting for it when `wait`), and frees its slot.
    /// Returns whether it wrote.
    @discardableResult
    private func writeNext(wait: Bool) throws -> Bool {
        let block = ring[written % ring.count]
        guard pool.takeCompressed(block, wait: wait) else { return false }
        do {
            try file.write(UnsafeRawBufferPointer(start: block.output, count: block.outputCount))
        } catch {
            failure = error
            throw error
        }
        block.inputCount = 0
        written += 1
        return true
    }
}

// MARK: - Blocks and workers

/// The buffers of one block: input, then its gzip member.
///
/// Sendability: a block is shared between the caller and the workers, but used by one side at a time.
/// The caller owns it while filling it and after `takeCompressed` returns true; a worker owns it between
/// taking it from the queue and marking it compressed. Every hand-over happens under
/// `GzipBlockPool.condition` (a mutex), which orders the writes of one side before the reads of the
/// other, and `isCompressed` is only touched under that lock. Hence `@unchecked Sendable`.
final class GzipBlock: @unchecked Sendable {
    let input: UnsafeMutableRawPointer
    var inputCount = 0
    let output: UnsafeMutableRawPointer
    let outputCapacity: Int
    var outputCount = 0
    /// The level to compress at, set when the block is submitted.
    var level: Int32 = 6
    /// Guarded by `GzipBlockPool.condition`.
    var isCompressed = false

    init(inputCapacity: Int, outputCapacity: Int) {
        input = UnsafeMutableRawPointer.allocate(byteCount: inputCapacity, alignment: 16)
        output = UnsafeMutableRawPointer.allocate(byteCount: outputCapacity, alignment: 16)
        self.outputCapacity = outputCapacity
    }

    deinit {
        input.deallocate()
        output.deallocate()
    }
}

/// A FIFO of blocks to deflate and the worker threads that take from it.
///
/// Sendability: every stored property but `level` is read and written only while `condition` (an
/// `NSCondition`, i.e. a mutex with a condition variable) is locked, so the pool may be shared with the
/// worker threads: `@unchecked Sendable`.
final class GzipBlockPool: @unchecked Sendable {
    private let condition = NSCondition()
    private var queue: [GzipBlock] = []
    private var queueHead = 0
    private var isShuttingDown = false
    private var liveWorkers = 0

    /// Starts `threads` workers, each with its own libdeflate compressors (one per level met).
    init(threads: Int) {
        liveWorkers = threads
        for _ in 0..<threads {
            let thread = Thread { [self] in self.runWorker() }
            thread.name = "commune-etl-gzip"
            thread.start()
        }
    }

    /// The largest member libdeflate can make from `inputCount` bytes at any level, gzip wrapper included.
    static func outputBound(inputCount: Int) -> Int {
        libdeflate_gzip_compress_bound(nil, inputCount)
    }

    /// Queues a filled block for the next free worker.
    func enqueue(_ block: GzipBlock) {
        condition.lock()
        block.isCompressed = false
        queue.append(block)
        condition.signal()
        condition.unlock()
    }

    /// Whether `block` (already enqueued) is compressed; with `wait`, blocks until it is.
    /// A true answer hands the block back to the caller.
    func takeCompressed(_ block: GzipBlock, wait: Bool) -> Bool {
        condition.lock()
        defer { condition.unlock() }
        while wait && !block.isCompressed { condition.wait() }
        let done = block.isCompressed
        block.isCompressed = false
        return done
    }

    /// Tells the workers to stop (dropping any queued block) and waits until every one has exited.
    /// Calling it again does nothing.
    func shutDown() {
        condition.lock()
        isShuttingDown = true
        condition.broadcast()
        while liveWorkers > 0 { condition.wait() }
        condition.unlock()
    }

    // MARK: Worker side

    private func runWorker() {
        var compressors: [Int32: OpaquePointer] = [:]
        while let block = nextBlock() {
            if compressors[block.level] == nil {
                guard let made = libdeflate_alloc_compressor(block.level) else {
                    fatalError("libdeflate cannot allocate a level-\(block.level) compressor")
                }
                compressors[block.level] = made
            }
            Self.compress(block, with: compressors[block.level]!)
            condition.lock()
            block.isCompressed = true
            condition.broadcast()  // The caller may wait for this block among others.
            condition.unlock()
        }
        for compressor in compressors.values { libdeflate_free_compressor(compressor) }
        condition.lock()
        liveWorkers -= 1
        condition.broadcast()
        condition.unlock()
    }

    /// The oldest queued block, waiting for one; nil once the pool shuts down.
    private func nextBlock() -> GzipBlock? {
        condition.lock()
        defer { condition.unlock() }
        while queueHead == queue.count && !isShuttingDown { condition.wait() }
        guard !isShuttingDown else { return nil }
        let block = queue[queueHead]
        queueHead += 1
        if queueHead == queue.count {
            queue.removeAll(keepingCapacity: true)
            queueHead = 0
        }
        return block
    }

    /// Deflates the block's input into one complete gzip member in its output. O(n).
    private static func compress(_ block: GzipBlock, with compressor: OpaquePointer) {
        // The output holds the compress bound, so the member always fits (0 would mean it did not).
        let count = libdeflate_gzip_compress(compressor, block.input, block.inputCount, block.output, block.outputCapacity)
        precondition(count > 0, "libdeflate could not fit \(block.inputCount) bytes in \(block.outputCapacity)")
        block.outputCount = count
    }
}
