import CWriteback
import Glibc

/// Why an output could not be written, with the path and the system's `errno`.
///
/// `description` is one English line a person can act on, e.g.
/// "cannot write out/x.csv: No space left on device".
public enum OutputError: Error, Equatable, Sendable, CustomStringConvertible {
    case create(path: String, errno: Int32)
    case write(path: String, errno: Int32)
    case sync(path: String, errno: Int32)
    case rename(from: String, to: String, errno: Int32)
    case read(path: String, errno: Int32)
    case directory(path: String, errno: Int32)
    case remove(path: String, errno: Int32)
    case symlink(path: String, errno: Int32)

    public var description: String {
        switch self {
        case let .create(path, code): "cannot create \(path): \(Self.message(code))"
        case let .write(path, code): "cannot write \(path): \(Self.message(code))"
        case let .sync(path, code): "cannot sync \(path) to disk: \(Self.message(code))"
        case let .rename(from, to, code): "cannot rename \(from) to \(to): \(Self.message(code))"
        case let .read(path, code): "cannot read \(path): \(Self.message(code))"
        case let .directory(path, code): "cannot create folder \(path): \(Self.message(code))"
        case let .remove(path, code): "cannot remove \(path): \(Self.message(code))"
        case let .symlink(path, code): "cannot create symbolic link \(path): \(Self.message(code))"
        }
    }

    /// The C library's text for an errno ("No space left on device").
    private static func message(_ code: Int32) -> String {
        String(cString: strerror(code))
    }
}

/// A buffered writer to a new file: the base of every output.
///
/// The file must not exist yet (`O_EXCL`), so a run never overwrites a file it did not create.
/// Writes go through a 256 KiB buffer; `close()` flushes, `fsync`s and closes, so after it returns
/// the bytes are on disk and the file can be published with a rename. Every 4 MiB written, the kernel is asked
/// to start writing them to disk (`cwriteback_start`), so that the `fsync` of a large file (the households
/// table, the archive) waits for its last megabytes only rather than for all of them: measured with
/// `strace -T`, the archive's `fsync` at the very end of a 1M-row run took 14–23 ms without, 2 ms with.
/// Not thread-safe: one writer, one task.
public final class OutputFile {
    /// The path given at creation, used in error messages.
    public let path: String
    /// Bytes accepted by `write` so far (buffered or not).
    public private(set) var bytesWritten = 0

    private static let capacity = 256 * 1024
    private var fd: Int32
    private let buffer: UnsafeMutableRawPointer
    private var buffered = 0
    private var isClosed = false
    /// Bytes handed to write(2), and how many of them the kernel was asked to start writing back.
    private var fileOffset = 0
    private var writebackRequested = 0
    private static let writebackStep = 4 << 20

    /// Creates the file with mode 0640: household lists carry names and ID numbers, so outputs are for
    /// the owner and the group only.
    ///
    /// - Throws: `OutputError.create` if it exists already or cannot be created.
    public convenience init(creatingAt path: String) throws {
        let fd = open(path, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0o640)
        guard fd >= 0 else { throw OutputError.create(path: path, errno: errno) }
        self.init(fileDescriptor: fd, path: path)
    }

    /// Takes ownership of an open, writable descriptor (tests use it with `/dev/full`).
    init(fileDescriptor: Int32, path: String) {
        self.fd = fileDescriptor
        self.path = path
        self.buffer = UnsafeMutableRawPointer.allocate(byteCount: Self.capacity, alignment: 16)
    }

    deinit {
        // The caller forgot close(): keep what was written, but skip the fsync and ignore errors.
        if !isClosed {
            try? flush()
            _ = Glibc.close(fd)
        }
        buffer.deallocate()
    }

    /// Appends bytes. Amortised O(n); a write larger than the buffer goes straight to the file.
    public func write(_ bytes: UnsafeRawBufferPointer) throws {
        precondition(!isClosed, "write to closed OutputFile \(path)")
        guard let source = bytes.baseAddress, bytes.count > 0 else { return }
        if buffered + bytes.count > Self.capacity {
            try flush()
        }
        if bytes.count >= Self.capacity {
            try writeFully(source, count: bytes.count)
        } else {
            (buffer + buffered).copyMemory(from: source, byteCount: bytes.count)
            buffered += bytes.count
        }
        bytesWritten += bytes.count
    }

    /// Appends bytes.
    public func write(_ bytes: [UInt8]) throws {
        try bytes.withUnsafeBytes { try write($0) }
    }

    /// Appends the string's UTF-8 bytes (no BOM, no normalisation).
    public func write(_ string: String) throws {
        var text = string
        try text.withUTF8 { try write(UnsafeRawBufferPointer($0)) }
    }

    /// Flushes, `fsync`s (unless `syncing` is false) and closes the file. Calling it again does nothing.
    /// `startingWriteback` (for a file synced later, `DeferredSync`) asks the kernel to start writing what
    /// is not on its way to disk yet, so that the later sync finds it written.
    ///
    /// If flushing or syncing fails the descriptor is still closed, and the error is thrown.
    public func close(syncing: Bool = true, startingWriteback: Bool = false) throws {
        guard !isClosed else { return }
        isClosed = true
        defer { _ = Glibc.close(fd) }
        try flush()
        if startingWriteback, fileOffset > writebackRequested {
            _ = cwriteback_start(fd, Int64(writebackRequested), Int64(fileOffset - writebackRequested))
        }
        while syncing, fsync(fd) != 0 {
            if errno != EINTR { throw OutputError.sync(path: path, errno: errno) }
        }
    }

    /// Writes the buffer to the file and empties it.
    private func flush() throws {
        guard buffered > 0 else { return }
        let count = buffered
        buffered = 0
        try writeFully(buffer, count: count)
    }

    /// Calls write(2) until every byte is written, retrying partial writes and EINTR.
    private func writeFully(_ start: UnsafeRawPointer, count: Int) throws {
        var offset = 0
        while offset < count {
            let written = Glibc.write(fd, start + offset, count - offset)
            if written < 0 {
                if errno == EINTR { continue }
                throw OutputError.write(path: path, errno: errno)
            }
            offset += written
        }
        fileOffset += count
        if fileOffset - writebackRequested >= Self.writebackStep {
            // A hint: when it fails (a file system without it), `close` still syncs.
            _ = cwriteback_start(fd, Int64(writebackRequested), Int64(fileOffset - writebackRequested))
            writebackRequested = fileOffset
        }
    }
}
