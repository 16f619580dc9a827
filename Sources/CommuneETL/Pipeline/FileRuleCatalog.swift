/// The file- and row-shape problems every pipeline shares, from `Pipelines/file-rules.yaml`.
public struct FileRuleCatalog: Decodable, Sendable {
    public struct Entry: Decodable, Sendable {
        public var id: String
        public var severity: Severity
        public var source: String
        public var message: LocalizedText
        public var expected: LocalizedText?
        /// What the reader found, by code: the engine picks one and fills its `{placeholders}`.
        public var details: [String: LocalizedText]?

        enum CodingKeys: String, CodingKey, CaseIterable {
            case id, severity, source, message, expected, details
        }
    }

    public var version: Int
    public var rules: [Entry]

    enum CodingKeys: String, CodingKey, CaseIterable {
        case version, rules
    }

    public func entry(_ id: FileRule) -> Entry {
        guard let entry = rules.first(where: { $0.id == id.rawValue }) else {
            preconditionFailure("file-rules.yaml lacks \(id.rawValue); the loader checks this at start")
        }
        return entry
    }
}

/// The identifiers of file-level rules the engine raises (their texts live in `file-rules.yaml`).
public enum FileRule: String, CaseIterable, Sendable {
    case read = "FILE-READ"
    case empty = "FILE-EMPTY"
    case encoding = "FILE-ENCODING"
    case csv = "FILE-CSV"
    case limit = "FILE-LIMIT"
    case header = "FILE-HEADER"
    case context = "FILE-CONTEXT"
    case route = "FILE-ROUTE"
    case rowCells = "ROW-CELLS"
    case unknownColumn = "COL-UNKNOWN"
    case correctionStale = "CORR-STALE"
    case correctionFormat = "CORR-FORMAT"
    /// A line of `inbox/acceptances.csv` that accepts an error (only warnings can be accepted).
    case acceptError = "ACCEPT-ERROR"
    /// A line of `inbox/acceptances.csv` that cannot be used (or the whole file).
    case acceptFormat = "ACCEPT-FORMAT"

    /// The detail codes the engine uses with this rule; `file-rules.yaml` must give a text for each.
    public var detailCodes: [String] {
        switch self {
        case .read: ["os_error"]
        case .empty: ["zero_bytes", "header_only"]
        case .encoding: ["binary", "letters_lost", "uncertain", "invalid_bytes", "converter_unavailable", "invalid_utf8_in_column"]
        case .csv: ["stray_quote", "unclosed_quote"]
        case .limit: ["file_too_large", "field_too_large", "too_many_columns"]
        case .header: ["missing_columns", "no_header"]
        case .context: ["commune", "year", "commune_and_year"]
        case .route: ["no_match"]
        case .correctionStale: ["value_changed", "no_row", "no_field", "no_file"]
        case .correctionFormat: ["incomplete", "not_csv"]
        case .acceptFormat: ["encoding", "csv", "header", "missing", "bad_date", "unknown_id", "duplicate_id"]
        case .rowCells, .unknownColumn, .acceptError: []
        }
    }
}
