import Foundation
internal import Yams

/// What a person may set in `--config FILE` (YAML); every key is optional and command-line flags win.
///
/// ```yaml
/// inbox: /srv/commune-etl/inbox
/// out: /srv/commune-etl/out
/// pipelines: /srv/commune-etl/Pipelines
/// compression_level: 6
/// keep_runs: 14
/// keep_archives: 90
/// strict: false
/// profile: internal        # or public: names left out, citizen IDs and household codes as keyed hashes
/// pseudonym_key_file: /etc/commune-etl/pseudonym.key
/// limits: {max_file_bytes: 2147483648, max_field_bytes: 1048576, max_columns: 1000}
/// ```
/// An unknown key is an error naming it, so that a misspelt setting never silently falls back to a default.
public struct RunConfiguration: Decodable, Sendable, Equatable {
    public var inbox: String?
    public var out: String?
    public var pipelines: String?
    public var compressionLevel: Int32?
    public var keepRuns: Int?
    public var keepArchives: Int?
    public var strict: Bool?
    public var profile: OutputProfile?
    /// A file holding the key of the `public` profile's keyed hashes (never a file of the repository).
    public var pseudonymKeyFile: String?
    public var limits: InputLimits.Overrides?

    public init() {}

    enum CodingKeys: String, CodingKey, CaseIterable {
        case inbox, out, pipelines, strict, profile, limits
        case compressionLevel = "compression_level", keepRuns = "keep_runs", keepArchives = "keep_archives"
        case pseudonymKeyFile = "pseudonym_key_file"
    }

    static let shape = YAMLShape.keys(CodingKeys.self, ["limits": .keys(InputLimits.Overrides.CodingKeys.self)])

    public static func load(_ path: String) throws -> RunConfiguration {
        guard let data = FileManager.default.contents(atPath: path), let text = String(data: data, encoding: .utf8) else {
            throw ETLError.configuration(file: path, location: "", problem: "cannot be read as UTF-8 text")
        }
        return try PipelineCatalog.decode(text, file: path, shape: shape)
    }
}

/// Who the outputs are for: `internal` keeps every column; `public` leaves out the fields a pipeline marks
/// `personal` (names, citizen IDs) from the dataset and blanks them in the anomaly list.
public enum OutputProfile: String, Decodable, Sendable {
    case `internal`, `public`
}

/// Bounds on what one input may hold, so that a broken or hostile file costs a file-level anomaly and never
/// the night: a 10 GB upload, a 100 MB cell, a row of 100,000 columns.
public struct InputLimits: Sendable, Equatable {
    public var maxFileBytes = 2 << 30
    public var maxFieldBytes = 1 << 20
    public var maxColumns = 1_000

    public init() {}

    public struct Overrides: Decodable, Sendable, Equatable {
        public var maxFileBytes: Int?
        public var maxFieldBytes: Int?
        public var maxColumns: Int?

        enum CodingKeys: String, CodingKey, CaseIterable {
            case maxFileBytes = "max_file_bytes", maxFieldBytes = "max_field_bytes", maxColumns = "max_columns"
        }
    }

    public mutating func apply(_ overrides: Overrides?) {
        guard let overrides else { return }
        if let value = overrides.maxFileBytes { maxFileBytes = value }
        if let value = overrides.maxFieldBytes { maxFieldBytes = value }
        if let value = overrides.maxColumns { maxColumns = value }
    }
}
