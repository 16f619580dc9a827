import Foundation

/// What every file of a run is read with: the compiled pipelines, their rule state, the reference data.
public final class RunContext {
    public let catalog: PipelineCatalog
    public let ruleSets: [String: RuleSet]
    /// Where per-file parts are written before they are joined into the dataset.
    public let partsFolder: String
    public let compressionLevel: Int32
    public let profile: OutputProfile
    /// The keyed hash of identifiers for the `public` profile (required by it).
    public let pseudonymizer: Pseudonymizer?
    public let limits: InputLimits
    /// Words that, decoded right, a commune export is likely to hold (headers, commune names): evidence
    /// for the encoding detector.
    public let knownWords: [String]
    /// Corrections from `inbox/corrections/`, applied to their records as files are read.
    public let corrections: CorrectionSet
    /// Threads that read the rows of one large file (`SegmentedReading`); 1 reads every file on one thread.
    public let readThreads: Int
    /// Text per segment of a file read on several threads; a file is split only if it holds four or more.
    public let segmentBytes: Int
    /// How many anomalies a file's log keeps in memory before spilling them to `partsFolder`; nil: never
    /// (`commune-etl check`, tests of one file).
    public let anomalyBuffer: Int?

    public init(catalog: PipelineCatalog, partsFolder: String, compressionLevel: Int32 = 6,
                profile: OutputProfile = .internal, pseudonymizer: Pseudonymizer? = nil,
                limits: InputLimits = InputLimits(), corrections: CorrectionSet = CorrectionSet(),
                readThreads: Int = RunContext.defaultReadThreads, segmentBytes: Int = RunContext.defaultSegmentBytes,
                anomalyBuffer: Int? = nil) throws {
        self.corrections = corrections
        self.readThreads = max(1, readThreads)
        self.segmentBytes = max(1, segmentBytes)
        self.anomalyBuffer = anomalyBuffer
        try Self.check(profile: profile, pseudonymizer: pseudonymizer)
        self.profile = profile
        self.pseudonymizer = pseudonymizer
        self.limits = limits
        knownWords = Array(Set(catalog.pipelines.flatMap { $0.definition.fields.flatMap(\.headers) }
            + catalog.registry.communes.map(\.name))).sorted()
        self.catalog = catalog
        var ruleSets: [String: RuleSet] = [:]
        for pipeline in catalog.pipelines { ruleSets[pipeline.name] = try RuleSet(pipeline, indicators: catalog.indicators, units: catalog.units) }
        self.ruleSets = ruleSets
        self.partsFolder = partsFolder
        self.compressionLevel = compressionLevel
    }

    /// Text per segment: large enough that a segment's fixed costs vanish, small enough that the segments
    /// in flight stay a few MiB.
    public static let defaultSegmentBytes = 1 << 19

    /// One reading thread per active processor, unless `COMMUNE_ETL_READ_THREADS` names another count: the
    /// outputs are the same whatever the count (`make bench` checks it against a run on one thread).
    public static var defaultReadThreads: Int {
        if let forced = getenv("COMMUNE_ETL_READ_THREADS").flatMap({ Int(String(cString: $0)) }), forced >= 1 { return forced }
        return max(1, ProcessInfo.processInfo.activeProcessorCount)
    }

    /// No key, no public profile: identifiers are never published in clear nor hashed without a secret.
    public static func check(profile: OutputProfile, pseudonymizer: Pseudonymizer?) throws {
        guard profile == .internal || pseudonymizer != nil else {
            throw ETLError.configuration(file: "--profile public", location: "", problem:
                "the public profile needs a pseudonym key: give --pseudonym-key-file FILE, pseudonym_key_file in --config, or COMMUNE_ETL_PSEUDONYM_KEY")
        }
    }

    /// The anomaly log of the file at `index` in the run: spilled to `parts/<index>.anomalies`.
    func anomalyLog(forFile index: Int) -> AnomalyLog {
        guard let anomalyBuffer else { return AnomalyLog() }
        let digits = String(index)
        let name = String(repeating: "0", count: max(0, 6 - digits.count)) + digits
        return AnomalyLog(spillingTo: partsFolder + "/" + name + ".anomalies", bufferSize: anomalyBuffer)
    }

    /// A log of records of the night that spills like the files' (the history and the lists for people),
    /// to `parts/<name>.records`; `share` logs filled at once share one file's buffer.
    func recordLog<Format: SpillFormat & SendableMetatype>(_ name: String, share: Int = 1) -> SpillLog<Format> {
        recordLogMaker(share: share)(name)
    }

    /// `recordLog` as a function that another thread may call (the context itself stays on this one).
    func recordLogMaker<Format: SpillFormat & SendableMetatype>(share: Int = 1) -> @Sendable (String) -> SpillLog<Format> {
        let folder = partsFolder, buffer = anomalyBuffer
        return { name in
            guard let buffer else { return SpillLog() }
            return SpillLog(spillingTo: folder + "/" + name + ".records", bufferSize: max(1, buffer / share))
        }
    }

    /// A file-level anomaly from `file-rules.yaml`.
    /// - Parameters:
    ///   - detail: the code of one of the rule's `details`, or nil.
    ///   - values: placeholders for the detail and the message (`{count}`, `{column}` …).
    func fileAnomaly(_ rule: FileRule, input: InputFile, pipeline: String?, line: Int? = nil, detail: String? = nil,
                     values: [String: String] = [:], value: String = "", field: String = "") -> Anomaly {
        let entry = catalog.fileRules.entry(rule)
        var fill = values
        fill["file"] = input.relativePath
        fill["line"] = line.map(String.init) ?? ""
        fill["value"] = value
        let detailText = detail.flatMap { entry.details?[$0] }
        var fillVI = fill, fillEN = fill
        fillVI["detail"] = detailText.map { MessageTemplate.fill($0.vi, fill) } ?? ""
        fillEN["detail"] = detailText.map { MessageTemplate.fill($0.en, fill) } ?? ""
        let parts = ["file", input.relativePath] + (line.map { [String($0)] } ?? []) + (value.isEmpty ? [] : [value])
        let owner = pipeline.flatMap { catalog.pipeline(named: $0)?.definition.owner } ?? ""
        return Anomaly(
            anomalyID: AnomalyID.make(rule: entry.id, pipeline: pipeline ?? "", field: field, recordParts: parts),
            severity: entry.severity, rule: entry.id, pipeline: pipeline ?? "", sourceFile: input.relativePath,
            sourceLine: line, communeCode: "", recordKey: "", field: field, value: value,
            expected: entry.expected.map { MessageTemplate.fill($0.en, fillEN) } ?? "",
            messageVI: MessageTemplate.fill(entry.message.vi, fillVI), messageEN: MessageTemplate.fill(entry.message.en, fillEN),
            owner: owner)
    }

    /// The file-level anomaly for a reader that stopped: broken CSV (`FILE-CSV`) or a limit (`FILE-LIMIT`).
    func csvFailure(_ error: CSVSyntaxError, input: InputFile, pipeline: CompiledPipeline) -> Anomaly {
        guard error.isLimit else {
            return fileAnomaly(.csv, input: input, pipeline: pipeline.name, line: error.line, detail: error.detail)
        }
        let limit = error.detail == "field_too_large" ? limits.maxFieldBytes : limits.maxColumns
        return fileAnomaly(.limit, input: input, pipeline: pipeline.name, line: error.line, detail: error.detail,
                           values: ["limit": String(limit)])
    }
}
