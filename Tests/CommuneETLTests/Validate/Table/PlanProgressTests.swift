import Foundation
import Testing
@testable import CommuneETL

/// The plan's progress in a run: computed by hand for two communes, and complete on the demo inbox.
@Suite struct PlanProgressTests {
    private func progress(_ sandbox: RunSandbox) throws -> [String] {
        try sandbox.table("target_progress").split(separator: "\n").map(String.init)
    }

    @Test func povertyTargetsAgreeWithAHandComputationForTwoCommunes() throws {
        let sandbox = try RunSandbox()
        // Lùng Phình: 50 % → 40 %; Lùng Cải: 60 % → 55 % (both start above 40 %, so POV-HIGH applies).
        for (slug, commune, poor2021, poor2022) in [("lung-phinh", "xã Lùng Phình", 50, 40), ("lung-cai", "xã Lùng Cải", 60, 55)] {
            try sandbox.put("poverty-summary/2021/\(slug).csv", PlanSheet.summary(commune: commune, year: 2021, rows: [
                PlanSheet.village(1, "Thôn Một", 100, poor2021, 10),
            ]))
            try sandbox.put("poverty-summary/2022/\(slug).csv", PlanSheet.summary(commune: commune, year: 2022, rows: [
                PlanSheet.village(1, "Thôn Một", 100, poor2022, 10, left: poor2021 - poor2022),
            ]))
        }
        try sandbox.run()
        let rows = try progress(sandbox)
        // District rate: 2021 (50 + 60) ÷ 200 = 55 %; 2022 (40 + 55) ÷ 200 = 47.5 %; the path allows 55 − 7 = 48.
        #expect(rows.contains("POV-RATE,,2021,55,55,7,2021,on_track"))
        #expect(rows.contains("POV-RATE,,2022,47.5,48,7,2021,on_track"))
        // POV-HIGH, 9 points a year: Lùng Phình 40 ≤ 50 − 9 = 41 on track; Lùng Cải 55 > 60 − 9 = 51 off track.
        #expect(rows.contains("POV-HIGH,02848,2022,40,41,9,2021,on_track"))
        #expect(rows.contains("POV-HIGH,02842,2022,55,51,9,2021,off_track"))
        let warnings = try sandbox.anomalyRows().filter { $0["rule"] == "POV-HIGH" && $0["commune_code"] == "02842" }
        #expect(warnings.map { "\($0["severity"]!):\($0["owner"]!):\($0["value"]!):\($0["expected"]!)" } == ["warning:ldtbxh:55:51"])
    }

    @Test func aMergedCommuneIsJudgedAgainstTheHouseholdWeightedPlansOfItsParts() throws {
        let sandbox = try RunSandbox()
        try sandbox.put("poverty-summary/2023/bac-ha.csv", PlanSheet.summary(commune: "thị trấn Bắc Hà", year: 2023, rows: [
            PlanSheet.village(1, "Tổ dân phố 1", 100, 10, 5),
        ]))
        try sandbox.put("poverty-summary/2023/ta-chai.csv", PlanSheet.summary(commune: "xã Tà Chải", year: 2023, rows: [
            PlanSheet.village(1, "Thôn Na Cồ", 300, 60, 5),
        ]))
        try sandbox.put("poverty-summary/2024/bac-ha.csv", PlanSheet.summary(commune: "thị trấn Bắc Hà", year: 2024, rows: [
            PlanSheet.village(1, "Tổ dân phố 1", 100, 8, 5, left: 2),
            PlanSheet.village(2, "Thôn Na Cồ", 300, 50, 5, left: 10),
        ]))
        try sandbox.run()
        // The plans of 2024 from commune-targets.csv, weighted by the households each part last reported (2023).
        let plans = try String(contentsOfFile: RunSandbox.pipelines + "/commune-targets.csv", encoding: .utf8)
            .split(separator: "\n").map { $0.split(separator: ",", omittingEmptySubsequences: false) }
        func plan(_ code: String) -> Double { Double(plans.first { $0[1] == code && $0[2] == "2024" }![3])! }
        let expected = (plan("02839") * 100 + plan("02872") * 300) / 400
        let row = try #require(progress(sandbox).first { $0.hasPrefix("POV-RATE-PLAN,02839,2024,") })
        let cells = row.split(separator: ",")
        #expect(cells[3] == "14.5")  // (8 + 50) ÷ 400
        #expect(Double(cells[4]) == (expected * 100).rounded() / 100)
    }

