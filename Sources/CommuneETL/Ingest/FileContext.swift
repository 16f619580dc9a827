/// The commune and year a file is about when it has no column for them: read from its title rows
/// (`UBND XÃ LÙNG PHÌNH`, `DANH SÁCH … NĂM 2023`), else from its path (`household-review/2023/lung-phinh.csv`).
///
/// A value is taken only when exactly one candidate is found: two communes or two years in the titles are
/// no answer, and the next source is tried.
public struct FileContext: Equatable, Sendable {
    /// Index in the commune registry.
    public var commune: Int?
    public var year: Int64?
    /// Where each came from, for the manifest: `title` or `path`.
    public var communeSource: String?
    public var yearSource: String?

    /// - Parameter titleDate: the file's own date (ISO: its title rows, or the signature block of a small
    ///   file), if any: a file dated after 2025-07-01 names the units of the regrouping (`CommuneRegistry`).
    public static func find(titleLines: [String], path: String, registry: CommuneRegistry, layout: LayoutRules,
                            titleDate: String? = nil) -> FileContext {
        var context = FileContext()
        let titleKeys = titleLines.map(TextFolding.nameKey)
        if let year = unique(titleKeys.flatMap(years(inTitle:))) {
            context.year = year
            context.yearSource = "title"
        } else if let year = unique(years(inPath: path)) {
            context.year = year
            context.yearSource = "path"
        }
        let date = titleDate
        if let commune = unique(titleKeys.flatMap { communes(inTitle: $0, registry: registry, layout: layout, date: date) }) {
            context.commune = commune
            context.communeSource = "title"
        } else if let commune = unique(communes(inPath: path, registry: registry, date: date)) {
            context.commune = commune
            context.communeSource = "path"
        }
        return context
    }

    private static func unique<T: Hashable>(_ found: [T]) -> T? {
        let distinct = Set(found)
        return distinct.count == 1 ? distinct.first : nil
    }

    /// Communes named after a title word: "ubnd xa lung phinh" gives Lùng Phình.
    static func communes(inTitle key: String, registry: CommuneRegistry, layout: LayoutRules, date: String? = nil) -> [Int] {
        let words = key.split(separator: " ").map(String.init)
        var found: [Int] = []
        var index = 0
        while index < words.count {
            var matched = false
            for title in layout.communeTitleKeys {
                let titleWords = title.split(separator: " ").map(String.init)
                guard index + titleWords.count < words.count, Array(words[index..<(index + titleWords.count)]) == titleWords else { continue }
                let start = index + titleWords.count
                for length in stride(from: min(4, words.count - start), through: 1, by: -1) {
                    let name = words[start..<(start + length)].joined(separator: " ")
                    if let commune = registry.resolveIndex(titleWords.last! + " " + name, on: date) ?? registry.resolveIndex(name, on: date) {
                        found.append(commune)
                        index = start + length
                        matched = true
                        break
                    }
                }
                if matched { break }
            }
            if !matched { index += 1 }
        }
        return found
    }

    /// Communes whose ASCII slug stands in a folder or file name, between dashes.
    static func communes(inPath path: String, registry: CommuneRegistry, date: String? = nil) -> [Int] {
        let parts = path.split(separator: "/").map { TextFolding.asciiSlug(String($0.split(separator: ".").first ?? $0)) }
        var found: [Int] = []
        let later = registry.laterPeriodStart.flatMap { start in date.map { $0 >= start } } ?? false
        let candidates = later ? registry.communes.indices.filter { registry.communes[$0].validFrom >= registry.laterPeriodStart! }
                               : Array(registry.indexByCodeForResolution.values)
        for index in candidates {
            let slug = TextFolding.asciiSlug(registry.communes[index].name)
            for part in parts where "-\(part)-".contains("-\(slug)-") { found.append(index) }
        }
        return found
    }

    /// `nam 2023` in a title.
    static func years(inTitle key: String) -> [Int64] {
        let words = key.split(separator: " ")
        return words.indices.dropLast().compactMap { index in
            words[index] == "nam" ? year(words[index + 1]) : nil
        }
    }

    /// A folder named `2023`, or `2023` between dashes in the file name.
    static func years(inPath path: String) -> [Int64] {
        path.split(separator: "/").flatMap { part in
            TextFolding.asciiSlug(String(part.split(separator: ".").first ?? part)).split(separator: "-").compactMap(year)
        }
    }

    private static func year(_ word: Substring) -> Int64? {
        guard word.count == 4, word.hasPrefix("20"), let value = Int64(word) else { return nil }
        return value
    }
}
