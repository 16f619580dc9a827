import Foundation
import Testing
@testable import CommuneETL

/// The commune summary (annex table 01): each real-world fault gives exactly its anomaly.
@Suite struct PovertySummaryTests {
    @Test func aCleanSummaryGivesVillagesAndTheCommuneTotalsWithoutAnomaly() throws {
        let sandbox = try RunSandbox()
        try sandbox.put("poverty-summary/2023/lung-phinh.csv", PlanSheet.summary(commune: "xã Lùng Phình", year: 2023, rows: [
            PlanSheet.village(1, "Thôn Sín Chải", 120, 30, 10, left: 5, new: 1),
            PlanSheet.village(2, "Thôn Lả Dì Thàng", 80, 20, 8, left: 3),
            PlanSheet.total(200, 50, 18, left: 8, new: 1),
        ], date: "Lùng Phình, ngày 15 tháng 12 năm 2023"))
        try sandbox.run()
        #expect(try sandbox.flattenedAnomalies() == [])
        #expect(try sandbox.table("poverty_villages") == """
            commune_code,year,village,total_households,poor_households,poor_rate,near_poor_households,near_poor_rate,left_poverty,newly_poor,source_file,source_line,corrected_fields,corrected_by,corrected_on
            02848,2023,Thôn Sín Chải,120,30,25,10,8.33,5,1,poverty-summary/2023/lung-phinh.csv,4,,,
            02848,2023,Thôn Lả Dì Thàng,80,20,25,8,10,3,0,poverty-summary/2023/lung-phinh.csv,5,,,

            """)
        #expect(try sandbox.table("poverty_communes") == """
            commune_code,year,rows,total_households,poor_households,near_poor_households,left_poverty,newly_poor,poor_rate,near_poor_rate,reconciled,source_file
            02848,2023,2,200,50,18,8,1,25.00,9.00,,poverty-summary/2023/lung-phinh.csv

            """)
    }

    @Test func aTotalRowOffByOneInOneColumnIsReportedAndTheCommuneTotalsAreNotPublished() throws {
        let sandbox = try RunSandbox()
        try sandbox.put("poverty-summary/2023/lung-phinh.csv", PlanSheet.summary(commune: "xã Lùng Phình", year: 2023, rows: [
            PlanSheet.village(1, "Thôn Sín Chải", 120, 30, 10),
            PlanSheet.village(2, "Thôn Lả Dì Thàng", 80, 20, 8),
            ",Tổng cộng,200,51,\"25,50\",18,\"9,00\",0,0",
        ]))
        try sandbox.run()
        #expect(try sandbox.flattenedAnomalies() == ["6:PS-TOTAL:poor_households"])
        let anomaly = try #require(sandbox.anomalyRows().first)
        #expect(anomaly["message_vi"] == "Dòng tổng ghi Số hộ nghèo là 51 nhưng cộng các thôn được 50: sửa dòng tổng hoặc dòng thôn sai.")
        #expect(anomaly["severity"] == "error")
        #expect(try sandbox.table("poverty_communes").split(separator: "\n").count == 1, "header only")
        #expect(try sandbox.table("poverty_villages").split(separator: "\n").count == 3, "the villages stay")
    }

    @Test func aRateRoundedWrongIsAWarningAndTheRateIsWrittenEmpty() throws {
        let sandbox = try RunSandbox()
        try sandbox.put("poverty-summary/2023/lung-phinh.csv", PlanSheet.summary(commune: "xã Lùng Phình", year: 2023, rows: [
            PlanSheet.village(1, "Thôn Sín Chải", 3, 2, 0, poorRate: "66,60"),
            PlanSheet.village(2, "Thôn Lả Dì Thàng", 3, 2, 0, poorRate: "66,66"),
        ]))
        try sandbox.run()
        // 2 ÷ 3 × 100 = 66.666…: 66,66 is within 0.01 point, 66,60 is not.
        #expect(try sandbox.flattenedAnomalies() == ["4:PS-RATE:poor_rate"])
        let anomaly = try #require(sandbox.anomalyRows().first)
        #expect(anomaly["expected"] == "66.67 (= 2 ÷ 3 × 100)")
        #expect(anomaly["severity"] == "warning")
        #expect(try sandbox.table("poverty_villages").contains("02848,2023,Thôn Sín Chải,3,2,,0,0,0,0,"))
    }

    @Test func aSummaryThatDisagreesWithItsHouseholdListIsReportedNamingBothFiles() throws {
        let sandbox = try RunSandbox()
        // Two households of Lùng Phình, both classified poor by the decree (income under 1,500,000 đồng).
        try sandbox.put("household-review/2023/lung-phinh.csv",
                        householdHeader + "\n" + householdRow(1) + "\n" + householdRow(2) + "\n")
        try sandbox.put("poverty-summary/2023/lung-phinh.csv", PlanSheet.summary(commune: "xã Lùng Phình", year: 2023, rows: [
            PlanSheet.village(1, "Thôn Sín Chải", 120, 5, 0),
        ]))
        try sandbox.run()
        let recon = try sandbox.anomalyRows().filter { $0["rule"]!.hasPrefix("PS-RECON") }
        #expect(recon.map { "\($0["rule"]!):\($0["field"]!):\($0["value"]!):\($0["expected"]!)" } == [
            "PS-RECON:poor_households:5:2 (from the household list)",
        ])
        #expect(recon.first?["message_en"]?.contains("household-review/2023/lung-phinh.csv") == true)
        #expect(recon.first?["source_file"] == "poverty-summary/2023/lung-phinh.csv")
        #expect(try sandbox.table("poverty_communes").contains(",false,poverty-summary/2023/lung-phinh.csv"))
    }

    @Test func aSummaryThatAgreesWithItsHouseholdListIsMarkedReconciled() throws {
        let sandbox = try RunSandbox()
        try sandbox.put("household-review/2023/lung-phinh.csv",
                        householdHeader + "\n" + householdRow(1) + "\n" + householdRow(2) + "\n")
        try sandbox.put("poverty-summary/2023/lung-phinh.csv", PlanSheet.summary(commune: "xã Lùng Phình", year: 2023, rows: [
            PlanSheet.village(1, "Thôn Sín Chải", 120, 2, 0),
        ]))
        try sandbox.run()
        #expect(try sandbox.anomalyRows().filter { $0["rule"]!.hasPrefix("PS-") }.isEmpty)
        #expect(try sandbox.table("poverty_communes").contains(",true,poverty-summary/2023/lung-phinh.csv"))
    }

    @Test func aListRowWhoseCommuneCannotBeReadMayBeTheMissingHousehold() throws {
        let sandbox = try RunSandbox()
        // Two poor households of Lùng Phình and a third whose commune is misspelt beyond recognition.
        try sandbox.put("household-review/2023/lung-phinh.csv", householdHeader + "\n" + householdRow(1) + "\n"
                        + householdRow(2) + "\n" + householdRow(3, commune: "Xã Không Có") + "\n")
        try sandbox.put("poverty-summary/2023/lung-phinh.csv", PlanSheet.summary(commune: "xã Lùng Phình", year: 2023, rows: [
            PlanSheet.village(1, "Thôn Sín Chải", 120, 3, 0),
        ]))
        try sandbox.run()
        #expect(try sandbox.flattenedAnomalies() == ["4:HR-COMMUNE:commune_code"])
    }

    @Test func fewerHouseholdsThanTheListHoldsIsReported() throws {
        let sandbox = try RunSandbox()
        try sandbox.put("household-review/2023/lung-phinh.csv",
                        householdHeader + "\n" + householdRow(1) + "\n" + householdRow(2) + "\n")
        try sandbox.put("poverty-summary/2023/lung-phinh.csv", PlanSheet.summary(commune: "xã Lùng Phình", year: 2023, rows: [
            PlanSheet.village(1, "Thôn Sín Chải", 1, 1, 0),
        ]))
        try sandbox.run()
        let rules = try sandbox.anomalyRows().filter { $0["rule"]!.hasPrefix("PS-RECON") }.map { "\($0["rule"]!):\($0["value"]!)" }
        #expect(rules == ["PS-RECON:1", "PS-RECON-HOUSEHOLDS:1"])
    }

    @Test func poorHouseholdsThatDoNotFollowFromLastYearGiveAFlowWarning() throws {
        let sandbox = try RunSandbox()
        try sandbox.put("poverty-summary/2022/lung-phinh.csv", PlanSheet.summary(commune: "xã Lùng Phình", year: 2022, rows: [
            PlanSheet.village(1, "Thôn Sín Chải", 100, 40, 5),
        ]))
        // 40 − 10 left + 2 new = 32, but 35 are written.
        try sandbox.put("poverty-summary/2023/lung-phinh.csv", PlanSheet.summary(commune: "xã Lùng Phình", year: 2023, rows: [
            PlanSheet.village(1, "Thôn Sín Chải", 100, 35, 5, left: 10, new: 2),
        ]))
        try sandbox.run()
        let rows = try sandbox.anomalyRows().filter { $0["pipeline"] != "targets" }
        #expect(rows.map { "\($0["source_file"]!):\($0["rule"]!):\($0["severity"]!)" } == ["poverty-summary/2023/lung-phinh.csv:PS-FLOW:warning"])
        #expect(rows.first?["message_en"] == "2023 has 35 poor households, but 40 poor in 2022 − 10 left + 2 newly poor = 32: check the left and newly-poor counts (or households moving).")
    }

    @Test func aFlowAcrossAMergerCountsTheMergedCommuneInTheYearBefore() throws {
        let sandbox = try RunSandbox()
        try sandbox.put("poverty-summary/2023/bac-ha.csv", PlanSheet.summary(commune: "thị trấn Bắc Hà", year: 2023, rows: [
            PlanSheet.village(1, "Tổ dân phố 1", 100, 10, 5),
        ]))
        try sandbox.put("poverty-summary/2023/ta-chai.csv", PlanSheet.summary(commune: "xã Tà Chải", year: 2023, rows: [
            PlanSheet.village(1, "Thôn Na Cồ", 100, 20, 5),
        ]))
        // 2024: the town holds Tà Chải's village: 10 + 20 − 5 + 0 = 25.
        try sandbox.put("poverty-summary/2024/bac-ha.csv", PlanSheet.summary(commune: "thị trấn Bắc Hà", year: 2024, rows: [
            PlanSheet.village(1, "Tổ dân phố 1", 100, 8, 5, left: 2),
            PlanSheet.village(2, "Thôn Na Cồ", 100, 17, 5, left: 3),
        ]))
        try sandbox.run()
        #expect(try sandbox.flattenedAnomalies() == [])
    }

    @Test func aFileNamingACommuneThatNoLongerExistsOnItsDateIsHeldBack() throws {
        let sandbox = try RunSandbox()
        try sandbox.put("poverty-summary/2024/ta-chai.csv", PlanSheet.summary(commune: "xã Tà Chải", year: 2024, rows: [
            PlanSheet.village(1, "Thôn Na Cồ", 100, 20, 5),
        ], date: "Tà Chải, ngày 20 tháng 12 năm 2024"))
        let summary = try sandbox.run()
        let rows = try sandbox.anomalyRows()
        #expect(rows.map { "\($0["rule"]!):\($0["value"]!)" } == ["PS-UNIT-DATE:02872"])
        #expect(rows.first?["message_vi"] == "Tệp ghi ngày 20/12/2024 nhưng xã Tà Chải (02872) không còn là đơn vị hành chính từ ngày 01/11/2024 (nay thuộc thị trấn Bắc Hà, mã 02839): tệp chưa được nhận; gửi lại số liệu dưới tên thị trấn Bắc Hà.")
        #expect(summary.files.first?.refused == true)
        #expect(try sandbox.table("poverty_villages").split(separator: "\n").count == 1, "header only")
    }

    @Test func aListRowNamingACommuneThatNoLongerExistedInItsYearIsAnError() throws {
        let sandbox = try RunSandbox()
        let row2025 = householdRow(1, commune: "Tà Chải").replacingOccurrences(of: ",2023", with: ",2025")
        let row2024 = householdRow(2, commune: "Tà Chải").replacingOccurrences(of: ",2023", with: ",2024")
        try sandbox.put("household-review/district.csv", householdHeader + "\n" + row2025 + "\n" + row2024 + "\n")
        try sandbox.run()
        // 2024 is fine: Tà Chải existed until 31/10/2024.
        #expect(try sandbox.flattenedAnomalies() == ["2:HR-UNIT-YEAR:commune_code"])
        #expect(try sandbox.anomalyRows().first?["message_en"] == "Xã Tà Chải (02872) no longer existed in 2025: from 01/11/2024 it is part of xã Bắc Hà (code 02839). Record this household under xã Bắc Hà.")
    }

    @Test func theSameCommuneBeforeItsMergerIsAccepted() throws {
        let sandbox = try RunSandbox()
        try sandbox.put("poverty-summary/2024/ta-chai.csv", PlanSheet.summary(commune: "xã Tà Chải", year: 2024, rows: [
            PlanSheet.village(1, "Thôn Na Cồ", 100, 20, 5),
        ], date: "Tà Chải, ngày 15 tháng 10 năm 2024"))
        try sandbox.run()
        #expect(try sandbox.flattenedAnomalies() == [])
        #expect(try sandbox.table("poverty_communes").contains("02872,2024,1,100,20,5,0,0,20.00,5.00,,"))
    }

    @Test func aCommuneOfTheRegroupingOf2025ResolvesByTheFilesDate() throws {
        let sandbox = try RunSandbox()
        // "Xã Bắc Hà" exists only from 2025-07-01 (before, Bắc Hà was a thị trấn).
        try sandbox.put("poverty-summary/2025/bac-ha.csv", PlanSheet.summary(commune: "xã Bắc Hà", year: 2025, rows: [
            PlanSheet.village(1, "Thôn Na Cồ", 100, 10, 5),
        ], date: "Bắc Hà, ngày 15 tháng 12 năm 2025"))
        try sandbox.run()
        #expect(try sandbox.flattenedAnomalies() == [])
        #expect(try sandbox.table("poverty_villages").contains("\n02839,2025,Thôn Na Cồ,"))
    }
}
