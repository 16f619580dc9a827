import Glibc

/// Packs a folder into a deterministic `.tar.gz`: the same folder contents give the same bytes every time.
///
/// The archive is POSIX ustar (a pax `path` record only for names that do not fit ustar's 100 + 155
/// split), compressed through `ParallelGzipWriter` (gzip members of libdeflate on every core, mtime 0).
/// Entries are `<prefix>/` followed by every entry below `folder`, sorted by their stored name's bytes
/// (a folder's name ends with "/", so a folder comes before its contents). Each entry has the given mtime, uid/gid 0, empty owner names,
/// mode 0644 (files) or 0755 (folders); no atime or ctime; two zero blocks end the archive.
///
/// Symbolic links inside `folder` are never followed: each is stored as a symlink entry with its target
/// exactly as read (so the archive mirrors the folder, and nothing outside it is pulled in). Other
/// kinds of entry (fifos, sockets, devices) are skipped: a run folder never holds them. `folder`
/// itself may be a link (such as `out/current`).
///
/// Entries whose name ends in `.gz` are stored uncompressed inside the gzip stream (level 0 members): they
/// cannot shrink, and compressing them again was most of the archive's time.
///
/// File contents are streamed in 1 MiB chunks, so memory is flat whatever the file sizes; the list of
/// entry names is held in memory, O(entries). The archive is written as `<path>.tmp-<pid>` and synced;
/// only `publish()` renames it to `path`, so a half-written archive never appears under `path`.
///
/// **In steps.** A run archives its folder while the folder is still being written: `archiveEntries(before:)`
/// packs the entries whose top-level name sorts before a given name (they must be final), `finish()` the
/// rest. Since each top-level entry's subtree sorts as one block, the steps give the very bytes one pass
/// would. `finish()` checks that no entry appeared, after its step, among those already packed: the archive
/// mirrors the folder or the run fails, never silently differs.
///
/// ```swift
/// let archive = try TarArchiveWriter(folder: staging, as: runID, to: "out/archives/\(runID).tar.gz")
/// try archive.archiveEntries(before: "manifest.json")  // anomalies/, data/, datapackage.json
/// try archive.finish()                                  // manifest.json, report.html, run.log; synced
/// try archive.publish()                                 // renamed to its name
/// ```
/// Not thread-safe: one thread at a time (a run hands it to a `BackgroundJob` for a step and joins it before
/// the next), hence `@unchecked Sendable`.
public final class TarArchiveWriter: @unchecked Sendable {
    private static let chunkSize = 1024 * 1024

    private let root: [UInt8]
    private let prefixBytes: [UInt8]
    private let paxName: [UInt8]
    private let level: Int32
    private let mtime: Int
    private let path: String
    private let temporary: String
    private let gzip: ParallelGzipWriter
    private let buffer: UnsafeMutableRawBufferPointer
    /// The top-level entries packed so far (as stored: a folder's name ends with "/"), and the bound of the
    /// last step: every top-level entry below it is packed.
    private var packed: Set<[UInt8]> = []
    private var packedBelow: [UInt8] = []
    private var isFinished = false

    /// Writes `folder` as a gzip-compressed tar archive at `path`, replacing any file there, in one pass.
    ///
    /// - Parameters:
    ///   - prefix: the top folder of every entry, e.g. `commune-etl-2026-11-28T19-00-00Z`: relative,
    ///     no `.` or `..` component, at most 155 bytes.
    ///   - level: gzip level 0...9.
    ///   - mtime: the modification time of every entry, seconds since 1970 (0 keeps archives of equal
    ///     contents identical whenever they were made).
    /// - Throws: `OutputError` if the folder cannot be read or the archive cannot be written; then no
    ///   file is left at `path` or at the temporary name.
    public static func write(folder: String, as prefix: String, to path: String, level: Int32 = 6, mtime: Int = 0) throws {
        let archive = try TarArchiveWriter(folder: folder, as: prefix, to: path, level: level, mtime: mtime)
        do {
            try archive.finish()
            try archive.publish()
        } catch {
            archive.discard()
            throw error
        }
    }

