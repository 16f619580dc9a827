import ArgumentParser
import CommuneETL

/// The exit codes, from sysexits(3), so that cron and monitoring can tell outcomes apart.
enum ExitStatus {
    static let done: Int32 = 0
    static let inputRefused: Int32 = 65     // EX_DATAERR
    static let noInput: Int32 = 66          // EX_NOINPUT
    static let cannotWrite: Int32 = 73      // EX_CANTCREAT
    static let locked: Int32 = 75           // EX_TEMPFAIL
    static let configuration: Int32 = 78    // EX_CONFIG

    static let helpText = """
        Exit codes: 0 done (anomalies in the data are not a failure); 65 an input file was refused \
        (the run is still published; see anomalies.csv), or with --strict any error anomaly; 66 no input \
        in the inbox; 73 the outputs could not be written; 75 another run holds the lock; 78 a file of \
        Pipelines/ or the --config file is malformed.
        """

    /// Runs `body`; an operational failure becomes one line on stderr and its exit code.
    static func mapping<T>(_ body: () throws -> T) throws -> T {
        do {
            return try body()
        } catch let error as ETLError {
            Stderr.line("commune-etl: \(error)")
            throw ExitCode(code(for: error))
        }
    }

    /// The exit code for an operational failure.
    static func code(for error: ETLError) -> Int32 {
        switch error {
        case .configuration: configuration
        case .inboxUnreadable, .noInput: noInput
        case .output: cannotWrite
        case .locked: locked
        }
    }
}
