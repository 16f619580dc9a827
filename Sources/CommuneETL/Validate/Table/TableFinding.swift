/// Builds the anomaly of a check that runs over the whole run (a file against another, a year against the
/// one before) from its rule in the pipeline's YAML, as `RowState.report` does for a row.
struct TableFinding {
    let rule: RuleDefinition
    let pipeline: CompiledPipeline

    /// - Parameters:
    ///   - field: the canonical field the anomaly names; its labels fill `{field_vi}` and `{field_en}`.
    ///   - keyParts: what names the record for the anomaly id (commune, year, …), stable across nights.
    func anomaly(file: String, line: Int?, commune: String, recordKey: String, field: String, value: String,
                 keyParts: [String], placeholders: [String: String]) -> Anomaly {
        var fill = placeholders
        fill["value"] = value
        if let slot = pipeline.slot(named: field) {
            fill["field_vi"] = pipeline.slots[slot].labelVI
            fill["field_en"] = pipeline.slots[slot].labelEN
        }
        let expectedEN = rule.expected.map { MessageTemplate.fill($0.en, fill) } ?? ""
        return Anomaly(
            anomalyID: AnomalyID.make(rule: rule.id, pipeline: pipeline.name, field: field, recordParts: keyParts),
            severity: rule.severity, rule: rule.id, pipeline: pipeline.name, sourceFile: file, sourceLine: line,
            communeCode: commune, recordKey: recordKey, field: field, value: value, expected: expectedEN,
            messageVI: MessageTemplate.fill(rule.message.vi, fill).capitalizingFirstLetter,
            messageEN: MessageTemplate.fill(rule.message.en, fill).capitalizingFirstLetter, owner: pipeline.definition.owner)
    }
}
