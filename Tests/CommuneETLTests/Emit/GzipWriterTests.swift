import Foundation
import Testing
@testable import CommuneETL

@Suite struct GzipWriterTests {
    enum Sample: String, CaseIterable {
        case empty, oneByte, text, oneMiBRandom

        var bytes: [UInt8] {
            switch self {
            case .empty: return []
            case .oneByte: return [0x41]
            case .text:
                let row = "79,Phường Bến Nghé,\"Nguyễn Văn \"\"A\"\"\",1250000,25.93,2024-06-30\n"
                return Array(String(repeating: row, count: 500).utf8)
            case .oneMiBRandom:
                var state: UInt64 = 42
                return (0..<(1 << 20)).map { _ in
                    state = state &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
                    return UInt8(truncatingIfNeeded: state >> 56)
                }
            }
        }
    }

    @Test(arguments: Sample.allCases)
    func compressedBytesInflateBackToTheInput(sample: Sample) throws {
        let input = sample.bytes
        #expect(try gunzip(GzipWriter.compress(input)) == input)
    }

    @Test(arguments: Sample.allCases)
    func writerFileInflatesBackToTheInput(sample: Sample) throws {
        let folder = try EmitTestFolder()
        let input = sample.bytes
        let writer = try GzipWriter(creatingAt: folder.path + "/out.csv.gz")
        try writeInOddPieces(input, to: writer)
        try writer.finish()
        try writer.finish()
        #expect(writer.uncompressedBytes == input.count)
        let file = try #require(folder.contents(of: "out.csv.gz"))
        #expect(try gunzip(file) == input)
    }

    @Test(arguments: [Int32(0), 1, 9])
    func everyLevelRoundTrips(level: Int32) throws {
        let input = Sample.text.bytes
        #expect(try gunzip(GzipWriter.compress(input, level: level)) == input)
    }

    @Test func headerIsGzipDeflateWithMtimeZero() {
        let output = GzipWriter.compress(Array("abc".utf8))
        #expect(Array(output[0..<3]) == [0x1f, 0x8b, 0x08])
        #expect(Array(output[4..<8]) == [0, 0, 0, 0])
    }

    @Test func sameInputGivesIdenticalBytes() throws {
        let input = Sample.text.bytes
        #expect(GzipWriter.compress(input) == GzipWriter.compress(input))

        let folder = try EmitTestFolder()
        for name in ["a.gz", "b.gz"] {
            let writer = try GzipWriter(creatingAt: folder.path + "/" + name)
            try writeInOddPieces(input, to: writer)
            try writer.finish()
        }
        let first = try #require(folder.contents(of: "a.gz"))
        #expect(folder.contents(of: "b.gz") == first)
    }

    @Test func concatenatedMembersInflateToTheConcatenation() throws {
        let first = Array("id,name\n1,Bến Nghé\n".utf8)
        let second = Array("2,Đa Kao\n".utf8)
        let joined = GzipWriter.compress(first) + GzipWriter.compress(second)
        #expect(try gunzip(joined) == first + second)
    }

    @Test func refusesAnExistingFile() throws {
        let folder = try EmitTestFolder()
        let path = folder.path + "/out.gz"
        try GzipWriter(creatingAt: path).finish()
        #expect(throws: OutputError.create(path: path, errno: EEXIST)) {
            try GzipWriter(creatingAt: path)
        }
    }

    /// Writes in pieces of 1, 7, 131071 and 200000 bytes, then the rest, to cross the 128 KiB buffer.
    private func writeInOddPieces(_ input: [UInt8], to writer: GzipWriter) throws {
        var offset = 0
        for size in [1, 7, 131_071, 200_000, Int.max] where offset < input.count {
            let end = min(input.count, offset + min(size, input.count))
            try writer.write(Array(input[offset..<end]))
            offset = end
        }
    }
}
