import Foundation

/// Results of earlier nights, per input file, reused when nothing that shaped them has changed: the file's
/// bytes, the configuration (`Pipelines/`, reference data), the tool version and the output settings — and
/// the files read before it, as far as they matter (the keys the uniqueness rule shares across files).
///
/// Lives in `out/cache/`, outside the published runs. An entry is a folder named after the hash of the
/// input's path, holding `part.gz` (the file's canonical rows), `ledgers.bin` (what its rules shared with
/// other files), `anomalies.bin` (its anomalies, `CachedAnomalies`) and `entry.json` (its outcome, the
/// input's SHA-256 and the checksums of the other three, `CacheChecksum`), written in that order, each
/// through a temporary name and the large ones streamed, none synced: a crash leaves either a whole entry or
/// one that does not match its checksums and is read again. A run writes its entries after its last file, on
/// the second core (`NightlyRun`). An entry of an older layout (its files' SHA-256 rather than their
/// checksums) does not decode, so its file is read again.
final class IncrementalCache: Sendable {
    struct Entry: Codable {
        var settings: String
        var inputSHA256: String
        var partCRC32: String?
        var ledgersCRC32: String
        var anomaliesCRC32: String
        /// The outcome; its anomalies are not in its `Codable` form, but in `anomalies.bin`.
        var outcome: FileOutcome
    }

    let folder: String
    /// Hash of everything besides the input that shapes a file's result.
    let settings: String

    init(folder: String, settings: String) throws {
        self.folder = folder
        self.settings = settings
        try DurableFileSystem.makeDirectory(folder)
    }

    private func entryFolder(_ input: InputFile) -> String {
        folder + "/" + String(SHA256.hexDigest(Array(input.relativePath.utf8)).prefix(32))
    }

    /// The cached result of `input`, if its bytes and the settings are those it was made with; its anomalies
    /// are read into `anomalies` (a log that spills), one at a time.
    ///
    /// `sha256` hashes the input, and is called only when an entry for its path, settings and size exists:
    /// a file the cache has not seen (every file of a first night) or one sent again with another size is not
    /// read twice — its reading hashes it anyway.
    func lookup(_ input: InputFile, sha256: () -> String?, anomalies: AnomalyLog) -> (entry: Entry, ledgers: [String: RuleLedger], part: String?)? {
        let base = entryFolder(input)
        guard let data = FileManager.default.contents(atPath: base + "/entry.json"),
              var entry = try? JSONDecoder().decode(Entry.self, from: data),
              entry.settings == settings, entry.outcome.input.relativePath == input.relativePath,
              Self.size(ofFileAt: input.absolutePath) == entry.outcome.bytes,
              let hash = sha256(), entry.inputSHA256 == hash else {
            return nil
        }
        guard let ledgerBytes = Self.bytes(ofFileAt: base + "/ledgers.bin"),
              CacheChecksum.hex(ledgerBytes) == entry.ledgersCRC32, let ledgers = RuleLedger.decode(ledgerBytes) else { return nil }
        guard (try? CacheChecksum.hex(ofFileAt: base + "/anomalies.bin")) == entry.anomaliesCRC32,
              let anomalies = Self.readAnomalies(base + "/anomalies.bin", into: anomalies) else { return nil }
        entry.outcome.anomalies = anomalies
        guard let partCRC32 = entry.partCRC32 else { return (entry, ledgers, nil) }
        guard (try? CacheChecksum.hex(ofFileAt: base + "/part.gz")) == partCRC32 else { return nil }
        return (entry, ledgers, base + "/part.gz")
    }

    /// The size of the file at `path` (following no symbolic link); nil when it cannot be seen.
    private static func size(ofFileAt path: String) -> Int? {
        var info = stat()
        guard lstat(path, &info) == 0 else { return nil }
        return Int(info.st_size)
    }

