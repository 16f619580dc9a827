import Glibc

/// Reads the cells of a row into typed values, straight from the record's bytes.
///
/// Decisions that depend only on the header (which column, which type) were made once per file; per cell
/// this does a switch on the type and a parse. Text is kept as a reference to the record's bytes when it is
/// already NFC (nearly always), and copied only when it must be normalised.
final class CellReader {
    /// What reading one column needs, copied out of the pipeline's slots once per file: a slot holds
    /// strings and dictionaries, and copying it per cell would cost a retain and release each time.
    private struct ColumnRead {
        var slot: Int
        var column: Int
        var type: FieldType
        var min: Int64?
        var max: Int64?
        var ambiguousBelow: Int64?
        var dashIsZero: Bool
        /// Read `1.250` as 1250 in rows whose indicator counts whole things.
        var wholeInUnits: Bool
    }

    private let reads: [ColumnRead]
    /// Commune names resolve with the file's date (`CommuneRegistry.resolveIndex(_:on:)`): among the units
    /// that came into force after the plan's period (2025-07-01) for a file dated after their start.
    private let communes: CommuneResolverCache
    /// The columns read as a commune, resolved after the other cells (outside the values' buffer access).
    private let communeReads: [(slot: Int, column: Int)]
    /// For a sheet of indicators: the indicator slot, and per catalogue indicator whether its unit counts
    /// whole things (people, houses: a field's `whole_in_units`). `1.250` is then 1250, since 1.25 labourers cannot be: the decimal reading's
    /// ambiguity is settled by the unit, not guessed.
    private let indicatorSlot: Int?
    private let countsWholeThings: [Bool]
    /// By slot; nil for slots that are not read as a choice of labels. Unmanaged, so that using one costs no
    /// reference counting (a retain and a release a cell, as an array of classes would); `labelCacheOwners`
    /// keeps them alive.
    private let labelCaches: [Unmanaged<LabelCache>?]
    private let labelCacheOwners: [LabelCache]

    private let flagMarks = FlagMarks()
    /// Values of slots the file gives once, in its title or path, instead of in a column.
    private let defaults: [(slot: Int, value: FieldValue)]
    /// The slots neither a column nor a default fills (derived ones among them): set to `.missing` before each
    /// row, rather than every slot (a row's whole `values` cleared cost ≈ 0.7 % of a run; the others are written anyway).
    private let unreadSlots: [Int]

    init(pipeline: CompiledPipeline, registry: CommuneRegistry, columnOfSlot: [Int?], defaults: [Int: FieldValue] = [:],
         fileDate: String? = nil, countsWholeThings: [Bool] = []) {
        self.defaults = defaults.sorted { $0.key < $1.key }.map { ($0.key, $0.value) }
        reads = columnOfSlot.enumerated().compactMap { slot, column in
            column.map { column in
                let info = pipeline.slots[slot]
                return ColumnRead(slot: slot, column: column, type: info.type, min: info.min, max: info.max,
                                  ambiguousBelow: info.ambiguousBelow, dashIsZero: info.dashIsZero,
                                  wholeInUnits: pipeline.definition.fields.first { $0.name == info.name }?.wholeInUnits != nil)
            }
        }
        let filled = Set(reads.map(\.slot)).union(self.defaults.map(\.slot))
        unreadSlots = pipeline.slots.indices.filter { !filled.contains($0) }
        communeReads = reads.filter { $0.type == .commune }.map { ($0.slot, $0.column) }
        communes = CommuneResolverCache(registry: registry, date: fileDate)
        indicatorSlot = pipeline.slots.firstIndex { $0.type == .indicator }
        self.countsWholeThings = countsWholeThings
        var caches: [Unmanaged<LabelCache>?] = Array(repeating: nil, count: pipeline.slots.count)
        var owners: [LabelCache] = []
        for (slot, info) in pipeline.slots.enumerated() where (info.type == .enum || info.type == .indicator) && !info.isDerived {
            let cache = LabelCache(lookup: info.choiceLookup)
            owners.append(cache)
            caches[slot] = Unmanaged.passUnretained(cache)
        }
        labelCaches = caches
        labelCacheOwners = owners
    }

    func read(into row: RowState) {
        // One access to the row's values for the whole row: each `row.values[slot] = …` would be an
        // exclusivity check and a uniqueness check of its own (25 cells a row).
        row.values.withUnsafeMutableBufferPointer { values in read(into: values, row: row) }
        // Steps that need the whole row read (its indicator, its year), outside the buffer access.
        if let indicatorSlot, case let .choice(index) = row.values[indicatorSlot], index < countsWholeThings.count,
           countsWholeThings[index] {
            readAmbiguousAsWhole(row)
        }
        for (slot, column) in communeReads {
            let bytes = row.record.trimmedField(column)
            if bytes.isEmpty { continue }  // `.missing`, as the loop above left it
            row.values[slot] = communes.resolveIndex(bytes).map(FieldValue.choice) ?? .invalid(.unknownCommune)
        }
    }

