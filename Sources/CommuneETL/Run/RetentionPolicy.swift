import Glibc

/// How many published runs and run archives to keep in the output folder, and the pruning itself.
///
/// Only what the job creates is ever removed: folders of `runs/` named by a run id
/// (`2026-11-28T19-00-00Z`, or `…Z-2`, `…Z-3`… for runs in the same second) and files of `archives/`
/// named `<run-id>.tar.gz`. Any other entry, including links and temporary files, is left
/// alone. The run that `current` points to is never removed, even when it is older than the kept ones.
public struct RetentionPolicy: Sendable {
    /// Run folders to keep in `runs/`, newest first (at least 1).
    public var keepRuns: Int = 14
    /// Archives to keep in `archives/`, newest first (at least 1).
    public var keepArchives: Int = 90

    public init(keepRuns: Int = 14, keepArchives: Int = 90) {
        self.keepRuns = keepRuns
        self.keepArchives = keepArchives
    }

    /// Refuses limits below 1 (a run checks this before it starts, so a bad setting never costs a night).
    public func validate() throws {
        guard keepRuns >= 1 else {
            throw ETLError.configuration(file: "--keep-runs", location: "", problem: "must be at least 1, got \(keepRuns)")
        }
        guard keepArchives >= 1 else {
            throw ETLError.configuration(file: "--keep-archives", location: "", problem: "must be at least 1, got \(keepArchives)")
        }
    }

    /// Removes the older runs and archives beyond the limits, oldest first.
    ///
    /// - Parameters:
    ///   - outputFolder: the job's output folder (`out`), holding `runs/`, `archives/` and `current`;
    ///     a missing `runs/` or `archives/` means nothing to prune.
    ///   - current: the id of the run `current` points to (the run just published). The target of the
    ///     `current` link in `outputFolder`, if it names a run, is kept as well.
    /// - Returns: the removed paths relative to `outputFolder`, e.g. `runs/2026-11-01T19-00-00Z` then
    ///   `archives/2026-08-30T19-00-00Z.tar.gz`.
    /// - Throws: `ETLError.configuration` if a limit is below 1 (before anything is removed);
    ///   `OutputError` if a folder cannot be listed or an entry removed.
    /// O(n log n) in the number of entries.
    public func apply(outputFolder: String, current: String) throws -> [String] {
        try validate()
        var protected: Set<String> = [current]
        if let linked = Self.linkTarget(outputFolder + "/current") {
            protected.insert(linked.hasPrefix("runs/") ? String(linked.dropFirst(5)) : linked)
        }

        let runs = try Self.entries(in: outputFolder + "/runs", type: S_IFDIR) { Self.runKey($0) }
        let oldRuns = runs.dropLast(keepRuns).filter { !protected.contains($0.name) }
        let archives = try Self.entries(in: outputFolder + "/archives", type: S_IFREG) { name in
            guard name.hasSuffix(".tar.gz") else { return nil }
            return Self.runKey(String(name.dropLast(".tar.gz".count)))
        }
        let oldArchives = archives.dropLast(keepArchives)

        var removed: [String] = []
        for (folder, entries) in [("runs", Array(oldRuns)), ("archives", Array(oldArchives))] where !entries.isEmpty {
            for entry in entries {
                try DurableFileSystem.removeTree(outputFolder + "/" + folder + "/" + entry.name)
                removed.append(folder + "/" + entry.name)
            }
            try DurableFileSystem.fsyncDirectory(outputFolder + "/" + folder)
        }
        return removed
    }

    /// Sorts run ids by time: the timestamp, then the same-second suffix as a number (no suffix counts as 1).
    struct RunKey: Comparable {
        let timestamp: String
        let sequence: Int

        static func < (left: RunKey, right: RunKey) -> Bool {
            (left.timestamp, left.sequence) < (right.timestamp, right.sequence)
        }
    }

    /// The sort key of a run id as `RunID.make` writes it, or nil for any other name.
    ///
    /// Accepts `dddd-dd-ddTdd-dd-ddZ` optionally followed by `-<n>` with n ≥ 2 and no leading zero.
    static func runKey(_ name: String) -> RunKey? {
        let bytes = Array(name.utf8)
        let pattern = Array("dddd-dd-ddTdd-dd-ddZ".utf8)
        guard bytes.count >= pattern.count else { return nil }
        for (byte, expected) in zip(bytes, pattern) {
            let matches = expected == UInt8(ascii: "d") ? (UInt8(ascii: "0")...UInt8(ascii: "9")).contains(byte) : byte == expected
            guard matches else { return nil }
        }
        let timestamp = String(decoding: bytes[..<pattern.count], as: UTF8.self)
        let rest = bytes[pattern.count...]
        if rest.isEmpty { return RunKey(timestamp: timestamp, sequence: 1) }
        let digits = rest.dropFirst()
        guard rest.first == UInt8(ascii: "-"), digits.count <= 9, digits.first != UInt8(ascii: "0"),
              let sequence = Int(String(decoding: digits, as: UTF8.self)), sequence >= 2 else { return nil }
        return RunKey(timestamp: timestamp, sequence: sequence)
    }

    /// The entries of `folder` of the given file type (not following links) whose names `key` accepts,
    /// oldest first; none if the folder does not exist.
    private static func entries(
        in folder: String, type: mode_t, key: (String) -> RunKey?
    ) throws -> [(name: String, key: RunKey)] {
        guard let directory = opendir(folder) else {
            if errno == ENOENT { return [] }
            throw OutputError.read(path: folder, errno: errno)
        }
        defer { closedir(directory) }
        var result: [(name: String, key: RunKey)] = []
        while true {
            errno = 0
            guard let entry = readdir(directory) else {
                if errno != 0 { throw OutputError.read(path: folder, errno: errno) }
                break
            }
            let name = withUnsafePointer(to: &entry.pointee.d_name) {
                String(cString: UnsafeRawPointer($0).assumingMemoryBound(to: CChar.self))
            }
            guard let runKey = key(name) else { continue }
            var info = stat()
            guard lstat(folder + "/" + name, &info) == 0 else {
                if errno == ENOENT { continue }
                throw OutputError.read(path: folder + "/" + name, errno: errno)
            }
            if info.st_mode & S_IFMT == type { result.append((name, runKey)) }
        }
        return result.sorted { $0.key < $1.key }
    }

    /// Where the symbolic link at `path` points, or nil if there is no link.
    private static func linkTarget(_ path: String) -> String? {
        var buffer = [CChar](repeating: 0, count: Int(PATH_MAX) + 1)
        let count = readlink(path, &buffer, buffer.count - 1)
        guard count >= 0 else { return nil }
        return String(decoding: buffer[..<count].map { UInt8(bitPattern: $0) }, as: UTF8.self)
    }
}
