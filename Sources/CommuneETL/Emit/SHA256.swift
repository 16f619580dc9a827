import CSHA256

/// A pure-Swift SHA-256 (FIPS 180-4), for the `sha256:` hashes in `datapackage.json`.
///
/// The project may not add a crypto dependency, so this is written out here. Input is hashed in
/// 64-byte blocks read straight from the caller's memory; only a partial block is copied aside.
/// Time is O(n), memory is O(1).
///
/// ```swift
/// var hasher = SHA256()
/// hasher.update(Array("abc".utf8))
/// let digest = hasher.finalize().lowercaseHex  // "ba7816bf…"
/// ```
public struct SHA256: Sendable {
    private typealias State = (UInt32, UInt32, UInt32, UInt32, UInt32, UInt32, UInt32, UInt32)
    /// 64 bytes of storage for a partial block, kept inline so the struct never allocates.
    private typealias Block = (UInt64, UInt64, UInt64, UInt64, UInt64, UInt64, UInt64, UInt64)

    private var state: State = (
        0x6a09_e667, 0xbb67_ae85, 0x3c6e_f372, 0xa54f_f53a,
        0x510e_527f, 0x9b05_688c, 0x1f83_d9ab, 0x5be0_cd19
    )
    private var pending: Block = (0, 0, 0, 0, 0, 0, 0, 0)
    private var pendingCount = 0
    private var totalBytes: UInt64 = 0

    /// Whether `compress` uses the processor's SHA instructions (SHA-NI, through `CSHA256`) instead of the
    /// portable rounds below: same digests, about 8 times faster where available.
    static let usesHardware = csha256_has_hardware() != 0
    /// False only in tests, to check the portable rounds on a machine that has the instructions.
    private var allowsHardware = true

    public init() {}

    /// A hasher that never uses the SHA instructions (tests compare both paths).
    init(portableOnly: Bool) { allowsHardware = !portableOnly }

    /// Adds bytes to the message. Any split of the input gives the same digest.
    public mutating func update(_ bytes: UnsafeRawBufferPointer) {
        guard var base = bytes.baseAddress, bytes.count > 0 else { return }
        var remaining = bytes.count
        totalBytes &+= UInt64(remaining)

        if pendingCount > 0 {
            let take = min(64 - pendingCount, remaining)
            let offset = pendingCount
            withUnsafeMutableBytes(of: &pending) { block in
                (block.baseAddress! + offset).copyMemory(from: base, byteCount: take)
            }
            pendingCount += take
            base += take
            remaining -= take
            guard pendingCount == 64 else { return }
            let block = pending
            withUnsafeBytes(of: block) { compress(blocks: $0.baseAddress!, count: 1) }
            pendingCount = 0
        }

        let fullBlocks = remaining / 64
        if fullBlocks > 0 {
            compress(blocks: base, count: fullBlocks)
            base += fullBlocks * 64
            remaining -= fullBlocks * 64
        }
        if remaining > 0 {
            let tail = remaining
            withUnsafeMutableBytes(of: &pending) { block in
                block.baseAddress!.copyMemory(from: base, byteCount: tail)
            }
            pendingCount = tail
        }
    }

    /// Adds bytes to the message.
    public mutating func update(_ bytes: [UInt8]) {
        bytes.withUnsafeBytes { update($0) }
    }

    /// Pads the message and returns the 32-byte digest.
    ///
    /// Call it once: the hasher is spent afterwards (start a new `SHA256()` for another message).
    public mutating func finalize() -> [UInt8] {
        let messageBits = totalBytes &* 8
        // Padding: 0x80, zeros up to 56 mod 64, then the length in bits as a big-endian UInt64.
        let zeroCount = (pendingCount < 56 ? 55 : 119) - pendingCount
        var padding = [UInt8](repeating: 0, count: 1 + zeroCount + 8)
        padding[0] = 0x80
        for i in 0..<8 {
            padding[padding.count - 1 - i] = UInt8(truncatingIfNeeded: messageBits >> (8 * UInt64(i)))
        }
        let length = totalBytes
        update(padding)
        totalBytes = length
        precondition(pendingCount == 0, "SHA-256 padding must end on a block boundary")

        let words = [state.0, state.1, state.2, state.3, state.4, state.5, state.6, state.7]
        var digest = [UInt8]()
        digest.reserveCapacity(32)
        for word in words {
            digest.append(UInt8(truncatingIfNeeded: word >> 24))
            digest.append(UInt8(truncatingIfNeeded: word >> 16))
            digest.append(UInt8(truncatingIfNeeded: word >> 8))
            digest.append(UInt8(truncatingIfNeeded: word))
        }
        return digest
    }

    /// The lowercase hex SHA-256 of `bytes`.
    public static func hexDigest(_ bytes: [UInt8]) -> String {
        var hasher = SHA256()
        hasher.update(bytes)
        return hasher.finalize().lowercaseHex
    }

    /// The lowercase hex SHA-256 of a file's contents, read in 1 MiB chunks (memory stays flat).
    ///
    /// - Throws: `OutputError.read` if the file cannot be opened or read.
    public static func hexDigest(ofFileAt path: String) throws -> String {
        var hasher = SHA256()
        try FileChunks.forEach(ofFileAt: path) { hasher.update($0) }
        return hasher.finalize().lowercaseHex
    }

    // MARK: - Compression function

