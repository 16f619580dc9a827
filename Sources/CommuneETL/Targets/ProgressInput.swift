/// One unit's value of one indicator in one year, with the households it stands for.
public struct Measure: Sendable, Equatable {
    public var value: Double
    /// The unit's households: the weight of a `households_weighted` district mean (0 when unknown).
    public var weight: Double

    public init(value: Double, weight: Double = 0) {
        self.value = value
        self.weight = weight
    }
}

/// What the evaluator judges: the run's indicator values, already rolled up to the units in force.
public struct ProgressInput: Sendable {
    /// The unit code under which a value reported for the district as a whole is filed. It is used as the
    /// district's value instead of the communes' aggregate, and is the only district value of indicators
    /// whose `district` is `none`.
    public static let districtUnit = ""

    /// Indicator code → unit (commune) code → year → measure, already rolled up to the units in force.
    public var values: [String: [String: [Int: Measure]]]
    /// Unit code → how many of the plan's 19 units it covers (1, or more for a unit that took in others, e.g.
    /// thị trấn Bắc Hà after Tà Chải merged). A unit missing here covers 1.
    public var planUnits: [String: Int]
    /// Years with any data in the run, ascending.
    public var years: [Int]
    public var finalYear = 2025
    /// Commune plan values rolled up to the units in force: target id → unit → year → planned value.
    /// When nil, the rows of `commune-targets.csv` are used under their own codes, which is right only for
    /// units that took in no other (a merged unit's plan is not the plan of its largest part).
    public var communePlans: [String: [String: [Int: Double]]]?

    public init(values: [String: [String: [Int: Measure]]], planUnits: [String: Int], years: [Int], finalYear: Int = 2025,
                communePlans: [String: [String: [Int: Double]]]? = nil) {
        self.values = values
        self.planUnits = planUnits
        self.years = years
        self.finalYear = finalYear
        self.communePlans = communePlans
    }

    /// How many plan units `unit` covers.
    func planUnitCount(_ unit: String) -> Int { planUnits[unit] ?? 1 }

    /// The units (communes) with any value of `indicator`, by code; the district-wide entry excluded.
    func units(reporting indicator: String) -> [String] {
        (values[indicator] ?? [:]).filter { $0.key != Self.districtUnit && !$0.value.isEmpty }.keys.sorted()
    }
}

/// Where a unit stands against a target in one year.
public enum ProgressStatus: String, Sendable, Codable {
    /// The 2025 target is already satisfied (for average reductions: judged in the final year only).
    case met
    /// Not yet satisfied, but at least as good as the straight path from the baseline to the target.
    case onTrack = "on_track"
    /// Behind the straight path (or, for yearly bands and commune plans, short of the year's value).
    case offTrack = "off_track"
    /// The unit has no value for this year.
    case noData = "no_data"
}

/// One row of the progress table: one target, one unit (or the district), one year.
public struct TargetProgress: Sendable, Equatable {
    public var targetID: String
    /// The unit's code; "" for the district.
    public var unit: String
    public var year: Int
    /// The value judged: the year's value, or the running total (`cumulative`), share or ratio.
    public var value: Double?
    /// Where the straight path from the baseline to the target says the value should be this year.
    public var expected: Double?
    /// The plan's number for this row: the yearly reduction, total, level, share or ratio; for a band its
    /// floor scaled by the plan units covered; for a commune plan the year's planned value.
    public var target: Double
    /// The first year with data, from which paths and running totals start.
    public var baselineYear: Int?
    public var status: ProgressStatus

    public init(targetID: String, unit: String, year: Int, value: Double?, expected: Double?, target: Double,
                baselineYear: Int?, status: ProgressStatus) {
        self.targetID = targetID
        self.unit = unit
        self.year = year
        self.value = value
        self.expected = expected
        self.target = target
        self.baselineYear = baselineYear
        self.status = status
    }
}
