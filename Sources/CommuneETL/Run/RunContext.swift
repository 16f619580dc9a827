/// What every file of a run is read with: the compiled pipelines, their rule state, the reference data.
public final class RunContext {
    public let catalog: PipelineCatalog
    public let ruleSets: [String: RuleSet]
    /// Where per-file parts are written before they are joined into the dataset.
    public let partsFolder: String
    public let compressionLevel: Int32

    public init(catalog: PipelineCatalog, partsFolder: String, compressionLevel: Int32 = 6) throws {
        self.catalog = catalog
        var ruleSets: [String: RuleSet] = [:]
        for pipeline in catalog.pipelines { ruleSets[pipeline.name] = try RuleSet(pipeline) }
        self.ruleSets = ruleSets
        self.partsFolder = partsFolder
        self.compressionLevel = compressionLevel
    }

    /// A file-level anomaly from `file-rules.yaml`.
    func fileAnomaly(_ rule: FileRule, input: InputFile, pipeline: String?, line: Int? = nil,
                     detail: String = "", value: String = "", field: String = "", expected: String? = nil) -> Anomaly {
        let entry = catalog.fileRules.entry(rule)
        let fill = ["file": input.relativePath, "line": line.map(String.init) ?? "", "detail": detail, "value": value]
        let parts = ["file", input.relativePath] + (line.map { [String($0)] } ?? []) + (value.isEmpty ? [] : [value])
        return Anomaly(
            anomalyID: AnomalyID.make(rule: entry.id, pipeline: pipeline ?? "", field: field, recordParts: parts),
            severity: entry.severity, rule: entry.id, pipeline: pipeline ?? "", sourceFile: input.relativePath,
            sourceLine: line, communeCode: "", recordKey: "", field: field, value: value,
            expected: expected ?? entry.expected.map { MessageTemplate.fill($0.en, fill) } ?? "",
            messageVI: MessageTemplate.fill(entry.message.vi, fill), messageEN: MessageTemplate.fill(entry.message.en, fill))
    }
}
