/// `check: flow` — from one year to the next, a commune's stock follows its flows: poor households at the
/// end of the year = poor at the end of the year before − households that left poverty + newly poor
/// (plan III.3). A warning: households also move in and out.
///
/// The year before is counted for the unit as it stands at the end of the year checked, so thị trấn Bắc
/// Hà's 2024 is compared with the town's and Tà Chải's 2023 together; it is skipped when any unit that went
/// into it has no complete figures for the year before.
struct FlowCheck {
    let finding: TableFinding
    let units: AdministrativeUnits

    func run(_ summaries: [CommuneYearFacts]) -> [(outcome: Int, anomaly: Anomaly)] {
        guard let stock = finding.rule.count, let outflow = finding.rule.outflow, let inflow = finding.rule.inflow else { return [] }
        let complete = summaries.filter(\.isComplete)
        var byYear: [Int: [String: CommuneYearFacts]] = [:]
        for fact in complete where byYear[fact.year]?[fact.code] == nil { byYear[fact.year, default: [:]][fact.code] = fact }
        var found: [(Int, Anomaly)] = []
        for fact in complete {
            guard let before = byYear[fact.year - 1], let unit = units.unitMeant(code: fact.code, on: fact.date) else { continue }
            let yearEnd = "\(fact.year - 1)-12-31"
            let predecessors = units.registry.communes.indices.filter {
                units.isInForce($0, on: yearEnd) && units.unitInForce(from: $0, on: fact.date) == unit
            }
            let previousFacts = predecessors.map { before[units.registry.communes[$0].code] }
            guard !predecessors.isEmpty, previousFacts.allSatisfy({ $0 != nil }),
                  let value = fact.group.sums[stock], let left = fact.group.sums[outflow], let new = fact.group.sums[inflow] else { continue }
            let previous = previousFacts.reduce(0.0) { $0 + ($1!.group.sums[stock] ?? 0) }
            let computed = previous - left + new
            guard abs(computed - value) > 0.5 else { continue }
            found.append((fact.outcome, finding.anomaly(
                file: fact.file, line: nil, commune: fact.code, recordKey: "", field: stock, value: RateRule.plain(value),
                keyParts: [fact.code, String(fact.year)], placeholders: [
                    "year": String(fact.year), "previous_year": String(fact.year - 1), "previous": RateRule.plain(previous),
                    "outflow": RateRule.plain(left), "inflow": RateRule.plain(new), "computed": RateRule.plain(computed),
                ])))
        }
        return found
    }
}
