/// One row of a facts table such as `poverty_communes`: a commune's sums for a year, from one file.
public struct CommuneTotals: Sendable, Equatable {
    public var code: String
    public var year: Int
    /// Rows (villages) the sums cover.
    public var rows: Int
    public var sums: [String: Double]
    /// Whether the sums agree with the other sheet they were reconciled with; nil when there was none.
    public var reconciled: Bool?
    public var file: String
    /// The file's date: the commune named must be in force on it, and progress rolls up from it.
    public var date: String
}

/// What the checks over the whole run produced besides anomalies: each facts table's rows.
public struct TableResults: Sendable {
    /// Pipeline name → its facts table's rows (in run order, one per commune and year).
    public var totals: [String: [CommuneTotals]] = [:]
    /// The plan's progress: one row per target, unit and year (`target_progress`).
    public var progress: [TargetProgress] = []
    /// Warnings of the run as a whole, not of one file: targets off track.
    public var anomalies: [Anomaly] = []
}

/// Runs the checks that need every file of the run (`unit_in_force`, `reconcile`, `flow`) and builds the
/// facts tables, after every file is read and before anything is written.
///
/// A file naming a unit not in force on its date is held back here: its part is dropped, so nothing of it
/// reaches the dataset. Anomalies go to the outcome of the file they concern, so the lists stay ordered by
/// file; they are not cached with the file, since they depend on the others.
public struct TableChecks {
    let catalog: PipelineCatalog

    public init(catalog: PipelineCatalog) { self.catalog = catalog }

    public func run(_ outcomes: inout [FileOutcome]) -> TableResults {
        let units = catalog.units
        for pipeline in catalog.pipelines {
            for rule in pipeline.definition.rules where rule.check == .unitInForce {
                let check = UnitInForceCheck(finding: TableFinding(rule: rule, pipeline: pipeline), units: units)
                for (index, anomaly) in check.run(CommuneYearFacts.collect(outcomes, pipeline: pipeline)) {
                    outcomes[index].anomalies.append(anomaly)
                    holdBack(&outcomes[index])
                }
            }
        }
        var results = TableResults()
        var indicatorFacts: [(code: String, year: Int, indicator: String, date: String, achieved: Double)] = []
        for pipeline in catalog.pipelines {
            let facts = CommuneYearFacts.collect(outcomes, pipeline: pipeline)
                .filter { !outcomes[$0.outcome].totalRowDisagrees }
            var disagreeing = Set<String>()
            var reconciledAny = Set<String>()
            for rule in pipeline.definition.rules {
                let finding = TableFinding(rule: rule, pipeline: pipeline)
                let found: [(outcome: Int, anomaly: Anomaly)]
                switch rule.check {
                case .flow: found = FlowCheck(finding: finding, units: units).run(facts)
                case .reconcile:
                    guard let other = rule.with.flatMap(catalog.pipeline(named:)) else { continue }
                    let lists = CommuneYearFacts.collect(outcomes, pipeline: other)
                    let listed = Set(lists.map { "\($0.code)|\($0.year)" })
                    reconciledAny.formUnion(facts.map { "\($0.code)|\($0.year)" }.filter(listed.contains))
                    found = ReconcileCheck(finding: finding).run(summaries: facts, lists: lists)
                    disagreeing.formUnion(found.map { "\($0.anomaly.communeCode)|\(outcomes[$0.outcome].input.relativePath)" })
                default: continue
                }
                for (index, anomaly) in found { outcomes[index].anomalies.append(anomaly) }
            }
            if let valueField = pipeline.definition.facts?.value,
               let indicatorIndex = pipeline.definition.facts?.by.firstIndex(where: { pipeline.slot(named: $0).map { pipeline.slots[$0].type == .indicator } ?? false }) {
                for fact in facts {
                    guard let value = fact.group.sums[valueField], fact.group.keptRows > 0 else { continue }
                    indicatorFacts.append((fact.code, fact.year, fact.group.key[indicatorIndex], fact.date, value))
                }
            }
            guard pipeline.definition.facts?.table != nil else { continue }
            var seen = Set<String>()
            results.totals[pipeline.name] = facts.filter(\.isComplete).compactMap { fact in
                // Two complete files for one commune and year: the first in run order stands.
                guard seen.insert("\(fact.code)|\(fact.year)").inserted else { return nil }
                let key = "\(fact.code)|\(fact.year)"
                let reconciled: Bool? = reconciledAny.contains(key) ? !disagreeing.contains("\(fact.code)|\(fact.file)") : nil
                return CommuneTotals(code: fact.code, year: fact.year, rows: fact.group.keptRows, sums: fact.group.sums,
                                     reconciled: reconciled, file: fact.file, date: fact.date)
            }
        }
        let summaries = results.totals.values.flatMap { $0 }.sorted { ($0.code, $0.year, $0.file) < ($1.code, $1.year, $1.file) }
        (results.progress, results.anomalies) = ProgressStage(catalog: catalog, targets: catalog.targets)
            .run(totals: summaries, indicatorFacts: indicatorFacts)
        return results
    }

    /// Drops everything a file contributed: its rows, its facts.
    private func holdBack(_ outcome: inout FileOutcome) {
        outcome.refused = true
        outcome.rowsKept = 0
        outcome.partPath = nil
        outcome.facts = []
    }
}
