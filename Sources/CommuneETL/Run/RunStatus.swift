public import Foundation

/// The last published run, as `commune-etl status` reports it: read from `out/current/manifest.json`.
public struct RunStatus: Sendable, Equatable {
    public var runID: String
    public var finishedAt: Date
    public var files: Int
    public var filesRefused: Int
    public var rowsRead: Int
    public var rowsKept: Int
    public var errors: Int
    public var warnings: Int

    /// - Throws: `ETLError.noInput` when nothing has been published in `outputFolder` yet.
    public static func read(outputFolder: String) throws -> RunStatus {
        let path = outputFolder + "/current/manifest.json"
        guard let data = FileManager.default.contents(atPath: path),
              let manifest = try? JSONSerialization.jsonObject(with: data) as? [String: Any],
              let runID = manifest["run_id"] as? String,
              let finished = (manifest["finished_at"] as? String).flatMap(RunID.parseISO8601),
              let totals = manifest["totals"] as? [String: Any],
              let anomalies = totals["anomalies"] as? [String: Any] else {
            throw ETLError.noInput(path: outputFolder + "/current")
        }
        return RunStatus(
            runID: runID, finishedAt: finished, files: totals["files"] as? Int ?? 0,
            filesRefused: totals["files_refused"] as? Int ?? 0, rowsRead: totals["rows_read"] as? Int ?? 0,
            rowsKept: totals["rows_kept"] as? Int ?? 0, errors: anomalies["error"] as? Int ?? 0,
            warnings: anomalies["warning"] as? Int ?? 0)
    }

    /// "3 h 12 min", "2 days 4 h": how long ago the run finished.
    public func age(now: Date = Date()) -> String {
        let minutes = max(0, Int(now.timeIntervalSince(finishedAt) / 60))
        if minutes < 60 { return "\(minutes) min" }
        if minutes < 48 * 60 { return "\(minutes / 60) h \(minutes % 60) min" }
        return "\(minutes / (24 * 60)) days \(minutes / 60 % 24) h"
    }
}
