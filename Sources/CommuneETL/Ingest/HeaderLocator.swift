/// Finds the header row below any title rows, and joins a header split over two rows.
///
/// Fed one non-blank record at a time until it answers. Keeps the title rows it passed, for the file's
/// commune and year.
struct HeaderLocator {
    /// How many lines may stand above the header (titles, blank lines, a unit row).
    static let searchLines = 30

    enum Step {
        case keepLooking
        /// The header; `consumedRecord` tells whether the record just given was part of it (a second
        /// header row) or must be read as a row of the sheet.
        case found(HeaderBinding, consumedRecord: Bool)
        /// No header in the first `searchLines` lines; the best partial match, if any.
        case notFound(best: HeaderBinding?)
    }

    let pipeline: CompiledPipeline
    private(set) var titleLines: [String] = []
    private var pending: (binding: HeaderBinding, cells: [String])?
    private(set) var best: HeaderBinding?

    init(pipeline: CompiledPipeline) { self.pipeline = pipeline }

    mutating func consume(_ record: CSVRecord) -> Step {
        if let (upper, cells) = pending {
            let merged = HeaderBinding.merging(upper: cells, lower: record, pipeline: pipeline)
            pending = nil
            return merged.matchedCount > upper.matchedCount ? .found(merged, consumedRecord: true) : .found(upper, consumedRecord: false)
        }
        let candidate = HeaderBinding(record: record, pipeline: pipeline)
        if candidate.looksLikeHeader {
            pending = (candidate, (0..<record.fieldCount).map(record.string))
            return .keepLooking
        }
        if candidate.matchedCount > (best?.matchedCount ?? 0) { best = candidate }
        titleLines.append((0..<record.fieldCount).map(record.string).filter { !$0.isEmpty }.joined(separator: " "))
        return record.line >= Self.searchLines ? .notFound(best: best) : .keepLooking
    }

    /// At the end of the file: a header row with nothing after it is still the header.
    mutating func finish() -> Step {
        if let (upper, _) = pending {
            pending = nil
            return .found(upper, consumedRecord: false)
        }
        return .notFound(best: best)
    }
}
