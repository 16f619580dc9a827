/// The row being checked: its record, the values read from it, and what the rules found.
///
/// One instance per file, reused for every row, so the row path allocates nothing when a row is clean.
/// Rules read values from it and report through `report(_:slot:...)`, which turns a finding into an
/// `Anomaly` (the only place where message strings are built, and only for rows that have a problem).
public final class RowState {
    public let pipeline: CompiledPipeline
    public let registry: CommuneRegistry
    public let sourceFile: String
    /// File column of each slot, nil when the file has no such column.
    public let columnOfSlot: [Int?]
    /// With `public`, the anomaly list does not repeat personal values: names are left out, identifiers
    /// replaced by their keyed hash.
    public let profile: OutputProfile
    let pseudonymizer: Pseudonymizer?
    public var record: CSVRecord!
    /// Owned by this state (freed in `deinit`).
    public let values: FieldValues
    public var normalizedTexts: [[UInt8]] = []
    /// Set when an `error` finding keeps the row out of the canonical table.
    public var hasError = false
    /// The office its anomalies go to: the pipeline's, or the office that owns the row's indicator.
    public var owner: String
    public private(set) var findings: [Anomaly] = []
    /// Corrections from `inbox/corrections/` applied to this row (its provenance columns).
    public var corrections: [Correction] = []

    public init(pipeline: CompiledPipeline, registry: CommuneRegistry, sourceFile: String, columnOfSlot: [Int?],
                profile: OutputProfile = .internal, pseudonymizer: Pseudonymizer? = nil) {
        self.pipeline = pipeline
        self.profile = profile
        self.pseudonymizer = pseudonymizer
        self.registry = registry
        self.sourceFile = sourceFile
        self.columnOfSlot = columnOfSlot
        self.values = FieldValues.allocate(count: pipeline.slots.count)
        self.owner = pipeline.definition.owner
    }

    deinit { values.deallocate() }

    public var line: Int { record.line }

    func reset(for record: CSVRecord) {
        self.record = record
        hasError = false
        if !corrections.isEmpty { corrections.removeAll() }
        // Checked first: emptying an empty array still swaps its buffer (a release each row).
        if !normalizedTexts.isEmpty { normalizedTexts.removeAll(keepingCapacity: true) }
        if !findings.isEmpty { findings.removeAll(keepingCapacity: true) }
    }

    /// The cell of `slot` as written (empty when the file has no such column).
    public func written(_ slot: Int) -> String {
        guard let column = columnOfSlot[slot] else { return "" }
        return record.string(column).trimmingSpaces
    }

    /// The canonical text of a valid value, for keys and messages.
    public func canonical(_ slot: Int) -> String? {
        switch values[slot] {
        case let .integer(value): String(value)
        case let .decimal(units, scale): String(decoding: Self.bytes { DecimalReading.value(units: units, scale: scale).appendCanonical(to: &$0) }, as: UTF8.self)
        case let .date(year, month, day): String(decoding: Self.bytes { DateReading.value(year: year, month: month, day: day).appendISO(to: &$0) }, as: UTF8.self)
        case let .flag(value): value ? "1" : "0"
        case let .choice(index):
            pipeline.slots[slot].type == .commune ? registry.communes[index].code : pipeline.slots[slot].choices[index]
        case let .text(column): record.string(column).trimmingSpaces
        case let .normalizedText(index): String(decoding: normalizedTexts[index], as: UTF8.self)
        case .missing, .invalid: nil
        }
    }

    private static func bytes(_ write: (inout [UInt8]) -> Void) -> [UInt8] {
        var bytes: [UInt8] = []
        write(&bytes)
        return bytes
    }

