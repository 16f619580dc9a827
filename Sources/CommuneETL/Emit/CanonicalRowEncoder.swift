/// Writes a checked row as a line of the canonical CSV: UTF-8 NFC, comma, minimal quoting, LF, plain numbers.
///
/// Values go from the record's bytes to the output buffer without becoming `String`s. Codes and class names
/// are encoded once, here, as bytes.
final class CanonicalRowEncoder {
    /// A column of the output with what writing it needs settled once per file, not per row and column.
    private enum Step {
        case value(slot: Int)
        /// A personal value written as its keyed hash (the `public` profile).
        case pseudonym(slot: Int)
        case sourceFile, sourceLine, correctedFields, correctedBy, correctedOn
    }

    private let steps: [Step]
    /// The bytes of every choice label and commune code back to back, and where each is, per slot and
    /// choice: one flat array, so that writing a choice retains no array of its own (a row writes a dozen).
    private let labelBytes: [UInt8]
    private let labelRanges: [[Range<Int>]]
    private let sourceFile: [UInt8]
    /// With the `public` profile, the key of the slots written as keyed hashes.
    private let pseudonymizer: Pseudonymizer?
    /// The row being encoded: appended to the caller's buffer whole (see `ByteOutput`).
    private var line = FlatStorage<UInt8>(capacity: 4096)

    init(pipeline: CompiledPipeline, registry: CommuneRegistry, sourceFile: String, profile: OutputProfile,
         pseudonymizer: Pseudonymizer? = nil) {
        steps = pipeline.outputColumns(for: profile).map { column in
            switch column {
            case let .slot(slot):
                profile == .public && pipeline.slots[slot].personal == .pseudonymize ? .pseudonym(slot: slot) : .value(slot: slot)
            case .sourceFile: .sourceFile
            case .sourceLine: .sourceLine
            case .correctedFields: .correctedFields
            case .correctedBy: .correctedBy
            case .correctedOn: .correctedOn
            }
        }
        self.pseudonymizer = pseudonymizer
        var labelBytes: [UInt8] = []
        labelRanges = pipeline.slots.map { slot in
            let labels = slot.type == .commune ? registry.communes.map(\.code) : slot.choices
            return labels.map { label in
                let start = labelBytes.count
                labelBytes += label.utf8
                return start..<labelBytes.count
            }
        }
        self.labelBytes = labelBytes
        var quoted: [UInt8] = []
        CSVQuoting.append(field: sourceFile, to: &quoted)
        self.sourceFile = quoted
    }

    /// The header line of the canonical table.
    static func headerLine(_ pipeline: CompiledPipeline, profile: OutputProfile) -> [UInt8] {
        Array((pipeline.outputNames(for: profile).joined(separator: ",") + "\n").utf8)
    }

    func append(_ row: RowState, to buffer: inout [UInt8]) {
        let record = row.record!, values = row.values
        line.truncate(to: 0)
        steps.withUnsafeBufferPointer { steps in
            for position in steps.indices {
                if position > 0 { line.append(UInt8(ascii: ",")) }
                switch steps[position] {
                case let .value(slot): appendValue(values[slot], slot: slot, record: record, row: row, to: &line)
                case .sourceFile: sourceFile.withUnsafeBufferPointer { line.append(contentsOf: $0) }
                case .sourceLine: DecimalDigits.append(Int64(record.line), to: &line)
                case .correctedFields where !row.corrections.isEmpty:
                    CSVQuoting.append(field: row.corrections.map(\.field).joined(separator: ";"), to: &line)
                case .correctedBy where !row.corrections.isEmpty:
                    CSVQuoting.append(field: Array(Set(row.corrections.map(\.correctedBy))).sorted().joined(separator: ";"), to: &line)
                case .correctedOn where !row.corrections.isEmpty:
                    CSVQuoting.append(field: row.corrections.map(\.correctedOn).max() ?? "", to: &line)
                case .correctedFields, .correctedBy, .correctedOn: break
                case let .pseudonym(slot):
                    var plain: [UInt8] = []
                    appendValue(values[slot], slot: slot, record: record, row: row, to: &plain)
                    if !plain.isEmpty, let pseudonymizer {
                        plain.withUnsafeBytes(pseudonymizer.pseudonym).withUnsafeBufferPointer { line.append(contentsOf: $0) }
                    }
                }
            }
        }
        line.append(UInt8(ascii: "\n"))
        buffer.append(contentsOf: line.buffer(0..<line.count))
    }

    @inline(__always)
    private func appendValue<Output: ByteOutput & ~Copyable>(_ value: FieldValue, slot: Int, record: CSVRecord, row: RowState,
                                                            to buffer: inout Output) {
        switch value {
        case .missing, .invalid: break
        case let .text(column): CSVQuoting.append(field: record.trimmedField(column), to: &buffer)
        case let .normalizedText(index): CSVQuoting.append(field: row.normalizedTexts[index], to: &buffer)
        case let .integer(number): DecimalDigits.append(number, to: &buffer)
        case let .decimal(units, scale): DecimalReading.value(units: units, scale: scale).appendCanonical(to: &buffer)
        case let .date(year, month, day): DateReading.value(year: year, month: month, day: day).appendISO(to: &buffer)
        case let .flag(marked): buffer.append(marked ? UInt8(ascii: "1") : UInt8(ascii: "0"))
        case let .choice(index):
            let range = labelRanges[slot][index]
            labelBytes.withUnsafeBufferPointer { buffer.append(contentsOf: UnsafeBufferPointer(rebasing: $0[range])) }
        }
    }
}
