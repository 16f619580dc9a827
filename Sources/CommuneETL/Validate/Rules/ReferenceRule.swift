/// `check: reference` — a `commune` field names a unit of `reference/communes.csv` (by name, alias or code);
/// an `indicator` field names an indicator of `indicators.yaml` (by name or alias).
final class ReferenceRule: RowRule {
    let definition: RuleDefinition
    private let slots: [Int]

    init(_ definition: RuleDefinition, pipeline: CompiledPipeline) {
        self.definition = definition
        slots = definition.fields.compactMap(pipeline.slot(named:))
    }

    func check(_ row: RowState) {
        for slot in slots where row.values[slot] == .invalid(.unknownCommune) || row.values[slot] == .invalid(.unknownIndicator) {
            report(on: row, slot: slot)
        }
    }
}