    private static let roundConstants: [UInt32] = [
        0x428a_2f98, 0x7137_4491, 0xb5c0_fbcf, 0xe9b5_dba5, 0x3956_c25b, 0x59f1_11f1, 0x923f_82a4, 0xab1c_5ed5,
        0xd807_aa98, 0x1283_5b01, 0x2431_85be, 0x550c_7dc3, 0x72be_5d74, 0x80de_b1fe, 0x9bdc_06a7, 0xc19b_f174,
        0xe49b_69c1, 0xefbe_4786, 0x0fc1_9dc6, 0x240c_a1cc, 0x2de9_2c6f, 0x4a74_84aa, 0x5cb0_a9dc, 0x76f9_88da,
        0x983e_5152, 0xa831_c66d, 0xb003_27c8, 0xbf59_7fc7, 0xc6e0_0bf3, 0xd5a7_9147, 0x06ca_6351, 0x1429_2967,
        0x27b7_0a85, 0x2e1b_2138, 0x4d2c_6dfc, 0x5338_0d13, 0x650a_7354, 0x766a_0abb, 0x81c2_c92e, 0x9272_2c85,
        0xa2bf_e8a1, 0xa81a_664b, 0xc24b_8b70, 0xc76c_51a3, 0xd192_e819, 0xd699_0624, 0xf40e_3585, 0x106a_a070,
        0x19a4_c116, 0x1e37_6c08, 0x2748_774c, 0x34b0_bcb5, 0x391c_0cb3, 0x4ed8_aa4a, 0x5b9c_ca4f, 0x682e_6ff3,
        0x748f_82ee, 0x78a5_636f, 0x84c8_7814, 0x8cc7_0208, 0x90be_fffa, 0xa450_6ceb, 0xbef9_a3f7, 0xc671_78f2,
    ]

    @inline(__always)
    private static func rotateRight(_ x: UInt32, _ n: UInt32) -> UInt32 {
        (x &>> n) | (x &<< (32 &- n))
    }

    /// Runs the compression function over `count` consecutive 64-byte blocks, on the SHA instructions
    /// when the processor has them.
    private mutating func compress(blocks: UnsafeRawPointer, count: Int) {
        guard allowsHardware, Self.usesHardware else { return Self.compress(&state, blocks: blocks, count: count) }
        withUnsafeMutableBytes(of: &state) { words in
            csha256_compress_hw(words.baseAddress!.assumingMemoryBound(to: UInt32.self),
                                blocks.assumingMemoryBound(to: UInt8.self), count)
        }
    }

    /// Runs the SHA-256 compression function over `count` consecutive 64-byte blocks (portable Swift).
    private static func compress(_ state: inout State, blocks: UnsafeRawPointer, count: Int) {
        roundConstants.withUnsafeBufferPointer { k in
            withUnsafeTemporaryAllocation(of: UInt32.self, capacity: 64) { w in
                var (h0, h1, h2, h3, h4, h5, h6, h7) = state
                for blockIndex in 0..<count {
                    let block = blocks + blockIndex * 64
                    for i in 0..<16 {
                        w[i] = UInt32(bigEndian: block.loadUnaligned(fromByteOffset: i * 4, as: UInt32.self))
                    }
                    for i in 16..<64 {
                        let x = w[i - 15], y = w[i - 2]
                        let s0 = rotateRight(x, 7) ^ rotateRight(x, 18) ^ (x &>> 3)
                        let s1 = rotateRight(y, 17) ^ rotateRight(y, 19) ^ (y &>> 10)
                        w[i] = w[i - 16] &+ s0 &+ w[i - 7] &+ s1
                    }
                    var a = h0, b = h1, c = h2, d = h3, e = h4, f = h5, g = h6, h = h7
                    for i in 0..<64 {
                        let bigSigma1 = rotateRight(e, 6) ^ rotateRight(e, 11) ^ rotateRight(e, 25)
                        let choose = (e & f) ^ (~e & g)
                        let t1 = h &+ bigSigma1 &+ choose &+ k[i] &+ w[i]
                        let bigSigma0 = rotateRight(a, 2) ^ rotateRight(a, 13) ^ rotateRight(a, 22)
                        let majority = (a & b) ^ (a & c) ^ (b & c)
                        let t2 = bigSigma0 &+ majority
                        h = g; g = f; f = e; e = d &+ t1
                        d = c; c = b; b = a; a = t1 &+ t2
                    }
                    h0 &+= a; h1 &+= b; h2 &+= c; h3 &+= d
                    h4 &+= e; h5 &+= f; h6 &+= g; h7 &+= h
                }
                state = (h0, h1, h2, h3, h4, h5, h6, h7)
            }
        }
    }
}

public extension Array where Element == UInt8 {
    /// The bytes as lowercase hexadecimal, two digits a byte (`[0x0a, 0xff]` → `"0aff"`).
    var lowercaseHex: String {
        // Written straight into the string's storage: an array of digits and one of the text, appended a byte
        // at a time, cost ≈ 2,000 instructions for a digest (one per anomaly id).
        String(unsafeUninitializedCapacity: count * 2) { text in
            func digit(_ value: UInt8) -> UInt8 { value < 10 ? 0x30 + value : 0x57 + value }
            for (index, byte) in enumerated() {
                text[2 * index] = digit(byte >> 4)
                text[2 * index + 1] = digit(byte & 0x0F)
            }
            return count * 2
        }
    }
}
