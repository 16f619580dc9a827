import Foundation
import Testing
@testable import CommuneETL

@Suite struct PovertySummarySampleTests {
    typealias Column = PovertySummarySheet.Column
    static let summaries = SampleInboxFixtures.content.files.map(\.path)
        .filter { $0.hasPrefix("poverty-summary/") || $0.hasPrefix("ket-qua") }
    static let faulty: Set<String> = ["poverty-summary/2022/hoang-thu-pho.csv", "poverty-summary/2023/ban-pho.csv"]

    @Test func writesOneSummaryPerReportingUnitAndYear() {
        // 19 units × 2021–2023, 18 in 2024 plus Tà Chải's late file, 6 communes in 2025.
        #expect(Self.summaries.count == 19 * 3 + 18 + 1 + 6)
        #expect(Self.summaries.contains("ket-qua-ra-soat-ho-ngheo-nam-khanh-2022.csv"))
        #expect(Self.summaries.filter { $0.hasPrefix("poverty-summary/2025/") }.sorted() == [
            "poverty-summary/2025/bac-ha.csv", "poverty-summary/2025/ban-lien.csv", "poverty-summary/2025/bao-nhai.csv",
            "poverty-summary/2025/coc-lau.csv", "poverty-summary/2025/lung-phinh.csv", "poverty-summary/2025/ta-cu-ty.csv",
        ])
    }

    @Test func cleanFileStartsWithTitlesAndHasTheExpectedTotals() throws {
        let rows = try SampleInboxFixtures.cells("poverty-summary/2023/coc-ly.csv")
        #expect(rows[0] == ["UBND XÃ CỐC LY"])
        #expect(rows[1] == ["KẾT QUẢ RÀ SOÁT HỘ NGHÈO, HỘ CẬN NGHÈO NĂM 2023"])
        #expect(rows[3] == PovertySummarySheet.header)
        let (villages, total) = try SampleInboxFixtures.summary("poverty-summary/2023/coc-ly.csv")
        #expect(villages.count == 8)
        #expect(total == ["", "Tổng cộng", "604", "99", "16,39", "49", "8,11", "60", "7"])
        #expect(rows.last == ["", "NGƯỜI LẬP BIỂU", "", "", "", "", "CHỦ TỊCH"])
    }

    @Test(arguments: summaries.filter { !faulty.contains($0) })
    func totalRowIsTheColumnSumsAndEveryRateIsRight(path: String) throws {
        let (villages, total) = try SampleInboxFixtures.summary(path)
        #expect((5...80).contains(villages.count), "\(path)")
        for column in [Column.households, Column.poor, Column.nearPoor, Column.left, Column.new] {
            let sum = villages.reduce(0) { $0 + (SampleInboxFixtures.count($1[column]) ?? -1_000_000) }
            #expect(SampleInboxFixtures.count(total[column]) == sum, "\(path) column \(column)")
        }
        for row in villages + [total] {
            let households = try #require(SampleInboxFixtures.count(row[Column.households]))
            for (count, rate) in [(Column.poor, Column.poorRate), (Column.nearPoor, Column.nearPoorRate)] {
                let expected = SampleInboxFixtures.expectedRate(SampleInboxFixtures.count(row[count])!, households)
                #expect(SampleInboxFixtures.hundredths(row[rate]) == expected, "\(path): \(row)")
                #expect(row[rate].split(separator: ",").last?.count == 2, "\(path): two decimals")
            }
        }
    }

    @Test func totalRowOffByOneIsThePlantedFault() throws {
        let path = "poverty-summary/2022/hoang-thu-pho.csv"
        let (villages, total) = try SampleInboxFixtures.summary(path)
        let sum = { (column: Int) in villages.reduce(0) { $0 + SampleInboxFixtures.count($1[column])! } }
        #expect(SampleInboxFixtures.count(total[Column.nearPoor]) == sum(Column.nearPoor) + 1)
        for column in [Column.households, Column.poor, Column.left, Column.new] {
            #expect(SampleInboxFixtures.count(total[column]) == sum(column))
        }
    }

    @Test func swappedRateDecimalsAreThePlantedFault() throws {
        let (villages, _) = try SampleInboxFixtures.summary("poverty-summary/2023/ban-pho.csv")
        var wrong: [String] = []
        for row in villages {
            let expected = SampleInboxFixtures.expectedRate(SampleInboxFixtures.count(row[Column.poor])!,
                                                            SampleInboxFixtures.count(row[Column.households])!)
            let written = SampleInboxFixtures.hundredths(row[Column.poorRate])!
            if written != expected {
                #expect(written % 100 == (expected % 10) * 10 + (expected % 100) / 10, "decimals swapped")
                #expect(written / 100 == expected / 100)
                wrong.append(row[0])
            }
        }
        #expect(wrong.count == 1)
    }

    /// poor(y) = poor(y − 1) − left(y) + new(y), commune by commune, from the files alone; merged units
    /// take their predecessors' poor of the year before.
    @Test func poorCountsFollowLeftAndNewExceptInNamKhanh2023() throws {
        let planUnits = SampleFixtures.communes
        var breaks: [String: Int] = [:]
        for year in 2022...2025 {
            for unit in SampleReportingUnit.units(in: year, planUnits: planUnits) where !unit.isLate {
                let previous = try year == 2025
                    ? SampleReportingUnit.units(in: 2024, planUnits: planUnits)
                    .filter { !$0.isLate && unit.covers.contains($0.code) }
                    .reduce(0) { $0 + (try SampleInboxFixtures.total(SampleInboxPlan.path(summary: true, $1), Column.poor)) }
                    : SampleReportingUnit.units(in: year - 1, planUnits: planUnits)
                    .filter { unit.covers.contains($0.code) }
                    .reduce(0) { $0 + (try SampleInboxFixtures.total(SampleInboxPlan.path(summary: true, $1), Column.poor)) }
                let path = SampleInboxPlan.path(summary: true, unit)
                let gap = try previous - SampleInboxFixtures.total(path, Column.left)
                    + SampleInboxFixtures.total(path, Column.new) - SampleInboxFixtures.total(path, Column.poor)
                if gap != 0 { breaks[path] = gap }
            }
        }
        #expect(breaks == ["poverty-summary/2023/nam-khanh.csv": -6])
    }

    @Test func lateTaChaiFileIsDatedAfterTheMerger() throws {
        let rows = try SampleInboxFixtures.cells("poverty-summary/2024/ta-chai.csv")
        #expect(rows[0] == ["UBND XÃ TÀ CHẢI"])
        #expect(rows.contains { $0.last == "Tà Chải, ngày 20 tháng 12 năm 2024" })
        // The same villages and numbers appear in thị trấn Bắc Hà's 2024 summary, after the town's own.
        let (late, _) = try SampleInboxFixtures.summary("poverty-summary/2024/ta-chai.csv")
        let (town, _) = try SampleInboxFixtures.summary("poverty-summary/2024/bac-ha.csv")
        #expect(town.count == 8 + late.count)
        #expect(town.suffix(late.count).map { Array($0.dropFirst()) } == late.map { Array($0.dropFirst()) })
    }

    @Test func newCommunesOf2025ReportTheirPredecessorsVillages() throws {
        let (villages, _) = try SampleInboxFixtures.summary("poverty-summary/2025/lung-phinh.csv")
        let names = villages.map { $0[1] }
        #expect(names.count == 16)
        #expect(names.first == "Thôn Na Lang (Lùng Phình)")
        #expect(names.last == "Thôn Sản Chư Ván (Tả Van Chư)")
        #expect(try SampleInboxFixtures.cells("poverty-summary/2025/lung-phinh.csv")[0] == ["UBND XÃ LÙNG PHÌNH"])
        #expect(try SampleInboxFixtures.cells("poverty-summary/2025/bac-ha.csv").contains { $0.last?.hasSuffix("tháng 12 năm 2025") ?? false })
    }

    /// District poor households and rate by year, from the files (Tà Chải's late file left out).
    @Test func districtPovertyFallsAsThePlanAsks() throws {
        var poor: [Int: Int] = [:], households: [Int: Int] = [:]
        for year in 2021...2025 {
            for unit in SampleReportingUnit.units(in: year, planUnits: SampleFixtures.communes) where !unit.isLate {
                let path = SampleInboxPlan.path(summary: true, unit)
                poor[year, default: 0] += try SampleInboxFixtures.total(path, Column.poor)
                households[year, default: 0] += try SampleInboxFixtures.total(path, Column.households)
            }
        }
        let rates = (2021...2025).map { SampleInboxFixtures.expectedRate(poor[$0]!, households[$0]!) }
        // About 39 % at the 2021 review, then 7.5–8.2 points a year (POV-RATE: more than 7).
        #expect(rates == [3_898, 3_110, 2_294, 1_473, 720])
        #expect(poor[2025]! == 1_050, "POV-2025: fewer than 1,500")
    }
}
