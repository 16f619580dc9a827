/// `check: classification` — the class a commune reported agrees with the one Decree 07/2021/NĐ-CP gives.
///
/// `agrees` maps each reported value to the computed classes it is consistent with (a reported
/// "Không nghèo" agrees with both `average` and `not_poor`).
final class ClassificationRule: RowRule {
    let definition: RuleDefinition
    let phase = RulePhase.record
    private let reported: Int, computed: Int, income: Int, deprivations: Int
    /// Reported choice → computed choice → whether they agree: a table, not a `Set`, since every row looks
    /// one up (hashing the computed class was ≈ 1 % of a worker's time).
    private let agreesByReportedChoice: [[Bool]]
    private let labels: [String: LocalizedText]
    private let computedChoices: [String]

    init(_ definition: RuleDefinition, pipeline: CompiledPipeline) throws {
        self.definition = definition
        func fail(_ problem: String) -> ETLError { pipeline.configurationError(definition, problem) }
        guard let reported = definition.fields.first.flatMap(pipeline.slot(named:)),
              let computedName = definition.reportField, let computed = pipeline.slot(named: computedName),
              let derived = pipeline.derived.first(where: { $0.name == computedName }),
              let income = derived.income.flatMap(pipeline.slot(named:)),
              let deprivations = derived.deprivations.flatMap(pipeline.slot(named:)) else {
            throw fail("classification needs the reported field and report_field naming the derived classification")
        }
        self.reported = reported
        self.computed = computed
        self.income = income
        self.deprivations = deprivations
        computedChoices = pipeline.slots[computed].choices
        let agrees = definition.agrees ?? [:]
        agreesByReportedChoice = try pipeline.slots[reported].choices.map { key in
            guard let classes = agrees[key] else { throw fail("agrees has no entry for '\(key)'") }
            var agreeing = [Bool](repeating: false, count: pipeline.slots[computed].choices.count)
            for name in classes {
                guard let index = pipeline.slots[computed].choices.firstIndex(of: name) else { throw fail("unknown class '\(name)'") }
                agreeing[index] = true
            }
            return agreeing
        }
        labels = pipeline.definition.classification?.labels ?? [:]
    }

    func check(_ row: RowState) {
        guard case let .choice(said) = row.values[reported], case let .choice(found) = row.values[computed],
              !agreesByReportedChoice[said][found] else { return }
        let key = computedChoices[found]
        let label = labels[key] ?? LocalizedText(vi: key, en: key)
        report(on: row, slot: reported, field: row.pipeline.slots[computed].name, placeholders: [
            "computed_vi": label.vi, "computed_en": label.en,
            "income": row.canonical(income) ?? "", "deprivations": row.canonical(deprivations) ?? "",
        ])
    }
}
