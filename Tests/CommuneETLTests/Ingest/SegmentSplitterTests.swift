import Testing
@testable import CommuneETL

/// Where decoded text may be cut into segments, and the lines before each cut, counted as
/// `CSVRecordReader` counts them.
@Suite struct SegmentSplitterTests {
    private func scan(_ pieces: [String]) -> (cuts: [SegmentSplitter.Cut?], lines: Int, inQuotes: Bool) {
        var splitter = SegmentSplitter()
        let cuts = pieces.map { piece in Array(piece.utf8).withUnsafeBytes { splitter.scan($0) } }
        return (cuts, splitter.lines, splitter.inQuotes)
    }

    @Test func cutsAfterTheLastLineFeedOutsideQuotes() {
        let result = scan(["a,b\nc,\"d\ne\"\nf,g"])
        #expect(result.cuts == [SegmentSplitter.Cut(offset: 12, lines: 2)])
        #expect(result.lines == 2)
        #expect(!result.inQuotes)
    }

    @Test func aLineFeedInsideQuotesIsNeverACut() {
        let result = scan(["a,\"b\nc", "\"\"d\n", "e\"\n"])
        #expect(result.cuts == [nil, nil, SegmentSplitter.Cut(offset: 3, lines: 1)])
    }

    @Test func crlfCountsOnceAndALoneCarriageReturnCountsAsALine() {
        #expect(scan(["a\r\nb\r\n"]).cuts == [SegmentSplitter.Cut(offset: 6, lines: 2)])
        #expect(scan(["a\rb\r"]).lines == 2)
        #expect(scan(["a\rb\r"]).cuts == [nil])  // No line feed: nowhere to cut.
        #expect(scan(["a\r", "\nb\n"]).cuts == [nil, SegmentSplitter.Cut(offset: 3, lines: 2)])
        #expect(scan(["\n\r\n\n"]).lines == 3)
    }

    @Test func findsWhereEachLineEnds() {
        var splitter = SegmentSplitter()
        var ends: [Int] = []
        let text = "a,\"x\ny\"\r\nb\rc\n\nlong line of more than eight bytes\r\n"
        _ = Array(text.utf8).withUnsafeBytes { splitter.scan($0, lineEnds: &ends, base: 100) }
        #expect(ends == [109, 111, 113, 114, 150])
        // A CR LF split between two pieces ends past its LF.
        var split = SegmentSplitter()
        var splitEnds: [Int] = []
        _ = Array("ab\r".utf8).withUnsafeBytes { split.scan($0, lineEnds: &splitEnds) }
        _ = Array("\ncd\n".utf8).withUnsafeBytes { split.scan($0, lineEnds: &splitEnds, base: 3) }
        #expect(splitEnds == [4, 7])
        #expect(split.lines == 2)
    }

    @Test func agreesWithTheRecordReaderOnLines() throws {
        let text = "h1,h2\r\n\r\nx,\"multi\r\nline\"\r\n\n\"q\"\"q\",2\r\n"
        var splitter = SegmentSplitter()
        let cut = Array(text.utf8).withUnsafeBytes { splitter.scan($0) }
        let reader = CSVRecordReader()
        var lines: [Int] = []
        try Array(text.utf8).withUnsafeBytes { try reader.parse($0) { lines.append($0.line) } }
        #expect(lines == [1, 3, 5])
        #expect(cut?.lines == 5 && reader.line == 5 && reader.isBetweenRecords)
        #expect(cut?.offset == text.utf8.count)
    }
}
