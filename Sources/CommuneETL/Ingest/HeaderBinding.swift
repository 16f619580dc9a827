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
        self.init(headers: (0..<record.fieldCount).map(record.string), line: record.line, pipeline: pipeline)
    }

    /// A header split over two rows (merged cells above, their parts below) read as one: each column takes
    /// the lower cell, the upper and lower together, or the upper cell — whichever names a field. An empty
    /// upper cell continues the one to its left (a merged cell spans several columns).
    public static func merging(upper: [String], lower: CSVRecord, pipeline: CompiledPipeline) -> HeaderBinding {
        var merged: [String] = []
        var spanning = ""
        for column in 0..<max(upper.count, lower.fieldCount) {
            let own = column < upper.count ? upper[column] : ""
            if !own.trimmingCharacters(in: .whitespaces).isEmpty { spanning = own }
            let below = lower.string(column)
            let above = own.trimmingCharacters(in: .whitespaces).isEmpty && !below.isEmpty ? spanning : own
            let options = [below, above + " " + below, above]
            merged.append(options.first { pipeline.headerLookup[TextFolding.matchKey($0)] != nil } ?? (below.isEmpty ? above : above + " " + below))
        }
        return HeaderBinding(headers: merged, line: lower.line, pipeline: pipeline)
    }

    public init(headers cells: [String], line: Int, pipeline: CompiledPipeline) {
        var columnOfSlot = [Int?](repeating: nil, count: pipeline.slots.count)
        var unknown: [(Int, String)] = []
        var matched = 0
        var lastNonEmpty = -1
        var headers: [String] = []
        for (column, header) in cells.enumerated() {
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
        headerLine = line
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