    private func read(into values: UnsafeMutableBufferPointer<FieldValue>, row: RowState) {
        for slot in unreadSlots { values[slot] = .missing }
        for (slot, value) in defaults { values[slot] = value }
        let record = row.record!
        // Each read's fields are loaded where they are used, not copied whole per cell (a `ColumnRead` is
        // 72 bytes, most of them limits that only numbers need).
        reads.withUnsafeBufferPointer { reads in for index in reads.indices {
            let slot = reads[index].slot, column = reads[index].column, type = reads[index].type
            let bytes = record.trimmedField(column)
            if type == .flag {  // the same columns on every row: a branch the processor learns
                values[slot] = flag(bytes)
                continue
            }
            if bytes.isEmpty {
                values[slot] = .missing
                continue
            }
            values[slot] = switch type {
            case .text: readText(bytes, column: column, row: row)
            case .integer: readInteger(bytes, reads[index])
            case .decimal: readDecimal(bytes, reads[index])
            case .date:
                switch DateReader.read(bytes) {
                case .empty: .missing
                case let .value(year, month, day): .date(year: year, month: month, day: day)
                case let .invalid(problem): .invalid(.date(problem))
                }
            case .flag: flag(bytes)  // read above, before the empty check; here for the switch to be whole
            case .enum: labelCaches[slot]!._withUnsafeGuaranteedRef { $0.choice(for: bytes) }.map(FieldValue.choice) ?? .invalid(.unknownLabel)
            case .indicator:
                labelCaches[slot]!._withUnsafeGuaranteedRef { $0.choice(for: bytes) }.map(FieldValue.choice) ?? .invalid(.unknownIndicator)
            case .commune: .missing  // resolved in `read(into:)`, outside the buffer access
            }
        } }
    }

    /// A flag cell: the usual ones without a branch on their mark (`FlagMarks`), any other as `readFlag` reads it.
    @inline(__always)
    private func flag(_ bytes: UnsafeBufferPointer<UInt8>) -> FieldValue {
        if let marked = flagMarks.value(bytes) { return .flag(marked) }
        switch NumberReader.readFlag(bytes) {
        case .yes: return .flag(true)
        case .no: return .flag(false)
        case .invalid: return .invalid(.notAFlag)
        }
    }

    private func readAmbiguousAsWhole(_ row: RowState) {
        for info in reads where info.wholeInUnits && row.values[info.slot] == .invalid(.number(.ambiguous)) {
            let bytes = row.record.trimmedField(info.column)
            if case let .value(value) = NumberReader.readInteger(bytes, dashIsZero: info.dashIsZero, ambiguousBelow: nil) {
                row.values[info.slot] = .decimal(units: value, scale: 0)
            }
        }
    }

    private func readText(_ bytes: UnsafeBufferPointer<UInt8>, column: Int, row: RowState) -> FieldValue {
        if NFCBytes.isPlainNFCWithoutNUL(bytes) { return .text(column: column) }  // nearly every cell, in one scan
        // A NUL byte is no text a spreadsheet writes: a binary file, or a broken export.
        if memchr(bytes.baseAddress!, 0, bytes.count) != nil { return .invalid(.invalidUTF8) }
        if NFCBytes.isNFC(bytes) { return .text(column: column) }
        guard NFCBytes.isValidUTF8(bytes) else { return .invalid(.invalidUTF8) }
        row.normalizedTexts.append(NFCBytes.normalized(bytes))
        return .normalizedText(row.normalizedTexts.count - 1)
    }

    private func readDecimal(_ bytes: UnsafeBufferPointer<UInt8>, _ info: ColumnRead) -> FieldValue {
        let reading = NumberReader.readDecimal(bytes, dashIsZero: info.dashIsZero)
        switch reading {
        case .empty: return .missing
        case let .invalid(problem): return .invalid(.number(problem))
        case let .value(units, scale):
            let value = reading.doubleValue ?? 0
            if let min = info.min, value < Double(min) { return .invalid(.outOfRange) }
            if let max = info.max, value > Double(max) { return .invalid(.outOfRange) }
            return .decimal(units: units, scale: scale)
        }
    }

    private func readInteger(_ bytes: UnsafeBufferPointer<UInt8>, _ info: ColumnRead) -> FieldValue {
        switch NumberReader.readInteger(bytes, dashIsZero: info.dashIsZero, ambiguousBelow: info.ambiguousBelow) {
        case .empty: return .missing
        case let .invalid(problem): return .invalid(.number(problem))
        case let .value(value):
            if let min = info.min, value < min { return .invalid(.outOfRange) }
            if let max = info.max, value > max { return .invalid(.outOfRange) }
            return .integer(value)
        }
    }
}

/// Remembers how the labels written in one file fold to choices: a file repeats a handful of labels.
///
/// The first `recentLimit` distinct labels are kept as bytes and compared in place, so that a cell whose
/// label was seen costs a few compares and no allocation (a household list changes its classification
/// label every other row); rarer labels go through a dictionary keyed by a copy of their bytes.
final class LabelCache {
    private let lookup: [String: Int]
    /// The labels seen first, back to back in `recentBytes`, with where each ends and its choice.
    private var recentBytes: [UInt8] = []
    private var recentEnds: [Int] = []
    private var recentChoices: [Int?] = []
    private var seen: [[UInt8]: Int?] = [:]
    private static let recentLimit = 16

    init(lookup: [String: Int]) { self.lookup = lookup }

    func choice(for bytes: UnsafeBufferPointer<UInt8>) -> Int? {
        if let index = recentIndex(of: bytes) { return recentChoices[index] }
        let key = Array(bytes)
        let choice: Int?
        if let cached = seen[key] {
            choice = cached
        } else {
            choice = lookup[TextFolding.nameKey(String(decoding: bytes, as: UTF8.self))]
            seen[key] = choice
        }
        if recentEnds.count < Self.recentLimit {
            recentBytes += bytes
            recentEnds.append(recentBytes.count)
            recentChoices.append(choice)
        }
        return choice
    }

    private func recentIndex(of bytes: UnsafeBufferPointer<UInt8>) -> Int? {
        recentBytes.withUnsafeBufferPointer { recent in
            var start = 0
            for (index, end) in recentEnds.enumerated() {
                defer { start = end }
                guard end - start == bytes.count else { continue }
                if bytes.isEmpty || memcmp(recent.baseAddress! + start, bytes.baseAddress!, bytes.count) == 0 { return index }
            }
            return nil
        }
    }
}
