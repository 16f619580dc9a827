import Foundation

/// Resolves commune names from CSV field bytes, remembering recent answers; one per file reader.
///
/// The rows of one file nearly always repeat the same commune name, and decoding and folding it costs a
/// String or two per row. This cache answers a repeat of the previous field by comparing bytes, and other
/// names it has seen by one dictionary lookup, so `CommuneRegistry` folds each distinct spelling once.
///
/// Not `Sendable`: it mutates without locking. Make one per file (or per thread); the registry it wraps is
/// shared freely.
public final class CommuneResolverCache {
    /// Distinct spellings remembered before the dictionary is emptied, bounding memory for columns of noise.
    public static let capacity = 1024

    private let registry: CommuneRegistry
    /// The date names are resolved with (see `CommuneRegistry.resolveIndex(_:on:)`); nil for the plan's units.
    let date: String?
    private var lastBytes: [UInt8] = []
    private var lastResult: Int?
    private var hasLast = false
    private var seen: [[UInt8]: Int?] = [:]

    public init(registry: CommuneRegistry, date: String? = nil) {
        self.registry = registry
        self.date = date
    }

    /// The unit that `bytes` name, as `CommuneRegistry.resolve(_:)` would answer.
    /// - Complexity: see `resolveIndex(_:)`.
    public func resolve(_ bytes: UnsafeBufferPointer<UInt8>) -> Commune? {
        resolveIndex(bytes).map { registry.communes[$0] }
    }

    /// The index in `registry.communes` of the unit that `bytes` name; cheaper than `resolve` (no copy of
    /// the `Commune` and its strings), for a row path that stores indices.
    /// - Complexity: O(n) in the field length for a repeat of the previous field, without allocating;
    ///   one array allocation and a hash lookup for another seen name; the registry's cost for a new one.
    public func resolveIndex(_ bytes: UnsafeBufferPointer<UInt8>) -> Int? {
        if isLast(bytes) { return lastResult }
        let key = Array(bytes)
        let result: Int?
        if let known = seen[key] {
            result = known
        } else {
            result = registry.resolveIndex(bytes, on: date)
            if seen.count >= Self.capacity { seen.removeAll(keepingCapacity: true) }
            seen[key] = result
        }
        lastBytes.removeAll(keepingCapacity: true)
        lastBytes.append(contentsOf: bytes)
        lastResult = result
        hasLast = true
        return result
    }

    /// Whether `bytes` repeat the previous field, by one `memcmp` (the generic `elementsEqual` is 4x slower).
    private func isLast(_ bytes: UnsafeBufferPointer<UInt8>) -> Bool {
        guard hasLast, lastBytes.count == bytes.count else { return false }
        return lastBytes.withUnsafeBufferPointer { last in
            guard let lastBase = last.baseAddress, let base = bytes.baseAddress else { return true }  // both empty
            return memcmp(lastBase, base, bytes.count) == 0
        }
    }
}

@available(*, unavailable, message: "Make one CommuneResolverCache per file reader instead of sharing one.")
extension CommuneResolverCache: Sendable {}
