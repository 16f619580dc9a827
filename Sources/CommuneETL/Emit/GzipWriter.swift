import CZlib

/// Streaming gzip to a new file, through zlib.
///
/// The gzip header has mtime 0 and no file name, so the same input and level always give the same
/// bytes (outputs are a contract: byte-identical reruns). Input is gathered in a 128 KiB buffer and
/// deflated when full, which keeps zlib calls few when callers write row by row. Memory is flat:
/// the two buffers plus zlib's state (≈ 256 KiB at level 6).
///
/// Gzip members concatenate into one valid stream, so one writer per input file, appended
/// afterwards, reads back as the concatenation. Without `finish()` the file is left without its
/// gzip trailer (invalid), so only finished files may be published.
/// Not thread-safe: one writer, one task.
public final class GzipWriter {
    private static let inputCapacity = 128 * 1024
    private static let outputCapacity = 128 * 1024

    private let file: OutputFile
    /// zlib keeps a pointer to its stream, so the stream lives on the heap and never moves.
    private let stream: UnsafeMutablePointer<z_stream>
    private let input: UnsafeMutableRawPointer
    private let output: UnsafeMutableRawPointer
    private var inputCount = 0
    private var isFinished = false

    /// Bytes accepted by `write` so far, before compression.
    public private(set) var uncompressedBytes = 0

    /// Creates the file (it must not exist) and starts a gzip member.
    ///
    /// - Parameter level: zlib level, 0 (store) to 9 (smallest); 6 is zlib's default balance.
    /// - Throws: `OutputError.create` if the file cannot be created.
    public init(creatingAt path: String, level: Int32 = 6) throws {
        precondition((0...9).contains(level), "gzip level must be 0...9, got \(level)")
        file = try OutputFile(creatingAt: path)
        stream = Self.makeStream(level: level)
        input = UnsafeMutableRawPointer.allocate(byteCount: Self.inputCapacity, alignment: 16)
        output = UnsafeMutableRawPointer.allocate(byteCount: Self.outputCapacity, alignment: 16)
    }

    deinit {
        deflateEnd(stream)
        stream.deinitialize(count: 1)
        stream.deallocate()
        input.deallocate()
        output.deallocate()
    }

    /// Appends uncompressed bytes. Amortised O(n).
    public func write(_ bytes: UnsafeRawBufferPointer) throws {
        precondition(!isFinished, "write to finished GzipWriter \(file.path)")
        guard var source = bytes.baseAddress, bytes.count > 0 else { return }
        var remaining = bytes.count
        uncompressedBytes += remaining

        if inputCount > 0 {
            let take = min(Self.inputCapacity - inputCount, remaining)
            (input + inputCount).copyMemory(from: source, byteCount: take)
            inputCount += take
            source += take
            remaining -= take
            if inputCount == Self.inputCapacity {
                try deflateBuffered(flush: Z_NO_FLUSH)
            }
        }
        // Whole buffers' worth goes to zlib straight from the caller's memory.
        while remaining >= Self.inputCapacity {
            try deflate(UnsafeRawPointer(source), count: Self.inputCapacity, flush: Z_NO_FLUSH)
            source += Self.inputCapacity
            remaining -= Self.inputCapacity
        }
        if remaining > 0 {
            (input + inputCount).copyMemory(from: source, byteCount: remaining)
            inputCount += remaining
        }
    }

    /// Appends uncompressed bytes.
    public func write(_ bytes: [UInt8]) throws {
        try bytes.withUnsafeBytes { try write($0) }
    }

    /// Ends the gzip member (Z_FINISH), then flushes, `fsync`s and closes the file.
    /// Calling it again does nothing.
    public func finish() throws {
        guard !isFinished else { return }
        isFinished = true
        try deflateBuffered(flush: Z_FINISH)
        try file.close()
    }

    /// Compresses `bytes` in memory into one gzip member (for small outputs and tests). O(n).
    public static func compress(_ bytes: [UInt8], level: Int32 = 6) -> [UInt8] {
        precondition((0...9).contains(level), "gzip level must be 0...9, got \(level)")
        let stream = makeStream(level: level)
        defer {
            deflateEnd(stream)
            stream.deinitialize(count: 1)
            stream.deallocate()
        }
        var result = [UInt8]()
        bytes.withUnsafeBytes { raw in
            withUnsafeTemporaryAllocation(byteCount: 64 * 1024, alignment: 16) { chunk in
                // The sink cannot fail, so `try!` never traps.
                try! runDeflate(
                    stream, input: raw.baseAddress, count: raw.count, flush: Z_FINISH, output: chunk
                ) { result.append(contentsOf: $0) }
            }
        }
        return result
    }

    // MARK: - zlib plumbing

    private static func makeStream(level: Int32) -> UnsafeMutablePointer<z_stream> {
        let stream = UnsafeMutablePointer<z_stream>.allocate(capacity: 1)
        stream.initialize(to: z_stream())  // zalloc/zfree/opaque nil: zlib's own allocator.
        let status = czlib_deflate_init_gzip(stream, level)
        precondition(status == Z_OK, "deflateInit2 failed with zlib status \(status)")
        return stream
    }

    private func deflateBuffered(flush: Int32) throws {
        let count = inputCount
        inputCount = 0
        try deflate(UnsafeRawPointer(input), count: count, flush: flush)
    }

    private func deflate(_ start: UnsafeRawPointer, count: Int, flush: Int32) throws {
        let file = self.file
        try Self.runDeflate(
            stream, input: start, count: count, flush: flush,
            output: UnsafeMutableRawBufferPointer(start: output, count: Self.outputCapacity)
        ) { try file.write($0) }
    }

    /// Feeds `count` bytes (below 4 GiB: `avail_in` is 32-bit) to zlib and hands each output chunk
    /// to `sink`. With `Z_FINISH` it runs until the member's trailer is written.
    private static func runDeflate(
        _ stream: UnsafeMutablePointer<z_stream>,
        input: UnsafeRawPointer?, count: Int, flush: Int32,
        output: UnsafeMutableRawBufferPointer,
        sink: (UnsafeRawBufferPointer) throws -> Void
    ) throws {
        precondition(count <= Int(UInt32.max), "deflate input chunk must be below 4 GiB")
        // zlib does not write through next_in; the mutable pointer is only its C signature.
        stream.pointee.next_in = UnsafeMutablePointer(mutating: input?.assumingMemoryBound(to: Bytef.self))
        stream.pointee.avail_in = UInt32(count)
        while true {
            stream.pointee.next_out = output.baseAddress!.assumingMemoryBound(to: Bytef.self)
            stream.pointee.avail_out = UInt32(output.count)
            let status = CZlib.deflate(stream, flush)
            // Z_BUF_ERROR only means "no progress possible", which the loop conditions handle.
            precondition(status == Z_OK || status == Z_STREAM_END || status == Z_BUF_ERROR,
                         "deflate failed with zlib status \(status)")
            let produced = output.count - Int(stream.pointee.avail_out)
            if produced > 0 {
                try sink(UnsafeRawBufferPointer(start: output.baseAddress, count: produced))
            }
            if flush == Z_FINISH {
                if status == Z_STREAM_END { break }
            } else if stream.pointee.avail_out != 0 {
                break  // All input consumed and nothing left pending in zlib's output.
            }
        }
        stream.pointee.next_in = nil
    }
}
