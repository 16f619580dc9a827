/// What a run did: enough for the command line to choose an exit code and for `status` to report.
public struct RunSummary: Sendable {
    public var runID: String
    /// The published run folder (`out/runs/<run-id>`).
    public var runFolder: String
    public var files: [FileOutcome]
    /// Inputs passed over (symbolic links, unreadable folders), with the reason.
    public var skipped: [String]
    public var rowsRead: Int { files.reduce(0) { $0 + $1.rowsRead } }
    public var rowsKept: Int { files.reduce(0) { $0 + $1.rowsKept } }
    public var errors: Int { files.reduce(0) { $0 + $1.count(.error) } }
    public var warnings: Int { files.reduce(0) { $0 + $1.count(.warning) } }
    public var refusedFiles: Int { files.count { $0.refused } }
}

/// What the engine tells a watcher while it runs (the command line draws a progress line from it).
public enum RunEvent: Sendable {
    case started(runID: String, files: Int)
    case fileDone(index: Int, of: Int, outcome: FileOutcome)
    case published(runFolder: String)
}
