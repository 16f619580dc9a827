/// How the uniqueness rule spells a key's values as bytes: compactly, since the key table keeps the bytes
/// of every household key of the run (the largest structure of a run).
///
/// Integers (years, choices such as the commune, decimal units) are zigzag LEB128 varints: 1 byte for
/// -64…63 (a commune's index), 2 for a year, against 8 for a fixed-width `Int64`. A varint marks its own
/// end, so it needs no separator; so does text (`appendText`). Distinct values give distinct bytes, which
/// is all the key table needs (it only compares keys for equality).
///
/// The ledgers of the incremental cache store these bytes: changing the encoding means a new
/// `RuleLedger.formatVersion`, so that keys spelled the old way are refused, never compared.
enum KeyEncoding {
    /// Appends `value` as a zigzag LEB128 varint (1 to 10 bytes).
    static func appendVarint<Output: ByteOutput & ~Copyable>(_ value: Int64, to key: inout Output) {
        var rest = UInt64(bitPattern: (value << 1) ^ (value >> 63))
        while rest >= 0x80 {
            key.append(UInt8(truncatingIfNeeded: rest) | 0x80)
            rest >>= 7
        }
        key.append(UInt8(rest))
    }

    /// Appends text so that it ends itself: codes of digits and `-` `.` `/` (household codes such as
    /// `02848-2023-00017`) packed two characters a byte after the mark 0x1E, ended by the half-byte 0xF —
    /// 10 bytes instead of 17; any other text after the mark 0x1D and its length (a varint), as it is. The
    /// marks keep the two forms apart, so distinct texts give distinct bytes, whatever bytes they hold.
    static func appendText<Output: ByteOutput & ~Copyable>(_ text: UnsafeBufferPointer<UInt8>, to key: inout Output) {
        guard let base = text.baseAddress, text.count <= 64, isPackable(text) else {
            key.append(0x1D)
            appendVarint(Int64(text.count), to: &key)
            key.append(contentsOf: text)
            return
        }
        key.append(0x1E)
        var index = 0
        // Eight characters into four bytes at once (a household code is two such words), the rest one pair
        // at a time: the same bytes either way.
        while index + 8 <= text.count {
            let word = UInt64(littleEndian: UnsafeRawPointer(base + index).loadUnaligned(as: UInt64.self))
            var packed = packWord(word).littleEndian
            withUnsafeBytes(of: &packed) { key.append(contentsOf: $0.assumingMemoryBound(to: UInt8.self)) }
            index += 8
        }
        while index < text.count {
            let low = index + 1 < text.count ? packedCode(text[index + 1]) : 0x0F
            key.append(packedCode(text[index]) << 4 | low)
            index += 2
        }
        if text.count % 2 == 0 { key.append(0xFF) }
    }

    static func appendText<Output: ByteOutput & ~Copyable>(_ text: [UInt8], to key: inout Output) {
        text.withUnsafeBufferPointer { appendText($0, to: &key) }
    }

    /// Whether a byte can be packed: `-` `.` `/` and `0`…`9` are the thirteen bytes 0x2D…0x39, so one
    /// compare tells (a household code's seventeen bytes were a switch each).
    @inline(__always)
    private static func isPackable(_ byte: UInt8) -> Bool { byte &- 0x2D < 13 }

    /// Whether a non-empty text can be packed, eight bytes a test: every byte below 0x80, at least 0x2D
    /// (adding 0x53 sets its top bit) and below 0x3A (adding 0x46 does not). No carry crosses a byte, all
    /// being below 0x80.
    private static func isPackable(_ text: UnsafeBufferPointer<UInt8>) -> Bool {
        guard let base = text.baseAddress, !text.isEmpty else { return false }
        var index = 0
        while index + 8 <= text.count {
            let word = UnsafeRawPointer(base + index).loadUnaligned(as: UInt64.self)
            let high: UInt64 = 0x8080_8080_8080_8080
            guard word & high == 0, (word &+ 0x5353_5353_5353_5353) & high == high,
                  (word &+ 0x4646_4646_4646_4646) & high == 0 else { return false }
            index += 8
        }
        while index < text.count {
            guard isPackable(base[index]) else { return false }
            index += 1
        }
        return true
    }

    /// Eight packable bytes (read little-endian, the first in the lowest byte) as four bytes of two half-bytes each,
    /// in the same order (the first in the lowest byte). Each byte's code is its value minus 0x30, plus 13
    /// for `-` `.` `/` (0x2D…0x2F: −3…−1 become 10…12), worked out for all eight at once.
    @inline(__always)
    private static func packWord(_ word: UInt64) -> UInt32 {
        let raw = (word | 0x8080_8080_8080_8080) &- 0x3030_3030_3030_3030  // no borrow: each byte ≥ 0xAD
        let below = ~raw & 0x8080_8080_8080_8080  // the bytes under 0x30
        let codes = ((raw & 0x7F7F_7F7F_7F7F_7F7F) &+ (below >> 7) &* 13) & 0x0F0F_0F0F_0F0F_0F0F
        var pairs = ((codes << 4) | (codes >> 8)) & 0x00FF_00FF_00FF_00FF  // byte 2k: code 2k, then code 2k + 1
        pairs = (pairs | (pairs >> 8)) & 0x0000_FFFF_0000_FFFF
        return UInt32(truncatingIfNeeded: pairs | (pairs >> 16))
    }

    /// The half-byte of a packable byte: `0`…`9` are 0…9, `-` 10, `.` 11, `/` 12.
    @inline(__always)
    private static func packedCode(_ byte: UInt8) -> UInt8 { byte >= 0x30 ? byte &- 0x30 : byte &- 0x23 }
}
