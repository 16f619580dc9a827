/// What one file says about one group of rows (a commune and year, or a commune, year and indicator):
/// the figures the checks across files and the plan's progress need, without the rows themselves.
///
/// Small and `Codable`, so that a file's facts are cached with its result and an unchanged file replayed on a
/// later night still takes part in reconciliation and progress.
public struct FactGroup: Sendable, Codable, Equatable {
    /// Canonical values of the pipeline's `facts.by` fields, in order (`["02848", "2023"]`).
    public var key: [String]
    /// Data rows with this key, including rows left out for an error.
    public var rows = 0
    /// Rows written to the canonical table.
    public var keptRows = 0
    /// `facts.sum` field → sum over the kept rows.
    public var sums: [String: Double] = [:]
    /// Value of the `facts.count` field → rows where it could be computed.
    public var counts: [String: Int] = [:]
    /// Rows where the `facts.count` field could not be computed (an unreadable income, for instance).
    public var uncounted = 0
    /// The first line of the group in its file, to point a person at it.
    public var firstLine = 0

    public init(key: [String], firstLine: Int) {
        self.key = key
        self.firstLine = firstLine
    }
}
