import CLibDeflate
import CZlib
import Foundation
import Glibc
import Testing
@testable import CommuneETL

@Suite struct ParallelGzipWriterTests {
    /// About 5 MiB of household-list-like rows (LF-ended, Vietnamese text), the same on every call.
    static let csv: [UInt8] = csvLike(bytes: 5 << 20)

    enum Small: String, CaseIterable {
        case empty, oneByte, noFinalLF

        var bytes: [UInt8] {
            switch self {
            case .empty: []
            case .oneByte: [0x41]
            case .noFinalLF: Array("02839,2024,Hoàng Thị Duyên\n02842,2025,Giàng Văn Sính".utf8)
            }
        }
    }

    @Test(arguments: Small.allCases, [1, 2])
    func smallInputIsOneLibdeflateMember(sample: Small, threads: Int) throws {
        let folder = try EmitTestFolder()
        let writer = try ParallelGzipWriter(creatingAt: folder.path + "/out.gz", threads: threads)
        try writer.write(sample.bytes)
        try writer.finish()
        try writer.finish()
        let file = try #require(folder.contents(of: "out.gz"))
        #expect(try gunzip(file) == sample.bytes)
        #expect(file == Self.libdeflateGzip(sample.bytes, level: 6))
        #expect(writer.uncompressedBytes == sample.bytes.count)
    }

    /// The gzip header: deflate, no flags, mtime 0 (so the same rows give the same bytes on any night),
    /// no extra flags at level 6, and operating system 255 ("unknown"), as libdeflate writes it.
    @Test func headerHasMtimeZero() throws {
        let file = try Self.parallelGzip(Small.noFinalLF.bytes, threads: 1)
        #expect(Array(file.prefix(10)) == [0x1F, 0x8B, 0x08, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0xFF])
    }

    @Test func compressorNamesTheLibdeflateVersion() {
        #expect(ParallelGzipWriter.compressor == "libdeflate-1.26")
    }

    /// The 5 MiB sample through one thread in 4 KiB pieces: what every other way must reproduce.
    static let reference: Result<[UInt8], any Error> = Result { try parallelGzip(csv, threads: 1, piece: 4096) }

    @Test func referenceInflatesBackToTheInput() throws {
        #expect(try gunzip(Self.reference.get()) == Self.csv)
    }

    @Test(arguments: [1, 7, 4096, 3 << 20])
    func outputIsTheSameWhateverThePieceSize(piece: Int) throws {
        let output = try Self.parallelGzip(Self.csv, threads: 2, piece: piece)
        #expect(output == (try Self.reference.get()))
    }

    @Test(arguments: [1, 2, 4])
    func outputIsTheSameWhateverTheThreadCount(threads: Int) throws {
        let output = try Self.parallelGzip(Self.csv, threads: threads, piece: 3 << 20)
        #expect(output == (try Self.reference.get()))
    }

    @Test(arguments: [Int32(0), 1, 9])
    func everyLevelRoundTrips(level: Int32) throws {
        let folder = try EmitTestFolder()
        let writer = try ParallelGzipWriter(creatingAt: folder.path + "/out.gz", level: level, threads: 2)
        try writer.write(Self.csv)
        try writer.finish()
        #expect(try gunzip(#require(folder.contents(of: "out.gz"))) == Self.csv)
    }

    /// A change of level ends the member being filled: the stored stretch is its own member, as large as
    /// its input plus the framing, and the whole file still reads back as the input.
    @Test func aLevelChangeEndsTheMember() throws {
        let folder = try EmitTestFolder()
        let writer = try ParallelGzipWriter(creatingAt: folder.path + "/out.gz", level: 6, threads: 2)
        let head = Array(Self.csv.prefix(1_000)), stored = Array(Self.csv.dropFirst(1_000).prefix(200_000))
        try writer.write(head)
        try writer.setLevel(0)
        try writer.write(stored)
        try writer.setLevel(6)
        try writer.write(head)
        try writer.finish()
        let file = try #require(folder.contents(of: "out.gz"))
        let members = try gunzipMembers(file)
        #expect(members == [head, stored, head])
        #expect(file.count > stored.count && file.count < stored.count + 2_000)
    }

