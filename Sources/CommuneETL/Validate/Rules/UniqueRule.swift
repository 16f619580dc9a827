/// `check: unique` — the key fields together identify one row across the whole run; the first occurrence is
/// kept and each later one is reported with the line it repeats.
///
/// Keeps every key seen, so memory grows with the number of distinct keys (never with file size).
/// Keys are built from canonical values (a commune written two ways is the same commune). The keys of the
/// file being read stay pending until it ends: a refused file leaves none behind to clash with the next.
final class UniqueRule: LedgerKeepingRule {
    let definition: RuleDefinition
    let phase = RulePhase.record
    private let slots: [Int]
    private let reportSlot: Int
    private var firstSeen: [KeyBytes: Occurrence] = [:]
    private var pending: [KeyBytes: Occurrence] = [:]
    /// The files seen, so that each key stores a small index instead of a path.
    private var files: [String] = []
    private var key: [UInt8] = []
    private var ledger = RuleLedger()

    private struct Occurrence: Equatable {
        var file: Int32
        var line: Int32
    }

    /// Key bytes hashed in one call (an array of bytes would feed the hasher one byte at a time).
    private struct KeyBytes: Hashable {
        var bytes: [UInt8]
        func hash(into hasher: inout Hasher) { bytes.withUnsafeBytes { hasher.combine(bytes: $0) } }
    }

    init(_ definition: RuleDefinition, pipeline: CompiledPipeline) {
        self.definition = definition
        slots = definition.fields.compactMap(pipeline.slot(named:))
        reportSlot = definition.reportField.flatMap(pipeline.slot(named:)) ?? pipeline.recordKeySlot
    }

    func check(_ row: RowState) {
        key.removeAll(keepingCapacity: true)
        for slot in slots {
            switch row.values[slot] {
            case let .integer(value): withUnsafeBytes(of: value) { key.append(contentsOf: $0) }
            case let .decimal(units, scale):
                withUnsafeBytes(of: units) { key.append(contentsOf: $0) }
                key.append(scale)
            case let .date(year, month, day):
                withUnsafeBytes(of: year) { key.append(contentsOf: $0) }
                key += [month, day]
            case let .choice(index): withUnsafeBytes(of: index) { key.append(contentsOf: $0) }
            case let .flag(value): key.append(value ? 1 : 0)
            case let .text(column): key.append(contentsOf: row.record.field(column).trimmedOfSpaces)
            case let .normalizedText(index): key.append(contentsOf: row.normalizedTexts[index])
            case .missing, .invalid: return
            }
            key.append(0x1F)
        }
        let probe = KeyBytes(bytes: key)
        if let first = firstSeen[probe] ?? pending[probe] {
            row.report(definition, slot: reportSlot, placeholders: [
                "first_line": String(first.line), "first_file": files[Int(first.file)],
            ])
            if firstSeen[probe] != nil {
                ledger.repeatedFromEarlierFiles.append(.init(key: key, firstFile: files[Int(first.file)], firstLine: first.line))
            }
        } else {
            if files.last != row.sourceFile { files.append(row.sourceFile) }
            pending[probe] = Occurrence(file: Int32(files.count - 1), line: Int32(truncatingIfNeeded: row.line))
        }
    }

    func endFile(accepted: Bool) {
        if accepted {
            firstSeen.merge(pending) { first, _ in first }
            ledger.registered = pending.map { .init(key: $0.key.bytes, line: $0.value.line) }.sorted { $0.line < $1.line }
        } else {
            ledger = RuleLedger()
        }
        pending.removeAll(keepingCapacity: true)
    }

    func takeLedger() -> RuleLedger {
        defer { ledger = RuleLedger() }
        return ledger
    }

    func canReplay(_ ledger: RuleLedger) -> Bool {
        ledger.registered.allSatisfy { firstSeen[KeyBytes(bytes: $0.key)] == nil }
            && ledger.repeatedFromEarlierFiles.allSatisfy { repeated in
                guard let first = firstSeen[KeyBytes(bytes: repeated.key)] else { return false }
                return files[Int(first.file)] == repeated.firstFile && first.line == repeated.firstLine
            }
    }

    func replay(_ ledger: RuleLedger, file: String) {
        guard !ledger.registered.isEmpty else { return }
        if files.last != file { files.append(file) }
        for entry in ledger.registered {
            firstSeen[KeyBytes(bytes: entry.key)] = Occurrence(file: Int32(files.count - 1), line: entry.line)
        }
    }
}
