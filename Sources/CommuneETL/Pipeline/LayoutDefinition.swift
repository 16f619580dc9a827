/// The words that mark rows which are not data — totals, signature blocks — and the commune in a title,
/// from `Pipelines/layout.yaml`. Shared by every pipeline.
public struct LayoutDefinition: Decodable, Sendable {
    public var version: Int
    public var totalWords: [String]
    public var footerWords: [String]
    public var shortRowCells: Int
    public var communeTitleWords: [String]

    enum CodingKeys: String, CodingKey, CaseIterable {
        case version
        case totalWords = "total_words", footerWords = "footer_words", shortRowCells = "short_row_cells"
        case communeTitleWords = "commune_title_words"
    }
}

/// `LayoutDefinition` folded once for matching.
public struct LayoutRules: Sendable {
    public let totalKeys: Set<String>
    public let footerKeys: Set<String>
    public let shortRowCells: Int
    /// Folded title words, longest first, so that "ubnd xa" is tried before "xa".
    public let communeTitleKeys: [String]

    public init(_ definition: LayoutDefinition) {
        totalKeys = Set(definition.totalWords.map(TextFolding.nameKey))
        footerKeys = Set(definition.footerWords.map(TextFolding.nameKey))
        shortRowCells = definition.shortRowCells
        communeTitleKeys = definition.communeTitleWords.map(TextFolding.nameKey).sorted { $0.count > $1.count }
    }
}