    @Test func everyMemberButTheLastEndsAtARowEnd() throws {
        let members = try gunzipMembers(Self.parallelGzip(Self.csv, threads: 2))
        #expect(members.count == 6)
        #expect(Array(members.joined()) == Self.csv)
        for member in members.dropLast() {
            #expect(member.last == 0x0A)
            #expect(member.count <= ParallelGzipWriter.blockSize)
            #expect(member.count > ParallelGzipWriter.blockSize - 300)  // Rows are shorter than 300 bytes.
        }
    }

    @Test func aStreamWithoutLineFeedsIsCutAtTheBlockSize() throws {
        let input = [UInt8](repeating: UInt8(ascii: "a"), count: ParallelGzipWriter.blockSize + 10)
        let members = try gunzipMembers(Self.parallelGzip(input, threads: 2))
        #expect(members.map(\.count) == [ParallelGzipWriter.blockSize, 10])
    }

    @Test func gzipCommandAcceptsTheFile() throws {
        let folder = try EmitTestFolder()
        try Data(Self.parallelGzip(Self.csv, threads: 2)).write(to: URL(fileURLWithPath: folder.path + "/out.gz"))
        let (status, _) = try run("/bin/gzip", ["-t", folder.path + "/out.gz"])
        #expect(status == 0)
    }

    @Test func pythonGzipReadsTheWholeFile() throws {
        let folder = try EmitTestFolder()
        try Data(Self.parallelGzip(Self.csv, threads: 2)).write(to: URL(fileURLWithPath: folder.path + "/out.gz"))
        let script = "import gzip,sys;sys.stdout.buffer.write(gzip.open(sys.argv[1]).read())"
        let (status, output) = try run("/usr/bin/env", ["python3", "-c", script, folder.path + "/out.gz"])
        #expect(status == 0)
        #expect(output == Self.csv)
    }

