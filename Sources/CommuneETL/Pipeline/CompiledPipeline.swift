/// A pipeline made ready for reading: every name resolved to a slot once, so the row path only indexes.
///
/// Slots number the declared fields first, then the derived ones. Built once per run by `PipelineCompiler`;
/// rules that keep state (uniqueness) live in the run's `RuleSet`, not here, so this value is shareable.
public struct CompiledPipeline: Sendable {
    public struct Slot: Sendable {
        public var name: String
        public var type: FieldType
        public var min: Int64?
        public var max: Int64?
        public var ambiguousBelow: Int64?
        public var dashIsZero = false
        /// Vietnamese label for messages: the field's first header.
        public var labelVI: String
        /// English label for messages: the name with spaces.
        public var labelEN: String
        public var description: String
        /// `enum` fields: the canonical values, sorted, and folded label → index.
        public var choices: [String] = []
        public var choiceLookup: [String: Int] = [:]
        public var isDerived: Bool
        /// Taken from the file's title or path when the file has no column for it.
        public var context: FieldContext?
        public var personal: PersonalData?
    }

    /// A column of the canonical table.
    public enum OutputColumn: Sendable, Equatable {
        case slot(Int)
        case sourceFile
        case sourceLine
        /// Provenance of a value corrected from `inbox/corrections/`: which fields, by whom, on which day.
        case correctedFields
        case correctedBy
        case correctedOn
    }

    public let definition: PipelineDefinition
    /// The YAML file it was read from, for error messages.
    public let file: String
    public let slots: [Slot]
    public let slotIndex: [String: Int]
    /// Folded header → field slot.
    public let headerLookup: [String: Int]
    /// Fields a file must have a column for (those of `required` rules).
    public let requiredSlots: [Int]
    public let outputColumns: [OutputColumn]
    public let outputNames: [String]
    public let primaryKeySlots: [Int]
    public let recordKeySlot: Int
    public let derived: [DerivedFieldDefinition]

    public var name: String { definition.name }

    public func slot(named name: String) -> Int? { slotIndex[name] }

    /// The canonical columns an output profile publishes: `public` leaves out personal fields.
    public func outputColumns(for profile: OutputProfile) -> [OutputColumn] {
        guard profile == .public else { return outputColumns }
        return outputColumns.filter { column in
            if case let .slot(slot) = column { return slots[slot].personal != .omit }
            return true
        }
    }

    public func outputNames(for profile: OutputProfile) -> [String] {
        outputColumns(for: profile).map { column in
            switch column {
            case .sourceFile: "source_file"
            case .sourceLine: "source_line"
            case .correctedFields: "corrected_fields"
            case .correctedBy: "corrected_by"
            case .correctedOn: "corrected_on"
            case let .slot(slot): slots[slot].name
            }
        }
    }

    /// The slot of an indicator rule's `indicator` field and of its number `fields`, checked once when the
    /// rule is built (`part_of`, `parts_sum`, `percent_range`).
    func indicatorRuleSlots(_ rule: RuleDefinition) throws -> (indicator: Int, numbers: [Int]) {
        guard let indicator = rule.indicator.flatMap(slot(named:)), slots[indicator].type == .indicator, !rule.fields.isEmpty else {
            throw configurationError(rule, "\(rule.check.rawValue) needs number fields and 'indicator', a field of type indicator")
        }
        return (indicator, rule.fields.compactMap(slot(named:)))
    }

    /// A configuration error in one of the pipeline's rules, located as the compiler locates its own.
    func configurationError(_ rule: RuleDefinition, _ problem: String) -> ETLError {
        let index = definition.rules.firstIndex { $0.id == rule.id }.map { "[\($0)]" } ?? ""
        return .configuration(file: file, location: "rules\(index) (\(rule.id))", problem: problem)
    }
}
