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
    /// The first bytes of a ledger file: `CELG`, then the format version (UInt32 little-endian). Version 3
    /// lays a rule's registered keys out flat (all lengths, all lines, then the key bytes back to back);
    /// versions 1 and 2 are refused (the file is read again), never misread.
    static let magic: [UInt8] = Array("CELG".utf8)
    static let formatVersion: UInt32 = 4
    /// Size of the pieces handed to the sink.
    private static let pieceSize = 1 << 20

    /// The ledgers, by rule id, in the binary form after the header (all integers UInt32 little-endian):
    /// the rule count, then per rule in id order its id (length, bytes), the registered key count `n`, `n`
    /// key lengths, `n` lines, the key bytes back to back, and the repeated keys (count, then per key its
    /// key, first file — each length and bytes — and first line).
    static func encode(_ ledgers: [String: RuleLedger]) -> [UInt8] {
        var out: [UInt8] = []
        encode(ledgers) { out.append(contentsOf: $0) }
        return out
    }

    /// Writes what `encode(_:)` returns to `sink`, in pieces of about 1 MiB: memory stays flat however many
    /// keys a ledger holds.
    ///
    /// Why flat: a key at a time (length, bytes, line) cost ≈ 0.1 s for a million keys; laid out flat, the
    /// key bytes are one slice of the rule's `KeyTable`, handed to the sink without a copy, and the lengths
    /// and lines are two tight loops. O(keys + key bytes).
    static func encode(_ ledgers: [String: RuleLedger], to sink: (UnsafeRawBufferPointer) throws -> Void) rethrows {
        var out = UInt32Pieces(pieceSize: pieceSize)
        defer { out.deallocate() }
        func put(_ bytes: UnsafeRawBufferPointer) throws {
            try out.append(UInt32(truncatingIfNeeded: bytes.count), flushingTo: sink)
            try out.append(bytes, flushingTo: sink)
        }
        func put(_ bytes: [UInt8]) throws { try bytes.withUnsafeBytes { try put($0) } }
        try magic.withUnsafeBytes { try out.append($0, flushingTo: sink) }
        try out.append(formatVersion, flushingTo: sink)
        try out.append(UInt32(truncatingIfNeeded: ledgers.count), flushingTo: sink)
        for (id, ledger) in ledgers.sorted(by: { $0.key < $1.key }) {
            let registered = ledger.registered
            try put(Array(id.utf8))
            try out.append(UInt32(truncatingIfNeeded: registered.count), flushingTo: sink)
            for index in 0..<registered.count {
                try out.append(UInt32(truncatingIfNeeded: registered.key(index).count), flushingTo: sink)
            }
            for index in 0..<registered.count {
                try out.append(UInt32(bitPattern: registered.line(index)), flushingTo: sink)
            }
            try out.flush(to: sink)
            let keys = registered.table.keys(registered.entries)
            if !keys.isEmpty { try sink(keys) }
            try out.append(UInt32(truncatingIfNeeded: ledger.repeatedFromEarlierFiles.count), flushingTo: sink)
            for entry in ledger.repeatedFromEarlierFiles {
                try put(entry.key)
                try put(Array(entry.firstFile.utf8))
                try out.append(UInt32(bitPattern: entry.firstLine), flushingTo: sink)
            }
        }
        try out.flush(to: sink)
    }

    /// Reads what `encode` wrote; nil when the bytes are not a whole, well-formed ledger file of this version.
    static func decode(_ bytes: [UInt8]) -> [String: RuleLedger]? {
        bytes.withUnsafeBytes { decode($0) }
    }

    private static func decode(_ bytes: UnsafeRawBufferPointer) -> [String: RuleLedger]? {
        var offset = 0
        func int(at position: Int) -> Int {
            Int(UInt32(littleEndian: bytes.loadUnaligned(fromByteOffset: position, as: UInt32.self)))
        }
        func int() -> Int? {
            guard offset + 4 <= bytes.count else { return nil }
            defer { offset += 4 }
            return int(at: offset)
        }
        func data() -> UnsafeRawBufferPointer? {
            guard let count = int(), count <= bytes.count - offset else { return nil }
            defer { offset += count }
            return UnsafeRawBufferPointer(rebasing: bytes[offset..<(offset + count)])
        }
        guard bytes.starts(with: magic) else { return nil }
        offset = magic.count
        guard int() == Int(formatVersion), let rules = int() else { return nil }
        var ledgers: [String: RuleLedger] = [:]
        for _ in 0..<rules {
            guard let id = data(), let registeredCount = int(), registeredCount <= (bytes.count - offset) / 8 else { return nil }
            let lengths = offset
            let lines = lengths + 4 * registeredCount
            offset = lines + 4 * registeredCount
            var ledger = RuleLedger()
            let table = KeyTable()
            for index in 0..<registeredCount {
                let length = int(at: lengths + 4 * index)
                guard length <= bytes.count - offset else { return nil }
                let key = UnsafeRawBufferPointer(rebasing: bytes[offset..<(offset + length)])
                offset += length
                let line = Int32(bitPattern: UInt32(truncatingIfNeeded: int(at: lines + 4 * index)))
                guard table.insert(key, at: .init(file: 0, line: line)).inserted else { return nil }  // a key twice: not ours
            }
            ledger.registered = .init(table: table, entries: 0..<table.count)
            guard let repeatedCount = int() else { return nil }
            for _ in 0..<repeatedCount {
                guard let key = data(), let file = data(), let line = int() else { return nil }
                ledger.repeatedFromEarlierFiles.append(.init(key: Array(key), firstFile: String(decoding: file, as: UTF8.self),
                                                             firstLine: Int32(truncatingIfNeeded: line)))
            }
            ledgers[String(decoding: id, as: UTF8.self)] = ledger
        }
        return offset == bytes.count ? ledgers : nil
    }
}

/// Little-endian UInt32s and raw bytes gathered in one buffer and handed on whenever it is full: the
/// ledger's lengths and lines, written without a heap array per value.
private struct UInt32Pieces {
    private let buffer: UnsafeMutableRawBufferPointer
    private var count = 0

    init(pieceSize: Int) {
        buffer = .allocate(byteCount: pieceSize, alignment: 16)
    }

    func deallocate() { buffer.deallocate() }

    mutating func append(_ value: UInt32, flushingTo sink: (UnsafeRawBufferPointer) throws -> Void) rethrows {
        if count + 4 > buffer.count { try flush(to: sink) }
        buffer.storeBytes(of: value.littleEndian, toByteOffset: count, as: UInt32.self)
        count += 4
    }

    mutating func append(_ bytes: UnsafeRawBufferPointer, flushingTo sink: (UnsafeRawBufferPointer) throws -> Void) rethrows {
        if count + bytes.count > buffer.count { try flush(to: sink) }
        guard bytes.count <= buffer.count else { return try sink(bytes) }
        if let source = bytes.baseAddress { (buffer.baseAddress! + count).copyMemory(from: source, byteCount: bytes.count) }
        count += bytes.count
    }

    mutating func flush(to sink: (UnsafeRawBufferPointer) throws -> Void) rethrows {
        guard count > 0 else { return }
        try sink(UnsafeRawBufferPointer(rebasing: UnsafeRawBufferPointer(buffer)[..<count]))
        count = 0
    }
}
