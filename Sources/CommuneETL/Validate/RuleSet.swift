/// The rules of one pipeline for one run, built from its declarations, in the order they run.
///
/// Built per run because some rules keep state across files (uniqueness).
public final class RuleSet {
    public let cellRules: [any RowRule]
    public let recordRules: [any RowRule]
    /// `cellRules` and `recordRules` as chains, for the row path.
    let cellChain: RuleChain?
    let recordChain: RuleChain?
    /// Rules that compare a total row with the rows above it (`check: total`).
    let totalRules: [TotalRule]
    /// Rules that also check a total row as a row: its cells must read, its rates must be right.
    let totalRowRules: [any RowRule]

    /// The uniqueness rules, in order (empty in a set that probes keys).
    let uniqueRules: [UniqueRule]
    /// In a set for a worker thread, what stands in for `uniqueRules`, in the same order.
    let keyProbes: [UniqueKeyProbe]
    /// Whether a file of this pipeline can be read in segments on several threads: every rule judges each
    /// row alone, uniqueness aside (its keys are probed on the workers and registered in order).
    let readsSegments: Bool

    /// - Parameter indicators: the catalogue the indicator rules (`indicator_unit`, `part_of`, `parts_sum`) read.
    /// - Parameter units: the communes over time, for `unit_in_year`.
    /// - Parameter probingKeys: for a worker thread: `UniqueKeyProbe`s instead of `UniqueRule`s.
    public init(_ pipeline: CompiledPipeline, indicators: IndicatorCatalogue? = nil, units: AdministrativeUnits? = nil,
                probingKeys: Bool = false) throws {
        func catalogue(_ definition: RuleDefinition) throws -> IndicatorCatalogue {
            guard let indicators else { throw pipeline.configurationError(definition, "this rule needs the indicator catalogue") }
            return indicators
        }
        var rules: [any RowRule] = []
        for definition in pipeline.definition.rules {
            switch definition.check {
            case .required: rules.append(RequiredRule(definition, pipeline: pipeline))
            case .type: rules.append(TypeRule(definition, pipeline: pipeline))
            case .reference: rules.append(ReferenceRule(definition, pipeline: pipeline))
            case .pattern: rules.append(try PatternRule(definition, pipeline: pipeline))
            case .compare: rules.append(try CompareRule(definition, pipeline: pipeline))
            case .classification: rules.append(try ClassificationRule(definition, pipeline: pipeline))
            case .unique:
                rules.append(probingKeys ? UniqueKeyProbe(definition, pipeline: pipeline) : UniqueRule(definition, pipeline: pipeline))
            case .rate: rules.append(try RateRule(definition, pipeline: pipeline))
            case .total: rules.append(try TotalRule(definition, pipeline: pipeline))
            case .indicatorUnit: rules.append(try IndicatorUnitRule(definition, pipeline: pipeline, indicators: try catalogue(definition)))
            case .partOf: rules.append(try PartOfRule(definition, pipeline: pipeline, indicators: try catalogue(definition)))
            case .unitInYear:
                guard let units else { throw pipeline.configurationError(definition, "this rule needs the communes over time") }
                rules.append(try UnitInYearRule(definition, pipeline: pipeline, units: units))
            case .percentRange: rules.append(try PercentRangeRule(definition, pipeline: pipeline, indicators: try catalogue(definition)))
            case .partsSum: rules.append(try PartsSumRule(definition, pipeline: pipeline, indicators: try catalogue(definition)))
            case .flow, .reconcile, .unitInForce: break  // run by `TableChecks` after every file is read
            }
        }
        cellRules = rules.filter { $0.phase == .cells }
        recordRules = rules.filter { $0.phase == .record }
        cellChain = RuleChain.of(cellRules)
        recordChain = RuleChain.of(recordRules)
        totalRules = rules.compactMap { $0 as? TotalRule }
        totalRowRules = rules.filter { $0 is TypeRule || $0 is RateRule }
        uniqueRules = rules.compactMap { $0 as? UniqueRule }
        keyProbes = rules.compactMap { $0 as? UniqueKeyProbe }
        readsSegments = rules.allSatisfy { $0.judgesRowsAlone || $0 is UniqueRule || $0 is UniqueKeyProbe }
    }

    /// Findings of the rules that compare rows only when the file ends.
    func findingsAtEnd() -> [Anomaly] { (cellRules + recordRules).flatMap { $0.findingsAtEnd() } }

    public func endFile(accepted: Bool) {
        for rule in cellRules + recordRules { rule.endFile(accepted: accepted) }
    }

    private var ledgerRules: [any LedgerKeepingRule] { (cellRules + recordRules).compactMap { $0 as? any LedgerKeepingRule } }

    /// The ledgers of the file just read, by rule id, for the incremental cache.
    public func takeLedgers() -> [String: RuleLedger] {
        Dictionary(uniqueKeysWithValues: ledgerRules.map { ($0.definition.id, $0.takeLedger()) })
    }

    /// Whether a file's cached ledgers replay exactly now (see `LedgerKeepingRule.canReplay`).
    public func canReplay(_ ledgers: [String: RuleLedger]) -> Bool {
        ledgerRules.allSatisfy { rule in ledgers[rule.definition.id].map(rule.canReplay) ?? false }
    }

    public func replay(_ ledgers: [String: RuleLedger], file: String) {
        for rule in ledgerRules { if let ledger = ledgers[rule.definition.id] { rule.replay(ledger, file: file) } }
    }
}
