/// `check: compare` — `left op right` holds between two numeric fields (for instance a reported count and
/// the count computed from the marks). Skipped when either side is missing or unreadable.
final class CompareRule: RowRule {
    let definition: RuleDefinition
    let phase = RulePhase.record
    private let left: Int, right: Int, reportedField: String
    private let holds: (Int64, Int64) -> Bool

    init(_ definition: RuleDefinition, pipeline: CompiledPipeline) throws {
        self.definition = definition
        func fail(_ problem: String) -> ETLError { pipeline.configurationError(definition, problem) }
        guard let left = definition.left.flatMap(pipeline.slot(named:)),
              let right = definition.right.flatMap(pipeline.slot(named:)) else { throw fail("compare needs 'left' and 'right' fields") }
        self.left = left
        self.right = right
        reportedField = definition.reportField ?? pipeline.slots[left].name
        switch definition.op {
        case "==": holds = (==)
        case "!=": holds = (!=)
        case "<": holds = (<)
        case "<=": holds = (<=)
        case ">": holds = (>)
        case ">=": holds = (>=)
        default: throw fail("unknown operator '\(definition.op ?? "")'; use one of == != < <= > >=")
        }
    }

    func check(_ row: RowState) {
        guard let l = row.values[left].integerValue, let r = row.values[right].integerValue, !holds(l, r) else { return }
        report(on: row, slot: left, field: reportedField, placeholders: ["left": String(l), "right": String(r)])
    }
}
