import Foundation
import Testing
@testable import CommuneETL

/// The demo inbox built once for the sample tests, and readers that take its files back to cells the
/// way the engine would: decoded by the engine's decoders, then split as CSV.
enum SampleInboxFixtures {
    static let content: SampleInboxContent = try! SampleInboxContent(communes: SampleFixtures.communes,
                                                                     tables: EncodingFixtures.tables)

    /// The words the engine gives its encoding detector (`RunContext.knownWords`): headers of the
    /// repository's pipelines and commune names.
    static let knownWords: [String] = {
        let catalog = try! RepositoryPaths.catalog()
        return Array(Set(catalog.pipelines.flatMap { $0.definition.fields.flatMap(\.headers) }
            + catalog.registry.communes.map(\.name))).sorted()
    }()

    static func file(_ path: String) throws -> SampleInboxContent.File {
        try #require(content.file(path), "no file \(path)")
    }

    /// The file's text as the engine decodes it (detected encoding, NFC).
    static func decoded(_ file: SampleInboxContent.File) throws -> String {
        let verdict = EncodingFixtures.detect(file.bytes, knownWords: knownWords)
        guard case let .decoded(encoding) = verdict else {
            Issue.record("\(file.path): \(verdict)")
            return ""
        }
        let decoder = try encoding.makeDecoder(tables: EncodingFixtures.tables)
        return EncodingFixtures.text(try EncodingFixtures.decode(file.bytes, with: decoder))
    }

    /// The file's cells, decoded and split (RFC 4180 quotes), trailing empty cells dropped.
    static func cells(_ path: String) throws -> [[String]] {
        let file = try file(path)
        let style = try #require(file.style)
        return split(try decoded(file), delimiter: style.delimiter)
    }

    static func split(_ text: String, delimiter: Character) -> [[String]] {
        var rows: [[String]] = []
        var row: [String] = []
        var cell = ""
        var quoted = false
        var characters = Array(text)[...]
        while let character = characters.popFirst() {
            if quoted {
                if character == "\"" {
                    if characters.first == "\"" { cell.append("\""); characters.removeFirst() } else { quoted = false }
                } else {
                    cell.append(character)
                }
            } else if character == "\"" {
                quoted = true
            } else if character == delimiter {
                row.append(cell)
                cell = ""
            } else if character == "\n" || character == "\r\n" {
                row.append(cell)
                while row.last == "" { row.removeLast() }
                rows.append(row)
                row = []
                cell = ""
            } else {
                cell.append(character)
            }
        }
        return rows
    }

    /// `1.250` → 1250, `-` → 0.
    static func count(_ text: String) -> Int? {
        text == "-" ? 0 : Int(text.replacingOccurrences(of: ".", with: ""))
    }

    /// `25,93` → 2593 (hundredths); `91,6` → 9160; `100` → 10000.
    static func hundredths(_ text: String) -> Int? {
        let parts = text.replacingOccurrences(of: ".", with: "").split(separator: ",", omittingEmptySubsequences: false)
        guard let whole = Int(parts[0]) else { return nil }
        guard parts.count == 2 else { return whole * 100 }
        let fraction = parts[1].count == 1 ? parts[1] + "0" : parts[1]
        return whole * 100 + Int(fraction)!
    }

    /// Half-up hundredths of `count ÷ total × 100`, computed here with Decimal, independently of the generator.
    static func expectedRate(_ count: Int, _ total: Int) -> Int {
        var exact = Decimal(count) * 10_000 / Decimal(total)
        var rounded = Decimal()
        NSDecimalRound(&rounded, &exact, 0, .plain)
        return NSDecimalNumber(decimal: rounded).intValue
    }

    /// Data rows of a summary (first cell a number), and its total row.
    static func summary(_ path: String) throws -> (villages: [[String]], total: [String]) {
        let rows = try cells(path)
        let villages = rows.filter { $0.count > 2 && Int($0[0]) != nil }
        let total = try #require(rows.first { $0.count > 1 && $0[1] == "Tổng cộng" })
        return (villages, total)
    }

    /// The summary's total of one column (`PovertySummarySheet.Column`).
    static func total(_ path: String, _ column: Int) throws -> Int {
        try #require(count(try summary(path).total[column]))
    }
}