    /// Records a finding of `rule` on `slot`.
    /// - Parameters:
    ///   - field: the canonical field the anomaly names (defaults to the slot's own name).
    ///   - placeholders: extra `{name}` values for the rule's message and expected text.
    ///   - expected: the expected text when the rule does not declare one.
    public func report(
        _ rule: RuleDefinition, slot: Int, field: String? = nil,
        placeholders: [String: String] = [:], expected: LocalizedText? = nil
    ) {
        let label = pipeline.slots[slot]
        let value = shown(written(slot), slot: slot)
        // The values of the templates' placeholders, as a short list (the first of a name wins, so the row's
        // own values stand over a rule's of the same name): a dictionary hashed every name it stored and
        // looked up.
        var fill: [(name: String, value: String)] = [
            ("value", value.isEmpty && !written(slot).isEmpty ? "…" : value),
            ("field_vi", label.labelVI), ("field_en", label.labelEN),
        ]
        for (name, value) in placeholders { fill.append((name, value)) }
        let expectedText = rule.expected.map {
            LocalizedText(vi: MessageTemplate.fill($0.vi, fill), en: MessageTemplate.fill($0.en, fill))
        } ?? expected ?? LocalizedText(vi: "", en: "")
        fill.insert(contentsOf: [("expected_vi", expectedText.vi), ("expected_en", expectedText.en)], at: 0)
        let fieldName = field ?? label.name
        let keyParts = recordKeyParts()
        findings.append(Anomaly(
            anomalyID: AnomalyID.make(rule: rule.id, pipeline: pipeline.name, field: fieldName, recordParts: keyParts),
            severity: rule.severity, rule: rule.id, pipeline: pipeline.name, sourceFile: sourceFile, sourceLine: line,
            communeCode: communeCode, recordKey: shown(written(pipeline.recordKeySlot), slot: pipeline.recordKeySlot),
            field: fieldName, value: value,
            expected: expectedText.en.isEmpty ? "" : expectedText.en,
            messageVI: MessageTemplate.fill(rule.message.vi, fill).capitalizingFirstLetter,
            messageEN: MessageTemplate.fill(rule.message.en, fill).capitalizingFirstLetter, owner: owner))
        if rule.severity == .error {
            hasError = true
        } else if !label.isDerived {
            // A value known to be wrong is never published: the row stays, the cell is written empty.
            values[slot] = .invalid(.rejected)
        }
    }

    /// A cell as the anomaly list may show it: with the `public` profile, a name is left out and an
    /// identifier replaced by its keyed hash.
    func shown(_ text: String, slot: Int) -> String {
        guard profile == .public, !text.isEmpty else { return text }
        switch pipeline.slots[slot].personal {
        case .omit: return ""
        case .pseudonymize: return pseudonymizer?.pseudonym(text) ?? ""
        case nil: return text
        }
    }

    /// The commune code of the row, or empty when it did not resolve.
    public var communeCode: String {
        for slot in pipeline.primaryKeySlots where pipeline.slots[slot].type == .commune {
            if case let .choice(index) = values[slot] { return registry.communes[index].code }
        }
        return ""
    }

    /// Names the record for anomaly ids: its key parts, or its file and line when the key is blank.
    func recordKeyParts() -> [String] {
        let key = written(pipeline.recordKeySlot)
        if key.isEmpty { return ["file", sourceFile, String(line)] }
        return pipeline.primaryKeySlots.map { shown(canonical($0) ?? written($0), slot: $0) }
    }
}

extension String {
    /// Messages may open with a field label (`{field_en}` is lower case): a sentence starts with a capital.
    var capitalizingFirstLetter: String {
        // A message opening with an ASCII byte other than a–z is returned as it is: no `Character` is made
        // (every anomaly capitalizes two messages).
        if let byte = utf8.first, byte < 0x80, !(UInt8(ascii: "a")...UInt8(ascii: "z")).contains(byte) { return self }
        guard let first else { return self }
        return first.uppercased() + dropFirst()
    }

    var trimmingSpaces: String {
        // Nothing to trim, the usual case (the CSV reader trims unquoted cells): the string as it is.
        if utf8.first != 0x20, utf8.last != 0x20 { return self }
        var view = Substring(self)
        while view.first == " " { view = view.dropFirst() }
        while view.last == " " { view = view.dropLast() }
        return String(view)
    }
}
