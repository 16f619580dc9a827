/// Reads the usual flag cells — empty, or one byte: `x`, `X`, `1` (yes) or `0` (no) — without a branch on which.
///
/// Why: the twelve deprivation marks of a household are as good as random, so a branch on a mark (empty or
/// not, `x` or not) was mispredicted about every other cell; the same branch on the derived count of marks cost
/// a third of that step's samples (perf). Here the cell's byte (or, for an empty cell, the `0` kept after the
/// table) is looked up in a table of 256 answers, through a select rather than a branch. Any other cell (`có`,
/// `✓`, a stray value) is left to `NumberReader.readFlag`, which this agrees with byte for byte (tests).
struct FlagMarks: ~Copyable {
    /// Per byte value: 0 no, 1 yes, 2 not a one-byte mark; then one `0` byte, what an empty cell reads.
    private let table: UnsafeMutablePointer<UInt8>
    private static let other: UInt8 = 2

    init() {
        table = .allocate(capacity: 257)
        table.initialize(repeating: Self.other, count: 256)
        for yes in "xX1".utf8 { table[Int(yes)] = 1 }
        table[Int(UInt8(ascii: "0"))] = 0
        table[256] = UInt8(ascii: "0")
    }

    deinit { table.deallocate() }

    /// The mark of an empty or one-byte cell (true: yes); nil for any other cell.
    @inline(__always)
    func value(_ bytes: UnsafeBufferPointer<UInt8>) -> Bool? {
        guard bytes.count <= 1 else { return nil }
        // The cell's own byte, or the `0` after the table for an empty cell, chosen with a mask (all ones for
        // one byte, zero for none): written as `count == 1 ? … : …`, the compiler branched on it.
        let empty = Int(bitPattern: table + 256)
        let own = bytes.baseAddress.map { Int(bitPattern: $0) } ?? empty
        let mask = 0 &- bytes.count
        let address = UnsafePointer<UInt8>(bitPattern: (own & mask) | (empty & ~mask))!
        let answer = table[Int(address.pointee)]
        return answer == Self.other ? nil : answer == 1
    }
}
