/// How the communes' values of one year make the district's value (`DistrictAggregation`), and the district's
/// series of an indicator.
extension DistrictAggregation {
    /// Combines the units' measures of one year; nil when the mode cannot (`none`), when no unit has a value,
    /// or when a weighted mean lacks a unit's households (a mean over some of the weights would be wrong
    /// without saying so).
    ///
    /// `sum`: Σ value. `households_weighted`: Σ value × households ÷ Σ households. `plan_units`: Σ value ×
    /// plan units covered. The result's weight is Σ households, so district values can be combined again.
    /// - Complexity: O(n) in the number of units.
    func combine(_ measures: [(unit: String, measure: Measure)], planUnits: (String) -> Int) -> Measure? {
        guard !measures.isEmpty else { return nil }
        let households = measures.reduce(0) { $0 + $1.measure.weight }
        switch self {
        case .sum:
            return Measure(value: measures.reduce(0) { $0 + $1.measure.value }, weight: households)
        case .householdsWeighted:
            guard measures.allSatisfy({ $0.measure.weight > 0 }) else { return nil }
            let weighted = measures.reduce(0) { $0 + $1.measure.value * $1.measure.weight }
            return Measure(value: weighted / households, weight: households)
        case .planUnits:
            return Measure(value: measures.reduce(0) { $0 + $1.measure.value * Double(planUnits($1.unit)) }, weight: households)
        case .none:
            return nil
        }
    }
}

extension ProgressInput {
    /// One unit's values of an indicator, by year.
    func series(_ indicator: String, unit: String) -> [Int: Double] {
        (values[indicator]?[unit] ?? [:]).mapValues(\.value)
    }

    /// The district's values of an indicator, by year.
    ///
    /// Over all units, a value reported for the district as a whole (`districtUnit`) is taken as it is;
    /// other years combine the units' values by the indicator's `district` mode. Over a chosen set of units
    /// (the communes a target applies to), only their values are combined.
    func districtSeries(_ indicator: IndicatorDefinition, over chosen: [String]? = nil) -> [Int: Double] {
        let byUnit = values[indicator.code] ?? [:]
        let units = chosen ?? units(reporting: indicator.code)
        let years = Set(units.flatMap { byUnit[$0]?.keys.map { $0 } ?? [] })
        var series: [Int: Double] = [:]
        for year in years {
            let measures = units.compactMap { unit in byUnit[unit]?[year].map { (unit: unit, measure: $0) } }
            series[year] = indicator.district.combine(measures, planUnits: planUnitCount)?.value
        }
        if chosen == nil {
            for (year, measure) in byUnit[Self.districtUnit] ?? [:] { series[year] = measure.value }
        }
        return series
    }
}
