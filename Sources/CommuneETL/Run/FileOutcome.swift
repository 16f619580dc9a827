/// What reading one input produced: the figures for the manifest and the anomalies found.
public struct FileOutcome: Sendable, Codable {
    public var input: InputFile
    /// The pipeline that read it (nil when it could not be routed).
    public var pipeline: String?
    public var bytes: Int = 0
    public var sha256: String = ""
    public var encoding: String = ""
    /// The repair applied to the text (legacy-font glyphs inside UTF-8, double encoding), if any.
    public var repair: String?
    public var delimiter: String = ""
    /// Data rows read (title, header and blank rows not counted).
    public var rowsRead = 0
    /// Rows written to the canonical table.
    public var rowsKept = 0
    /// Rows that were not data, by kind (`total`, `section`, `columnNumbers`, `footer`).
    public var layoutRows: [String: Int] = [:]
    /// Where the commune and year came from when the file has no column for them (`title` or `path`).
    public var context: [String: String] = [:]
    /// Whether this result was replayed from an earlier night's (the file was not read again).
    public var reused = false
    /// Whether the whole file was held back (a file-level error).
    public var refused = false
    /// Spilled to the run's `parts/` folder as they grow; not in `Codable` (the cache keeps them in
    /// `anomalies.bin`).
    public var anomalies = AnomalyLog()
    /// What the file contributes to the checks across files and to the plan's progress (`facts:`).
    public var facts: [FactGroup] = []
    /// Data rows whose commune or year could not be read: counted in no group of `facts`.
    public var unkeyedRows = 0
    /// Corrections from `inbox/corrections/` applied to rows of this file.
    public var corrections: [Correction] = []
    /// The date the file gives itself (`ngày 15 tháng 12 năm 2023` in its title or signature block), ISO.
    public var reportDate: String?
    /// Whether a total row disagreed with the rows above it: the file's sums are then not published.
    public var totalRowDisagrees = false
    /// How many segments of the file were read on other threads and merged (`SegmentedReading`); nil when
    /// the whole file was read on one thread.
    public var segments: Int?
    /// The gzip member holding this file's canonical rows, inside the staging folder (nil when refused).
    public var partPath: String?

    public func count(_ severity: Severity) -> Int { anomalies.count(severity) }

    enum CodingKeys: String, CodingKey {
        case input, pipeline, bytes, sha256, encoding, repair, delimiter, rowsRead, rowsKept, layoutRows, context, reused,
             refused, facts, unkeyedRows, corrections, reportDate, totalRowDisagrees, partPath
    }
}
