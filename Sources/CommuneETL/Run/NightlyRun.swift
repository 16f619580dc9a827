public import Foundation
public import Logging

/// Where a run reads and writes, and how.
public struct RunOptions: Sendable {
    public var inbox: String
    public var output: String
    public var pipelines: String
    /// gzip level of the canonical tables (1 fastest … 9 smallest).
    public var compressionLevel: Int32 = 6
    public var profile: OutputProfile = .internal
    /// How many published runs and archives to keep; older ones go after a successful publish.
    public var retention = RetentionPolicy()
    /// Read every input again, ignoring the results of earlier nights kept in `out/cache/`.
    public var full = false
    /// The key of the keyed hashes the `public` profile writes in place of identifiers.
    public var pseudonymKey: [UInt8]?
    public var limits = InputLimits()
    /// Threads that read the rows of one large file (1: every file on one thread). The outputs are the
    /// same whatever the count; `COMMUNE_ETL_READ_THREADS` sets it from outside.
    public var readThreads = RunContext.defaultReadThreads
    /// Text per segment of a file read on several threads (tests cut small files into many).
    public var segmentBytes = RunContext.defaultSegmentBytes
    /// How many anomalies of a file, or of a list the run writes, are held in memory before the rest is
    /// spilled to the staging folder (`AnomalyLog`). Not a setting of the command line: tests make it tiny
    /// to check that spilling changes no output byte.
    public var anomalyBuffer = 1024
    public var toolVersion: String = CommuneETLVersion.current

    public init(inbox: String, output: String, pipelines: String) {
        self.inbox = inbox
        self.output = output
        self.pipelines = pipelines
    }
}

/// One nightly run, end to end: load `Pipelines/`, take the lock, read every input, write the outputs into
/// a staging folder, then publish it atomically.
///
/// Nothing is visible under `out/runs/` or `out/current` until the run is complete: outputs are written in
/// `out/.staging-<run-id>/`, synced, renamed into `out/runs/`, and `out/current` is swapped last. Inputs
/// are only ever opened for reading.
public struct NightlyRun {
    public let options: RunOptions
    public let logger: Logger

    public init(options: RunOptions, logger: Logger = Logger(label: "commune-etl")) {
        self.options = options
        self.logger = logger
    }

    public func execute(now: Date = Date(), onEvent: (RunEvent) -> Void = { _ in }) throws -> RunSummary {
        let log = RunLog(logger: logger)
        try options.retention.validate()
        let pseudonymizer = try options.pseudonymKey.map(Pseudonymizer.init)
        try RunContext.check(profile: options.profile, pseudonymizer: pseudonymizer)
        let catalog = try PipelineCatalog.load(from: options.pipelines)
        let (inputs, skipped) = try InboxScanner.scan(inbox: options.inbox, pipelines: catalog.pipelines.map(\.name))
        for reason in skipped { log.log(.warning, "skipped \(reason)") }
        guard !inputs.isEmpty else { throw ETLError.noInput(path: options.inbox) }

        try wrapOutput { try DurableFileSystem.makeDirectory(options.output) }
        let lock = try RunLock(outputFolder: options.output)
        defer { withExtendedLifetime(lock) {} }
        try wrapOutput { try removeLeftovers(log) }

        let runID = RunID.make(now, existingIn: options.output + "/runs")
        let staging = options.output + "/.staging-" + runID
        let parts = staging + "/parts"
        try wrapOutput {
            try DurableFileSystem.makeDirectory(staging)
            try DurableFileSystem.makeDirectory(parts)
        }
        onEvent(.started(runID: runID, files: inputs.count))
        let corrections = try CorrectionSet.load(inbox: options.inbox)
        let context = try RunContext(catalog: catalog, partsFolder: parts, compressionLevel: options.compressionLevel,
                                     profile: options.profile, pseudonymizer: pseudonymizer, limits: options.limits,
                                     corrections: corrections, readThreads: options.readThreads,
                                     segmentBytes: options.segmentBytes, anomalyBuffer: options.anomalyBuffer)
        let processor = FileProcessor(context: context)
        let cache = try wrapOutput {
            try IncrementalCache(folder: options.output + "/cache", settings: cacheSettings(catalog, corrections: corrections))
        }
        var outcomes: [FileOutcome] = []
        // Written to the cache after the last file, on the second core (see `finishRun`).
        var toCache: [(outcome: FileOutcome, ledgers: [String: RuleLedger])] = []
        for (index, input) in inputs.enumerated() {
            var outcome = try wrapOutput {
                if !options.full, let reused = try reuse(input, index: index, from: cache, context: context) {
                    log.log(.info, "reused the result of \(input.relativePath): unchanged since it was last read")
                    return reused
                }
                let outcome = try processor.process(input, index: index)
                toCache.append((outcome, outcome.pipeline.flatMap { context.ruleSets[$0]?.takeLedgers() } ?? [:]))
                return outcome
            }
            if outcome.refused { log.log(.warning, "refused \(input.relativePath): \(outcome.anomalies.last?.messageEN ?? "")") }
            outcome.anomalies.flush()
            outcomes.append(outcome)
            onEvent(.fileDone(index: index, of: inputs.count, outcome: outcome))
        }
        var tables = TableChecks(catalog: catalog).run(&outcomes)
        tables.anomalies += correctionProblems(corrections, inputs: inputs, context: context)
        let runFolder = options.output + "/runs/" + runID
        try wrapOutput {
            try finishRun(runID: runID, staging: staging, inputs: inputs, outcomes: outcomes, tables: tables, toCache: toCache,
                          cache: cache, context: context, skipped: skipped, log: log, started: now)
        }
        onEvent(.published(runFolder: runFolder))
        return RunSummary(runID: runID, runFolder: runFolder, files: outcomes, skipped: skipped)
    }

