import Glibc

/// An append-only file of records, each framed by its varint byte length: where a `SpillLog` puts what it
/// need not hold in memory. It lives in the run's `parts/` folder, removed with it before publishing.
///
/// A value: the file is opened for each append (about once per 64 KiB or more), so that an outcome holding
/// its log stays a plain `Sendable` value. Only one copy of a log may append: a file that has grown behind
/// this copy's back stops the run (`precondition`), since its records would be misread.
struct SpillFile: Sendable {
    let path: String
    /// Bytes appended so far.
    private(set) var byteCount = 0

    init(path: String) { self.path = path }

    /// Appends framed records (`frame`). Creates the file (0640) on the first append, or empties what a log
    /// given up left there (a cached result that turned out not to match).
    mutating func append(_ bytes: [UInt8]) throws(OutputError) {
        let descriptor = open(path, O_WRONLY | O_CREAT | O_APPEND | O_CLOEXEC | (byteCount == 0 ? O_TRUNC : 0), 0o640)
        guard descriptor >= 0 else { throw OutputError.create(path: path, errno: errno) }
        defer { close(descriptor) }
        var info = stat()
        precondition(fstat(descriptor, &info) == 0 && Int(info.st_size) == byteCount,
                     "spill file \(path) changed behind its log: two copies of one log appended")
        var offset = 0
        while offset < bytes.count {
            let written = bytes.withUnsafeBytes { write(descriptor, $0.baseAddress! + offset, bytes.count - offset) }
            if written < 0 {
                if errno == EINTR { continue }
                throw OutputError.write(path: path, errno: errno)
            }
            offset += written
        }
        byteCount += bytes.count
    }

    /// Appends one record's bytes to `out` with the frame the reader expects.
    static func frame(_ record: [UInt8], to out: inout [UInt8]) {
        BinaryRecords.appendVarint(UInt64(record.count), to: &out)
        out.append(contentsOf: record)
    }
}

/// Reads the framed records of a file from a byte offset, one at a time, through a window of 64 KiB (larger
/// only for a record that does not fit), so that a spill of any size is read back in constant memory.
final class SpillReader {
    private static let window = 64 * 1024
    private let path: String
    private let descriptor: Int32
    /// Where the next read of the file starts, and where the records end.
    private var fileOffset: Int
    private let end: Int
    private var buffer: UnsafeMutableRawBufferPointer
    private var start = 0, filled = 0

    init(path: String, from offset: Int, to end: Int) throws(OutputError) {
        descriptor = open(path, O_RDONLY | O_CLOEXEC)
        guard descriptor >= 0 else { throw OutputError.read(path: path, errno: errno) }
        self.path = path
        fileOffset = offset
        self.end = end
        buffer = UnsafeMutableRawBufferPointer.allocate(byteCount: Self.window, alignment: 16)
    }

    deinit {
        close(descriptor)
        buffer.deallocate()
    }

    /// The next record's bytes, valid until the next call; nil at the end.
    /// - Throws: `OutputError.read` when the file cannot be read or ends inside a record.
    func next() throws(OutputError) -> UnsafeRawBufferPointer? {
        guard try fill(atLeast: 1) else { return nil }
        _ = try fill(atLeast: 10)  // the longest varint; fewer at the end of the file
        var frame = BinaryRecords.Reader(UnsafeRawBufferPointer(rebasing: buffer[start..<filled]))
        guard let length = frame.varint().map(Int.init), try fill(atLeast: frame.offset + length) else {
            throw OutputError.read(path: path, errno: EIO)
        }
        defer { start += frame.offset + length }
        return UnsafeRawBufferPointer(rebasing: buffer[(start + frame.offset)..<(start + frame.offset + length)])
    }

    /// Makes at least `count` unread bytes available; false when the records end before.
    private func fill(atLeast count: Int) throws(OutputError) -> Bool {
        guard filled - start < count else { return true }
        if start > 0 {
            memmove(buffer.baseAddress!, buffer.baseAddress! + start, filled - start)  // the regions may overlap
            filled -= start
            start = 0
        }
        if count > buffer.count {
            let larger = UnsafeMutableRawBufferPointer.allocate(byteCount: count, alignment: 16)
            larger.baseAddress!.copyMemory(from: buffer.baseAddress!, byteCount: filled)
            buffer.deallocate()
            buffer = larger
        }
        while filled < count, fileOffset < end {
            let wanted = min(buffer.count - filled, end - fileOffset)
            let got = pread(descriptor, buffer.baseAddress! + filled, wanted, off_t(fileOffset))
            if got < 0, errno == EINTR { continue }
            guard got > 0 else { throw OutputError.read(path: path, errno: got < 0 ? errno : EIO) }
            filled += got
            fileOffset += got
        }
        return filled >= count
    }
}