    /// Starts the archive of `folder` (which must exist) at `<path>.tmp-<pid>`, with its top entry `<prefix>/`.
    /// Parameters as in `write(folder:as:to:level:mtime:)`.
    public init(folder: String, as prefix: String, to path: String, level: Int32 = 6, mtime: Int = 0) throws {
        prefixBytes = Array(prefix.utf8.reversed().drop { $0 == UInt8(ascii: "/") }.reversed())
        let components = prefixBytes.split(separator: UInt8(ascii: "/"), omittingEmptySubsequences: false)
        precondition(!prefixBytes.isEmpty && prefixBytes.count <= 155 && prefixBytes.first != UInt8(ascii: "/")
                     && !components.contains { $0.isEmpty || $0.elementsEqual(".".utf8) || $0.elementsEqual("..".utf8) },
                     "archive prefix must be a relative path without . or .., got \(prefix)")
        precondition((0...TarHeader.octalFieldLimit).contains(mtime), "archive mtime must fit 11 octal digits")
        root = Array(folder.utf8)
        var info = stat()
        guard Self.withCString(root, { stat($0, &info) }) == 0 else { throw OutputError.read(path: folder, errno: errno) }
        guard info.st_mode & S_IFMT == S_IFDIR else { throw OutputError.read(path: folder, errno: ENOTDIR) }
        paxName = prefixBytes + Array("/PaxHeader".utf8)
        self.level = level
        self.mtime = mtime
        self.path = path
        temporary = "\(path).tmp-\(getpid())"
        _ = unlink(temporary)  // A leftover from a crashed run with the same pid.
        gzip = try ParallelGzipWriter(creatingAt: temporary, level: level)
        buffer = UnsafeMutableRawBufferPointer.allocate(byteCount: Self.chunkSize, alignment: 16)
        do {
            try gzip.write(TarHeader(name: prefixBytes + [UInt8(ascii: "/")], kind: .folder, mtime: mtime, paxName: paxName).encoded())
        } catch {
            discard()
            throw error
        }
    }

    deinit {
        buffer.deallocate()
    }

    /// Packs every top-level entry of the folder (and its subtree) whose stored name sorts before `name` and
    /// is not packed yet. Those entries must be final: nothing may be added below them afterwards.
    public func archiveEntries(before name: String) throws {
        try pack(below: Array(name.utf8))
    }

    /// Packs the remaining entries, ends the archive (two zero blocks, the gzip trailer) and syncs it, still
    /// under its temporary name.
    ///
    /// - Throws: `ETLError.output` if an entry appeared among those packed by an earlier step (the archive
    ///   would not mirror the folder); `OutputError` if the folder cannot be read or the archive written.
    public func finish() throws {
        try pack(below: nil)
        try gzip.setLevel(level)
        try gzip.write([UInt8](repeating: 0, count: 2 * TarHeader.blockSize))
        try gzip.finish()
        isFinished = true
    }

    /// Renames the finished archive to its path (replacing any file there) and syncs its folder.
    public func publish() throws {
        precondition(isFinished, "publish() before finish() of \(path)")
        try DurableFileSystem.rename(temporary, to: path)
    }

    /// Removes the temporary file (after a failure, or when the run that made it is not published).
    public func discard() {
        _ = unlink(temporary)
    }

    // MARK: - Steps

    /// Packs the unpacked top-level entries whose stored name sorts before `bound` (all of them when nil),
    /// after checking that none sorts before the previous step's bound.
    private func pack(below bound: [UInt8]?) throws {
        // Only names that may be packed or checked are looked at: beyond the bound, files may still be coming
        // and going (the manifest's temporary name, while this step runs on another thread).
        var top: [Entry] = []
        try collect(root, relative: [], into: &top, recursive: false) { name in
            bound.map { name.lexicographicallyPrecedes($0) } ?? true || name.lexicographicallyPrecedes(packedBelow)
        }
        for entry in top where !packed.contains(entry.name) && entry.name.lexicographicallyPrecedes(packedBelow) {
            throw ETLError.output("cannot archive \(String(decoding: entry.path, as: UTF8.self)): it appeared after its place in the archive was written")
        }
        let next = top.filter { entry in !packed.contains(entry.name) && bound.map { entry.name.lexicographicallyPrecedes($0) } ?? true }
        for entry in next.sorted(by: { $0.name.lexicographicallyPrecedes($1.name) }) {
            var entries = [entry]
            if entry.kind == .folder { try collect(entry.path, relative: entry.name, into: &entries, recursive: true) }
            entries[1...].sort { $0.name.lexicographicallyPrecedes($1.name) }
            for member in entries { try write(member) }
            packed.insert(entry.name)
        }
        if let bound, packedBelow.lexicographicallyPrecedes(bound) { packedBelow = bound }
    }

    /// Writes one entry, choosing its gzip level: a gzip file does not shrink when compressed again, so it is
    /// stored (level 0), which costs a copy instead of most of the archive's time (1 s for a million
    /// households at level 1).
    private func write(_ entry: Entry) throws {
        let name = prefixBytes + [UInt8(ascii: "/")] + entry.name
        let isCompressed = entry.kind == .file && entry.name.count > 3 && entry.name.suffix(3).elementsEqual(".gz".utf8)
        try gzip.setLevel(isCompressed ? 0 : level)
        try Self.writeEntry(entry, as: name, paxName: paxName, mtime: mtime, to: gzip, buffer: buffer)
    }

    /// One entry below the folder: its name relative to the folder (folders end with "/") and its full path.
    private struct Entry {
        enum Kind { case file, folder, symlink }
        let name: [UInt8]
        let path: [UInt8]
        let kind: Kind
    }

