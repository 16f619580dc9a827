import Foundation
import Testing
@testable import CommuneETL

extension Targets {
    /// The kinds judged across or per unit: band, share, ratio, commune plan; and the warning texts.
    struct ProgressEvaluatorUnitTests {
        typealias T = ProgressEvaluatorTests
        static let a = T.a, b = T.b, c = T.c, d = T.d

        @Test func aBandScalesWithThePlanUnitsAUnitCovers() throws {
            // d covers 2 plan units: floor 2 × 20 = 40; a covers 1: floor 20.
            // District 2024: 45 from d alone against 40; 2025: 35 + 25 = 60 against 3 × 20 = 60.
            // Rows: the district first, then units by code (02839 before 02842).
            let values = ["jobs_in_companies": [
                Self.d: [2024: Measure(value: 45), 2025: Measure(value: 35)],
                Self.a: [2025: Measure(value: 25)],
            ]]
            let rows = try T.evaluate(T.target("JOBS-COMMUNE", "jobs_in_companies", "band", "value: 20\nmax: 30\ncomparison: \">=\"\nlevel: commune"),
                                      ProgressInput(values: values, planUnits: [Self.d: 2], years: [2024, 2025]))
            #expect(rows == [
                T.row("JOBS-COMMUNE", "", 2024, 45, 40, 40, 2024, .met),
                T.row("JOBS-COMMUNE", "", 2025, 60, 60, 60, 2024, .met),
                T.row("JOBS-COMMUNE", Self.d, 2024, 45, 40, 40, 2024, .met),
                T.row("JOBS-COMMUNE", Self.d, 2025, 35, 40, 40, 2024, .offTrack),
                T.row("JOBS-COMMUNE", Self.a, 2024, nil, 20, 20, 2025, .noData),
                T.row("JOBS-COMMUNE", Self.a, 2025, 25, 20, 20, 2025, .met),
            ])
        }

        @Test func aShareCountsPlanUnitsMeetingTheThreshold() throws {
            // Threshold: poor rate ≤ 13. d covers 2 plan units.
            // 2022: a 15 no, b 12 yes, c 20 no, d 5 yes (×2) → 3 of 5 = 60 %: the baseline, on track.
            // 2023: a 10 yes, b 12 yes, c 20 no, d 5 yes (×2) → 4 of 5 = 80 % > 75: met.
            let values = ["poor_rate": [
                Self.a: [2022: Measure(value: 15), 2023: Measure(value: 10)],
                Self.b: [2022: Measure(value: 12), 2023: Measure(value: 12)],
                Self.c: [2022: Measure(value: 20), 2023: Measure(value: 20)],
                Self.d: [2022: Measure(value: 5), 2023: Measure(value: 5)],
            ]]
            let rows = try T.evaluate(
                T.target("NTM-POV", "poor_rate", "share", "value: 75\ncomparison: \">\"\nlevel: district\nthreshold: {comparison: \"<=\", value: 13}"),
                ProgressInput(values: values, planUnits: [Self.d: 2], years: [2022, 2023]))
            #expect(rows == [
                T.row("NTM-POV", "", 2022, 60, 60, 75, 2022, .onTrack),
                T.row("NTM-POV", "", 2023, 80, 65, 75, 2022, .met),  // expected 60 + (75 − 60) × 1/3 = 65
            ])
        }

        @Test func aRatioDividesRunningTotalsAndSkipsAZeroDenominator() throws {
            // 2021: 0 certified of 0 trained: no ratio. 2022: 60 of 200 = 30 % (baseline). 2023: 150 of 400 = 37.5 % > 35: met.
            let values = [
                "labour_trained": [Self.a: [2021: Measure(value: 0), 2022: Measure(value: 200), 2023: Measure(value: 200)]],
                "labour_certified": [Self.a: [2021: Measure(value: 0), 2022: Measure(value: 60), 2023: Measure(value: 90)]],
            ]
            let rows = try T.evaluate(
                T.target("TRAIN-CERT", "labour_certified", "ratio", "value: 35\ncomparison: \">\"\nlevel: district\nnumerator: labour_certified\ndenominator: labour_trained"),
                ProgressInput(values: values, planUnits: [:], years: [2021, 2022, 2023]))
            #expect(rows == [
                T.row("TRAIN-CERT", "", 2021, nil, nil, 35, 2022, .noData),
                T.row("TRAIN-CERT", "", 2022, 30, 30, 35, 2022, .onTrack),
                T.row("TRAIN-CERT", "", 2023, 37.5, 30 + 5.0 / 3, 35, 2022, .met),
            ])
        }

        static let planTarget = T.target("POV-RATE-PLAN", "poor_rate", "commune_plan", "comparison: \"<=\"\nlevel: commune")
        static let plans = "POV-RATE-PLAN,02842,2021,50,true,\nPOV-RATE-PLAN,02842,2022,45,true,\nPOV-RATE-PLAN,02848,2021,30,true,\nPOV-RATE-PLAN,02848,2022,25,true,\n"
        static let planValues = ["poor_rate": [
            a: [2021: Measure(value: 48, weight: 100), 2022: Measure(value: 46, weight: 100)],
            b: [2021: Measure(value: 30, weight: 300)],
        ]]

        @Test func aCommunePlanJudgesEachCommuneAgainstItsPlannedValue() throws {
            // District 2021: value (48·100 + 30·300) ÷ 400 = 34.5, plan (50·100 + 30·300) ÷ 400 = 35: met.
            // District 2022: only a has both: 46 against 45: off track.
            let rows = try T.evaluate(Self.planTarget, plans: Self.plans,
                                      ProgressInput(values: Self.planValues, planUnits: [:], years: [2021, 2022]))
            #expect(rows == [
                T.row("POV-RATE-PLAN", "", 2021, 34.5, 35, 35, nil, .met),
                T.row("POV-RATE-PLAN", "", 2022, 46, 45, 45, nil, .offTrack),
                T.row("POV-RATE-PLAN", Self.a, 2021, 48, 50, 50, 2021, .met),
                T.row("POV-RATE-PLAN", Self.a, 2022, 46, 45, 45, 2021, .offTrack),
                T.row("POV-RATE-PLAN", Self.b, 2021, 30, 30, 30, 2021, .met),
                T.row("POV-RATE-PLAN", Self.b, 2022, nil, 25, 25, 2021, .noData),
            ])
        }

        @Test func rolledUpCommunePlansReplaceTheFileRows() throws {
            let input = ProgressInput(values: Self.planValues, planUnits: [:], years: [2021],
                                      communePlans: ["POV-RATE-PLAN": [Self.a: [2021: 47]]])
            let rows = try T.evaluate(Self.planTarget, plans: Self.plans, input)
            #expect(rows == [
                T.row("POV-RATE-PLAN", "", 2021, 48, 47, 47, nil, .offTrack),
                T.row("POV-RATE-PLAN", Self.a, 2021, 48, 47, 47, 2021, .offTrack),
            ])
        }

        // MARK: - Messages

        @Test func anOffTrackRunningTotalIsExplainedWithItsNumbers() throws {
            let (targets, _) = try TargetCatalogueTests.repositoryTargets()
            let target = try #require(targets.target("TRAIN-NEW"))
            let row = T.row("TRAIN-NEW", "", 2022, 916, 1032, 2580, 2021, .offTrack)
            let text = ProgressEvaluator.message(for: row, target: target, unitName: "Huyện Bắc Hà")
            #expect(text.vi == "Huyện Bắc Hà, năm 2022: Tuyển mới, đào tạo 2.580 lao động — lũy kế từ năm 2021 đạt 916 người, theo lộ trình cần ít nhất 1.032 người để đạt từ 2.580 người trở lên (Kế hoạch 2021–2025 huyện Bắc Hà, mục III.1).")
            #expect(text.en == "Huyện Bắc Hà, 2022: 2,580 labourers newly enrolled and trained — 916 people since 2021, where the path to at least 2,580 people needs at least 1,032 people (plan section III.1).")
        }

        @Test func anOffTrackRateIsExplainedWithDecimalsAsEachLanguageWritesThem() throws {
            let (targets, _) = try TargetCatalogueTests.repositoryTargets()
            let target = try #require(targets.target("STUNTING"))
            let row = T.row("STUNTING", Self.b, 2024, 27.5, 26.4, 25.93, 2021, .offTrack)
            let text = ProgressEvaluator.message(for: row, target: target, unitName: "Xã Lùng Phình")
            #expect(text.vi == "Xã Lùng Phình, năm 2024: Tỷ lệ trẻ em dưới 5 tuổi suy dinh dưỡng thể thấp còi giảm xuống còn 25,93% — đạt 27,5%, theo lộ trình cần không quá 26,4% để đạt không quá 25,93% (Kế hoạch 2021–2025 huyện Bắc Hà, mục III.2.2).")
            #expect(text.en == "Xã Lùng Phình, 2024: Under-5 stunting down to 25.93 % — 27.5%, where the path to at most 25.93% needs at most 26.4% (plan section III.2.2).")
            #expect(text.vi == text.vi.precomposedStringWithCanonicalMapping)
        }

        @Test func aBandWarningNamesTheScaledFloor() throws {
            let (targets, _) = try TargetCatalogueTests.repositoryTargets()
            let target = try #require(targets.target("JOBS-COMMUNE"))
            let row = T.row("JOBS-COMMUNE", Self.d, 2025, 35, 40, 40, 2024, .offTrack)
            let text = ProgressEvaluator.message(for: row, target: target, unitName: "Thị trấn Bắc Hà")
            #expect(text.en == "Thị trấn Bắc Hà, 2025: Each commune places 20–30 labourers a year in companies in or outside the province — 35 people, below the floor of 40 people (20–30 a commune a year) (plan section III.1).")
            #expect(text.vi.hasSuffix("— 35 người, dưới mức tối thiểu 40 người (20–30 mỗi xã mỗi năm) (Kế hoạch 2021–2025 huyện Bắc Hà, mục III.1)."))
        }
    }
}
