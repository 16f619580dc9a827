/// `check: unique` — the key fields together identify one row across the whole run; the first occurrence is
/// kept and each later one is reported with the line it repeats.
///
/// Keeps every key seen, so memory grows with the number of distinct keys (never with file size).
/// Keys are built from canonical values (a commune written two ways is the same commune). The keys of the
/// file being read stay pending until it ends: a refused file leaves none behind to clash with the next.
final class UniqueRule: LedgerKeepingRule {
    let definition: RuleDefinition
    /// Not alone: a key repeats only if an earlier row has it.
    var judgesRowsAlone: Bool { false }
    let phase = RulePhase.record
    private let slots: [Int]
    private let reportSlot: Int
    /// Every key registered so far; the entries from `fileStart` on are the current file's (pending until
    /// it ends: a refused file's are removed).
    private var table = KeyTable()
    private var fileStart = 0
    /// The files seen, so that each key stores a small index instead of a path.
    private var files: [String] = []
    /// The row state of the file being read (one per file), to notice a new file without comparing paths;
    /// cleared at the end of each file, so a later state at the same address is never mistaken for it.
    private var currentRow: ObjectIdentifier?
    private var key: [UInt8] = []
    private var ledger = RuleLedger()

    init(_ definition: RuleDefinition, pipeline: CompiledPipeline) {
        self.definition = definition
        slots = definition.fields.compactMap(pipeline.slot(named:))
        reportSlot = definition.reportField.flatMap(pipeline.slot(named:)) ?? pipeline.recordKeySlot
    }

    func check(_ row: RowState) {
        // The key is built in a local array (taken from, and given back to, `self.key` to reuse its storage):
        // appending to a class's property checks exclusivity on every append.
        var key: [UInt8] = []
        swap(&key, &self.key)
        defer { swap(&key, &self.key) }
        key.removeAll(keepingCapacity: true)
        guard Self.appendKey(of: row, slots: slots, to: &key) else { return }
        if currentRow != ObjectIdentifier(row) {
            currentRow = ObjectIdentifier(row)
            if files.last != row.sourceFile { files.append(row.sourceFile) }
        }
        let here = KeyTable.Occurrence(file: Int32(files.count - 1), line: Int32(truncatingIfNeeded: row.line))
        let (entry, inserted) = key.withUnsafeBytes { table.insert($0, at: here) }
        guard !inserted else { return }
        let first = table.occurrence(entry)
        report(on: row, slot: reportSlot, placeholders: [
            "first_line": String(first.line), "first_file": files[Int(first.file)],
        ])
        if entry < fileStart {
            ledger.repeatedFromEarlierFiles.append(.init(key: key, firstFile: files[Int(first.file)], firstLine: first.line))
        }
    }

    /// Appends the row's key to `key`, compact (`KeyEncoding`): each slot has one type, so the values of a key
    /// never shift into another's. False when a key field is missing or invalid (no key, nothing to compare;
    /// what was appended is the caller's to take back).
    static func appendKey<Output: ByteOutput & ~Copyable>(of row: RowState, slots: [Int], to key: inout Output) -> Bool {
        for slot in slots {
            switch row.values[slot] {
            case let .integer(value): KeyEncoding.appendVarint(value, to: &key)
            case let .decimal(units, scale):
                KeyEncoding.appendVarint(units, to: &key)
                key.append(scale)
            case let .date(year, month, day):
                KeyEncoding.appendVarint(Int64(year), to: &key)
                key.append(month)
                key.append(day)
            case let .choice(index): KeyEncoding.appendVarint(Int64(index), to: &key)
            case let .flag(value): key.append(value ? 1 : 0)
            case let .text(column): KeyEncoding.appendText(row.record.trimmedField(column), to: &key)
            case let .normalizedText(index): KeyEncoding.appendText(row.normalizedTexts[index], to: &key)
            case .missing, .invalid: return false
            }
        }
        return true
    }

    // MARK: - Keys read on other threads (see `UniqueKeyProbe`)

    /// Registers the keys `UniqueKeyProbe`s built on worker threads, for the thread that merges their
    /// segments in file order (`SheetReader.merge`): one per rule and segment.
    ///
    /// It holds the rule's key table unretained, so that a row costs no reference counting (a retain and a
    /// release of the rule and of its table per row and call were a tenth of the merging thread's time).
    /// Sound because the rule keeps the table alive and replaces it only when a cached file is replayed,
    /// never while a file's segments are merged.
    struct Registrar {
        fileprivate let table: Unmanaged<KeyTable>
        fileprivate let file: Int32

        /// Whether `key` is registered already.
        func contains(_ key: UnsafeRawBufferPointer) -> Bool { table._withUnsafeGuaranteedRef { $0.find(key) != nil } }

        /// Hints that `key` is about to be registered or looked up (`KeyTable.prefetch`).
        func prefetch(_ key: UnsafeRawBufferPointer) { table._withUnsafeGuaranteedRef { $0.prefetch(key) } }

        /// Registers the key of a row at `line`, as `check` would for a row whose key is new. False (and
        /// nothing changed) when the key is registered already: the row must then be checked again on the
        /// merging thread, so that it is reported as `check` reports it.
        func register(_ key: UnsafeRawBufferPointer, line: Int) -> Bool {
            table._withUnsafeGuaranteedRef { $0.insert(key, at: .init(file: file, line: Int32(truncatingIfNeeded: line))).inserted }
        }
    }

    /// Makes room for about `keys` more keys (the rows a file is expected to hold): see `KeyTable.reserve`.
    func reserve(keys: Int) { table.reserve(additional: keys) }

    /// A registrar for the keys of rows of `file` (`Registrar`).
    func registrar(file: String) -> Registrar {
        if files.last != file { files.append(file) }
        return Registrar(table: .passUnretained(table), file: Int32(files.count - 1))
    }

    func endFile(accepted: Bool) {
        if accepted {
            // Entries are added in row order, so they are already in line order.
            ledger.registered = .init(table: table, entries: fileStart..<table.count)
        } else {
            table.removeEntries(from: fileStart)
            ledger = RuleLedger()
        }
        fileStart = table.count
        currentRow = nil
    }

    func takeLedger() -> RuleLedger {
        defer { ledger = RuleLedger() }
        return ledger
    }

    func canReplay(_ ledger: RuleLedger) -> Bool {
        (0..<ledger.registered.count).allSatisfy { table.find(ledger.registered.key($0)) == nil }
            && ledger.repeatedFromEarlierFiles.allSatisfy { repeated in
                guard let first = repeated.key.withUnsafeBytes(table.find).map(table.occurrence) else { return false }
                return files[Int(first.file)] == repeated.firstFile && first.line == repeated.firstLine
            }
    }

    func replay(_ ledger: RuleLedger, file: String) {
        guard !ledger.registered.isEmpty else { return }
        // The run's first file: a decoded ledger's table holds exactly what reading the file would register
        // (file 0, in line order), so it is taken as it is. Copied key by key, the run held the key set twice
        // (≈ 55 MB at 1M rows, the peak of an incremental night).
        if files.isEmpty, table.count == 0, ledger.registered.entries == 0..<ledger.registered.table.count {
            files.append(file)
            table = ledger.registered.table
            fileStart = table.count
            return
        }
        if files.last != file { files.append(file) }
        let index = Int32(files.count - 1)
        for position in 0..<ledger.registered.count {
            table.insert(ledger.registered.key(position), at: .init(file: index, line: ledger.registered.line(position)))
        }
        fileStart = table.count
    }
}