    /// Everything after the last file: the cache entries, the outputs, the archive, the publish and retention.
    ///
    /// Two threads share the work. This one writes the anomaly outputs (the longest part); meanwhile a
    /// second one joins the canonical tables (hashing each part on the way), writes the cache entries (after
    /// the last file nothing changes the key tables the ledgers refer to), the other tables, the report page
    /// and the data package. Then the archive is packed from the
    /// staging folder on the second thread while this one writes the manifest and the log. Both threads
    /// are joined before anything is published: the folder is renamed into `runs/`, `current` swapped, and
    /// only then the finished archive renamed into `archives/` (a run that dies before leaves its temporary
    /// file, which the next run removes, and no archive of an unpublished run).
    private func finishRun(runID: String, staging: String, inputs: [InputFile], outcomes: [FileOutcome], tables: TableResults,
                           toCache: [(outcome: FileOutcome, ledgers: [String: RuleLedger])], cache: IncrementalCache,
                           context: RunContext, skipped: [String], log: RunLog, started: Date) throws {
        let writer = RunOutputWriter(folder: staging, catalog: context.catalog, options: options)
        let background = BackgroundJob("tables") {
            let canonical = try writer.joinCanonicalTables(outcomes: outcomes)
            try cache.prune(keeping: inputs)
            for entry in toCache {
                let partCRC32 = entry.outcome.partPath.flatMap { canonical.partCRC32[$0] }
                try cache.store(entry.outcome, ledgers: entry.ledgers, partCRC32: partCRC32)
            }
            return try writer.writeOtherTablesAndReport(runID: runID, outcomes: outcomes, tables: tables, canonical: canonical)
        }
        defer { _ = try? background.join() }
        // Read before the swap: `current` is still the previous night's run.
        let report = try AnomalyReport.make(outcomes: outcomes, tables: tables, context: context, options: options, runID: runID,
                                            folder: staging, log: log)
        let written = try background.join()
        // The parts (canonical rows, spilled anomalies) are read by both threads until here; never published.
        try DurableFileSystem.removeTree(staging + "/parts")
        let finished = Date()

        try DurableFileSystem.makeDirectory(options.output + "/archives")
        let archive = try TarArchiveWriter(folder: staging, as: runID, to: options.output + "/archives/\(runID).tar.gz",
                                           level: Self.archiveLevel)
        var isPublished = false
        defer { if !isPublished { archive.discard() } }
        // Everything before `manifest.json` is final: anomalies/, data/, datapackage.json.
        let packing = BackgroundJob("archive") { [archive] in try archive.archiveEntries(before: "manifest.json") }
        defer { _ = try? packing.join() }
        try writer.writeManifest(runID: runID, outcomes: outcomes, report: report, written: written, skipped: skipped, log: log,
                                 started: started, finished: finished)
        try packing.join()
        try archive.finish()

        try publish(staging: staging, runID: runID)
        isPublished = true
        try archive.publish()
        for removed in try options.retention.apply(outputFolder: options.output, current: runID) {
            log.log(.info, "retention: removed \(removed)")
        }
    }

    /// The run folder holds gzip files already (stored as they are): level 1 costs little and saves nothing less.
    static let archiveLevel: Int32 = 1