    /// Adds every entry below `folder` whose name `including` accepts to `entries` (recursing into folders,
    /// never through links, when `recursive`).
    private func collect(_ folder: [UInt8], relative: [UInt8], into entries: inout [Entry], recursive: Bool,
                         including: ([UInt8]) -> Bool = { _ in true }) throws {
        for child in try Self.entryNames(of: folder) where including(child) {
            let path = folder + [UInt8(ascii: "/")] + child
            let name = relative + child
            var info = stat()
            guard Self.withCString(path, { lstat($0, &info) }) == 0 else {
                throw OutputError.read(path: String(decoding: path, as: UTF8.self), errno: errno)
            }
            switch info.st_mode & S_IFMT {
            case S_IFREG:
                entries.append(Entry(name: name, path: path, kind: .file))
            case S_IFLNK:
                entries.append(Entry(name: name, path: path, kind: .symlink))
            case S_IFDIR:
                let folderName = name + [UInt8(ascii: "/")]
                entries.append(Entry(name: folderName, path: path, kind: .folder))
                if recursive { try collect(path, relative: folderName, into: &entries, recursive: true) }
            default:
                continue
            }
        }
    }

    /// Writes one entry's header and, for a file, its contents padded to a whole block.
    private static func writeEntry(
        _ entry: Entry, as name: [UInt8], paxName: [UInt8], mtime: Int,
        to gzip: ParallelGzipWriter, buffer: UnsafeMutableRawBufferPointer
    ) throws {
        let shownPath = String(decoding: entry.path, as: UTF8.self)
        switch entry.kind {
        case .folder:
            try gzip.write(TarHeader(name: name, kind: .folder, mtime: mtime, paxName: paxName).encoded())
        case .symlink:
            let target = try linkTarget(entry.path, shownAs: shownPath)
            try gzip.write(TarHeader(name: name, kind: .symlink(target: target), mtime: mtime, paxName: paxName).encoded())
        case .file:
            let fd = withCString(entry.path) { open($0, O_RDONLY | O_NOFOLLOW | O_CLOEXEC) }
            guard fd >= 0 else { throw OutputError.read(path: shownPath, errno: errno) }
            defer { _ = close(fd) }
            var info = stat()
            guard fstat(fd, &info) == 0 else { throw OutputError.read(path: shownPath, errno: errno) }
            let size = Int(info.st_size)
            try gzip.write(TarHeader(name: name, kind: .file(size: size), mtime: mtime, paxName: paxName).encoded())
            var remaining = size
            while remaining > 0 {
                let count = read(fd, buffer.baseAddress, min(remaining, buffer.count))
                if count < 0 {
                    if errno == EINTR { continue }
                    throw OutputError.read(path: shownPath, errno: errno)
                }
                // The header promised `size` bytes; a file that shrank would leave the archive corrupt.
                guard count > 0 else { throw ETLError.output("cannot archive \(shownPath): it shrank while being read") }
                try gzip.write(UnsafeRawBufferPointer(rebasing: buffer[..<count]))
                remaining -= count
            }
            try gzip.write([UInt8](repeating: 0, count: TarHeader.padding(size)))
        }
    }

    /// The target of a symbolic link, as raw bytes.
    private static func linkTarget(_ path: [UInt8], shownAs shownPath: String) throws -> [UInt8] {
        var target = [UInt8](repeating: 0, count: Int(PATH_MAX) + 1)
        let count = withCString(path) { cPath in
            target.withUnsafeMutableBytes { readlink(cPath, $0.baseAddress!.assumingMemoryBound(to: CChar.self), $0.count) }
        }
        guard count >= 0 else { throw OutputError.read(path: shownPath, errno: errno) }
        return Array(target[..<count])
    }

    /// The names in a folder as raw bytes, without "." and "..".
    private static func entryNames(of folder: [UInt8]) throws -> [[UInt8]] {
        guard let directory = withCString(folder, { opendir($0) }) else {
            throw OutputError.read(path: String(decoding: folder, as: UTF8.self), errno: errno)
        }
        defer { closedir(directory) }
        var names: [[UInt8]] = []
        while true {
            errno = 0
            guard let entry = readdir(directory) else {
                if errno != 0 { throw OutputError.read(path: String(decoding: folder, as: UTF8.self), errno: errno) }
                return names
            }
            let name = withUnsafeBytes(of: &entry.pointee.d_name) { raw in
                Array(raw.prefix { $0 != 0 })
            }
            if name != [UInt8(ascii: ".")] && name != [UInt8(ascii: "."), UInt8(ascii: ".")] { names.append(name) }
        }
    }

    /// Calls `body` with `bytes` as a NUL-terminated C string (file names need not be valid UTF-8).
    private static func withCString<T>(_ bytes: [UInt8], _ body: (UnsafePointer<CChar>) -> T) -> T {
        (bytes + [0]).withUnsafeBufferPointer { buffer in
            buffer.withMemoryRebound(to: CChar.self) { body($0.baseAddress!) }
        }
    }
}
