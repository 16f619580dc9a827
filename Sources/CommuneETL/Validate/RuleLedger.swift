/// What a rule with memory across files took from, and gave to, the run while it read one file — enough to
/// replay the file without reading it again, and to tell whether the replay would be exact.
///
/// Only `UniqueRule` keeps such memory today: the keys a file registered first, and the keys it found
/// already registered by an earlier file (with where they were first seen).
public struct RuleLedger: Codable, Sendable, Equatable {
    public struct Registered: Codable, Sendable, Equatable {
        public var key: [UInt8]
        public var line: Int32
    }

    public struct Repeated: Codable, Sendable, Equatable {
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
