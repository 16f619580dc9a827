import Foundation
import Testing
@testable import CommuneETL

extension Targets {
    /// Each kind of target judged on small hand-made inputs; the arithmetic is in the comments.
    struct ProgressEvaluatorTests {
        /// Loads `targets` (the YAML list items) and `plans` (rows of commune-targets.csv) against the repository's
        /// indicator catalogue, then evaluates `input`.
        static func evaluate(_ targets: String, plans: String = "", _ input: ProgressInput) throws -> [TargetProgress] {
            let scratch = try ScratchFolder()
            try scratch.write("targets.yaml", "version: 1\ntargets:\n" + targets)
            try scratch.write("commune-targets.csv", "target_id,commune_code,year,value,sample,note\n" + plans)
            var hashed: [UInt8] = []
            let indicators = try IndicatorCatalogue.load(from: RepositoryPaths.pipelines, hashInto: &hashed)
            let catalogue = try TargetCatalogue.load(from: scratch.path, indicators: indicators, hashInto: &hashed)
            return ProgressEvaluator.evaluate(catalogue, indicators: indicators, input: input)
        }

        static func target(_ id: String, _ indicator: String, _ kind: String, _ extra: String) -> String {
            """
              - id: \(id)
                section: II.2
                source: "Kế hoạch 2021–2025 huyện Bắc Hà, mục II.2"
                title: {vi: "Thử", en: "Test"}
                indicator: \(indicator)
                kind: \(kind)
            \(extra.split(separator: "\n").map { "    " + $0 }.joined(separator: "\n"))

            """
        }

        static func row(_ id: String, _ unit: String, _ year: Int, _ value: Double?, _ expected: Double?, _ target: Double,
                        _ baseline: Int?, _ status: ProgressStatus) -> TargetProgress {
            TargetProgress(targetID: id, unit: unit, year: year, value: value, expected: expected, target: target, baselineYear: baseline, status: status)
        }

        static let a = "02842", b = "02848", c = "02851", d = "02839"

        // MARK: - average_reduction

        @Test(arguments: [
            // District poor rate, weighted by households (A: 100, B: 300):
            // 2021 (50·100 + 30·300) ÷ 400 = 35; 2022 (44·100 + 20·300) ÷ 400 = 26; 2023 (40·100 + 18·300) ÷ 400 = 23.5.
            // expected 35, 35 − 7 = 28, 35 − 14 = 21. Final 2025: 26 ≤ 28 is on track, 23.5 > 21 is not.
            (2025, [ProgressStatus.onTrack, .onTrack, .offTrack]),
            // Final 2022: the average reduction (35 − 26) ÷ 1 = 9 > 7 is met; 2023 (35 − 23.5) ÷ 2 = 5.75 is not.
            (2022, [.onTrack, .met, .offTrack]),
            // Final 2021: the baseline year is the final year: no reduction can be judged.
            (2021, [.noData, .met, .offTrack]),
        ])
        func anAverageReductionIsJudgedOnItsPathAndInTheFinalYear(finalYear: Int, statuses: [ProgressStatus]) throws {
            let values = ["poor_rate": [
                Self.a: [2021: Measure(value: 50, weight: 100), 2022: Measure(value: 44, weight: 100), 2023: Measure(value: 40, weight: 100)],
                Self.b: [2021: Measure(value: 30, weight: 300), 2022: Measure(value: 20, weight: 300), 2023: Measure(value: 18, weight: 300)],
            ]]
            let rows = try Self.evaluate(Self.target("POV-RATE", "poor_rate", "average_reduction", "value: 7\ncomparison: \">\"\nlevel: district"),
                                         ProgressInput(values: values, planUnits: [:], years: [2021, 2022, 2023], finalYear: finalYear))
            #expect(rows.map(\.value) == [35, 26, 23.5])
            #expect(rows.map(\.expected) == [35, 28, 21])
            #expect(rows.map(\.status) == statuses)
            #expect(rows.allSatisfy { $0.unit == "" && $0.target == 7 && $0.baselineYear == 2021 })
        }

