/// `check: indicator_unit` — the unit written beside an indicator is the catalogue's (`người` for trained
/// labourers, `%` for insurance coverage): a figure in the wrong unit cannot be compared with the plan.
final class IndicatorUnitRule: RowRule {
    let definition: RuleDefinition
    let phase = RulePhase.record
    private let unit: Int, indicator: Int
    private let indicators: IndicatorCatalogue

    init(_ definition: RuleDefinition, pipeline: CompiledPipeline, indicators: IndicatorCatalogue) throws {
        self.definition = definition
        guard definition.fields.count == 1, let unit = pipeline.slot(named: definition.fields[0]),
              let indicator = definition.indicator.flatMap(pipeline.slot(named:)), pipeline.slots[indicator].type == .indicator
        else { throw pipeline.configurationError(definition, "indicator_unit checks one unit field and needs 'indicator', a field of type indicator") }
        self.unit = unit
        self.indicator = indicator
        self.indicators = indicators
    }

    func check(_ row: RowState) {
        guard case let .choice(index) = row.values[indicator] else { return }
        let written = row.written(unit)
        guard !written.isEmpty, !indicators.unitMatches(written, indicator: index) else { return }
        let definition = indicators.indicators[index]
        report(on: row, slot: unit, placeholders: [
            "unit": definition.unit, "indicator_vi": definition.name.vi, "indicator_en": definition.name.en,
        ])
    }
}
