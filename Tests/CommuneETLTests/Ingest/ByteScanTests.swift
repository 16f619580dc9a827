import CByteScan
import Testing

/// The sixteen-bytes-a-compare search that the CSV reader, the segment splitter and the canonical quoting
/// use to skip the plain bytes of a row: every position around the block boundaries, and no match at all.
@Suite struct ByteScanTests {
    private func firstOf3(_ text: [UInt8]) -> Int {
        text.withUnsafeBufferPointer { cbytescan_first_of3($0.baseAddress, $0.count, 0x22, 0x0D, 0x0A) }
    }

    private func firstOf4(_ text: [UInt8]) -> Int {
        text.withUnsafeBufferPointer { cbytescan_first_of4($0.baseAddress, $0.count, 0x2C, 0x22, 0x0D, 0x0A) }
    }

    @Test(arguments: [0, 1, 14, 15, 16, 17, 31, 32, 33, 47])
    func findsTheFirstSpecialByteWhereverItIs(position: Int) {
        for special: UInt8 in [0x22, 0x0D, 0x0A] {
            var text = [UInt8](repeating: UInt8(ascii: "a"), count: 48)
            text[position] = special
            if position + 1 < text.count { text[position + 1] = 0x22 }  // a later one is not the first
            #expect(firstOf3(text) == position)
            #expect(firstOf4(text) == position)
        }
        var comma = [UInt8](repeating: UInt8(ascii: "a"), count: 48)
        comma[position] = 0x2C
        #expect(firstOf4(comma) == position)
        #expect(firstOf3(comma) == 48)
    }

    @Test(arguments: [0, 1, 15, 16, 17, 40])
    func returnsTheCountWhenNoByteMatches(count: Int) {
        // Vietnamese UTF-8 (bytes ≥ 0x80) and spaces, none of them special.
        let text = Array(String(repeating: "Nậm Mòn ", count: 6).utf8.prefix(count))
        #expect(firstOf3(text) == count)
        #expect(firstOf4(text) == count)
    }

    /// `cbytescan_copy_finding4`: the same bytes as the source, exactly `count` of them written (the bytes
    /// after are untouched), and a special byte found wherever it is, for every length across the 4-, 8- and
    /// 16-byte paths.
    @Test(arguments: Array(0...40))
    func copiesAndFindsASpecialByteInOnePass(count: Int) {
        let plain = Array(String(repeating: "Nậm Mòn ", count: 6).utf8.prefix(count))
        #expect(copyFinding(plain) == (plain, false))
        for position in 0..<count {
            for special: UInt8 in [0x2C, 0x22, 0x0D, 0x0A] {
                var text = plain
                text[position] = special
                #expect(copyFinding(text) == (text, true), "special byte \(special) at \(position) of \(count)")
            }
        }
    }

    @Test(arguments: [0, 1, 2, 3, 4, 7, 8, 9, 15, 16, 17, 31, 32, 33, 63, 64, 65, 200])
    func copiesExactlyTheBytesAsked(count: Int) {
        let source = (0..<count).map { UInt8(truncatingIfNeeded: $0 * 7 + 1) }
        var destination = [UInt8](repeating: 0xEE, count: count + 16)
        destination.withUnsafeMutableBufferPointer { out in
            source.withUnsafeBufferPointer { cbytescan_copy(out.baseAddress, $0.baseAddress, count) }
        }
        #expect(Array(destination.prefix(count)) == source)
        #expect(destination.dropFirst(count).allSatisfy { $0 == 0xEE })
    }

    /// `cbytescan_copy_until4`: what it copies is the field up to its first special byte (what `first_of4`
    /// finds), whatever the block it falls in.
    @Test(arguments: [0, 1, 14, 15, 16, 17, 31, 32, 33, 47])
    func copiesUpToTheFirstSpecialByte(position: Int) {
        var text = (0..<48).map { UInt8(ascii: "a") + UInt8($0 % 26) }
        text[position] = 0x2C
        var destination = [UInt8](repeating: 0, count: 48)
        let copied = destination.withUnsafeMutableBufferPointer { out in
            text.withUnsafeBufferPointer { cbytescan_copy_until4(out.baseAddress, $0.baseAddress, $0.count, 0x2C, 0x22, 0x0D, 0x0A) }
        }
        #expect(copied == position)
        #expect(copied == firstOf4(text))
        #expect(Array(destination.prefix(copied)) == Array(text.prefix(copied)))
        let none = [UInt8](repeating: UInt8(ascii: "b"), count: position)
        var out = [UInt8](repeating: 0, count: max(position, 1))
        let all = out.withUnsafeMutableBufferPointer { out in
            none.withUnsafeBufferPointer { cbytescan_copy_until4(out.baseAddress, $0.baseAddress, $0.count, 0x2C, 0x22, 0x0D, 0x0A) }
        }
        #expect(all == position)
        #expect(Array(out.prefix(position)) == none)
    }

    private func copyFinding(_ text: [UInt8]) -> ([UInt8], Bool) {
        var destination = [UInt8](repeating: 0xEE, count: text.count + 16)
        let found = destination.withUnsafeMutableBufferPointer { out in
            text.withUnsafeBufferPointer { cbytescan_copy_finding4(out.baseAddress, $0.baseAddress, $0.count, 0x2C, 0x22, 0x0D, 0x0A) }
        }
        let untouched = destination.dropFirst(text.count).allSatisfy { $0 == 0xEE }
        return (untouched ? Array(destination.prefix(text.count)) : [], found != 0)
    }
}