        @Test func povHighJudgesOnlyCommunesWhoseBaselineIsFortyOrMore() throws {
            // A starts at 50 (≥ 40): expected 50, 50 − 9 = 41, 50 − 18 = 32; it has no 2023 value. B starts at 30: left out.
            let values = ["poor_rate": [
                Self.a: [2021: Measure(value: 50, weight: 100), 2022: Measure(value: 40, weight: 100)],
                Self.b: [2021: Measure(value: 30, weight: 300), 2022: Measure(value: 10, weight: 300)],
            ]]
            let rows = try Self.evaluate(
                Self.target("POV-HIGH", "poor_rate", "average_reduction", "value: 9\ncomparison: \">=\"\nlevel: commune\nbaseline_at_least: 40"),
                ProgressInput(values: values, planUnits: [:], years: [2021, 2022, 2023]))
            #expect(rows == [
                Self.row("POV-HIGH", "", 2021, 50, 50, 9, 2021, .onTrack),
                Self.row("POV-HIGH", "", 2022, 40, 41, 9, 2021, .onTrack),
                Self.row("POV-HIGH", "", 2023, nil, 32, 9, 2021, .noData),
                Self.row("POV-HIGH", Self.a, 2021, 50, 50, 9, 2021, .onTrack),
                Self.row("POV-HIGH", Self.a, 2022, 40, 41, 9, 2021, .onTrack),
                Self.row("POV-HIGH", Self.a, 2023, nil, 32, 9, 2021, .noData),
            ])
        }

        // MARK: - cumulative, level

        @Test func aCumulativeTargetSumsTheYearsFromTheFirstWithData() throws {
            // District sums: 2021 300 + 216 = 516; 2022 400 (B silent); 2023 1000 + 1016 = 2016.
            // Running totals 516, 916, 2932; expected 2580 × 1/5 = 516, × 2/5 = 1032, × 3/5 = 1548.
            let values = ["labour_trained": [
                Self.a: [2021: Measure(value: 300), 2022: Measure(value: 400), 2023: Measure(value: 1000)],
                Self.b: [2021: Measure(value: 216), 2023: Measure(value: 1016)],
            ]]
            let rows = try Self.evaluate(Self.target("TRAIN-NEW", "labour_trained", "cumulative", "value: 2580\ncomparison: \">=\"\nlevel: district"),
                                         ProgressInput(values: values, planUnits: [:], years: [2021, 2022, 2023]))
            #expect(rows == [
                Self.row("TRAIN-NEW", "", 2021, 516, 516, 2580, 2021, .onTrack),
                Self.row("TRAIN-NEW", "", 2022, 916, 1032, 2580, 2021, .offTrack),
                Self.row("TRAIN-NEW", "", 2023, 2932, 1548, 2580, 2021, .met),
            ])
        }

        @Test func aLevelFollowsTheStraightPathFromTheBaselineToTheTarget() throws {
            // The district reports coverage itself: 84 in 2021, none in 2022, 88.5 in 2023, 92.5 in 2024.
            // expected 84 + (92 − 84) × elapsed ÷ 4: 84, 86, 88, 90; 92.5 > 92 is met.
            // Stunting (≤ 25) from 33: expected 33 − 8 × 1/4 = 31 in 2022; 32 is above it.
            // Forest cover has district mode none and no district report: no value at all.
            let values: [String: [String: [Int: Measure]]] = [
                "health_insurance_rate": ["": [2021: Measure(value: 84), 2023: Measure(value: 88.5), 2024: Measure(value: 92.5)]],
                "stunting_rate": ["": [2021: Measure(value: 33), 2022: Measure(value: 32)]],
                "forest_cover_rate": [Self.a: [2021: Measure(value: 60)]],
            ]
            let targets = Self.target("INSURANCE", "health_insurance_rate", "level", "value: 92\ncomparison: \">\"\nlevel: district")
                + Self.target("STUNTING", "stunting_rate", "level", "value: 25\ncomparison: \"<=\"\nlevel: district")
                + Self.target("FOREST", "forest_cover_rate", "level", "value: 47\ncomparison: \">=\"\nlevel: district")
            let rows = try Self.evaluate(targets, ProgressInput(values: values, planUnits: [:], years: [2021, 2022, 2023, 2024]))
            #expect(rows == [
                Self.row("INSURANCE", "", 2021, 84, 84, 92, 2021, .onTrack),
                Self.row("INSURANCE", "", 2022, nil, 86, 92, 2021, .noData),
                Self.row("INSURANCE", "", 2023, 88.5, 88, 92, 2021, .onTrack),
                Self.row("INSURANCE", "", 2024, 92.5, 90, 92, 2021, .met),
                Self.row("STUNTING", "", 2021, 33, 33, 25, 2021, .onTrack),
                Self.row("STUNTING", "", 2022, 32, 31, 25, 2021, .offTrack),
                Self.row("STUNTING", "", 2023, nil, 29, 25, 2021, .noData),
                Self.row("STUNTING", "", 2024, nil, 27, 25, 2021, .noData),
                Self.row("FOREST", "", 2021, nil, nil, 47, nil, .noData),
                Self.row("FOREST", "", 2022, nil, nil, 47, nil, .noData),
                Self.row("FOREST", "", 2023, nil, nil, 47, nil, .noData),
                Self.row("FOREST", "", 2024, nil, nil, 47, nil, .noData),
            ])
        }

        @Test func aWeightedDistrictMeanWithoutEveryUnitsHouseholdsHasNoValue() throws {
            let values = ["hygienic_water_rate": [Self.a: [2021: Measure(value: 90, weight: 100)], Self.b: [2021: Measure(value: 80, weight: 0)]]]
            let rows = try Self.evaluate(Self.target("WATER", "hygienic_water_rate", "level", "value: 98\ncomparison: \">=\"\nlevel: district"),
                                         ProgressInput(values: values, planUnits: [:], years: [2021]))
            #expect(rows == [Self.row("WATER", "", 2021, nil, nil, 98, nil, .noData)])
        }
    }
}
