import Foundation
import Testing
@testable import CommuneETL

/// The incremental cache's checksum is gzip's CRC-32, written as 8 hex digits, whatever the pieces.
struct CacheChecksumTests {
    @Test func theStandardCheckValue() {
        #expect(CacheChecksum.hex(Array("123456789".utf8)) == "cbf43926")
        #expect(CacheChecksum.hex([]) == "00000000")
        #expect(CacheChecksum.hex([0x00]) == "d202ef8d")
    }

    @Test func piecesGiveTheChecksumOfTheWhole() {
        let bytes = (0..<100_000).map { UInt8(truncatingIfNeeded: $0 &* 31 &+ $0 >> 7) }
        var streamed = CacheChecksum()
        var start = 0
        for length in [0, 1, 7, 64, 4_095, 30_000] {
            bytes[start..<(start + length)].withUnsafeBytes { streamed.update($0) }
            start += length
        }
        bytes[start...].withUnsafeBytes { streamed.update($0) }
        #expect(streamed.hex == CacheChecksum.hex(bytes))
    }

    @Test func aFileHasTheChecksumOfItsBytes() throws {
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("checksum-\(UUID().uuidString)").path
        defer { try? FileManager.default.removeItem(atPath: path) }
        let bytes = (0..<3_000_000).map { UInt8(truncatingIfNeeded: $0 % 251) }  // more than one 1 MiB read
        try Data(bytes).write(to: URL(fileURLWithPath: path))
        #expect(try CacheChecksum.hex(ofFileAt: path) == CacheChecksum.hex(bytes))
        #expect(throws: OutputError.self) { try CacheChecksum.hex(ofFileAt: path + "-missing") }
    }
}
