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
                        effect:   \(effect(of: rule))
                        message:  \(rule.message.vi)
                                  \(rule.message.en)
                        """))
            }
        }
        for target in catalog.targets.targets {
            let value = target.value.map(RateRule.plain) ?? ""
            let band = target.max.map { " … " + RateRule.plain($0) } ?? ""
            let note = target.note.map { "\nnote:     " + $0 } ?? ""
            result.append(RuleExplanation(
                id: target.id, severity: "warning", scope: "targets", source: target.source,
                text: """
                    \(target.id) (target, plan section \(target.section)\(target.sample ? ", sample value" : ""))
                    target:   \(target.title.vi)
                              \(target.title.en)
                    checks:   \(target.kind.rawValue) of \(target.indicator) \(target.comparison.rawValue) \(value)\(band), \(target.level.rawValue) level
                    source:   \(target.source)
                    effect:   judged every year in target_progress; off track gives a warning for the indicator's office
                    """ + note))
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

    /// What a finding of the rule does to the data, in words.
    static func effect(of rule: RuleDefinition) -> String {
        switch rule.check {
        case .total: "the file's commune totals are not published (poverty_communes); the villages stay"
        case .reconcile: "reported; poverty_communes marks the commune and year reconciled = false"
        case .flow: "reported only"
        case .unitInForce: "the whole file is held back"
        case .partsSum: "reported only; the values stay as written"
        default: rule.severity == .error ? "the row is left out of the canonical table" : "the row is kept; the value is written empty"
        }
    }
}
