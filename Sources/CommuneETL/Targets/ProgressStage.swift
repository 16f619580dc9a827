/// Turns the run's facts into the plan's progress: builds the evaluator's input, rolled up to the units in
/// force, evaluates every target, and makes each `off_track` row a warning for the office that owns the
/// indicator.
///
/// Units change over the plan (Tà Chải into thị trấn Bắc Hà on 2024-11-01; the regrouping of 2025-07-01),
/// so each year Y is judged with the units in force at the end of Y: the values of every year up to Y are
/// rolled up to those units (the town's 2021 baseline includes Tà Chải's when the town's 2024 is judged),
/// and only the rows of Y are kept. Counts and amounts add up; rates combine as means weighted by the
/// households of the commune summaries (a plain mean for parts whose households are unknown). Values of
/// `baselines.csv` start the paths; a district baseline (no commune code) is the district's own value.
public struct ProgressStage {
    let catalog: PipelineCatalog
    let targets: TargetCatalogue

    public init(catalog: PipelineCatalog, targets: TargetCatalogue) {
        self.catalog = catalog
        self.targets = targets
    }

    /// One indicator value of one commune and year, as a file gave it.
    struct Value {
        var indicator: String
        var code: String
        var year: Int
        var date: String
        var value: Double
    }

    public func run(totals: [CommuneTotals], indicatorFacts: [(code: String, year: Int, indicator: String, date: String, achieved: Double)])
        -> (rows: [TargetProgress], anomalies: [Anomaly]) {
        var values: [Value] = []
        var households: [Value] = []
        for row in totals {
            let total = row.sums["total_households"] ?? 0
            households.append(Value(indicator: "households", code: row.code, year: row.year, date: row.date, value: total))
            for (indicator, field) in [("poor_households", "poor_households"), ("near_poor_households", "near_poor_households")] {
                values.append(Value(indicator: indicator, code: row.code, year: row.year, date: row.date, value: row.sums[field] ?? 0))
            }
        }
        for fact in indicatorFacts {
            values.append(Value(indicator: fact.indicator, code: fact.code, year: fact.year, date: fact.date, value: fact.achieved))
        }
        let years = Set(values.map(\.year) + households.map(\.year)).sorted()
        // Baselines start the paths; they are not years of the run, so no rows are written for them.
        for baseline in targets.baselines {
            let date = "\(baseline.year)-12-31"
            values.append(Value(indicator: baseline.indicator, code: baseline.communeCode, year: baseline.year, date: date, value: baseline.value))
            if baseline.households > 0, !baseline.communeCode.isEmpty {
                households.append(Value(indicator: "households", code: baseline.communeCode, year: baseline.year, date: date,
                                        value: baseline.households))
            }
        }
        let baselineYears = Set(targets.baselines.map(\.year))
        var rows: [TargetProgress] = []
        for year in years {
            let considered = Set(years.filter { $0 <= year }).union(baselineYears.filter { $0 < year }).sorted()
            let input = input(asOf: year, values: values, households: households, years: considered)
            rows += ProgressEvaluator.evaluate(targets, indicators: catalog.indicators, input: input).filter { $0.year == year }
        }
        let order = Dictionary(uniqueKeysWithValues: targets.targets.enumerated().map { ($0.element.id, $0.offset) })
        rows.sort { (order[$0.targetID] ?? 0, $0.unit, $0.year) < (order[$1.targetID] ?? 0, $1.unit, $1.year) }
        return (rows, rows.filter { $0.status == .offTrack }.compactMap(anomaly))
    }

