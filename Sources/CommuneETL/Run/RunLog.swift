public import Foundation
public import Logging

/// What the engine had to say during a run: sent to the logger (stderr, for cron's mail) and kept for
/// `run.log` inside the run folder, so the record stays with the outputs it explains.
public final class RunLog {
    private let logger: Logger
    public private(set) var lines: [String] = []

    public init(logger: Logger) { self.logger = logger }

    public func log(_ level: Logger.Level, _ message: String, at date: Date = Date()) {
        logger.log(level: level, "\(message)")
        lines.append("\(RunID.iso8601(date)) \(level) \(message)")
    }

    var bytes: [UInt8] { Array(lines.map { $0 + "\n" }.joined().utf8) }
}
