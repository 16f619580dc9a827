/// How the uniqueness rule spells a key's values as bytes: compactly, since the key table keeps the bytes
/// of every household key of the run (the largest structure of a run).
///
/// Integers (years, choices such as the commune, decimal units) are zigzag LEB128 varints: 1 byte for
/// -64…63 (a commune's index), 2 for a year, against 8 for a fixed-width `Int64`. A varint marks its own
/// end, so it needs no separator; text ends with 0x1F (unit separator), as it always did. Distinct values
/// give distinct bytes, which is all the key table needs (it only compares keys for equality).
///
/// The ledgers of the incremental cache store these bytes: changing the encoding means a new
/// `RuleLedger.formatVersion`, so that keys spelled the old way are refused, never compared.
enum KeyEncoding {
    /// Appends `value` as a zigzag LEB128 varint (1 to 10 bytes).
    static func appendVarint(_ value: Int64, to key: inout [UInt8]) {
        var rest = UInt64(bitPattern: (value << 1) ^ (value >> 63))
        while rest >= 0x80 {
            key.append(UInt8(truncatingIfNeeded: rest) | 0x80)
            rest >>= 7
        }
        key.append(UInt8(rest))
    }

    /// Appends text bytes and the separator that ends them.
    static func appendText(_ text: UnsafeBufferPointer<UInt8>, to key: inout [UInt8]) {
        key.append(contentsOf: text)
        key.append(0x1F)
    }

    /// Appends text bytes and the separator that ends them.
    static func appendText(_ text: [UInt8], to key: inout [UInt8]) {
        key.append(contentsOf: text)
        key.append(0x1F)
    }
}
