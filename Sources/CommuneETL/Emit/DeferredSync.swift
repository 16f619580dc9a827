import Foundation

/// Files written into a folder that is not published yet, made durable together once they are all written.
///
/// `DurableFileSystem.writeAtomically` syncs each file and its folder as it goes: right for a file published
/// by its rename, but a run's anomaly outputs are some forty files in a staging folder that is published
/// whole, later, by renaming the folder. Synced one by one they cost a journal commit each (`strace -T`: ≈ 1 ms
/// a list, on the thread everything after waits for); written with this, each is renamed into place unsynced
/// with its writeback started as it is closed, and `syncAll()` syncs them back to back once the last one is
/// written, when most of their bytes are on disk already (`strace -T`: the forty syncs in ≈ 5 ms).
///
/// Safe because nothing reads the staging folder before `syncAll()` has returned: a crash before it leaves
/// an unpublished folder, which the next run removes. Thread-safe: the anomaly outputs are written on three
/// threads.
final class DeferredSync: @unchecked Sendable {
    private let lock = NSLock()
    private var files: [String] = []
    private var folders: [String] = []

    /// Remembers a file renamed into place unsynced, and its folder.
    func add(file path: String) {
        let folder = DurableFileSystem.parentDirectory(of: path)
        lock.lock()
        defer { lock.unlock() }
        files.append(path)
        if !folders.contains(folder) { folders.append(folder) }
    }

    /// Syncs every file added, then every folder (each once): after it returns, they are on disk.
    func syncAll() throws {
        lock.lock()
        let (files, folders) = (self.files, self.folders)
        self.files = []
        self.folders = []
        lock.unlock()
        for path in files {
            let fd = open(path, O_RDONLY | O_CLOEXEC)
            guard fd >= 0 else { throw OutputError.sync(path: path, errno: errno) }
            defer { _ = close(fd) }
            while fsync(fd) != 0 {
                if errno != EINTR { throw OutputError.sync(path: path, errno: errno) }
            }
        }
        for folder in folders { try DurableFileSystem.fsyncDirectory(folder) }
    }
}
