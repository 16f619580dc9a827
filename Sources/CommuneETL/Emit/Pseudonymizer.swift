/// Replaces identifiers (citizen IDs, household codes) with keyed hashes for the `public` profile:
/// HMAC-SHA-256 (RFC 2104) under a key that never lives in the repository, written as 32 hex digits.
///
/// The same identifier gives the same pseudonym under the same key, so tables still join and a household
/// can be followed from year to year; without the key nobody can go back from the pseudonym, even by
/// trying every code of the form `02848-2023-00001`.
/// - Complexity: four SHA-256 blocks per identifier: the padded key's two blocks are hashed once, here.
public struct Pseudonymizer: Sendable {
    private let inner: SHA256
    private let outer: SHA256

    /// - Parameter key: at least 16 bytes (RFC 2104 recommends no less than the hash output for strength;
    ///   16 random bytes are already beyond guessing).
    public init(key: [UInt8]) throws {
        guard key.count >= 16 else {
            throw ETLError.configuration(file: "pseudonym key", location: "", problem: "the key has \(key.count) bytes; use at least 16 random bytes")
        }
        var block = key.count > 64 ? SHA256.hash(key) : key
        block += [UInt8](repeating: 0, count: 64 - block.count)
        var inner = SHA256(), outer = SHA256()
        inner.update(block.map { $0 ^ 0x36 })
        outer.update(block.map { $0 ^ 0x5C })
        self.inner = inner
        self.outer = outer
    }

    /// The 32 bytes of HMAC-SHA-256(key, message).
    public func mac(_ message: UnsafeRawBufferPointer) -> [UInt8] {
        var innerHash = inner
        innerHash.update(message)
        var outerHash = outer
        outerHash.update(innerHash.finalize())
        return outerHash.finalize()
    }

    /// The pseudonym written in place of an identifier: the first 16 bytes of the MAC, in hex.
    public func pseudonym(_ message: UnsafeRawBufferPointer) -> [UInt8] {
        let digits = Array("0123456789abcdef".utf8)
        return mac(message).prefix(16).flatMap { [digits[Int($0 >> 4)], digits[Int($0 & 0x0F)]] }
    }

    public func pseudonym(_ text: String) -> String {
        let bytes = Array(text.utf8)
        return String(decoding: bytes.withUnsafeBytes(pseudonym), as: UTF8.self)
    }
}

extension SHA256 {
    static func hash(_ bytes: [UInt8]) -> [UInt8] {
        var hash = SHA256()
        hash.update(bytes)
        return hash.finalize()
    }
}
