import Glibc

/// A file read in 1 MiB chunks, each handed to a function: how a file is hashed (`SHA256`) or checksummed
/// (`CacheChecksum`) in flat memory, whatever its size.
enum FileChunks {
    static let size = 1 << 20

    /// Hands each chunk of the file at `path`, in order, to `body` (valid only during the call).
    /// - Throws: `OutputError.read` if the file cannot be opened or read; what `body` throws.
    static func forEach(ofFileAt path: String, _ body: (UnsafeRawBufferPointer) throws -> Void) throws {
        let descriptor = open(path, O_RDONLY | O_CLOEXEC)
        guard descriptor >= 0 else { throw OutputError.read(path: path, errno: errno) }
        defer { close(descriptor) }
        let chunk = UnsafeMutableRawBufferPointer.allocate(byteCount: size, alignment: 16)
        defer { chunk.deallocate() }
        while true {
            let count = read(descriptor, chunk.baseAddress, chunk.count)
            if count < 0, errno == EINTR { continue }
            guard count >= 0 else { throw OutputError.read(path: path, errno: errno) }
            if count == 0 { return }
            try body(UnsafeRawBufferPointer(rebasing: chunk[0..<count]))
        }
    }
}