    /// The whole file, read straight into one array: a ledger is tens of MB at a million keys, and reading it
    /// through `Data` first would hold it twice.
    private static func bytes(ofFileAt path: String) -> [UInt8]? {
        let descriptor = open(path, O_RDONLY | O_CLOEXEC)
        guard descriptor >= 0 else { return nil }
        defer { close(descriptor) }
        var info = stat()
        guard fstat(descriptor, &info) == 0 else { return nil }
        let size = Int(info.st_size)
        var complete = false
        let bytes = [UInt8](unsafeUninitializedCapacity: size) { buffer, count in
            var filled = 0
            while filled < size {
                let got = read(descriptor, buffer.baseAddress! + filled, size - filled)
                if got < 0, errno == EINTR { continue }
                guard got > 0 else { break }
                filled += got
            }
            complete = filled == size
            count = filled
        }
        return complete ? bytes : nil
    }

    /// The anomalies of an `anomalies.bin`, appended to `log` one at a time; nil when the file is not a whole
    /// one of this version.
    private static func readAnomalies(_ path: String, into log: AnomalyLog) -> AnomalyLog? {
        var info = stat()
        guard stat(path, &info) == 0 else { return nil }
        let size = Int(info.st_size)
        var head = [UInt8](repeating: 0, count: min(size, 32))
        guard let handle = FileHandle(forReadingAtPath: path) else { return nil }
        defer { try? handle.close() }
        guard let start = try? handle.read(upToCount: head.count), start.count == head.count else { return nil }
        head = Array(start)
        guard let (count, offset) = head.withUnsafeBytes({ CachedAnomalies.readHeader($0, size: size) }),
              let reader = try? SpillReader(path: path, from: offset, to: size) else { return nil }
        var log = log
        do {
            for _ in 0..<count {
                guard let bytes = try reader.next(), let anomaly = CachedAnomalies.anomaly(bytes) else { return nil }
                log.append(anomaly)
            }
            return try reader.next() == nil ? log : nil
        } catch {
            return nil
        }
    }

    /// Writes the entry of a file just read.
    ///
    /// Nothing is synced to disk: `lookup` checks every file of an entry against the checksums in `entry.json`,
    /// so after a crash an entry is whole or read again, never misread (the syncs cost ≈ 0.03 s a million rows).
    ///
    /// - Parameter partCRC32: the checksum of the outcome's part when the caller made it already (the run
    ///   does, as it joins the parts into the table); nil to make it here.
    func store(_ outcome: FileOutcome, ledgers: [String: RuleLedger], partCRC32: String? = nil) throws {
        let base = entryFolder(outcome.input)
        try? DurableFileSystem.removeTree(base)
        try DurableFileSystem.makeDirectory(base)
        // The part is final once its file is read: a second name for it costs nothing, a copy ≈ 0.15 s.
        let partChecksum = try outcome.partPath.map { part in
            try DurableFileSystem.linkOrCopyAtomically(from: part, to: base + "/part.gz")
            return try partCRC32 ?? CacheChecksum.hex(ofFileAt: part)
        }
        // Streamed: a million keys make tens of MB that need not sit in memory at once.
        var ledgerHash = CacheChecksum()
        try DurableFileSystem.writeAtomically(to: base + "/ledgers.bin", syncing: false) { file in
            try RuleLedger.encode(ledgers) { piece in
                ledgerHash.update(piece)
                try file.write(piece)
            }
        }
        var anomalyHash = CacheChecksum()
        try DurableFileSystem.writeAtomically(to: base + "/anomalies.bin", syncing: false) { file in
            let header = CachedAnomalies.header(count: outcome.anomalies.count)
            anomalyHash.update(header)
            try file.write(header)
            try outcome.anomalies.forEachFramedPiece { piece in
                anomalyHash.update(piece)
                try file.write(piece)
            }
        }
        let entry = Entry(settings: settings, inputSHA256: outcome.sha256, partCRC32: partChecksum,
                          ledgersCRC32: ledgerHash.hex, anomaliesCRC32: anomalyHash.hex, outcome: outcome)
        let json = Array(try JSONEncoder().encode(entry))
        try DurableFileSystem.writeAtomically(to: base + "/entry.json", syncing: false) { try $0.write(json) }
    }

    /// Removes the entries of inputs that are no longer in the inbox.
    func prune(keeping inputs: [InputFile]) throws {
        let kept = Set(inputs.map { URL(fileURLWithPath: entryFolder($0)).lastPathComponent })
        for name in (try? FileManager.default.contentsOfDirectory(atPath: folder)) ?? [] where !kept.contains(name) {
            try DurableFileSystem.removeTree(folder + "/" + name)
        }
    }
}
