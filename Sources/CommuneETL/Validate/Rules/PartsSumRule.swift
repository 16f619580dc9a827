/// `check: parts_sum` — a total equals the sum of its parts in the same report: funding = state budget +
/// credit + other sources (plan V: 194,127 = 7,450 + 186,677 million đồng; the catalogue's `parts`).
///
/// The parts follow their total, so the comparison is made when the file ends, and reported on the total's
/// line. A warning: the figures stay as written, since nothing tells whether the total or a part is wrong.
/// A part the report leaves out counts as zero; a total with none of its parts is not compared.
final class PartsSumRule: RowRule {
    let definition: RuleDefinition
    /// Not alone: it compares a total with the parts found across the file.
    var judgesRowsAlone: Bool { false }
    let phase = RulePhase.record
    private let pipeline: CompiledPipeline
    private let slots: [Int]
    private let indicator: Int
    private let indicators: IndicatorCatalogue
    private let partsOf: [[Int]]
    private var values: [Int: [Double?]] = [:]
    /// What naming a total's row in an anomaly needs, kept from the row (gone by the end of the file).
    private var totals: [Int: (file: String, line: Int, commune: String, recordKey: String, written: [String], keyParts: [String])] = [:]

    init(_ definition: RuleDefinition, pipeline: CompiledPipeline, indicators: IndicatorCatalogue) throws {
        self.definition = definition
        guard definition.severity == .warning else {
            throw pipeline.configurationError(definition, "parts_sum is checked when the file ends, when rows are already kept: use severity warning")
        }
        let (indicator, numbers) = try pipeline.indicatorRuleSlots(definition)
        self.pipeline = pipeline
        slots = numbers
        self.indicator = indicator
        self.indicators = indicators
        partsOf = indicators.indicators.map { ($0.parts ?? []).compactMap(indicators.index(ofCode:)) }
    }

    func check(_ row: RowState) {
        guard case let .choice(index) = row.values[indicator] else { return }
        values[index] = slots.map { row.values[$0].numericValue }
        if !partsOf[index].isEmpty {
            totals[index] = (row.sourceFile, row.line, row.communeCode, row.written(pipeline.recordKeySlot),
                             slots.map { row.written($0) }, row.recordKeyParts())
        }
    }

    func findingsAtEnd() -> [Anomaly] {
        var found: [Anomaly] = []
        let finding = TableFinding(rule: definition, pipeline: pipeline)
        for (total, row) in totals.sorted(by: { $0.value.line < $1.value.line }) {
            let parts = partsOf[total]
            guard parts.contains(where: { values[$0] != nil }) else { continue }
            for (position, slot) in slots.enumerated() {
                guard let written = values[total]?[position] else { continue }
                let sum = parts.reduce(0.0) { $0 + (values[$1]?[position] ?? 0) }
                guard abs(sum - written) > 1e-6 * max(1, abs(sum)) else { continue }
                let names = parts.map { indicators.indicators[$0].name }
                found.append(finding.anomaly(
                    file: row.file, line: row.line, commune: row.commune, recordKey: row.recordKey,
                    field: pipeline.slots[slot].name, value: row.written[position], keyParts: row.keyParts, placeholders: [
                        "sum": RateRule.plain(sum), "parts_vi": names.map(\.vi).joined(separator: " + "),
                        "parts_en": names.map(\.en).joined(separator: " + "),
                        "indicator_vi": indicators.indicators[total].name.vi, "indicator_en": indicators.indicators[total].name.en,
                    ]))
            }
        }
        return found
    }

    func endFile(accepted: Bool) {
        values = [:]
        totals = [:]
    }
}
