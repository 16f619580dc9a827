/// `check: percent_range` — a value of an indicator measured in percent lies between 0 and 100 (coverage
/// rates, prevalence): `916` for 91,6 % is a typing slip, not a rate.
final class PercentRangeRule: RowRule {
    let definition: RuleDefinition
    let phase = RulePhase.record
    private let slots: [Int]
    private let indicator: Int
    private let isPercent: [Bool]

    init(_ definition: RuleDefinition, pipeline: CompiledPipeline, indicators: IndicatorCatalogue) throws {
        self.definition = definition
        let (indicator, numbers) = try pipeline.indicatorRuleSlots(definition)
        slots = numbers
        self.indicator = indicator
        isPercent = indicators.indicators.map { $0.unit == "%" }
    }

    func check(_ row: RowState) {
        guard case let .choice(index) = row.values[indicator], isPercent[index] else { return }
        for slot in slots {
            guard let value = row.values[slot].numericValue, value < 0 || value > 100 else { continue }
            report(on: row, slot: slot)
        }
    }
}