    @Test func fullDiskSurfacesFromFinishEvenWhenWriteThrewFirst() throws {
        let fd = open("/dev/full", O_WRONLY | O_CLOEXEC)
        try #require(fd >= 0)
        let writer = ParallelGzipWriter(file: OutputFile(fileDescriptor: fd, path: "/dev/full"), level: 6, threads: 2)
        // Incompressible, so every member is larger than OutputFile's buffer and is written at once.
        let noise = csvNoise(bytes: 3 << 20)
        let firstError = #expect(throws: OutputError.self) {
            try writer.write(noise)
            try writer.finish()
        }
        #expect(firstError == OutputError.write(path: "/dev/full", errno: ENOSPC))
        #expect(throws: OutputError.write(path: "/dev/full", errno: ENOSPC)) { try writer.finish() }
    }

    /// Less than a block: nothing is written before `finish`, which meets the full disk first, and throws it
    /// again when called again (as `write` does after a failure).
    @Test func aFinishThatFailedThrowsAgain() throws {
        let fd = open("/dev/full", O_WRONLY | O_CLOEXEC)
        try #require(fd >= 0)
        let writer = ParallelGzipWriter(file: OutputFile(fileDescriptor: fd, path: "/dev/full"), level: 6, threads: 2)
        try writer.write(csvNoise(bytes: 300_000))
        #expect(throws: OutputError.write(path: "/dev/full", errno: ENOSPC)) { try writer.finish() }
        #expect(throws: OutputError.write(path: "/dev/full", errno: ENOSPC)) { try writer.finish() }
    }

    // MARK: - Helpers

    /// Gzips `input` with a `ParallelGzipWriter`, handing it over in `piece`-byte writes.
    private static func parallelGzip(_ input: [UInt8], threads: Int, piece: Int = .max) throws -> [UInt8] {
        let folder = try EmitTestFolder()
        let writer = try ParallelGzipWriter(creatingAt: folder.path + "/out.gz", threads: threads)
        try input.withUnsafeBytes { raw in
            for start in stride(from: 0, to: raw.count, by: min(piece, max(raw.count, 1))) {
                try writer.write(UnsafeRawBufferPointer(rebasing: raw[start..<min(start + piece, raw.count)]))
            }
        }
        try writer.finish()
        #expect(writer.uncompressedBytes == input.count)
        return try #require(folder.contents(of: "out.gz"))
    }

    /// `bytes` as one gzip member, straight from libdeflate.
    private static func libdeflateGzip(_ bytes: [UInt8], level: Int32) -> [UInt8] {
        let compressor = libdeflate_alloc_compressor(level)
        defer { libdeflate_free_compressor(compressor) }
        var out = [UInt8](repeating: 0, count: libdeflate_gzip_compress_bound(compressor, bytes.count))
        let count = bytes.withUnsafeBytes { input in
            out.withUnsafeMutableBytes { libdeflate_gzip_compress(compressor, input.baseAddress, input.count, $0.baseAddress, $0.count) }
        }
        return Array(out.prefix(count))
    }

    /// Runs a program; returns its exit status and standard output.
    private func run(_ program: String, _ arguments: [String]) throws -> (Int32, [UInt8]) {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: program)
        process.arguments = arguments
        let pipe = Pipe()
        process.standardOutput = pipe
        try process.run()
        let output = pipe.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return (process.terminationStatus, [UInt8](output))
    }

    /// Rows like the canonical table's (~130 bytes, LF-ended, Vietnamese text), drawn by a fixed-seed
    /// generator from 256 prepared rows and numbered, so no two lines are equal.
    private static func csvLike(bytes: Int) -> [UInt8] {
        let names = ["Giàng Văn Sính", "Hoàng Thị Duyên", "Lù Seo Chư", "Vàng Thị Mai", "Nguyễn Đức Thắng"]
        let villages = ["Bản Phố 2", "Thôn Sản Chư Ván", "Na Hối Tày", "Cốc Lầu"]
        var state: UInt64 = 42
        func next(_ bound: Int) -> Int {
            state = state &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
            return Int(state >> 33) % bound
        }
        let rows: [[UInt8]] = (0..<256).map { _ in
            let flags = (0..<12).map { _ in next(4) == 0 ? "1" : "0" }.joined(separator: ",")
            return Array(("0\(2839 + 3 * next(20)),202\(1 + next(5)),\(names[next(5)]),0\(100_000_000_000 + next(1 << 30)),"
                + "\(villages[next(4)]),\(1 + next(12)),\(next(90) * 50_000),\(flags),households.csv,").utf8)
        }
        var out: [UInt8] = []
        out.reserveCapacity(bytes + 300)
        var line = 0
        while out.count < bytes {
            line += 1
            out += rows[next(256)]
            var digits = line
            let end = out.count
            repeat {
                out.insert(UInt8(ascii: "0") + UInt8(digits % 10), at: end)
                digits /= 10
            } while digits > 0
            out.append(0x0A)
        }
        return out
    }

    /// Incompressible bytes with no LF.
    private func csvNoise(bytes: Int) -> [UInt8] {
        var state: UInt64 = 7
        return (0..<bytes).map { _ in
            state = state &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
            let byte = UInt8(truncatingIfNeeded: state >> 56)
            return byte == 0x0A ? 0x0B : byte
        }
    }
}

/// Inflates gzip data member by member: each member's bytes, in order.
private func gunzipMembers(_ compressed: [UInt8]) throws -> [[UInt8]] {
    var members: [[UInt8]] = []
    var offset = 0
    while offset < compressed.count {
        let stream = UnsafeMutablePointer<z_stream>.allocate(capacity: 1)
        stream.initialize(to: z_stream())
        defer {
            inflateEnd(stream)
            stream.deinitialize(count: 1)
            stream.deallocate()
        }
        let initStatus = inflateInit2_(stream, 31, ZLIB_VERSION, Int32(MemoryLayout<z_stream>.size))
        guard initStatus == Z_OK else { throw InflateError(status: initStatus) }
        var member: [UInt8] = []
        var chunk = [UInt8](repeating: 0, count: 64 * 1024)
        var input = Array(compressed[offset...])
        let consumed = try input.withUnsafeMutableBufferPointer { source -> Int in
            stream.pointee.next_in = source.baseAddress
            stream.pointee.avail_in = UInt32(source.count)
            while true {
                let status = chunk.withUnsafeMutableBufferPointer { out -> Int32 in
                    stream.pointee.next_out = out.baseAddress
                    stream.pointee.avail_out = UInt32(out.count)
                    let status = inflate(stream, Z_NO_FLUSH)
                    member.append(contentsOf: out[0..<(out.count - Int(stream.pointee.avail_out))])
                    return status
                }
                if status == Z_STREAM_END { return source.count - Int(stream.pointee.avail_in) }
                guard status == Z_OK else { throw InflateError(status: status) }
            }
        }
        members.append(member)
        offset += consumed
    }
    return members
}
