/// A rule described for a person: what `commune-etl explain` shows.
public struct RuleExplanation: Sendable {
    public var id: String
    public var severity: String
    /// The pipeline it belongs to, or "all files".
    public var scope: String
    public var source: String
    public var text: String

    /// Every rule of the catalog: the pipelines' rules, then the shared file rules.
    public static func all(in catalog: PipelineCatalog) -> [RuleExplanation] {
        var result: [RuleExplanation] = []
        for pipeline in catalog.pipelines {
            for rule in pipeline.definition.rules {
                let fields = rule.fields.joined(separator: ", ")
                result.append(RuleExplanation(
                    id: rule.id, severity: rule.severity.rawValue, scope: pipeline.name, source: rule.source,
                    text: """
                        \(rule.id) (\(rule.severity.rawValue), pipeline \(pipeline.name))
                        checks:   \(rule.check.rawValue) on \(fields)
                        source:   \(rule.source)
                        effect:   \(rule.severity == .error ? "the row is left out of the canonical table" : "the row is kept; the value is written empty")
                        message:  \(rule.message.vi)
                                  \(rule.message.en)
                        """))
            }
        }
        for rule in catalog.fileRules.rules {
            result.append(RuleExplanation(
                id: rule.id, severity: rule.severity.rawValue, scope: "all files", source: rule.source,
                text: """
                    \(rule.id) (\(rule.severity.rawValue), every pipeline)
                    source:   \(rule.source)
                    effect:   \(rule.id.hasPrefix("FILE-") ? "the whole file is held back" : rule.id.hasPrefix("ACCEPT-") ? "the line of acceptances.csv is not applied" : rule.severity == .error ? "the row is left out" : "reported only")
                    message:  \(rule.message.vi)
                              \(rule.message.en)
                    """))
        }
        return result
    }
}
