import ArgumentParser
import CommuneETL
import Foundation

/// `commune-etl check FILE`: a commune officer checks a file before sending it.
struct CheckCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "check",
        abstract: "Check one file before sending it: list its problems and say whether it would be accepted.",
        discussion: """
            Runs the nightly job's checks on FILE alone and publishes nothing. A file under a folder named \
            like a pipeline (household-review/, poverty-summary/, indicator-report/) is read as that \
            pipeline's; any other is recognised by its header row. Checks that need other files (the \
            household list against the summary, the year before) are left to the nightly run.

            Exit codes: 0 the file would be accepted with no error (warnings allowed); 65 it would be \
            refused, or some rows would be left out for an error; 66 FILE is missing or unreadable; 78 a \
            file of Pipelines/ is malformed.
            """
    )

    @Argument(help: "The CSV or TXT export to check.")
    var file: String

    @Option(help: "The language of the messages: vi (Vietnamese) or en (English).")
    var lang: String = "vi"

    @OptionGroup var pipelines: PipelinesOption

    func validate() throws {
        guard CheckLanguage(rawValue: lang) != nil else {
            throw ValidationError("--lang '\(lang)' is unknown: use vi or en.")
        }
    }

    func run() throws {
        let catalog = try pipelines.loadCatalog()
        let result: FileCheckResult
        do {
            result = try ExitStatus.mapping { try FileCheck.check(path: file, catalog: catalog) }
        } catch let error as FileCheck.Unreadable {
            Stderr.line("commune-etl: \(error)")
            throw ExitCode(ExitStatus.noInput)
        }
        let width = isatty(1) == 1 ? Self.terminalWidth() : nil
        print(CheckTable.render(result, language: CheckLanguage(rawValue: lang)!, width: width), terminator: "")
        if result.verdict != .accepted { throw ExitCode(ExitStatus.inputRefused) }
    }

    /// The terminal's width, from the terminal itself, else `COLUMNS`, else 80.
    static func terminalWidth() -> Int {
        var size = winsize()
        if ioctl(1, UInt(TIOCGWINSZ), &size) == 0, size.ws_col > 0 { return Int(size.ws_col) }
        return ProcessInfo.processInfo.environment["COLUMNS"].flatMap(Int.init) ?? 80
    }
}
