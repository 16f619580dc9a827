/// One kind of commune sheet, as declared in `Pipelines/<name>.yaml`.
///
/// The YAML is the source of truth for headers, types, ranges, rules and messages; Swift only holds the
/// mechanisms. Keys are snake_case in the file.
public struct PipelineDefinition: Decodable, Sendable {
    public var version: Int
    public var name: String
    public var title: LocalizedText
    /// The office of plan section VI that owns this data (routes anomaly lists later).
    public var owner: String
    /// The canonical table this pipeline writes (`data/<table>.csv.gz`).
    public var table: String
    public var primaryKey: [String]
    /// The field a person searches for to find a row in the spreadsheet.
    public var recordKey: String
    public var fields: [FieldDefinition]
    public var derived: [DerivedFieldDefinition]
    /// Canonical columns in order; `source_file` and `source_line` are provenance the engine fills in.
    public var output: [String]
    public var classification: ClassificationDefinition?
    public var rules: [RuleDefinition]
    /// What each file contributes to the checks across files and to the plan's progress (see `FactDefinition`).
    public var facts: FactDefinition?

    enum CodingKeys: String, CodingKey, CaseIterable {
        case version, name, title, owner, table, fields, derived, output, classification, rules, facts
        case primaryKey = "primary_key", recordKey = "record_key"
    }

    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        version = try container.decode(Int.self, forKey: .version)
        name = try container.decode(String.self, forKey: .name)
        title = try container.decode(LocalizedText.self, forKey: .title)
        owner = try container.decode(String.self, forKey: .owner)
        table = try container.decode(String.self, forKey: .table)
        primaryKey = try container.decode([String].self, forKey: .primaryKey)
        recordKey = try container.decode(String.self, forKey: .recordKey)
        fields = try container.decode([FieldDefinition].self, forKey: .fields)
        // A sheet without computed fields leaves `derived` out.
        derived = try container.decodeIfPresent([DerivedFieldDefinition].self, forKey: .derived) ?? []
        output = try container.decode([String].self, forKey: .output)
        classification = try container.decodeIfPresent(ClassificationDefinition.self, forKey: .classification)
        rules = try container.decode([RuleDefinition].self, forKey: .rules)
        facts = try container.decodeIfPresent(FactDefinition.self, forKey: .facts)
    }
}

/// The small aggregate a file leaves for the stages that run after every file is read: reconciliation
/// between sheets, year-over-year checks, the plan's progress.
///
/// Kept per file (and cached with its result), so an unchanged file replayed from an earlier night still
/// contributes, and a file refused whole contributes nothing.
public struct FactDefinition: Decodable, Sendable {
    /// The fields that group rows (`commune_code`, `year`, …); rows whose key does not read are not counted.
    public var by: [String]
    /// Numeric fields summed over the rows kept.
    public var sum: [String]?
    /// An `enum` or derived field whose values are counted over every row where it could be computed.
    public var count: String?
    /// The canonical table of the sums by commune and year (`poverty_communes`), written from the files
    /// whose every row was kept and whose total row agreed.
    public var table: String?
    public var title: LocalizedText?
    /// Rates recomputed from the sums for that table: name → count ÷ base × 100.
    public var rates: [FactRate]?
    /// For a sheet of indicators: the summed field that is the indicator's value in the plan's progress.
    public var value: String?

    enum CodingKeys: String, CodingKey, CaseIterable {
        case by, sum, count, table, title, rates, value
    }
}

/// A rate of a facts table, recomputed from its sums.
public struct FactRate: Decodable, Sendable {
    public var name: String
    public var count: String
    public var base: String
    public var description: String?

    enum CodingKeys: String, CodingKey, CaseIterable {
        case name, count, base, description
    }
}

/// The type a field's cells are read as.
public enum FieldType: String, Decodable, Sendable {
    case text, integer, decimal, date, flag, `enum`, commune
    /// An indicator of the plan, named in words and matched against `Pipelines/indicators.yaml`; written
    /// as its code.
    case indicator
}

/// One column of a sheet: how to recognise its header and how to read its cells.
public struct FieldDefinition: Decodable, Sendable {
    public var name: String
    /// Header spellings; compared after folding case, diacritics, spaces and punctuation.
    public var headers: [String]
    public var type: FieldType
    public var min: Int64?
    public var max: Int64?
    /// For `integer` fields: a number with one thousands separator (`1.250`) whose value would lie below this
    /// could also be a decimal (1,25) — ambiguous, reported instead of guessed.
    public var ambiguousBelow: Int64?
    /// Whether `-` alone means zero (report templates write it for "none").
    public var dashIsZero: Bool?
    /// For numbers of an indicator sheet: catalogue units that count whole things (`người`, `nhà`). In a row
    /// whose indicator has such a unit, `1.250` is 1250, since 1.25 labourers cannot be.
    public var wholeInUnits: [String]?
    /// For `enum` fields: canonical value → written labels.
    public var values: [String: [String]]?
    /// Whether the field is a column of the canonical table (reported-only fields are not).
    public var output: Bool?
    /// Where the value comes from when the file has no such column: its title rows or its path.
    public var context: FieldContext?
    /// Personal data, and what the `public` profile does with it: `omit` (a name) or `pseudonymize`
    /// (an identifier, replaced by a keyed hash so that tables still join).
    public var personal: PersonalData?
    public var description: String?

