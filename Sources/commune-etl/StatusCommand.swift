import ArgumentParser
import CommuneETL

/// `commune-etl status`: the last published run, its age and its counts.
struct StatusCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "status",
        abstract: "Show the last published run: when it finished, and what it read and found."
    )

    @Option(help: "Where runs are published.")
    var out = "out"

    func run() throws {
        let status = try ExitStatus.mapping { try RunStatus.read(outputFolder: out) }
        print("""
            last run:  \(status.runID) (finished \(status.age()) ago)
            files:     \(status.files) read, \(status.filesRefused) refused
            rows:      \(status.rowsRead) read, \(status.rowsKept) kept
            anomalies: \(status.errors) errors, \(status.warnings) warnings
            """)
    }
}
