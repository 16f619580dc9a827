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
}
