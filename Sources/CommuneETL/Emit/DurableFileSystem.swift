import Glibc

/// The few POSIX operations that publishing needs, each made durable.
///
/// A rename or a new directory entry is only safe after a crash once the folder holding it is
/// `fsync`ed, so every operation here that changes a folder syncs it before returning.
/// Temporary names are `<path>.tmp-<pid>` in the same folder, so rename(2) never crosses file
/// systems. (`FileManager.replaceItemAt` is not used: it is broken on Linux.)
public enum DurableFileSystem {
    /// Flushes a folder's entries (new names, renames, removals) to disk.
    public static func fsyncDirectory(_ path: String) throws {
        let fd = open(path, O_RDONLY | O_DIRECTORY | O_CLOEXEC)
        guard fd >= 0 else { throw OutputError.sync(path: path, errno: errno) }
        defer { _ = close(fd) }
        while fsync(fd) != 0 {
            if errno != EINTR { throw OutputError.sync(path: path, errno: errno) }
        }
    }

    /// Renames with rename(2) (atomic, replaces an existing file), then syncs the destination's folder.
    public static func rename(_ from: String, to: String) throws {
        guard Glibc.rename(from, to) == 0 else {
            throw OutputError.rename(from: from, to: to, errno: errno)
        }
        try fsyncDirectory(parentDirectory(of: to))
    }

    /// Creates a folder with mode 0750 (owner and group only) and syncs its parent; succeeds if a folder is
    /// already there.
    public static func makeDirectory(_ path: String) throws {
        if mkdir(path, 0o750) == 0 {
            try fsyncDirectory(parentDirectory(of: path))
            return
        }
        let code = errno
        var info = stat()
        if code == EEXIST, stat(path, &info) == 0, info.st_mode & S_IFMT == S_IFDIR {
            return
        }
        throw OutputError.directory(path: path, errno: code)
    }

    /// Replaces `path` with `bytes` so that readers see the old file or the new one, never a part.
    ///
    /// Writes `path.tmp-<pid>`, fsyncs it, renames it over `path` and syncs the folder.
    /// On failure the temporary file is removed and `path` is untouched.
    public static func writeAtomically(_ bytes: [UInt8], to path: String) throws {
        try writeAtomically(to: path) { try $0.write(bytes) }
    }

    /// Replaces `path` with what `body` writes, as `writeAtomically(_:to:)` does, for contents too large
    /// to gather in memory first.
    ///
    /// With `syncing: false` nothing is synced (neither the file nor its folder): readers still see the old
    /// file or the new one, but after a crash the new one may be lost or hold garbage. Only for files that are
    /// checked before use (the incremental cache checks each file against the hashes in its entry), where a
    /// crash can cost a re-read and nothing else. With a `deferredSync`, the file is renamed into place unsynced
    /// and left to `DeferredSync.syncAll()` (files of a folder published later, as a whole).
    static func writeAtomically(to path: String, syncing: Bool = true, deferredSync: DeferredSync? = nil,
                                _ body: (OutputFile) throws -> Void) throws {
        let syncing = syncing && deferredSync == nil
        let temporary = temporaryPath(for: path)
        _ = unlink(temporary)  // A leftover from a crashed run with the same pid.
        do {
            let file = try OutputFile(creatingAt: temporary)
            do {
                try body(file)
                try file.close(syncing: syncing, startingWriteback: deferredSync != nil)
            } catch {
                try? file.close(syncing: false)
                throw error
            }
            if syncing {
                try rename(temporary, to: path)
            } else if Glibc.rename(temporary, path) != 0 {
                throw OutputError.rename(from: temporary, to: path, errno: errno)
            }
            deferredSync?.add(file: path)
        } catch {
            _ = unlink(temporary)
            throw error
        }
    }

    /// Points the symbolic link at `path` to `target`, atomically: readers always find a link.
    ///
    /// Creates the link as `path.tmp-<pid>`, renames it over `path`, then syncs the folder.
    /// `target` is stored as given (a relative target resolves from the link's folder).
    public static func replaceSymlink(at path: String, pointingTo target: String) throws {
        let temporary = temporaryPath(for: path)
        _ = unlink(temporary)
        guard symlink(target, temporary) == 0 else {
            throw OutputError.symlink(path: temporary, errno: errno)
        }
        do {
            try rename(temporary, to: path)
        } catch {
            _ = unlink(temporary)
            throw error
        }
    }

    /// Deletes `path` and, if it is a folder, everything in it; succeeds if nothing is there.
    ///
    /// Symbolic links are removed, never followed, so a link pointing outside the tree leaves its
    /// target intact. Folders are opened relative to their parent's descriptor with `O_NOFOLLOW`,
    /// so a folder swapped for a link mid-way is not followed either. O(entries); memory holds one
    /// folder's names per level.
    public static func removeTree(_ path: String) throws {
        var info = stat()
        guard lstat(path, &info) == 0 else {
            if errno == ENOENT { return }
            throw OutputError.remove(path: path, errno: errno)
        }
        if info.st_mode & S_IFMT == S_IFDIR {
            let fd = open(path, O_RDONLY | O_DIRECTORY | O_NOFOLLOW | O_CLOEXEC)
            guard fd >= 0 else { throw OutputError.remove(path: path, errno: errno) }
            defer { _ = close(fd) }
            try removeContents(of: fd, path: path)
            guard rmdir(path) == 0 else { throw OutputError.remove(path: path, errno: errno) }
        } else {
            guard unlink(path) == 0 else { throw OutputError.remove(path: path, errno: errno) }
        }
    }

