/// A commune or town the sample generator writes households for.
public struct SampleCommune: Sendable, Equatable {
    /// Official 5-digit GSO code (`02839`).
    public let code: String
    /// Official name (`Bắc Hà`), written in the `Xã` column of most rows.
    public let name: String
    /// `xa` (rural: poverty line 1,500,000) or `thi_tran` (urban: 2,000,000).
    public let type: String
    /// Other spellings the project resolves (`commune-aliases.csv`), used for the misspelled rows besides
    /// the generated ones (prefix, upper case, no diacritics).
    public let aliases: [String]
    /// Review years this unit may appear in; nil means every year of the options (Tà Chải, merged on
    /// 1 November 2024, can be limited to 2021...2024 this way).
    public let years: ClosedRange<Int>?

    public init(code: String, name: String, type: String, aliases: [String] = [], years: ClosedRange<Int>? = nil) {
        self.code = code
        self.name = name
        self.type = type
        self.aliases = aliases
        self.years = years
    }
}

/// What to generate. Equal options give byte-identical output on every platform.
public struct HouseholdSampleOptions: Sendable {
    /// Household rows (not counting the header).
    public var rows: Int
    public var seed: UInt64
    /// The units to draw blocks from: normally the 19 units of `communes.csv`.
    public var communes: [SampleCommune]
    /// Review years; must not contain 2019, the year written by the `HR-TYPE` year fault.
    public var years: ClosedRange<Int> = 2021...2025
    /// Share of rows carrying exactly one fault; the count is exactly `round(rows × faultRate)`.
    public var faultRate: Double = 0.02
    /// Share of rows whose commune is written differently but resolvably (each row drawn independently).
    public var misspelledCommuneRate: Double = 0.05
    public var byteOrderMark: Bool = true
    public var lineEnding: String = "\r\n"
    /// The `source_file` value of the expected canonical rows.
    public var sourceFile: String = "sample.csv"

    public init(rows: Int, seed: UInt64, communes: [SampleCommune]) {
        self.rows = rows
        self.seed = seed
        self.communes = communes
    }
}

/// A fault the generator planted: the anomaly a correct pipeline must report.
public struct PlantedFault: Sendable, Equatable, Hashable, CustomStringConvertible {
    /// Spreadsheet line: the header is line 1, the first household line 2.
    public let line: Int
    /// Rule id of `Pipelines/household-review.yaml` (`HR-TYPE`).
    public let rule: String
    /// The field the anomaly concerns, by its pipeline name (`income_vnd`, `reported_classification`).
    public let field: String

    public init(line: Int, rule: String, field: String) {
        self.line = line
        self.rule = rule
        self.field = field
    }

    public var description: String { "\(line) \(rule) \(field)" }
}

/// A whole sample held in memory: for tests and small demo files, not for millions of rows.
public struct HouseholdSample: Sendable {
    /// The review list as a commune would send it.
    public let csv: [UInt8]
    /// Planted faults in line order.
    public let faults: [PlantedFault]
    /// The expected canonical table: `canonicalHeader`, LF, then one LF-terminated line per kept row.
    public let canonicalCSV: [UInt8]
    /// Number of lines of `canonicalCSV` after its header.
    public let canonicalRowCount: Int
}

/// Options the generator cannot honour.
public enum HouseholdSampleError: Error, Equatable, Sendable, CustomStringConvertible {
    case noCommunes
    case invalidCommuneType(code: String, type: String)
    case invalidRate(name: String, value: Double)
    case invalidYears(ClosedRange<Int>)
    /// Household codes have at most 6 digits, so each (commune, year) holds at most 999,999 households.
    case tooManyRows(requested: Int, capacity: Int)
    /// `writeSampleInbox` needs this commune code among those passed.
    case missingCommune(code: String)

    public var description: String {
        switch self {
        case .noCommunes: "no commune to generate households for"
        case let .invalidCommuneType(code, type): "commune \(code) has type '\(type)', expected xa or thi_tran"
        case let .invalidRate(name, value): "\(name) is \(value), expected a share between 0 and 1"
        case let .invalidYears(years): "years \(years) must be 4-digit review years without 2019"
        case let .tooManyRows(requested, capacity):
            "\(requested) rows exceed the \(capacity) household codes (six digits at most) of these communes and years"
        case let .missingCommune(code): "commune \(code) is needed for the sample inbox"
        }
    }
}
