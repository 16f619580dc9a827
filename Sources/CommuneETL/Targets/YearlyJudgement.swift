/// `band`: each unit, each year, must reach the plan's floor scaled by the plan units it covers.
///
/// JOBS-COMMUNE asks 20–30 placements a commune a year: a unit that took in five others must place at least
/// 6 × 20 = 120. The ceiling is shown, not enforced: placing more than planned is no failure. There is no
/// path: each year stands alone, `met` or `off_track`.
enum BandJudgement {
    static func rows(_ target: TargetDefinition, indicator: IndicatorDefinition, input: ProgressInput) -> [TargetProgress] {
        let floor = target.value ?? 0
        let units = input.units(reporting: indicator.code)
        let byUnit = input.values[indicator.code] ?? [:]
        func row(_ unit: String, _ year: Int, _ value: Double?, _ planUnits: Int, _ baseline: Int?) -> TargetProgress {
            let scaled = floor * Double(planUnits)
            let status: ProgressStatus = value.map { target.comparison.holds($0, scaled) ? .met : .offTrack } ?? .noData
            return TargetProgress(targetID: target.id, unit: unit, year: year, value: value, expected: scaled, target: scaled,
                                  baselineYear: baseline, status: status)
        }
        let allPlanUnits = units.reduce(0) { $0 + input.planUnitCount($1) }
        let firstYear = units.compactMap { byUnit[$0]?.keys.min() }.min()
        var result = input.years.map { year in
            let reporting = units.filter { byUnit[$0]?[year] != nil }
            guard !reporting.isEmpty else { return row("", year, nil, allPlanUnits, firstYear) }
            let total = reporting.reduce(0) { $0 + byUnit[$1]![year]!.value }
            return row("", year, total, reporting.reduce(0) { $0 + input.planUnitCount($1) }, firstYear)
        }
        for unit in units {
            let series = byUnit[unit] ?? [:]
            result += input.years.map { row(unit, $0, series[$0]?.value, input.planUnitCount(unit), series.keys.min()) }
        }
        return result
    }
}

/// `commune_plan`: each unit, each year, against the value the district planned for it (annex tables 01–03).
///
/// A unit-year without a planned value has no row: there is nothing to judge it by. The district row combines,
/// by the indicator's `district` mode, the values of the units that have both a value and a plan, and their
/// plans with the same weights; a year where no planned unit reported shows the plans combined with equal
/// weights (for information) and `no_data`.
enum CommunePlanJudgement {
    static func rows(_ target: TargetDefinition, indicator: IndicatorDefinition, input: ProgressInput,
                     plans: [String: [Int: Double]]) -> [TargetProgress] {
        let units = input.units(reporting: indicator.code)
        let byUnit = input.values[indicator.code] ?? [:]
        var result: [TargetProgress] = []
        for year in input.years {
            let planned = plans.keys.sorted().compactMap { unit in plans[unit]?[year].map { (unit: unit, plan: $0) } }
            guard !planned.isEmpty else { continue }
            let both = planned.compactMap { entry in byUnit[entry.unit]?[year].map { (entry.unit, $0, entry.plan) } }
            let value = indicator.district.combine(both.map { ($0.0, $0.1) }, planUnits: input.planUnitCount)
            let plan: Measure?
            if both.isEmpty {
                plan = indicator.district.combine(planned.map { ($0.unit, Measure(value: $0.plan, weight: 1)) }, planUnits: input.planUnitCount)
            } else {
                plan = indicator.district.combine(both.map { ($0.0, Measure(value: $0.2, weight: $0.1.weight)) }, planUnits: input.planUnitCount)
            }
            guard let plan else { continue }  // `none`: the district's plan cannot be made from the communes'
            result.append(judge(target, unit: "", year: year, value: value?.value, plan: plan.value, baseline: nil))
        }
        for unit in units {
            let series = byUnit[unit] ?? [:]
            for year in input.years {
                guard let plan = plans[unit]?[year] else { continue }
                result.append(judge(target, unit: unit, year: year, value: series[year]?.value, plan: plan, baseline: series.keys.min()))
            }
        }
        return result
    }

    private static func judge(_ target: TargetDefinition, unit: String, year: Int, value: Double?, plan: Double, baseline: Int?) -> TargetProgress {
        let status: ProgressStatus = value.map { target.comparison.holds($0, plan) ? .met : .offTrack } ?? .noData
        return TargetProgress(targetID: target.id, unit: unit, year: year, value: value, expected: plan, target: plan,
                              baselineYear: baseline, status: status)
    }
}
