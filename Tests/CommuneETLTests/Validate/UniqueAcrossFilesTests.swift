import Testing
@testable import CommuneETL

/// HR-UNIQUE spans the run: several files of one commune and year share one key set.
struct UniqueAcrossFilesTests {
    private static let first = "household-review/2023/lung-phinh.csv"
    private static let second = "household-review/2023/lung-phinh-bo-sung.csv"

    private static func file(_ lines: [String]) -> [UInt8] {
        Array(([HouseholdLine.header] + lines).joined(separator: "\n").utf8) + [0x0A]
    }

    @Test func aCodeRepeatedInAnotherFileIsAUniqueErrorNamingTheFirstFile() throws {
        let results = try RuleProbe.run(files: [
            (Self.first, Self.file([HouseholdLine().text])),
            (Self.second, Self.file([HouseholdLine().with { $0.code = "LP-002" }.text, HouseholdLine().text])),
        ])
        #expect(results.map(\.anomalies) == [[], ["3:HR-UNIQUE:household_code"]])
        #expect(results[1].anomaly("HR-UNIQUE")?.messageEN
            == "Household code 'LP-001' repeats line 2 of household-review/2023/lung-phinh.csv: list each household once.")
        #expect(results.map(\.rows.count) == [1, 1])
    }

    @Test func theSameCodeInTheNextYearsFileIsNoRepeat() throws {
        let results = try RuleProbe.run(files: [
            (Self.first, Self.file([HouseholdLine().text])),
            ("household-review/2024/lung-phinh.csv", Self.file([HouseholdLine().with { $0.year = "2024" }.text])),
        ])
        #expect(results.map(\.anomalies) == [[], []])
    }

    /// A file refused by FILE-CSV publishes none of its rows, so its codes must not make the rows of a
    /// later file (typically the corrected copy sent again) repeats of nothing.
    @Test func rowsOfARefusedFileDoNotClaimTheirCodes() throws {
        let results = try RuleProbe.run(files: [
            (Self.first, Self.file([HouseholdLine().text, "2,LP-009,\"Giàng A Páo"])),
            (Self.second, Self.file([HouseholdLine().text])),
        ])
        #expect(results.map(\.anomalies) == [["3:FILE-CSV:"], []])
        #expect(results.map(\.rows.count) == [0, 1])
    }
}
