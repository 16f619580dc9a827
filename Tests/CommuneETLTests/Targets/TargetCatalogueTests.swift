import Foundation
import Testing
@testable import CommuneETL

extension Targets {
    /// The repository's targets, and the mistakes in `targets.yaml` and `commune-targets.csv` the loader refuses.
    struct TargetCatalogueTests {
        static func repositoryTargets() throws -> (TargetCatalogue, IndicatorCatalogue) {
            var hashed: [UInt8] = []
            let indicators = try IndicatorCatalogue.load(from: RepositoryPaths.pipelines, hashInto: &hashed)
            return (try TargetCatalogue.load(from: RepositoryPaths.pipelines, indicators: indicators, hashInto: &hashed), indicators)
        }

        /// Every id of plan-targets.md's tables (copied here: tests do not read the shared notes).
        static let planIDs = [
            "POV-RATE", "POV-2025", "POV-HIGH", "NEARPOOR", "NTM-POV", "TRAIN-ALL",
            "TRAIN-NEW", "TRAIN-CERT", "JOBS", "JOBS-COMMUNE", "ABROAD", "AGRI-VALUE", "GRAIN", "MEAT", "OCOP", "FOREST",
            "HITECH", "TOURISM",
            "SCH-FACIL", "SCH-BUILD", "SCH-EQUIP", "NTM-5-14", "ENROL", "UNIVERSAL", "LITERACY",
            "HEALTH-COMM", "STUNTING", "UNDERWEIGHT", "INSURANCE",
            "HOUSES", "HOUSING-STD", "WATER-WORKS", "WATER", "WASTE", "LATRINES", "INFO",
        ]

        @Test(arguments: planIDs)
        func everyTargetOfThePlanIsListed(id: String) throws {
            let (targets, _) = try Self.repositoryTargets()
            #expect(targets.targets.contains { $0.id == id || $0.id.hasPrefix(id + "-") })
        }

        @Test func theFundingOfSectionVIsListedWithItsParts() throws {
            let (targets, indicators) = try Self.repositoryTargets()
            #expect(targets.target("FUND-TOTAL")?.value == 194_127)
            #expect((targets.target("FUND-BUDGET")?.value ?? 0) + (targets.target("FUND-CREDIT")?.value ?? 0) == 194_127)
            #expect(indicators.indicator("funding_total")?.parts == ["funding_state_budget", "funding_credit", "funding_other"])
        }

        @Test func everyTargetCitesThePlanAndReadsAKnownIndicator() throws {
            let (targets, indicators) = try Self.repositoryTargets()
            #expect(targets.targets.count == 70)
            for target in targets.targets {
                #expect(target.source == "Kế hoạch 2021–2025 huyện Bắc Hà, mục \(target.section)", "\(target.id)")
                #expect(indicators.indicator(target.indicator) != nil, "\(target.id)")
                #expect(!target.unit.vi.isEmpty && !target.unit.en.isEmpty, "\(target.id)")
            }
        }

        @Test func theCommunePlansAreSampleValuesForTheNineteenUnitsOverFiveYears() throws {
            let (targets, _) = try Self.repositoryTargets()
            let plans = targets.communeTargets
            #expect(plans.count == 19 * 5)
            #expect(plans.allSatisfy { $0.sample && $0.targetID == "POV-RATE-PLAN" })
            #expect(Set(plans.map(\.communeCode)).count == 19)
            #expect(Set(plans.map(\.year)) == [2021, 2022, 2023, 2024, 2025])
        }

        typealias Edit = PipelinesEdit

        static let refused: [Edit] = [
            Edit(file: "targets.yaml", find: "    comparison: \">\"\n    level: district\n  - id: POV-RATE-PLAN",
                 replace: "    comparision: \">\"\n    level: district\n  - id: POV-RATE-PLAN",
                 location: "line 42: targets[0].comparision",
                 problem: "unknown key 'comparision'; known keys: baseline_at_least, comparison, denominator, id, indicator, kind, level, max, note, numerator, sample, section, source, threshold, title, value"),
            Edit(file: "targets.yaml", find: "    indicator: poor_households\n", replace: "    indicator: poor_household\n",
                 location: "targets[2] (POV-2025).indicator", problem: "unknown indicator 'poor_household'"),
            Edit(file: "targets.yaml", find: "    max: 30\n", replace: "",
                 location: "targets[10] (JOBS-COMMUNE)", problem: "a target of kind band needs 'max'"),
            Edit(file: "targets.yaml", find: "    kind: average_reduction\n    value: 7\n", replace: "    kind: cumulative\n    value: 7\n",
                 location: "targets[0] (POV-RATE).indicator", problem: "a cumulative target sums a yearly count; 'poor_rate' is a rate"),
            Edit(file: "targets.yaml", find: "    baseline_at_least: 40\n", replace: "    baseline_at_least: 40\n    max: 50\n",
                 location: "targets[3] (POV-HIGH).max", problem: "a target of kind average_reduction takes no 'max'"),
            Edit(file: "commune-targets.csv", find: "POV-RATE-PLAN,02842,2022,", replace: "POV-RATE-PLANS,02842,2022,",
                 location: "line 8: target_id", problem: "unknown target 'POV-RATE-PLANS'"),
            Edit(file: "commune-targets.csv", find: "POV-RATE-PLAN,02842,2022,", replace: "POV-RATE,02842,2022,",
                 location: "line 8: target_id", problem: "the target 'POV-RATE' is not a commune_plan target"),
            Edit(file: "commune-targets.csv", find: "POV-RATE-PLAN,02842,2022,42.6,", replace: "POV-RATE-PLAN,02842,2022,42,6,",
                 location: "line 8", problem: "7 cells where the header has 6"),
        ]

        @Test(arguments: refused)
        func aMalformedTargetFileIsRefusedWithItsFileAndLocation(edit: Edit) throws {
            let scratch = try ScratchFolder()
            let (folder, file) = try edit.applied(in: scratch)
            var hashed: [UInt8] = []
            let indicators = try IndicatorCatalogue.load(from: folder, hashInto: &hashed)
            #expect(throws: ETLError.configuration(file: file, location: edit.location, problem: edit.problem)) {
                _ = try TargetCatalogue.load(from: folder, indicators: indicators, hashInto: &hashed)
            }
        }
    }
}
