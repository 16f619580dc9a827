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

    enum CodingKeys: String, CodingKey, CaseIterable {
        case version, name, title, owner, table, fields, derived, output, classification, rules
        case primaryKey = "primary_key", recordKey = "record_key"
    }
}

/// The type a field's cells are read as.
public enum FieldType: String, Decodable, Sendable {
    case text, integer, decimal, date, flag, `enum`, commune
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
        case ambiguousBelow = "ambiguous_below", dashIsZero = "dash_is_zero"
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

    enum CodingKeys: String, CodingKey, CaseIterable {
        case id, check, severity, fields, source, message, expected, digits, left, op, right, agrees
        case reportField = "report_field"
    }
}
