/// `check: unit_in_year` — a commune named in a column of a list (one row per household, many communes per
/// file) existed during the row's year: Tà Chải, part of thị trấn Bắc Hà from 2024-11-01, cannot have a
/// household reviewed in 2025.
///
/// Only the year is known for a row, so a unit in force on any day of it is accepted; a file about one
/// commune, dated in its title or signature, is held to that date by `unit_in_force` instead.
final class UnitInYearRule: RowRule {
    let definition: RuleDefinition
    let phase = RulePhase.record
    private let commune: Int, year: Int
    private let units: AdministrativeUnits
    /// (commune index, year) → whether the unit existed in that year; a file repeats a few pairs.
    private var known: [Int: [Int64: Bool]] = [:]
    /// The last pair looked up and its answer: rows come in blocks of one commune and year, so most rows
    /// need no hashing at all (the two dictionary lookups were ≈ 0.5 % of a worker's time).
    private var last: (index: Int, year: Int64, existed: Bool)?

    init(_ definition: RuleDefinition, pipeline: CompiledPipeline, units: AdministrativeUnits) throws {
        self.definition = definition
        guard definition.fields.count == 1, let commune = pipeline.slot(named: definition.fields[0]),
              pipeline.slots[commune].type == .commune,
              let year = pipeline.slots.firstIndex(where: { $0.context == .year }) else {
            throw pipeline.configurationError(definition, "unit_in_year checks one commune field of a pipeline with a year field")
        }
        self.commune = commune
        self.year = year
        self.units = units
    }

    func check(_ row: RowState) {
        guard row.columnOfSlot[commune] != nil, case let .choice(index) = row.values[commune],
              case let .integer(year) = row.values[year] else { return }
        if last?.index != index || last?.year != year {
            let existed = known[index]?[year] ?? existedIn(index, year: year)
            known[index, default: [:]][year] = existed
            last = (index, year, existed)
        }
        if last?.existed == true { return }
        let unit = units.registry.communes[index]
        let successor = units.unitInForce(from: index, on: "\(year)-12-31").map { units.registry.communes[$0] }
        report(on: row, slot: commune, placeholders: [
            "year": String(year), "unit_name": unit.displayName, "code": unit.code,
            "valid_to_next": units.succession(ending: index)?.effective.vietnameseDate ?? unit.validTo.vietnameseDate,
            "successor": successor?.code ?? "", "successor_name": successor?.displayName ?? "",
        ])
    }

    private func existedIn(_ index: Int, year: Int64) -> Bool {
        let unit = units.registry.communes[index]
        return unit.validFrom <= "\(year)-12-31" && (unit.validTo.isEmpty || unit.validTo >= "\(year)-01-01")
    }
}
