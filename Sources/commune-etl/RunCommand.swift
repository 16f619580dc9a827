import ArgumentParser
import CommuneETL
import Foundation
import Logging

/// `commune-etl run`: the nightly job.
struct RunCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "run",
        abstract: "Read the inbox, check every file, and publish the dataset and the anomaly list.",
        discussion: """
            Quiet on success: cron mails whatever is printed. Outputs appear in OUT/runs/<run-id>/ and \
            OUT/current points at the latest complete run.

            \(ExitStatus.helpText)
            """
    )

    @Option(help: "The folder the communes' exports are put in.")
    var inbox = "SampleData/inbox"

    @Option(help: "Where runs are published.")
    var out = "out"

    @Option(help: "The folder of pipeline definitions and reference data.")
    var pipelines = "Pipelines"

    @Option(help: "gzip level of the canonical tables, 1 (fastest) to 9 (smallest).")
    var compressionLevel: Int32 = 6

    @Flag(help: "Print where the outputs are and what was found, even when all went well.")
    var verbose = false

    func validate() throws {
        guard (1...9).contains(compressionLevel) else {
            throw ValidationError("--compression-level '\(compressionLevel)' is out of range: use 1 to 9.")
        }
    }

    func run() throws {
        LoggingSystem.bootstrap { label in
            var handler = StreamLogHandler.standardError(label: label)
            handler.logLevel = verbose ? .info : .warning
            return handler
        }
        var options = RunOptions(inbox: inbox, output: out, pipelines: pipelines)
        options.compressionLevel = compressionLevel
        let showProgress = Stderr.isTerminal
        let summary: RunSummary
        do {
            summary = try NightlyRun(options: options).execute { event in
                guard showProgress, case let .fileDone(index, total, outcome) = event else { return }
                Stderr.overwrite("[\(index + 1)/\(total)] \(outcome.input.relativePath)")
                if index + 1 == total { Stderr.overwrite("") }
            }
        } catch let error as ETLError {
            Stderr.line("commune-etl: \(error)")
            throw ExitCode(ExitStatus.code(for: error))
        }
        if verbose || showProgress {
            print("""
                Published \(summary.runFolder) (also \(out)/current)
                  \(summary.files.count) files, \(summary.rowsRead) rows read, \(summary.rowsKept) kept; \
                \(summary.errors) errors, \(summary.warnings) warnings; \(summary.refusedFiles) files refused
                  dataset:   \(summary.runFolder)/data/
                  anomalies: \(summary.runFolder)/anomalies/anomalies.csv
                """)
        }
        if summary.refusedFiles > 0 {
            Stderr.line("commune-etl: \(summary.refusedFiles) input file(s) refused; see \(summary.runFolder)/anomalies/anomalies.csv")
            throw ExitCode(ExitStatus.inputRefused)
        }
    }
}
