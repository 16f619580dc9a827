/// What a rule with memory across files took from, and gave to, the run while it read one file — enough to
/// replay the file without reading it again, and to tell whether the replay would be exact.
///
/// Only `UniqueRule` keeps such memory today: the keys a file registered first, and the keys it found
/// already registered by an earlier file (with where they were first seen).
public struct RuleLedger: Sendable, Equatable {
    public struct Registered: Sendable, Equatable {
        public var key: [UInt8]
        public var line: Int32
    }

    public struct Repeated: Sendable, Equatable {
        public var key: [UInt8]
        public var firstFile: String
        public var firstLine: Int32
    }

    public var registered: [Registered] = []
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
    /// Appends the ledgers, by rule id, in a length-prefixed binary form.
    static func encode(_ ledgers: [String: RuleLedger]) -> [UInt8] {
        var out: [UInt8] = []
        func put(_ value: Int) { withUnsafeBytes(of: UInt32(truncatingIfNeeded: value).littleEndian) { out.append(contentsOf: $0) } }
        func put(_ bytes: [UInt8]) { put(bytes.count); out.append(contentsOf: bytes) }
        put(ledgers.count)
        for (id, ledger) in ledgers.sorted(by: { $0.key < $1.key }) {
            put(Array(id.utf8))
            put(ledger.registered.count)
            for entry in ledger.registered { put(entry.key); put(Int(entry.line)) }
            put(ledger.repeatedFromEarlierFiles.count)
            for entry in ledger.repeatedFromEarlierFiles { put(entry.key); put(Array(entry.firstFile.utf8)); put(Int(entry.firstLine)) }
        }
        return out
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
        guard let rules = int() else { return nil }
        var ledgers: [String: RuleLedger] = [:]
        for _ in 0..<rules {
            guard let id = data(), let registeredCount = int() else { return nil }
            var ledger = RuleLedger()
            ledger.registered.reserveCapacity(registeredCount)
            for _ in 0..<registeredCount {
                guard let key = data(), let line = int() else { return nil }
                ledger.registered.append(.init(key: key, line: Int32(truncatingIfNeeded: line)))
            }
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