    /// The evaluator's input for year `year`: every value up to it, rolled up to the units in force at its end.
    private func input(asOf year: Int, values: [Value], households: [Value], years: [Int]) -> ProgressInput {
        let units = catalog.units
        let yearEnd = "\(year)-12-31"
        func unit(_ value: Value) -> String? {
            if value.code.isEmpty { return value.year <= year ? ProgressInput.districtUnit : nil }  // a district baseline
            guard value.year <= year, let meant = units.unitMeant(code: value.code, on: value.date),
                  let now = units.unitInForce(from: meant, on: yearEnd) else { return nil }
            return units.registry.communes[now].code
        }
        var weight: [String: [Int: Double]] = [:]
        for value in households { if let code = unit(value) { weight[code, default: [:]][value.year, default: 0] += value.value } }
        var sums: [String: [String: [Int: Measure]]] = [:]
        // A rate rolls up as a households-weighted mean; parts without households as a plain mean.
        var rateParts: [String: [String: [Int: (weighted: Double, weight: Double, plain: Double, count: Double)]]] = [:]
        for value in values {
            guard let code = unit(value) else { continue }
            guard catalog.indicators.indicator(value.indicator)?.measure == .rate else {
                sums[value.indicator, default: [:]][code, default: [:]][value.year, default: Measure(value: 0, weight: 0)].value += value.value
                continue
            }
            let own = households.first { $0.code == value.code && $0.year == value.year }?.value ?? 0
            var part = rateParts[value.indicator]?[code]?[value.year] ?? (0, 0, 0, 0)
            part.weighted += value.value * own
            part.weight += own
            part.plain += value.value
            part.count += 1
            rateParts[value.indicator, default: [:]][code, default: [:]][value.year] = part
        }
        for (indicator, byUnit) in rateParts {
            for (code, byYear) in byUnit {
                for (year, part) in byYear {
                    sums[indicator, default: [:]][code, default: [:]][year] = part.weight > 0 && part.weight.isFinite
                        ? Measure(value: part.weighted / part.weight, weight: part.weight) : Measure(value: part.plain / part.count, weight: 0)
                }
            }
        }
        // Rates of the summaries, recomputed from the rolled-up counts.
        for (rate, count) in [("poor_rate", "poor_households"), ("near_poor_rate", "near_poor_households")] {
            for (code, byYear) in sums[count] ?? [:] {
                for (year, measure) in byYear {
                    guard let base = weight[code]?[year], base > 0 else { continue }
                    sums[rate, default: [:]][code, default: [:]][year] = Measure(value: measure.value / base * 100, weight: base)
                }
            }
        }
        for (indicator, byUnit) in sums {
            for (code, byYear) in byUnit {
                for (year, measure) in byYear where measure.weight == 0 {
                    sums[indicator]![code]![year]!.weight = weight[code]?[year] ?? 0
                }
            }
        }
        var planUnits: [String: Int] = [:]
        for index in units.registry.communes.indices where units.isInForce(index, on: yearEnd) {
            planUnits[units.registry.communes[index].code] = units.planUnitCount(of: index, on: yearEnd)
        }
        return ProgressInput(values: sums, planUnits: planUnits, years: years,
                             communePlans: communePlans(asOf: year, households: households))
    }

    /// The district's plan for each commune (`commune-targets.csv`, by plan unit), rolled up like the values:
    /// a unit that took in others is planned the households-weighted mean of its parts' plans, each part
    /// weighted by the households of its first reported year (later figures of a surviving unit already hold
    /// the parts it took in); equal weights when a part never reported.
    private func communePlans(asOf year: Int, households: [Value]) -> [String: [String: [Int: Double]]] {
        let units = catalog.units
        let yearEnd = "\(year)-12-31"
        var known: [String: [Int: Double]] = [:]
        for value in households { known[value.code, default: [:]][value.year, default: 0] += value.value }
        func weight(_ code: String, _ year: Int) -> Double {
            known[code]?.filter { $0.value > 0 }.min { $0.key < $1.key }?.value ?? 1
        }
        var sums: [String: [String: [Int: (value: Double, weight: Double)]]] = [:]
        for plan in targets.communeTargets where plan.year <= year {
            guard let index = units.registry.indexByCodeForResolution[plan.communeCode],
                  let now = units.unitInForce(from: index, on: yearEnd) else { continue }
            let code = units.registry.communes[now].code
            let w = weight(plan.communeCode, plan.year)
            var entry = sums[plan.targetID]?[code]?[plan.year] ?? (0, 0)
            entry.value += plan.value * w
            entry.weight += w
            sums[plan.targetID, default: [:]][code, default: [:]][plan.year] = entry
        }
        return sums.mapValues { $0.mapValues { $0.mapValues { $0.value / $0.weight } } }
    }

    /// The warning of an off-track row, for the office that owns the target's indicator.
    private func anomaly(_ row: TargetProgress) -> Anomaly? {
        guard let target = targets.target(row.targetID), let indicator = catalog.indicators.indicator(target.indicator) else { return nil }
        let unitName = row.unit.isEmpty ? "Huyện Bắc Hà" : unitName(row.unit, year: row.year)
        let message = ProgressEvaluator.message(for: row, target: target, unitName: unitName)
        return Anomaly(
            anomalyID: AnomalyID.make(rule: row.targetID, pipeline: "targets", field: target.indicator, recordParts: [row.unit, String(row.year)]),
            severity: .warning, rule: row.targetID, pipeline: "targets", sourceFile: "", sourceLine: nil,
            communeCode: row.unit, recordKey: String(row.year), field: target.indicator,
            value: row.value.map(RateRule.plain) ?? "", expected: row.expected.map(RateRule.plain) ?? RateRule.plain(row.target),
            messageVI: message.vi, messageEN: message.en, owner: indicator.owner)
    }

    private func unitName(_ code: String, year: Int) -> String {
        let units = catalog.units
        guard let index = units.unit(code: code, on: "\(year)-12-31") else { return code }
        let name = units.registry.communes[index].displayName
        return name.prefix(1).uppercased() + name.dropFirst()
    }
}
