import CommuneETL
import Foundation
import Testing

@Suite struct HouseholdSampleFaultTests {
    /// Town and rural units, misspellings often, faults often: every kind of fault many times over.
    static let options: HouseholdSampleOptions = {
        var options = SampleFixtures.options(rows: 6_000, seed: 11)
        options.faultRate = 0.1
        options.misspelledCommuneRate = 0.2
        return options
    }()
    static let sample = try! HouseholdSampleGenerator.generateInMemory(options)
    static let rows = SampleFixtures.rows(sample.csv).rows

    @Test func anIndependentCheckerFindsExactlyThePlantedFaults() {
        var checker = SampleReferenceChecker(communes: SampleFixtures.communes)
        for (index, cells) in Self.rows.enumerated() { checker.check(cells, line: index + 2) }
        #expect(checker.anomalies == Self.sample.faults)
        #expect(Self.sample.faults.count == 600)
    }

    @Test func canonicalRowsAreWhatAnIndependentCheckerBuilds() {
        var checker = SampleReferenceChecker(communes: SampleFixtures.communes)
        for (index, cells) in Self.rows.enumerated() { checker.check(cells, line: index + 2) }
        let expected = [HouseholdSampleGenerator.canonicalHeader + "\n"] + checker.canonical
        let generated = String(decoding: Self.sample.canonicalCSV, as: UTF8.self)
            .split(separator: "\n", omittingEmptySubsequences: false).dropLast().map { String($0) + "\n" }
        #expect(generated == expected)
    }

    @Test func duplicateCodesRepeatAnEarlierCleanRowOfTheSameBlock() throws {
        let faultLines = Set(Self.sample.faults.map(\.line))
        for fault in Self.sample.faults where fault.rule == "HR-UNIQUE" {
            let code = Self.rows[fault.line - 2][1]
            let first = try #require(Self.rows.firstIndex { $0[1] == code })
            #expect(!faultLines.contains(first + 2), "the repeated row is clean")
            #expect(Self.rows[first..<(fault.line - 2)].allSatisfy { $0[1].prefix(10) == code.prefix(10) },
                    "no other block in between")
        }
    }

    @Test func faultValuesAreTheListedOnes() {
        for fault in Self.sample.faults {
            let cells = Self.rows[fault.line - 2]
            switch (fault.rule, fault.field) {
            case ("HR-REQUIRED", "head_name"): #expect(cells[2].isEmpty)
            case ("HR-REQUIRED", "household_size"): #expect(cells[7].isEmpty)
            case ("HR-REQUIRED", "income_vnd"): #expect(cells[8].isEmpty)
            case ("HR-REQUIRED", "reported_classification"): #expect(cells[22].isEmpty)
            case ("HR-TYPE", "household_size"): #expect(["0", "31", "ba"].contains(cells[7]))
            case ("HR-TYPE", "income_vnd"): #expect(["1.2ab.000", "-500.000"].contains(cells[8]))
            case ("HR-TYPE", "year"): #expect(cells[23] == "2019")
            case ("HR-TYPE", let indicator):
                let column = 9 + SampleReferenceChecker.indicators.firstIndex(of: indicator)!
                #expect(["y", "2"].contains(cells[column]))
            case ("HR-COMMUNE", _): #expect(["Bản Già", "Lầu Thí Ngài", "Xã Hà Nội"].contains(cells[6]))
            case ("HR-CCCD", _):
                let id = cells[3]
                #expect(id.count == 11 || id.count == 13 || id.range(of: #"^\d(\.\d{1,5})?E\+\d\d$"#, options: .regularExpression) != nil, "\(id)")
            case ("HR-COUNT", _):
                let marks = cells[9...20].filter { !$0.isEmpty && $0 != "0" }.count
                #expect(abs(Int(cells[21])! - marks) == 1 && (Int(cells[21])! >= 3) == (marks >= 3))
            case ("HR-CLASS", _), ("HR-UNIQUE", _): break
            default: Issue.record("unexpected fault \(fault)")
            }
        }
        let kinds = Set(Self.sample.faults.map { "\($0.rule) \($0.field)" })
        let indicatorKinds = kinds.filter { kind in SampleReferenceChecker.indicators.contains { kind.hasSuffix(" " + $0) } }
        #expect(kinds.subtracting(indicatorKinds) == [
            "HR-REQUIRED head_name", "HR-REQUIRED household_size", "HR-REQUIRED income_vnd",
            "HR-REQUIRED reported_classification", "HR-TYPE household_size", "HR-TYPE income_vnd", "HR-TYPE year",
            "HR-COMMUNE commune_code", "HR-UNIQUE household_code", "HR-CCCD citizen_id",
            "HR-COUNT deprivation_count", "HR-CLASS classification",
        ])
        #expect(indicatorKinds.count >= 8, "bad marks land on many indicators: \(indicatorKinds.sorted())")
    }

    @Test func communesAreSometimesSpelledDifferently() {
        let official = Set(SampleFixtures.communes.map(\.name))
        let written = Self.rows.map { $0[6] }
        let share = Double(written.filter { !official.contains($0) }.count) / Double(written.count)
        #expect(share > 0.17 && share < 0.23, "misspelledCommuneRate 0.2 and a few HR-COMMUNE faults: \(share)")
    }

    @Test(arguments: [
        ("02848", ["Xã Lùng Phình", "LÙNG PHÌNH", "lung phinh", "Lung Phinh", "Lũng Phình", "Lùng Phìn"]),
        ("02839", ["Thị trấn Bắc Hà", "TT Bắc Hà", "BẮC HÀ", "bac ha", "Bac Ha", "TT. Bắc Hà"]),
        ("02851", ["Xã Tả Van Chư", "TẢ VAN CHƯ", "ta van chu", "Ta Van Chu", "Tả Văn Chư", "Tả Văn Chur", "Tả Van Chur"]),
    ])
    func misspellingsArePrefixCapitalsFoldingAndAliases(code: String, spellings: [String]) throws {
        var options = SampleFixtures.options(rows: 1_000, seed: 2)
        options.communes = SampleFixtures.communes.filter { $0.code == code }
        options.misspelledCommuneRate = 1
        options.faultRate = 0
        let rows = SampleFixtures.rows(try HouseholdSampleGenerator.generateInMemory(options).csv).rows
        #expect(Set(rows.map { $0[6] }) == Set(spellings))
    }

    @Test func writtenTextIsNFCAndNeedsNoQuoting() {
        let text = String(decoding: Self.sample.csv, as: UTF8.self)
        #expect(Array(text.precomposedStringWithCanonicalMapping.utf8) == Array(text.utf8))
        #expect(!Self.sample.csv.contains(UInt8(ascii: "\"")))
    }
}
