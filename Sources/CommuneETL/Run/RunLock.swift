import Foundation

/// Keeps two runs from writing the same output folder at once.
///
/// An `flock` on `out/.lock`: the kernel drops it when the process dies, so a crashed run never blocks the
/// next night. The file holds the pid of the holder, for the person who wonders who has it.
public final class RunLock {
    private let descriptor: Int32

    /// - Throws: `ETLError.locked` when another run holds the lock.
    public init(outputFolder: String) throws {
        let path = outputFolder + "/.lock"
        descriptor = open(path, O_RDWR | O_CREAT | O_CLOEXEC, 0o644)
        guard descriptor >= 0 else {
            throw ETLError.output(OutputError.create(path: path, errno: errno).description)
        }
        guard flock(descriptor, LOCK_EX | LOCK_NB) == 0 else {
            var holder = [UInt8](repeating: 0, count: 32)
            let count = pread(descriptor, &holder, 31, 0)
            close(descriptor)
            let pid = count > 0 ? String(decoding: holder[0..<count], as: UTF8.self).trimmingCharacters(in: .whitespacesAndNewlines) : "?"
            throw ETLError.locked(path: path, holder: pid)
        }
        let pid = Array("\(getpid())\n".utf8)
        _ = ftruncate(descriptor, 0)
        _ = pwrite(descriptor, pid, pid.count, 0)
    }

    deinit {
        flock(descriptor, LOCK_UN)
        close(descriptor)
    }
}
