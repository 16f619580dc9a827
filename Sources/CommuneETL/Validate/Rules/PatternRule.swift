/// `check: pattern` — a text field present in the row consists of exactly `digits` ASCII digits.
///
/// Written for identifiers whose leading zeros matter (citizen IDs): `1.23457E+11` or a lost zero fails.
final class PatternRule: RowRule {
    let definition: RuleDefinition
    private let slots: [Int]
    private let digits: Int

    init(_ definition: RuleDefinition, pipeline: CompiledPipeline) throws {
        self.definition = definition
        slots = definition.fields.compactMap(pipeline.slot(named:))
        guard let digits = definition.digits, digits > 0 else {
            throw pipeline.configurationError(definition, "a pattern rule needs 'digits'")
        }
        self.digits = digits
    }

    func check(_ row: RowState) {
        for slot in slots {
            guard case let .text(column) = row.values[slot] else {
                if case .normalizedText = row.values[slot] { report(on: row, slot: slot) }
                continue
            }
            let bytes = row.record.trimmedField(column)
            if bytes.count != digits || !bytes.allSatisfy({ $0 &- 0x30 < 10 }) {
                report(on: row, slot: slot)
            }
        }
    }
}

extension UnsafeBufferPointer<UInt8> {
    /// The bytes without leading and trailing ASCII spaces (quoted cells keep them in libcsv).
    var trimmedOfSpaces: UnsafeBufferPointer<UInt8> {
        var start = 0, end = count
        while start < end, self[start] == 0x20 { start += 1 }
        while end > start, self[end - 1] == 0x20 { end -= 1 }
        return UnsafeBufferPointer(rebasing: self[start..<end])
    }
}
