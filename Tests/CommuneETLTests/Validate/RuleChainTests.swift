import Testing
@testable import CommuneETL

struct RuleChainTests {
    /// The links of a chain, first to last.
    static func ids(_ chain: RuleChain?) -> [String] {
        var ids: [String] = []
        var link = chain
        while let current = link {
            ids.append(current.rule.definition.id)
            link = current.next
        }
        return ids
    }

    /// A chain holds its phase's rules in the order the pipeline declares them, so findings keep that order.
    @Test func chainsKeepThePipelinesOrderOfRules() throws {
        let catalog = try PipelineCatalog.load(from: RunSandbox.pipelines)
        let pipeline = try #require(catalog.pipeline(named: "household-review"))
        let rules = try RuleSet(pipeline, indicators: catalog.indicators, units: catalog.units)
        #expect(Self.ids(rules.cellChain) == rules.cellRules.map(\.definition.id))
        #expect(Self.ids(rules.recordChain) == rules.recordRules.map(\.definition.id))
        #expect(Self.ids(rules.cellChain) == ["HR-REQUIRED", "HR-TYPE", "HR-COMMUNE", "HR-CCCD"])
        #expect(Self.ids(rules.recordChain) == ["HR-UNIQUE", "HR-COUNT", "HR-CLASS", "HR-UNIT-YEAR"])
    }

    @Test func noRulesMakeNoChain() {
        #expect(RuleChain.of([]) == nil)
    }
}
