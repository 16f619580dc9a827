/// One quantity the plan sets a target on or the indicator report carries, from `Pipelines/indicators.yaml`.
///
/// Reports name indicators in words and spell their units freely; the catalogue matches both after folding
/// (`IndicatorCatalogue.index(ofName:)`, `unitMatches(_:indicator:)`), and says how a district value is made
/// from the communes' values (`district`).
public struct IndicatorDefinition: Decodable, Sendable, Equatable {
    /// Stable snake_case id, used by targets and canonical tables (`labour_trained`).
    public var code: String
    public var name: LocalizedText
    /// Other Vietnamese spellings seen in reports, compared after folding.
    public var aliases: [String]
    /// The canonical unit, as reports write it (`người`, `%`, `triệu đồng`).
    public var unit: String
    /// Other spellings of the unit for this indicator only (units shared by many indicators have theirs in
    /// the file's `units` table).
    public var unitAliases: [String]
    /// The office of `offices.yaml` that answers for it (plan VI).
    public var owner: String
    /// The plan section it comes from (`III.1`).
    public var section: String
    /// The plan's annex table, when known (`05`).
    public var table: String?
    public var measure: IndicatorMeasure
    public var district: DistrictAggregation
    /// For an "of which" item: the indicator it is part of (its value may not exceed the parent's).
    public var parent: String?
    /// For a total: the indicators that must add up to it.
    public var parts: [String]?
    public var source: IndicatorSource

    enum CodingKeys: String, CodingKey, CaseIterable {
        case code, name, aliases, unit, owner, section, table, measure, district, parent, parts, source
        case unitAliases = "unit_aliases"
    }

    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        code = try container.decode(String.self, forKey: .code)
        name = try container.decode(LocalizedText.self, forKey: .name)
        aliases = try container.decodeIfPresent([String].self, forKey: .aliases) ?? []
        unit = try container.decode(String.self, forKey: .unit)
        unitAliases = try container.decodeIfPresent([String].self, forKey: .unitAliases) ?? []
        owner = try container.decode(String.self, forKey: .owner)
        section = try container.decode(String.self, forKey: .section)
        table = try container.decodeIfPresent(String.self, forKey: .table)
        measure = try container.decode(IndicatorMeasure.self, forKey: .measure)
        district = try container.decode(DistrictAggregation.self, forKey: .district)
        parent = try container.decodeIfPresent(String.self, forKey: .parent)
        parts = try container.decodeIfPresent([String].self, forKey: .parts)
        source = try container.decode(IndicatorSource.self, forKey: .source)
    }
}

/// What kind of quantity an indicator is, which decides how values over years may be combined.
public enum IndicatorMeasure: String, Decodable, Sendable {
    /// A yearly flow (people trained this year): summed over years and communes.
    case count
    /// A level in percent (coverage, prevalence): never summed.
    case rate
    /// A level in its own unit (tonnes a year, hectares, a 1/0 criterion met): not summed over years.
    case amount
}

/// How the communes' values of one year make the district's value.
public enum DistrictAggregation: String, Decodable, Sendable {
    /// The plain sum of the units' values.
    case sum
    /// The mean of the units' values weighted by their households (`Measure.weight`).
    case householdsWeighted = "households_weighted"
    /// For a 1/0 criterion: the sum of value × plan units covered, i.e. how many of the plan's 19 units
    /// meet it, a unit that took in others counting once for each.
    case planUnits = "plan_units"
    /// Not computable from the communes (forest cover, value per hectare): only a district-wide report counts.
    case none
}

/// Which sheet an indicator is read from.
public enum IndicatorSource: String, Decodable, Sendable {
    case indicatorReport = "indicator-report"
    case povertySummary = "poverty-summary"
}

/// A body responsible for part of the plan (section VI), from `Pipelines/offices.yaml`.
public struct Office: Decodable, Sendable, Equatable {
    /// Stable id (`ldtbxh`), used by pipelines' and indicators' `owner`.
    public var id: String
    public var name: LocalizedText
    /// What it answers for, in English.
    public var owns: String
    /// The paragraph of plan section VI that gives it the work (`VI.1`).
    public var section: String

    enum CodingKeys: String, CodingKey, CaseIterable {
        case id, name, owns, section
    }
}