    @Test func aBaselineFileStartsThePathBeforeTheFirstSheet() throws {
        let sandbox = try RunSandbox()
        let scratch = try ScratchFolder()
        let pipelines = try scratch.copyOfPipelines()
        // The district's rate at the end-of-2020 review: 60 %. The 2021 summary says 55 %: 5 points, not 7.
        try Data("indicator,commune_code,year,value,households,sample,note\npoor_rate,,2020,60,,false,end-2020 review\n".utf8)
            .write(to: URL(fileURLWithPath: pipelines + "/baselines.csv"))
        try sandbox.put("poverty-summary/2021/lung-phinh.csv", PlanSheet.summary(commune: "xã Lùng Phình", year: 2021, rows: [
            PlanSheet.village(1, "Thôn Một", 100, 55, 10),
        ]))
        _ = try NightlyRun(options: RunOptions(inbox: sandbox.inbox, output: sandbox.out, pipelines: pipelines))
            .execute(now: Date(timeIntervalSince1970: 1_795_000_000))
        let rows = try progress(sandbox)
        #expect(rows.contains("POV-RATE,,2021,55,53,7,2020,off_track"))
        #expect(!rows.contains { $0.hasPrefix("POV-RATE,,2020,") }, "no row for the baseline year itself")
    }

    @Test func aBaselineNamingAnUnknownIndicatorIsRefused() throws {
        let scratch = try ScratchFolder()
        let pipelines = try scratch.copyOfPipelines()
        try Data("indicator,commune_code,year,value,households,sample,note\npoverty,,2020,60,,false,\n".utf8)
            .write(to: URL(fileURLWithPath: pipelines + "/baselines.csv"))
        #expect(throws: ETLError.configuration(file: pipelines + "/baselines.csv", location: "line 2", problem: "unknown indicator 'poverty'")) {
            try PipelineCatalog.load(from: pipelines)
        }
    }

    @Test func theDemoInboxHasADistrictRowForEveryTargetAndYear() throws {
        let sandbox = try RunSandbox()
        let demo = RunSandbox.pipelines + "/../SampleData/inbox"
        try FileManager.default.removeItem(atPath: sandbox.inbox)
        try FileManager.default.copyItem(atPath: demo, toPath: sandbox.inbox)
        try sandbox.run()
        var ignored: [UInt8] = []
        let catalogue = try IndicatorCatalogue.load(from: RunSandbox.pipelines, hashInto: &ignored)
        let targets = try TargetCatalogue.load(from: RunSandbox.pipelines, indicators: catalogue, hashInto: &ignored)
        let districtRows = Set(try progress(sandbox).dropFirst().compactMap { line -> String? in
            let cells = line.split(separator: ",", omittingEmptySubsequences: false)
            return cells[1].isEmpty ? "\(cells[0])|\(cells[2])" : nil
        })
        for target in targets.targets {
            for year in 2021...2025 {
                #expect(districtRows.contains("\(target.id)|\(year)"), "\(target.id) \(year)")
            }
        }
        let rows = try progress(sandbox)
        // By hand, from the demo's own summaries (poverty-summary/2021 and 2022/lung-cai.csv):
        // Lùng Cải 2021: 423 poor of 820 households = 51.585 % (≥ 40 %, so POV-HIGH applies);
        // 2022: 381 of 829 = 45.959 %; the path down 9 points allows 51.585 − 9 = 42.585: off track.
        #expect(rows.contains("POV-HIGH,02842,2022,45.96,42.59,9,2021,off_track"))
        // Lùng Phình 2023 (poverty-summary/2023/lung-phinh.csv): 75 of 673 = 11.14 %, under the 13.1 %
        // the commune plan (commune-targets.csv, a sample value: 27.1 − 2 × 7) sets for 2023: met.
        #expect(rows.contains("POV-RATE-PLAN,02848,2023,11.14,13.1,13.1,2021,met"))
        // Lùng Phình starts at 173 of 640 = 27.03 %, under 40 %: POV-HIGH does not apply to it.
        #expect(!rows.contains { $0.hasPrefix("POV-HIGH,02848,") })
    }
}
