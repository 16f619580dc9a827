/// What a rule with memory across files took from, and gave to, the run while it read one file — enough to
/// replay the file without reading it again, and to tell whether the replay would be exact.
///
/// Only `UniqueRule` keeps such memory today: the keys a file registered first, and the keys it found
/// already registered by an earlier file (with where they were first seen).
public struct RuleLedger: Sendable, Equatable {
    /// The keys a file registered first, in line order.
    ///
    /// A view of entries of a `KeyTable` rather than an array of arrays: a file of a million households
    /// registers a million keys, and copying them out (a heap array each) would double the memory of the
    /// key set. The table only ever appends, so the entries a ledger names never change.
    public struct RegisteredKeys: Sendable, Equatable {
        let table: KeyTable
        let entries: Range<Int>

        init(table: KeyTable = KeyTable(), entries: Range<Int> = 0..<0) {
            self.table = table
            self.entries = entries
        }

        public var count: Int { entries.count }
        public var isEmpty: Bool { entries.isEmpty }
        /// The key bytes of the `index`-th registered key, valid until the table grows.
        func key(_ index: Int) -> UnsafeRawBufferPointer { table.key(entries.lowerBound + index) }
        /// Its spreadsheet line.
        func line(_ index: Int) -> Int32 { table.occurrence(entries.lowerBound + index).line }

        public static func == (lhs: Self, rhs: Self) -> Bool {
            lhs.count == rhs.count && (0..<lhs.count).allSatisfy { lhs.line($0) == rhs.line($0) && lhs.key($0).elementsEqual(rhs.key($0)) }
        }
    }

    public struct Repeated: Sendable, Equatable {
        public var key: [UInt8]
        public var firstFile: String
        public var firstLine: Int32
    }

    public var registered = RegisteredKeys()
    public var repeatedFromEarlierFiles: [Repeated] = []
}

/// A rule that remembers across files, and can replay a file's part of that memory.
public protocol LedgerKeepingRule: RowRule {
    /// The ledger of the file just ended (call after `endFile`).
    func takeLedger() -> RuleLedger
    /// Whether replaying `ledger` now gives exactly what reading the file again would: none of its own
    /// keys is taken by an earlier file, and every key it repeated is still first seen where it was.
    func canReplay(_ ledger: RuleLedger) -> Bool
    /// Registers the file's keys as reading it would have.
    func replay(_ ledger: RuleLedger, file: String)
}

// MARK: - Binary form

/// Ledgers hold one entry per household key (a million for a province): they are stored in a compact
/// binary form rather than JSON, which would cost more than reading the file again.
extension RuleLedger {
    /// The first bytes of a ledger file: `CELG`, then the format version (UInt32 little-endian). Version 2
    /// spells keys with `KeyEncoding` (varints); version 1 files had no header and fixed-width integers in
    /// their keys, so their keys would never match: they are refused (the file is read again), not misread.
    static let magic: [UInt8] = Array("CELG".utf8)
    static let formatVersion: UInt32 = 2

    /// The ledgers, by rule id, in a length-prefixed binary form after the header (all integers UInt32
    /// little-endian).
    static func encode(_ ledgers: [String: RuleLedger]) -> [UInt8] {
        var out: [UInt8] = []
        encode(ledgers) { out.append(contentsOf: $0) }
        return out
    }

    /// Writes what `encode(_:)` returns to `sink`, in pieces of about 1 MiB: memory stays flat however many
    /// keys a ledger holds.
    static func encode(_ ledgers: [String: RuleLedger], to sink: (UnsafeRawBufferPointer) throws -> Void) rethrows {
        var out: [UInt8] = []
        out.reserveCapacity(1 << 20)
        func put(_ value: Int) { withUnsafeBytes(of: UInt32(truncatingIfNeeded: value).littleEndian) { out.append(contentsOf: $0) } }
        func put(_ bytes: UnsafeRawBufferPointer) { put(bytes.count); out.append(contentsOf: bytes) }
        func put(_ bytes: [UInt8]) { bytes.withUnsafeBytes { put($0) } }
        func drain(atLeast limit: Int) throws {
            guard out.count >= limit else { return }
            try out.withUnsafeBytes(sink)
            out.removeAll(keepingCapacity: true)
        }
        out += magic
        put(Int(formatVersion))
        put(ledgers.count)
        for (id, ledger) in ledgers.sorted(by: { $0.key < $1.key }) {
            put(Array(id.utf8))
            put(ledger.registered.count)
            for index in 0..<ledger.registered.count {
                put(ledger.registered.key(index))
                put(Int(ledger.registered.line(index)))
                try drain(atLeast: 1 << 20)
            }
            put(ledger.repeatedFromEarlierFiles.count)
            for entry in ledger.repeatedFromEarlierFiles {
                put(entry.key); put(Array(entry.firstFile.utf8)); put(Int(entry.firstLine))
                try drain(atLeast: 1 << 20)
            }
        }
        try drain(atLeast: 1)
    }

    /// Reads what `encode` wrote; nil when the bytes are not a whole, well-formed ledger file.
    static func decode(_ bytes: [UInt8]) -> [String: RuleLedger]? {
        var offset = 0
        func int() -> Int? {
            guard offset + 4 <= bytes.count else { return nil }
            defer { offset += 4 }
            return Int(UInt32(bytes[offset]) | UInt32(bytes[offset + 1]) << 8 | UInt32(bytes[offset + 2]) << 16 | UInt32(bytes[offset + 3]) << 24)
        }
        func data() -> [UInt8]? {
            guard let count = int(), offset + count <= bytes.count else { return nil }
            defer { offset += count }
            return Array(bytes[offset..<(offset + count)])
        }
        guard bytes.starts(with: magic) else { return nil }
        offset = magic.count
        guard int() == Int(formatVersion), let rules = int() else { return nil }
        var ledgers: [String: RuleLedger] = [:]
        for _ in 0..<rules {
            guard let id = data(), let registeredCount = int() else { return nil }
            var ledger = RuleLedger()
            let table = KeyTable()
            for _ in 0..<registeredCount {
                guard let key = data(), let line = int() else { return nil }
                let added = key.withUnsafeBytes { table.insert($0, at: .init(file: 0, line: Int32(truncatingIfNeeded: line))) }
                guard added.inserted else { return nil }  // a key registered twice: not a ledger we wrote
            }
            ledger.registered = .init(table: table, entries: 0..<table.count)
            guard let repeatedCount = int() else { return nil }
            for _ in 0..<repeatedCount {
                guard let key = data(), let file = data(), let line = int() else { return nil }
                ledger.repeatedFromEarlierFiles.append(.init(key: key, firstFile: String(decoding: file, as: UTF8.self),
                                                             firstLine: Int32(truncatingIfNeeded: line)))
            }
            ledgers[String(decoding: id, as: UTF8.self)] = ledger
        }
        return offset == bytes.count ? ledgers : nil
    }
}
