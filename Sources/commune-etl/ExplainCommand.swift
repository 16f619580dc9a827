import ArgumentParser
import CommuneETL

/// `commune-etl explain RULE`: what a rule checks and where it comes from.
struct ExplainCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "explain",
        abstract: "Show what a rule checks, its severity, and the plan section or decree article it comes from."
    )

    @Argument(help: "A rule id, such as HR-CLASS or FILE-HEADER. Without one, every rule is listed.")
    var rule: String?

    @OptionGroup var pipelines: PipelinesOption

    func run() throws {
        let catalog = try pipelines.loadCatalog()
        let entries = RuleExplanation.all(in: catalog)
        guard let rule else {
            for entry in entries { print("\(entry.id)\t\(entry.severity)\t\(entry.scope)\t\(entry.source)") }
            return
        }
        guard let entry = entries.first(where: { $0.id.caseInsensitiveCompare(rule) == .orderedSame }) else {
            Stderr.line("commune-etl: no rule '\(rule)'; run 'commune-etl explain' for the list.")
            throw ExitCode(ExitStatus.configuration)
        }
        print(entry.text)
    }
}
