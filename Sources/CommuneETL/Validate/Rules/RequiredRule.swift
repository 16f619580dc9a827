/// `check: required` — the listed fields have a value.
///
/// A missing column is a file-level problem (`FILE-HEADER`); this rule reports empty cells.
final class RequiredRule: RowRule {
    let definition: RuleDefinition
    private let slots: [Int]

    init(_ definition: RuleDefinition, pipeline: CompiledPipeline) {
        self.definition = definition
        slots = definition.fields.compactMap(pipeline.slot(named:))
    }

    func check(_ row: RowState) {
        for slot in slots where row.values[slot] == .missing {
            report(on: row, slot: slot)
        }
    }
}
