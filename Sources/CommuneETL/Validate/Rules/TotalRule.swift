/// `check: total` — the total row (`Tổng cộng`, `Cộng`) equals the sum of the data rows above it, column
/// by column (annex table 01).
///
/// Data rows add their values as they pass; the total row is read like a data row but never published, and
/// is compared with the sums so far. A column with an unreadable cell above has no known sum and is not
/// compared (the type rule reports that cell).
final class TotalRule: RowRule {
    let definition: RuleDefinition
    /// Not alone: it compares a total row with the sums of the rows above it.
    var judgesRowsAlone: Bool { false }
    let phase = RulePhase.record
    private let slots: [Int]
    private var sums: [Double]
    private var unknown: [Bool]

    init(_ definition: RuleDefinition, pipeline: CompiledPipeline) throws {
        self.definition = definition
        slots = definition.fields.compactMap(pipeline.slot(named:))
        guard !slots.isEmpty else { throw pipeline.configurationError(definition, "a total rule needs fields") }
        for slot in slots where ![.integer, .decimal].contains(pipeline.slots[slot].type) {
            throw pipeline.configurationError(definition, "'\(pipeline.slots[slot].name)' is not a number and cannot be totalled")
        }
        sums = Array(repeating: 0, count: slots.count)
        unknown = Array(repeating: false, count: slots.count)
    }

    func check(_ row: RowState) {
        for (index, slot) in slots.enumerated() {
            switch row.values[slot] {
            case .missing: break
            case let value:
                if let number = value.numericValue { sums[index] += number } else { unknown[index] = true }
            }
        }
    }

    /// Compares a total row with the sums of the rows read so far; true when it agrees.
    @discardableResult
    func checkTotal(_ row: RowState) -> Bool {
        var agrees = true
        for (index, slot) in slots.enumerated() where !unknown[index] {
            // An empty total cell was not filled in: nothing to compare.
            guard let written = row.values[slot].numericValue, abs(written - sums[index]) > 1e-9 * max(1, abs(sums[index])) else { continue }
            agrees = false
            report(on: row, slot: slot, placeholders: ["sum": RateRule.plain(sums[index])])
        }
        return agrees
    }

    func endFile(accepted: Bool) {
        for index in sums.indices {
            sums[index] = 0
            unknown[index] = false
        }
    }
}
