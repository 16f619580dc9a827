import Foundation

/// Work started on a thread of its own now and joined later: how the end of a run puts the second core to
/// use (the incremental cache, the tables, the archive) while the first writes the anomaly outputs.
///
/// ```swift
/// let tables = BackgroundJob("tables") { try writeTables() }
/// try writeAnomalies()                 // meanwhile, on this thread
/// let resources = try tables.join()    // waits, then returns the result or rethrows the error
/// ```
///
/// `join()` must be called before anything the job wrote is published; it may be called again (it returns
/// the same result), so a `defer` can join a job that an error left running.
final class BackgroundJob<Result: Sendable>: @unchecked Sendable {
    /// Guards `outcome`; the job's thread fills it once, then signals.
    private let condition = NSCondition()
    private var outcome: Swift.Result<Result, any Error>?

    init(_ name: String, _ body: @escaping @Sendable () throws -> Result) {
        let thread = Thread { [self] in
            let result = Swift.Result { try body() }
            condition.lock()
            outcome = result
            condition.broadcast()
            condition.unlock()
        }
        thread.name = "commune-etl-" + name
        thread.start()
    }

    /// Waits until the job has finished, then returns its result or throws its error.
    @discardableResult
    func join() throws -> Result {
        condition.lock()
        while outcome == nil { condition.wait() }
        let result = outcome!
        condition.unlock()
        return try result.get()
    }
}
