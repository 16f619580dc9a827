import Testing
@testable import CommuneETL

/// The branch-free reading of the usual flag cells agrees with `NumberReader.readFlag`, and leaves every other
/// cell to it.
@Suite struct FlagMarksTests {
    private static func quick(_ bytes: [UInt8]) -> Bool? {
        let marks = FlagMarks()
        return bytes.withUnsafeBufferPointer { marks.value($0) }
    }

    private static func full(_ bytes: [UInt8]) -> Bool? {
        switch bytes.withUnsafeBufferPointer(NumberReader.readFlag) {
        case .yes: true
        case .no: false
        case .invalid: nil
        }
    }

    @Test func theEmptyCellAndTheFourOneByteMarksAreRead() {
        #expect(Self.quick([]) == false)
        #expect(Self.quick(Array("x".utf8)) == true)
        #expect(Self.quick(Array("X".utf8)) == true)
        #expect(Self.quick(Array("1".utf8)) == true)
        #expect(Self.quick(Array("0".utf8)) == false)
    }

    /// Every one-byte cell: read here only when it is one of the four marks, and then as `readFlag` reads it.
    @Test func everyOneByteCellIsReadAsReadFlagReadsItOrLeftToIt() {
        var read: [UInt8] = []
        for byte in UInt8.min...UInt8.max {
            guard let value = Self.quick([byte]) else { continue }
            read.append(byte)
            #expect(value == Self.full([byte]), "byte \(byte)")
        }
        #expect(read == Array("01Xx".utf8))
    }

    @Test(arguments: ["có", "Có", "co\u{301}", "✓", "✔", " x", "x ", "xx", "10", "không", "\u{A0}x"])
    func longerCellsAreLeftToReadFlag(cell: String) {
        #expect(Self.quick(Array(cell.utf8)) == nil)
    }

    /// An empty cell whose buffer has no address (no bytes at all) reads as no, as an empty field does.
    @Test func anEmptyBufferWithoutAnAddressReadsAsNo() {
        let marks = FlagMarks()
        #expect(marks.value(UnsafeBufferPointer(start: nil, count: 0)) == false)
    }
}
