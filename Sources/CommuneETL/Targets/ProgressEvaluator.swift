/// Judges every target of the plan against the run's indicator values: pure functions, no I/O.
///
/// Semantics, shared by every kind:
/// - The district value of an indicator-year combines the units' values by the catalogue's `district` mode
///   (`DistrictAggregation.combine`); a value filed under `ProgressInput.districtUnit` ("") is the district's
///   own report and is used as it is.
/// - The baseline of a unit (or the district) and indicator is its first year with data; paths run from it
///   to the final year (2025). The path arithmetic of each kind is in `ProgressPath`.
/// - `share`: each year, the units with a value; a unit meets the criterion when its value satisfies
///   `threshold`; share = plan units of those meeting ÷ plan units of those reporting × 100 (a merged unit
///   counts for every plan unit it covers). The share series is then judged as a `level`.
/// - `ratio`: Σ numerator ÷ Σ denominator × 100 over the years from the first with both, judged as a
///   `level`; a year whose running denominator is 0 has no value.
/// - `band`: each unit each year must place at least value × plan units covered (the plan's 20–30 is a
///   floor: above the ceiling is not a failure); `met` or `off_track`, never on a path. The district row
///   sums the reporting units against value × their plan units.
/// - `commune_plan`: each unit each year against the district's planned value for it (`met`/`off_track`);
///   a unit-year without a planned value has no row. The district row combines the values and, with the same
///   weights, the plans of the units that have both.
/// - Commune-level `average_reduction` with `baseline_at_least` applies only to units whose baseline is at
///   least that value (POV-HIGH: 40 %); its district row combines those units only.
///
/// Rows come in a fixed order: targets as in `targets.yaml`; for each, the district rows first, then each
/// unit by code; within those, years ascending. District-level targets have district rows only, one per
/// year of `input.years`; commune-level targets have a row per unit with data of the indicator, plus the
/// district's.
public enum ProgressEvaluator {
    public static func evaluate(_ targets: TargetCatalogue, indicators: IndicatorCatalogue, input: ProgressInput) -> [TargetProgress] {
        let csvPlans = Dictionary(grouping: targets.communeTargets, by: \.targetID).mapValues { rows in
            Dictionary(grouping: rows, by: \.communeCode).mapValues { Dictionary(uniqueKeysWithValues: $0.map { ($0.year, $0.value) }) }
        }
        var rows: [TargetProgress] = []
        for target in targets.targets {
            guard let indicator = indicators.indicator(target.indicator) else { continue }  // the loader refuses these
            let plans = input.communePlans?[target.id] ?? csvPlans[target.id] ?? [:]
            rows += evaluate(target, indicator: indicator, indicators: indicators, input: input, plans: plans)
        }
        return rows
    }

    static func evaluate(_ target: TargetDefinition, indicator: IndicatorDefinition, indicators: IndicatorCatalogue,
                         input: ProgressInput, plans: [String: [Int: Double]]) -> [TargetProgress] {
        let years = input.years, final = input.finalYear
        let value = target.value ?? 0
        func rows(_ unit: String, _ points: [ProgressPath.Point], target number: Double) -> [TargetProgress] {
            zip(years, points).map { year, point in
                TargetProgress(targetID: target.id, unit: unit, year: year, value: point.value, expected: point.expected,
                               target: number, baselineYear: point.baselineYear, status: point.status)
            }
        }
        switch target.kind {
        case .averageReduction:
            var units = input.units(reporting: indicator.code)
            if let floor = target.baselineAtLeast {
                units = units.filter { unit in
                    let series = input.series(indicator.code, unit: unit)
                    return series.keys.min().flatMap { series[$0] }.map { $0 >= floor } ?? false
                }
            }
            let chosen = target.baselineAtLeast == nil ? nil : units
            let path = { (series: [Int: Double]) in
                ProgressPath.averageReduction(series, years: years, finalYear: final, perYear: value, comparison: target.comparison)
            }
            var result = rows("", path(input.districtSeries(indicator, over: chosen)), target: value)
            if target.level == .commune {
                for unit in units { result += rows(unit, path(input.series(indicator.code, unit: unit)), target: value) }
            }
            return result
        case .cumulative:
            return rows("", ProgressPath.cumulative(input.districtSeries(indicator), years: years, finalYear: final,
                                                    total: value, comparison: target.comparison), target: value)
        case .level:
            return rows("", ProgressPath.level(input.districtSeries(indicator), years: years, finalYear: final,
                                               target: value, comparison: target.comparison), target: value)
        case .share:
            return rows("", ProgressPath.level(shareSeries(target, indicator: indicator, input: input), years: years,
                                               finalYear: final, target: value, comparison: target.comparison), target: value)
        case .ratio:
            let series = ratioSeries(indicators.indicator(target.numerator!)!, indicators.indicator(target.denominator!)!, input: input)
            return rows("", ProgressPath.level(series, years: years, finalYear: final, target: value,
                                               comparison: target.comparison), target: value)
        case .band:
            return BandJudgement.rows(target, indicator: indicator, input: input)
        case .communePlan:
            return CommunePlanJudgement.rows(target, indicator: indicator, input: input, plans: plans)
        }
    }

    /// Year → percentage of plan units, among those reporting, whose value meets the target's threshold.
    static func shareSeries(_ target: TargetDefinition, indicator: IndicatorDefinition, input: ProgressInput) -> [Int: Double] {
        guard let threshold = target.threshold else { return [:] }
        var series: [Int: Double] = [:]
        let byUnit = input.values[indicator.code] ?? [:]
        for year in input.years {
            var reporting = 0, meeting = 0
            for unit in input.units(reporting: indicator.code) {
                guard let measure = byUnit[unit]?[year] else { continue }
                reporting += input.planUnitCount(unit)
                if threshold.comparison.holds(measure.value, threshold.value) { meeting += input.planUnitCount(unit) }
            }
            if reporting > 0 { series[year] = Double(meeting) * 100 / Double(reporting) }
        }
        return series
    }

    /// Year → Σ numerator ÷ Σ denominator × 100 over the district's years from the first with both values.
    static func ratioSeries(_ numerator: IndicatorDefinition, _ denominator: IndicatorDefinition, input: ProgressInput) -> [Int: Double] {
        let top = input.districtSeries(numerator), bottom = input.districtSeries(denominator)
        var series: [Int: Double] = [:]
        var sumTop = 0.0, sumBottom = 0.0
        for year in Set(top.keys).intersection(bottom.keys).sorted() {
            sumTop += top[year]!
            sumBottom += bottom[year]!
            if sumBottom != 0 { series[year] = sumTop * 100 / sumBottom }
        }
        return series
    }
}