    public var isOutput: Bool { output ?? true }

    enum CodingKeys: String, CodingKey, CaseIterable {
        case name, headers, type, min, max, values, output, context, personal, description
        case ambiguousBelow = "ambiguous_below", dashIsZero = "dash_is_zero", wholeInUnits = "whole_in_units"
    }
}

/// What the `public` output profile does with a personal field.
public enum PersonalData: String, Decodable, Sendable {
    case omit, pseudonymize
}

/// A value a file may give once for all its rows, in its title or path, instead of in a column.
public enum FieldContext: String, Decodable, Sendable {
    case commune, year
}

/// A field computed from others.
public struct DerivedFieldDefinition: Decodable, Sendable {
    public enum Computation: String, Decodable, Sendable {
        /// The number of `flag` fields marked (`of`).
        case countFlags = "count_flags"
        /// The poverty class of Decree 07/2021/NĐ-CP (see `PovertyClassifier`).
        case decree072021Classification = "decree_07_2021_classification"
    }

    public var name: String
    public var compute: Computation
    public var of: [String]?
    public var income: String?
    public var deprivations: String?
    public var commune: String?
    /// How messages name the field.
    public var label: LocalizedText?
    public var description: String?

    enum CodingKeys: String, CodingKey, CaseIterable {
        case name, compute, of, income, deprivations, commune, label, description
    }
}

/// The numbers of Decree 07/2021/NĐ-CP Art. 3(2) that the classification uses.
public struct ClassificationDefinition: Decodable, Sendable {
    /// Poverty line in đồng per person per month, by commune type (`xa`, `thi_tran`).
    public var povertyLine: [String: Int64]
    public var poorMinDeprivations: Int64
    public var averageCeilingFactor: Double
    public var labels: [String: LocalizedText]

    enum CodingKeys: String, CodingKey, CaseIterable {
        case labels
        case povertyLine = "poverty_line", poorMinDeprivations = "poor_min_deprivations"
        case averageCeilingFactor = "average_ceiling_factor"
    }
}

/// How serious a finding is: an `error` keeps the row out of the canonical table, a `warning` keeps it in.
public enum Severity: String, Codable, Sendable, Comparable {
    case error, warning

    public static func < (lhs: Severity, rhs: Severity) -> Bool { lhs == .error && rhs == .warning }
}

/// One row rule of a pipeline.
public struct RuleDefinition: Decodable, Sendable {
    public enum Check: String, Decodable, Sendable {
        case required, type, reference, unique, pattern, compare, classification
        /// A rate column equals count ÷ base × 100 (`RateRule`).
        case rate
        /// The total row equals the sum of the rows, column by column (`TotalRule`).
        case total
        /// The indicator's unit is the catalogue's (`IndicatorUnitRule`).
        case indicatorUnit = "indicator_unit"
        /// An "of which" value does not exceed its parent's (`PartOfRule`).
        case partOf = "part_of"
        /// A total equals the sum of its parts (`PartsSumRule`).
        case partsSum = "parts_sum"
        /// A value of an indicator in percent lies within 0–100 (`PercentRangeRule`).
        case percentRange = "percent_range"
        /// Across years: stock at the end = stock at the start − outflow + inflow (run after every file).
        case flow
        /// Against another pipeline's facts for the same commune and year (run after every file).
        case reconcile
        /// The commune a file names was in force on the file's date (run after every file).
        case unitInForce = "unit_in_force"
        /// The commune a row names (in a column) was in force during the row's year (`UnitInYearRule`).
        case unitInYear = "unit_in_year"

        /// Checks that run over the whole run's facts, after every file is read, rather than row by row.
        public var isTableCheck: Bool { self == .flow || self == .reconcile || self == .unitInForce }
    }

    public var id: String
    public var check: Check
    public var severity: Severity
    public var fields: [String]
    /// Where the rule comes from: plan section, decree article, or "data hygiene".
    public var source: String
    public var message: LocalizedText
    public var expected: LocalizedText?
    // check-specific parameters
    public var digits: Int?
    public var left: String?
    public var op: String?
    public var right: String?
    public var reportField: String?
    public var agrees: [String: [String]]?
    /// `rate`: the count and the base of the rate (`fields` holds the rate); `flow`: the stock (`count`),
    /// what left it (`outflow`) and what entered it (`inflow`).
    public var count: String?
    public var base: String?
    public var outflow: String?
    public var inflow: String?
    /// `rate`: the largest difference accepted, in points.
    public var tolerance: Double?
    /// `rate`: `written` also accepts the exact value rounded to the decimals written (`103` for 102.6).
    public var rounding: String?
    /// `indicator_unit`, `part_of`, `parts_sum`: the field holding the indicator.
    public var indicator: String?
    /// `reconcile`: the other pipeline, and which of its counted values each of `fields` must equal.
    public var with: String?
    public var equals: [String: String]?
    /// `reconcile`: the field of this pipeline that the other's row count may not exceed.
    public var atLeastRowsOf: String?

    enum CodingKeys: String, CodingKey, CaseIterable {
        case id, check, severity, fields, source, message, expected, digits, left, op, right, agrees
        case count, base, outflow, inflow, tolerance, rounding, indicator, with, equals
        case reportField = "report_field", atLeastRowsOf = "at_least_rows_of"
    }
}
