import ArgumentParser
import CommuneETL

/// `commune-etl`: the nightly job of the Bắc Hà poverty-reduction data, and its helpers.
@main
struct CommuneETLCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "commune-etl",
        abstract: "Turns the communes' CSV exports into a checked, documented dataset and lists of problems to fix.",
        discussion: ExitStatus.helpText,
        version: CommuneETLVersion.current,
        subcommands: [RunCommand.self, CheckCommand.self, StatusCommand.self, ExplainCommand.self, SampleCommand.self],
        defaultSubcommand: RunCommand.self
    )
}