    // MARK: - Helpers

    /// Removes every entry of the open folder `fd` (shown as `path` in errors).
    private static func removeContents(of fd: Int32, path: String) throws {
        for name in try entryNames(of: fd, path: path) {
            let childPath = path + "/" + name
            var info = stat()
            guard fstatat(fd, name, &info, AT_SYMLINK_NOFOLLOW) == 0 else {
                if errno == ENOENT { continue }
                throw OutputError.remove(path: childPath, errno: errno)
            }
            if info.st_mode & S_IFMT == S_IFDIR {
                let childFD = openat(fd, name, O_RDONLY | O_DIRECTORY | O_NOFOLLOW | O_CLOEXEC)
                guard childFD >= 0 else { throw OutputError.remove(path: childPath, errno: errno) }
                defer { _ = close(childFD) }
                try removeContents(of: childFD, path: childPath)
                guard unlinkat(fd, name, AT_REMOVEDIR) == 0 else {
                    throw OutputError.remove(path: childPath, errno: errno)
                }
            } else {
                guard unlinkat(fd, name, 0) == 0 else {
                    throw OutputError.remove(path: childPath, errno: errno)
                }
            }
        }
    }

    /// The names in a folder, without "." and "..". Read fully before anything is removed, since
    /// POSIX leaves readdir's behaviour unspecified when entries vanish during the scan.
    private static func entryNames(of fd: Int32, path: String) throws -> [String] {
        let copy = dup(fd)  // closedir closes the descriptor it was given.
        guard copy >= 0 else { throw OutputError.remove(path: path, errno: errno) }
        guard let directory = fdopendir(copy) else {
            let code = errno
            _ = close(copy)
            throw OutputError.remove(path: path, errno: code)
        }
        defer { closedir(directory) }
        var names: [String] = []
        while true {
            errno = 0
            guard let entry = readdir(directory) else {
                if errno != 0 { throw OutputError.remove(path: path, errno: errno) }
                return names
            }
            let name = withUnsafePointer(to: &entry.pointee.d_name) {
                String(cString: UnsafeRawPointer($0).assumingMemoryBound(to: CChar.self))
            }
            if name != "." && name != ".." { names.append(name) }
        }
    }

    private static func temporaryPath(for path: String) -> String {
        "\(path).tmp-\(getpid())"
    }

    /// The folder holding `path` ("." for a bare name, "/" for a top-level entry).
    static func parentDirectory(of path: String) -> String {
        var trimmed = Substring(path)
        while trimmed.count > 1, trimmed.hasSuffix("/") { trimmed.removeLast() }
        guard let slash = trimmed.lastIndex(of: "/") else { return "." }
        if slash == trimmed.startIndex { return "/" }
        return String(trimmed[..<slash])
    }

    /// Gives `source` a second name `path` (a hard link, made under a temporary name and renamed, so
    /// `path` is replaced atomically); copies it as `copyAtomically` does when the file system cannot link
    /// (another device, no hard links).
    ///
    /// Only for files that are never changed in place (every output here is written once, through a
    /// temporary name): both names are the same file.
    public static func linkOrCopyAtomically(from source: String, to path: String) throws {
        let temporary = path + ".tmp-\(getpid())"
        _ = unlink(temporary)
        guard link(source, temporary) == 0 else {
            try copyAtomically(from: source, to: path)
            return
        }
        do {
            try rename(temporary, to: path)
        } catch {
            _ = unlink(temporary)
            throw error
        }
    }

    /// Copies a file in 1 MiB chunks (memory flat) through a temporary name, and returns the SHA-256 of
    /// what it copied.
    @discardableResult
    public static func copyAtomically(from source: String, to path: String) throws -> String {
        let descriptor = open(source, O_RDONLY | O_CLOEXEC)
        guard descriptor >= 0 else { throw OutputError.read(path: source, errno: errno) }
        defer { _ = close(descriptor) }
        let temporary = path + ".tmp-\(getpid())"
        _ = unlink(temporary)
        let out = try OutputFile(creatingAt: temporary)
        var hash = SHA256()
        let buffer = UnsafeMutableRawBufferPointer.allocate(byteCount: 1 << 20, alignment: 16)
        defer { buffer.deallocate() }
        do {
            while true {
                let count = read(descriptor, buffer.baseAddress, buffer.count)
                if count < 0, errno == EINTR { continue }
                guard count >= 0 else { throw OutputError.read(path: source, errno: errno) }
                if count == 0 { break }
                let chunk = UnsafeRawBufferPointer(rebasing: UnsafeRawBufferPointer(buffer)[0..<count])
                hash.update(chunk)
                try out.write(chunk)
            }
            try out.close()
            try rename(temporary, to: path)
        } catch {
            _ = unlink(temporary)
            throw error
        }
        return hash.finalize().lowercaseHex
    }
}
