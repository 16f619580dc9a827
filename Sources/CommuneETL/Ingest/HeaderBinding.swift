import Foundation

/// Which file column holds which field, found from the header row.
///
/// Headers are compared by `TextFolding.matchKey`, so case, diacritics, spacing, line breaks and
/// punctuation do not matter, nor does column order.
public struct HeaderBinding: Sendable {
    /// File column of each slot, nil when absent.
    public var columnOfSlot: [Int?]
    public var headerLine: Int
    public var columnCount: Int
    /// Non-empty headers that name no field (reported as a warning), with their column.
    public var unknownColumns: [(column: Int, header: String)]
    public var missingRequiredSlots: [Int]
    public var matchedCount: Int
    /// How many fields the pipeline requires.
    public var requiredCount: Int
    /// The non-empty cells of the row as written, for messages.
    public var headers: [String]

    /// Whether this row is a header row of the pipeline: it names at least three fields and at least half
    /// of the required ones. Title rows above it name none.
    public var looksLikeHeader: Bool {
        matchedCount >= 3 && missingRequiredSlots.count * 2 <= requiredCount
    }

    public init(record: CSVRecord, pipeline: CompiledPipeline) {
        var columnOfSlot = [Int?](repeating: nil, count: pipeline.slots.count)
        var unknown: [(Int, String)] = []
        var matched = 0
        var lastNonEmpty = -1
        var headers: [String] = []
        for column in 0..<record.fieldCount {
            let header = record.string(column)
            let key = TextFolding.matchKey(header)
            if key.isEmpty { continue }
            lastNonEmpty = column
            headers.append(header.replacingOccurrences(of: "\n", with: " "))
            if let slot = pipeline.headerLookup[key], columnOfSlot[slot] == nil {
                columnOfSlot[slot] = column
                matched += 1
            } else {
                unknown.append((column, header))
            }
        }
        self.columnOfSlot = columnOfSlot
        headerLine = record.line
        // Trailing empty header cells (Excel's leftover columns) do not count as columns.
        columnCount = lastNonEmpty + 1
        unknownColumns = unknown
        let required = Set(pipeline.requiredSlots)
        missingRequiredSlots = required.filter { columnOfSlot[$0] == nil }.sorted()
        requiredCount = required.count
        matchedCount = matched
        self.headers = headers
    }
}
