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
            OUT/current points at the latest complete run. Settings come from the flags, then --config, \
            then the defaults shown.

            \(ExitStatus.helpText)
            """
    )

    @Option(help: "A YAML file of settings (inbox, out, pipelines, compression_level, strict, profile, limits).")
    var config: String?

    @Option(help: "The folder the communes' exports are put in. (default: SampleData/inbox)")
    var inbox: String?

    @Option(help: "Where runs are published. (default: out)")
    var out: String?

    @OptionGroup var pipelines: PipelinesOption

    @Option(help: "gzip level of the canonical tables, 1 (fastest) to 9 (smallest). (default: 6)")
    var compressionLevel: Int32?

    @Option(help: "internal: every column; public: names left out, citizen IDs and household codes as keyed hashes. (default: internal)")
    var profile: String?

    @Option(help: "The file holding the key of the public profile's keyed hashes (or set COMMUNE_ETL_PSEUDONYM_KEY).")
    var pseudonymKeyFile: String?

    @Option(help: "How many published runs to keep in OUT/runs. (default: 14)")
    var keepRuns: Int?

    @Option(help: "How many archives to keep in OUT/archives. (default: 90)")
    var keepArchives: Int?

    @Flag(help: "Read every input again instead of reusing the results of unchanged files from out/cache.")
    var full = false

    @Flag(help: "Exit 65 when any error anomaly is found, not only when a file is refused.")
    var strict = false

    @Flag(help: "Print where the outputs are and what was found, even when all went well.")
    var verbose = false

    func validate() throws {
        if let profile, OutputProfile(rawValue: profile) == nil {
            throw ValidationError("--profile '\(profile)' is unknown: use internal or public.")
        }
        for (flag, value) in [("--keep-runs", keepRuns), ("--keep-archives", keepArchives)] {
            if let value, value < 1 { throw ValidationError("\(flag) '\(value)' must be at least 1.") }
        }
        if let compressionLevel, !(1...9).contains(compressionLevel) {
            throw ValidationError("--compression-level '\(compressionLevel)' is out of range: use 1 to 9.")
        }
    }

    func run() throws {
        MallocArenas.limit(to: 2)
        LoggingSystem.bootstrap { label in
            var handler = StreamLogHandler.standardError(label: label)
            handler.logLevel = verbose ? .info : .warning
            return handler
        }
        let settings = try ExitStatus.mapping { try config.map(RunConfiguration.load) ?? RunConfiguration() }
        var options = RunOptions(
            inbox: inbox ?? settings.inbox ?? "SampleData/inbox",
            output: out ?? settings.out ?? "out",
            pipelines: pipelines.folder ?? settings.pipelines ?? PipelinesOption.defaultFolder)
        options.compressionLevel = compressionLevel ?? settings.compressionLevel ?? 6
        options.profile = profile.flatMap(OutputProfile.init(rawValue:)) ?? settings.profile ?? .internal
        options.limits.apply(settings.limits)
        options.full = full
        options.pseudonymKey = try ExitStatus.mapping { try PseudonymKey.load(file: pseudonymKeyFile ?? settings.pseudonymKeyFile) }
        options.retention = RetentionPolicy(keepRuns: keepRuns ?? settings.keepRuns ?? 14,
                                            keepArchives: keepArchives ?? settings.keepArchives ?? 90)
        guard (1...9).contains(options.compressionLevel) else {
            Stderr.line("commune-etl: \(config ?? ""): compression_level: '\(options.compressionLevel)' is out of range: use 1 to 9")
            throw ExitCode(ExitStatus.configuration)
        }
        let showProgress = Stderr.isTerminal
        let summary = try ExitStatus.mapping {
            try NightlyRun(options: options).execute { event in
                guard showProgress, case let .fileDone(index, total, outcome) = event else { return }
                Stderr.overwrite("[\(index + 1)/\(total)] \(outcome.input.relativePath)")
                if index + 1 == total { Stderr.overwrite("") }
            }
        }
        if verbose || showProgress {
            print("""
                Published \(summary.runFolder) (also \(options.output)/current)
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
        if strict || settings.strict == true, summary.errors > 0 {
            Stderr.line("commune-etl: \(summary.errors) error anomalies (--strict); see \(summary.runFolder)/anomalies/anomalies.csv")
            throw ExitCode(ExitStatus.inputRefused)
        }
    }
}
