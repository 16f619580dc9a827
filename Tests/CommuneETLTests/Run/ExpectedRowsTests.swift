import Testing
@testable import CommuneETL

/// How many rows a large file is expected to hold, from its first chunk: what the key tables reserve for.
@Suite struct ExpectedRowsTests {
    private static func expected(fileBytes: Int, firstChunk: String) -> Int {
        Array(firstChunk.utf8).withUnsafeBytes { FileProcessor.expectedRows(fileBytes: fileBytes, firstChunk: $0) }
    }

    @Test func theFileSizeOverTheFirstChunksBytesPerLine() {
        // Ten lines of 100 bytes (99 and a LF): a 1 MB file of them holds 10,000.
        let lines = String(repeating: String(repeating: "x", count: 99) + "\n", count: 10)
        #expect(Self.expected(fileBytes: 1_000_000, firstChunk: lines) == 10_000)
        // CRLF lines count once; a chunk cut inside a line counts the lines it ends.
        #expect(Self.expected(fileBytes: 1_000, firstChunk: "ab\r\ncd\r\nef") == 200)
    }

    @Test func aChunkWithoutALineBreakExpectsNoRows() {
        #expect(Self.expected(fileBytes: 5_000_000, firstChunk: String(repeating: "x", count: 4096)) == 0)
        #expect(Self.expected(fileBytes: 5_000_000, firstChunk: "") == 0)
    }
}
