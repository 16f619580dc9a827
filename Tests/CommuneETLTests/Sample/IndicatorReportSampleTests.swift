import Foundation
import Testing
@testable import CommuneETL

@Suite struct IndicatorReportSampleTests {
    static let reports = SampleInboxFixtures.content.files.map(\.path)
        .filter { $0.hasPrefix("indicator-report/") || $0.hasPrefix("bao-cao") }
    static let faulty: Set<String> = [
        "indicator-report/2022/na-hoi.csv", "indicator-report/2023/bao-nhai.csv",
        "indicator-report/2024/thai-giang-pho.csv", "indicator-report/2021/ta-cu-ty.csv",
        "indicator-report/2023/nam-mon.csv",
    ]
    static let names = Dictionary(uniqueKeysWithValues: IndicatorSampleCatalogue.items.map { ($0.name, $0) })

    /// Indicator rows (a name of the catalogue, or any row with a unit) by name.
    static func indicators(_ path: String) throws -> [String: [String]] {
        let rows = try SampleInboxFixtures.cells(path).filter { $0.count >= 5 && !$0[2].isEmpty && $0[0] != "STT" && $0[0] != "(1)" }
        return Dictionary(rows.map { ($0[1], $0) }, uniquingKeysWith: { first, _ in first })
    }

    static func achieved(_ rows: [String: [String]], _ code: String) -> Int? {
        let item = IndicatorSampleCatalogue.items.first { $0.code == code }!
        return rows[item.name].flatMap { SampleInboxFixtures.count($0[4]) }
    }

    @Test func writesOneReportPerReportingUnitAndYear() {
        #expect(Self.reports.count == 19 * 3 + 18 + 6)
        #expect(Self.reports.contains("bao-cao-chi-tieu-ban-lien-2021.csv"))
    }

    @Test(arguments: reports.filter { !faulty.contains($0) })
    func cleanReportIsConsistent(path: String) throws {
        let rows = try Self.indicators(path)
        #expect(Set(rows.keys) == Set(Self.names.keys), "\(path)")
        for (name, row) in rows {
            let item = Self.names[name]!
            #expect(row[2] == item.unit, "\(path) \(name)")
            let read = item.inTenths ? SampleInboxFixtures.hundredths : { SampleInboxFixtures.count($0).map { $0 * 100 } }
            let planned = try #require(read(row[3])), achieved = try #require(read(row[4]))
            if planned == 0 {
                #expect(row.count < 6 || row[5].isEmpty, "\(path) \(name)")
            } else {
                let decimals = row[5].split(separator: ",").last!.count
                let expected = SampleInboxFixtures.expectedRate(achieved, planned)
                let written = SampleInboxFixtures.hundredths(row[5])!
                #expect(decimals == 2 ? written == expected : abs(written - expected) <= 5, "\(path) \(name) \(row[5])")
            }
        }
        #expect(Self.achieved(rows, "labour_certified")! <= Self.achieved(rows, "labour_trained")!)
        #expect(Self.achieved(rows, "jobs_in_companies")! <= Self.achieved(rows, "jobs_created")!)
        #expect(Self.achieved(rows, "funding_total") == ["funding_state_budget", "funding_credit", "funding_other"]
            .reduce(0) { $0 + Self.achieved(rows, $1)! })
    }

    @Test func certifiedExceedTrainedInNaHoi2022() throws {
        let rows = try Self.indicators("indicator-report/2022/na-hoi.csv")
        #expect(Self.achieved(rows, "labour_certified")! == Self.achieved(rows, "labour_trained")! + 7)
    }

    @Test func fundingPartsMissTheTotalInBaoNhai2023() throws {
        let rows = try Self.indicators("indicator-report/2023/bao-nhai.csv")
        let parts = ["funding_state_budget", "funding_credit", "funding_other"].reduce(0) { $0 + Self.achieved(rows, $1)! }
        #expect(Self.achieved(rows, "funding_total")! == parts + 150)
    }

    @Test func insuranceHasUnitPeopleInThaiGiangPho2024() throws {
        let file = try SampleInboxFixtures.file("indicator-report/2024/thai-giang-pho.csv")
        #expect(file.style == SampleSheetStyle(encoding: .cp1258, delimiter: ";"))
        let rows = try Self.indicators(file.path)
        let wrong = rows.filter { Self.names[$0.key]?.unit != $0.value[2] }
        #expect(wrong.map(\.key) == ["Tỷ lệ người dân tham gia bảo hiểm y tế"])
        #expect(wrong.first?.value[2] == "người")
    }

    @Test func jobsRatioIsTenPointsHighInTaCuTy2021() throws {
        let row = try #require(try Self.indicators("indicator-report/2021/ta-cu-ty.csv")["Số lao động được giải quyết việc làm tăng thêm"])
        let expected = SampleInboxFixtures.expectedRate(SampleInboxFixtures.count(row[4])!, SampleInboxFixtures.count(row[3])!)
        #expect(abs(SampleInboxFixtures.hundredths(row[5])! - expected - 1_000) <= 5)
    }

    @Test func namMon2023HasOneUnknownIndicator() throws {
        let rows = try Self.indicators("indicator-report/2023/nam-mon.csv")
        #expect(rows.keys.filter { Self.names[$0] == nil } == ["Số con giống gia súc được hỗ trợ"])
        #expect(rows["Số con giống gia súc được hỗ trợ"]?.prefix(5) == ["8", "Số con giống gia súc được hỗ trợ", "con", "40", "36"])
    }

    /// Five-year district totals from the files (2025 from the six new communes): near the plan's targets.
    @Test func districtTotalsLandNearThePlanTargets() throws {
        var totals: [String: Int] = [:]
        for path in Self.reports {
            let rows = try Self.indicators(path)
            for code in ["labour_trained", "jobs_created", "houses_built", "latrines_built", "water_works", "ocop_products"] {
                totals[code, default: 0] += Self.achieved(rows, code)!
            }
        }
        // Plan: TRAIN-NEW 2,580, JOBS 6,742, HOUSES 1,292, LATRINES 1,951, WATER-WORKS 37, OCOP 27.
        #expect(totals == ["labour_trained": 2_684, "jobs_created": 6_845, "houses_built": 1_302, "latrines_built": 2_004,
                           "water_works": 43, "ocop_products": 35])
    }
}
