/// Writes a checked row as a line of the canonical CSV: UTF-8 NFC, comma, minimal quoting, LF, plain numbers.
///
/// Values go from the record's bytes to the output buffer without becoming `String`s. Codes and class names
/// are encoded once, here, as bytes.
final class CanonicalRowEncoder {
    private let columns: [CompiledPipeline.OutputColumn]
    /// The bytes of every choice label and commune code back to back, and where each is, per slot and
    /// choice: one flat array, so that writing a choice retains no array of its own (a row writes a dozen).
    private let labelBytes: [UInt8]
    private let labelRanges: [[Range<Int>]]
    private let sourceFile: [UInt8]
    /// With the `public` profile: the slots written as keyed hashes, and the key.
    private let pseudonymized: [Bool]
    private let pseudonymizer: Pseudonymizer?
    /// The row being encoded: appended to the caller's buffer whole (see `ByteOutput`).
    private var line = FlatStorage<UInt8>(capacity: 4096)

    init(pipeline: CompiledPipeline, registry: CommuneRegistry, sourceFile: String, profile: OutputProfile,
         pseudonymizer: Pseudonymizer? = nil) {
        columns = pipeline.outputColumns(for: profile)
        pseudonymized = pipeline.slots.map { profile == .public && $0.personal == .pseudonymize }
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
        let columns = self.columns
        line.truncate(to: 0)
        for position in columns.indices {
            if position > 0 { line.append(UInt8(ascii: ",")) }
            switch columns[position] {
            case .sourceFile: sourceFile.withUnsafeBufferPointer { line.append(contentsOf: $0) }
            case .sourceLine: DecimalDigits.append(Int64(row.line), to: &line)
            case .correctedFields where !row.corrections.isEmpty:
                CSVQuoting.append(field: row.corrections.map(\.field).joined(separator: ";"), to: &line)
            case .correctedBy where !row.corrections.isEmpty:
                CSVQuoting.append(field: Array(Set(row.corrections.map(\.correctedBy))).sorted().joined(separator: ";"), to: &line)
            case .correctedOn where !row.corrections.isEmpty:
                CSVQuoting.append(field: row.corrections.map(\.correctedOn).max() ?? "", to: &line)
            case .correctedFields, .correctedBy, .correctedOn: break
            case let .slot(slot) where pseudonymized[slot]:
                var plain: [UInt8] = []
                appendValue(row.values[slot], slot: slot, row: row, to: &plain)
                if !plain.isEmpty, let pseudonymizer {
                    plain.withUnsafeBytes(pseudonymizer.pseudonym).withUnsafeBufferPointer { line.append(contentsOf: $0) }
                }
            case let .slot(slot): appendValue(row.values[slot], slot: slot, row: row, to: &line)
            }
        }
        line.append(UInt8(ascii: "\n"))
        buffer.append(contentsOf: line.buffer(0..<line.count))
    }

    @inline(__always)
    private func appendValue<Output: ByteOutput & ~Copyable>(_ value: FieldValue, slot: Int, row: RowState, to buffer: inout Output) {
        switch value {
        case .missing, .invalid: break
        case let .text(column): CSVQuoting.append(field: row.record.field(column).trimmedOfSpaces, to: &buffer)
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
