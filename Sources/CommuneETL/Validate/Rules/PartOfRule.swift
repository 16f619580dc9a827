/// `check: part_of` — an "of which" item does not exceed its parent in the same report: labourers
/// certified ≤ labourers trained, placed in companies ≤ jobs created (the catalogue's `parent`).
///
/// Reports list the parent first, so each item is compared when it is read with the parent's values seen
/// so far in the file; an item whose parent is not (yet) in the file is not compared.
final class PartOfRule: RowRule {
    let definition: RuleDefinition
    /// Not alone: it compares a row with its parent indicator's row seen before it.
    var judgesRowsAlone: Bool { false }
    let phase = RulePhase.record
    private let slots: [Int]
    private let indicator: Int
    private let indicators: IndicatorCatalogue
    private let parentOf: [Int?]
    /// Indicator index → the values of `slots` read for it in this file.
    private var seen: [Int: [Double?]] = [:]

    init(_ definition: RuleDefinition, pipeline: CompiledPipeline, indicators: IndicatorCatalogue) throws {
        self.definition = definition
        let (indicator, numbers) = try pipeline.indicatorRuleSlots(definition)
        slots = numbers
        self.indicator = indicator
        self.indicators = indicators
        parentOf = indicators.indicators.map { $0.parent.flatMap(indicators.index(ofCode:)) }
    }

    func check(_ row: RowState) {
        guard case let .choice(index) = row.values[indicator] else { return }
        let values = slots.map { row.values[$0].numericValue }
        seen[index] = values
        guard let parent = parentOf[index], let parentValues = seen[parent] else { return }
        for (position, slot) in slots.enumerated() {
            guard let value = values[position], let limit = parentValues[position], value > limit + 1e-9 else { continue }
            let parentDefinition = indicators.indicators[parent]
            report(on: row, slot: slot, placeholders: [
                "parent_vi": parentDefinition.name.vi, "parent_en": parentDefinition.name.en, "parent_value": RateRule.plain(limit),
            ])
        }
    }

    func endFile(accepted: Bool) { seen = [:] }
}
