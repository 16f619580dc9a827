import Testing
@testable import CommuneETL

/// What `commune-etl explain` shows: every rule and every target, with its source and effect.
@Suite struct RuleExplanationTests {
    private static func entries() throws -> [RuleExplanation] {
        RuleExplanation.all(in: try PipelineCatalog.load(from: RepositoryPaths.pipelines))
    }

    @Test func everyRuleAndTargetIsExplainedOnce() throws {
        let ids = try Self.entries().map(\.id)
        #expect(Set(ids).count == ids.count)
        for id in ["HR-CLASS", "PS-TOTAL", "PS-RECON", "IR-PART", "FILE-HEADER", "CORR-STALE", "ACCEPT-ERROR", "POV-RATE", "TRAIN-NEW"] {
            #expect(ids.contains(id), "\(id)")
        }
    }

    @Test(arguments: [
        ("PS-TOTAL", "effect:   the file's commune totals are not published (poverty_communes); the villages stay"),
        ("PS-UNIT-DATE", "effect:   the whole file is held back"),
        ("IR-PARTS", "effect:   reported only; the values stay as written"),
        ("HR-CLASS", "effect:   the row is left out of the canonical table"),
        ("POV-RATE", "checks:   average_reduction of poor_rate > 7, district level"),
    ])
    func eachExplanationSaysWhatAFindingDoes(id: String, line: String) throws {
        let entry = try #require(try Self.entries().first { $0.id == id })
        #expect(entry.text.split(separator: "\n").map(String.init).contains(line))
    }
}