    /// The cached result of an unchanged input, replayed: its part copied into this run, its keys
    /// registered with the rules. Nil when the input, the settings or what earlier files registered differ.
    private func reuse(_ input: InputFile, index: Int, from cache: IncrementalCache, context: RunContext) throws -> FileOutcome? {
        guard let (entry, ledgers, part) = cache.lookup(input, sha256: { try? SHA256.hexDigest(ofFileAt: input.absolutePath) },
                                                        anomalies: context.anomalyLog(forFile: index)) else { return nil }
        let rules = entry.outcome.pipeline.flatMap { context.ruleSets[$0] }
        guard rules?.canReplay(ledgers) ?? true else { return nil }
        var outcome = entry.outcome
        outcome.input = input
        outcome.partPath = nil
        if let part {
            let path = context.partsFolder + "/" + String(format: "%06d", index) + ".gz"
            try DurableFileSystem.copyAtomically(from: part, to: path)
            outcome.partPath = path
        }
        rules?.replay(ledgers, file: input.relativePath)
        outcome.reused = true
        return outcome
    }

    /// Corrections that cannot be used at all: malformed lines, and records of files not in the inbox.
    private func correctionProblems(_ corrections: CorrectionSet, inputs: [InputFile], context: RunContext) -> [Anomaly] {
        var found: [Anomaly] = []
        for problem in corrections.problems {
            let file = InputFile(relativePath: problem.file, absolutePath: "", pipeline: nil)
            found.append(context.fileAnomaly(.correctionFormat, input: file, pipeline: nil,
                                             line: problem.line == 0 ? nil : problem.line, detail: problem.detail))
        }
        let present = Set(inputs.map(\.relativePath))
        for (path, lines) in corrections.byFile.sorted(by: { $0.key < $1.key }) where !present.contains(path) {
            for correction in lines.keys.sorted().flatMap({ lines[$0]! }) {
                let file = InputFile(relativePath: correction.correctionFile, absolutePath: "", pipeline: nil)
                found.append(context.fileAnomaly(
                    .correctionStale, input: file, pipeline: nil, line: correction.correctionLine, detail: "no_file",
                    values: ["source_file": correction.sourceFile, "source_line": String(correction.sourceLine),
                             "flagged": correction.flaggedValue, "found": "", "field": correction.field],
                    value: correction.correctedValue, field: correction.field))
            }
        }
        return found
    }

    /// What, besides an input's bytes, shapes its result: configuration, tool version, output settings,
    /// the corrections waiting in the inbox, and the compressor (another one writes other bytes for the same rows).
    private func cacheSettings(_ catalog: PipelineCatalog, corrections: CorrectionSet) -> String {
        let limits = options.limits
        let key = options.pseudonymKey.map { SHA256.hexDigest($0) } ?? ""
        let text = [catalog.fingerprint, options.toolVersion, options.profile.rawValue, key, String(options.compressionLevel),
                    ParallelGzipWriter.compressor, String(limits.maxFileBytes), String(limits.maxFieldBytes), String(limits.maxColumns),
                    corrections.fingerprint].joined(separator: "|")
        return SHA256.hexDigest(Array(text.utf8))
    }

    /// Moves the complete run into `runs/` and points `current` at it: two renames, each atomic. The archive
    /// is renamed into place after: a run that dies in between is published without one.
    private func publish(staging: String, runID: String) throws {
        try DurableFileSystem.makeDirectory(options.output + "/runs")
        try DurableFileSystem.rename(staging, to: options.output + "/runs/" + runID)
        try DurableFileSystem.replaceSymlink(at: options.output + "/current", pointingTo: "runs/" + runID)
    }

    /// Removes what runs that died left behind (the lock says none is running): staging folders, and
    /// temporary files of the `current` link or of an archive.
    private func removeLeftovers(_ log: RunLog) throws {
        for folder in [options.output, options.output + "/archives"] {
            let entries = (try? FileManager.default.contentsOfDirectory(atPath: folder)) ?? []
            for entry in entries where entry.hasPrefix(".staging-") || entry.contains(".tmp-") {
                log.log(.notice, "removing \(entry), left by a run that did not finish")
                try DurableFileSystem.removeTree(folder + "/" + entry)
            }
        }
    }

    private func wrapOutput<T>(_ body: () throws -> T) throws -> T {
        do {
            return try body()
        } catch let error as OutputError {
            throw ETLError.output(error.description)
        }
    }
}

/// The version the tool reports in the manifest and `--version`.
public enum CommuneETLVersion {
    public static let current = "0.1.0"
}
