/// One target of the plan, from `Pipelines/targets.yaml`: what indicator must reach what value, how
/// progress towards it is measured (`kind`), and where in the plan it is written.
public struct TargetDefinition: Decodable, Sendable, Equatable {
    /// The plan-targets.md id, or a sub-id that keeps it as prefix (`SCH-BUILD-CLASSROOMS`).
    public var id: String
    /// The plan section (`II.2`).
    public var section: String
    /// A short citation a reader can follow ("Kế hoạch 2021–2025 huyện Bắc Hà, mục II.2").
    public var source: String
    public var title: LocalizedText
    /// The catalogue code of the indicator measured (for `ratio`, the numerator's).
    public var indicator: String
    public var kind: TargetKind
    /// The plan's number: the yearly reduction, the total, the level, the band's floor, the share or ratio in
    /// percent. Absent only for `commune_plan`, whose values are in `commune-targets.csv`.
    public var value: Double?
    public var comparison: Comparison
    public var level: TargetLevel
    /// The band's ceiling (`band` only).
    public var max: Double?
    /// `average_reduction` at commune level: only units whose baseline is at least this (POV-HIGH: 40).
    public var baselineAtLeast: Double?
    /// `ratio`: cumulative numerator ÷ cumulative denominator × 100.
    public var numerator: String?
    public var denominator: String?
    /// `share`: what a unit's value must satisfy to count as meeting the criterion.
    public var threshold: Threshold?
    /// True when a number here is ours, not the plan's (the district must confirm or replace it).
    public var sample: Bool
    public var note: String?
    /// The indicator's unit, in Vietnamese and English, filled from the catalogue at load (for messages).
    public internal(set) var unit = LocalizedText(vi: "", en: "")

    enum CodingKeys: String, CodingKey, CaseIterable {
        case id, section, source, title, indicator, kind, value, comparison, level, max, numerator, denominator
        case threshold, sample, note
        case baselineAtLeast = "baseline_at_least"
    }

    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        id = try container.decode(String.self, forKey: .id)
        section = try container.decode(String.self, forKey: .section)
        source = try container.decode(String.self, forKey: .source)
        title = try container.decode(LocalizedText.self, forKey: .title)
        indicator = try container.decode(String.self, forKey: .indicator)
        kind = try container.decode(TargetKind.self, forKey: .kind)
        value = try container.decodeIfPresent(Double.self, forKey: .value)
        comparison = try container.decode(Comparison.self, forKey: .comparison)
        level = try container.decode(TargetLevel.self, forKey: .level)
        max = try container.decodeIfPresent(Double.self, forKey: .max)
        baselineAtLeast = try container.decodeIfPresent(Double.self, forKey: .baselineAtLeast)
        numerator = try container.decodeIfPresent(String.self, forKey: .numerator)
        denominator = try container.decodeIfPresent(String.self, forKey: .denominator)
        threshold = try container.decodeIfPresent(Threshold.self, forKey: .threshold)
        sample = try container.decodeIfPresent(Bool.self, forKey: .sample) ?? false
        note = try container.decodeIfPresent(String.self, forKey: .note)
    }
}

/// How progress towards a target is measured; the semantics are in `ProgressEvaluator`.
public enum TargetKind: String, Decodable, Sendable {
    case averageReduction = "average_reduction"
    case cumulative
    case level
    case band
    case share
    case ratio
    case communePlan = "commune_plan"
}

/// How a value is compared with the target.
public enum Comparison: String, Decodable, Sendable {
    case greater = ">"
    case greaterOrEqual = ">="
    case less = "<"
    case lessOrEqual = "<="

    public func holds(_ value: Double, _ target: Double) -> Bool {
        switch self {
        case .greater: value > target
        case .greaterOrEqual: value >= target
        case .less: value < target
        case .lessOrEqual: value <= target
        }
    }

    /// True when more is better (`>`, `>=`).
    public var wantsMore: Bool { self == .greater || self == .greaterOrEqual }
}

/// Whether a target is judged for the district as a whole or for each commune.
public enum TargetLevel: String, Decodable, Sendable {
    case district
    case commune
}

/// The criterion a unit meets for a `share` target (`poor_rate <= 13`).
public struct Threshold: Decodable, Sendable, Equatable {
    public var comparison: Comparison
    public var value: Double

    enum CodingKeys: String, CodingKey, CaseIterable { case comparison, value }
}

/// The value the district planned for one commune in one year (`Pipelines/commune-targets.csv`).
public struct CommuneTarget: Sendable, Equatable {
    public var targetID: String
    public var communeCode: String
    public var year: Int
    public var value: Double
    /// True when the value is ours, not the district's.
    public var sample: Bool
    public var note: String
}
