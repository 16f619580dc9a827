import Foundation

/// What `commune-etl check` found in one file: the engine's outcome for it, and whether the district would
/// take it.
public struct FileCheckResult: Sendable {
    /// Whether the file would be taken whole, in part, or not at all.
    public enum Verdict: Sendable, Equatable {
        /// No error: every row would reach the dataset (warnings may have emptied doubtful cells).
        case accepted
        /// Some rows or sums would be left out for an error; the rest would be taken.
        case partly
        /// A file-level problem: nothing of the file would be taken.
        case refused
    }

    public var outcome: FileOutcome
    /// The file's anomalies, whole-file problems first, then by line.
    public var anomalies: [Anomaly]
    /// The pipeline that read the file, for the labels of its columns (nil when it could not be routed).
    public var pipeline: CompiledPipeline?

    public var verdict: Verdict {
        if outcome.refused { return .refused }
        return outcome.count(.error) > 0 ? .partly : .accepted
    }
}

/// Checks one file the way the nightly run would, without publishing anything: a commune officer's
/// "would this be accepted?" before sending it.
///
/// The file goes through the same stages as in a run (decoding, routing, layout, row rules) and then the
/// checks across files that need only this one (a unit not in force on the file's date). Checks that need
/// other files — reconciliation with the household list, the flow from the year before, uniqueness across
/// files — cannot be made here and are left to the night. The canonical rows are written into a temporary
/// folder, removed before returning.
public enum FileCheck {
    /// The file to check is not there or cannot be read: there is nothing to judge.
    public struct Unreadable: Error, Equatable, CustomStringConvertible {
        public var path: String
        public var reason: String
        public var description: String { "cannot read '\(path)': \(reason); check the path and the file's permissions." }
    }

    /// - Throws: `FileCheck.Unreadable` when the file is missing or cannot be opened (the officer gave a
    ///   wrong path: nothing to judge), `ETLError.output` when the temporary folder cannot be made.
    public static func check(path: String, catalog: PipelineCatalog, limits: InputLimits = InputLimits()) throws -> FileCheckResult {
        var info = stat()
        guard stat(path, &info) == 0, info.st_mode & S_IFMT == S_IFREG, access(path, R_OK) == 0 else {
            let reason = FileManager.default.fileExists(atPath: path) ? "not a readable file" : "no such file"
            throw Unreadable(path: path, reason: reason)
        }
        let input = inputFile(path, pipelines: catalog.pipelines.map(\.name))
        var template = FileManager.default.temporaryDirectory.appendingPathComponent("commune-etl-check-XXXXXX").path.utf8CString
        let created = template.withUnsafeMutableBufferPointer { mkdtemp($0.baseAddress!) != nil }
        guard created else { throw ETLError.output("cannot make a temporary folder in \(NSTemporaryDirectory())") }
        let parts = template.withUnsafeBufferPointer { String(cString: $0.baseAddress!) }
        defer { try? FileManager.default.removeItem(atPath: parts) }

        let context = try RunContext(catalog: catalog, partsFolder: parts, limits: limits)
        var outcomes: [FileOutcome]
        do {
            outcomes = [try FileProcessor(context: context).process(input, index: 0)]
        } catch let error as OutputError {
            throw ETLError.output(error.description)
        }
        _ = TableChecks(catalog: catalog).run(&outcomes)
        let outcome = outcomes[0]
        let ordered = try outcome.anomalies.collected(byLine: true)
        return FileCheckResult(outcome: outcome, anomalies: ordered, pipeline: outcome.pipeline.flatMap(catalog.pipeline(named:)))
    }

    /// The file as the run would see it: under a folder named like a pipeline it belongs to that pipeline
    /// and keeps its path from that folder on (the year and commune may be read from it); elsewhere it is
    /// routed by its header, like a file at the inbox root.
    static func inputFile(_ path: String, pipelines: [String]) -> InputFile {
        let absolute = URL(fileURLWithPath: path).standardizedFileURL.path
        let components = absolute.split(separator: "/").map(String.init)
        if let index = components.dropLast().lastIndex(where: pipelines.contains) {
            return InputFile(relativePath: components[index...].joined(separator: "/"), absolutePath: absolute, pipeline: components[index])
        }
        return InputFile(relativePath: components.last ?? path, absolutePath: absolute, pipeline: nil)
    }
}
