/// The rules of one pipeline for one run, built from its declarations, in the order they run.
///
/// Built per run because some rules keep state across files (uniqueness).
public final class RuleSet {
    public let cellRules: [any RowRule]
    public let recordRules: [any RowRule]

    public init(_ pipeline: CompiledPipeline) throws {
        var rules: [any RowRule] = []
        for definition in pipeline.definition.rules {
            switch definition.check {
            case .required: rules.append(RequiredRule(definition, pipeline: pipeline))
            case .type: rules.append(TypeRule(definition, pipeline: pipeline))
            case .reference: rules.append(ReferenceRule(definition, pipeline: pipeline))
            case .pattern: rules.append(try PatternRule(definition, pipeline: pipeline))
            case .compare: rules.append(try CompareRule(definition, pipeline: pipeline))
            case .classification: rules.append(try ClassificationRule(definition, pipeline: pipeline))
            case .unique: rules.append(UniqueRule(definition, pipeline: pipeline))
            }
        }
        cellRules = rules.filter { $0.phase == .cells }
        recordRules = rules.filter { $0.phase == .record }
    }

    public func endFile(accepted: Bool) {
        for rule in cellRules + recordRules { rule.endFile(accepted: accepted) }
    }
}
