import Foundation
import Glibc
import Testing
@testable import CommuneETL

@Suite struct SHA256Tests {
    /// FIPS 180-2 / NIST example messages and their digests.
    static let vectors: [(message: String, digest: String)] = [
        ("", "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855"),
        ("abc", "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad"),
        ("abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq",
         "248d6a61d20638b8e5c026930c3e6039a33ce45964ff2167f6ecedd419db06c1"),
        ("abcdefghbcdefghicdefghijdefghijkefghijklfghijklmghijklmnhijklmnoijklmnopjklmnopqklmnopqrlmnopqrsmnopqrstnopqrstu",
         "cf5b16a778af8380036ce59e7b0492370b249b11e8f07a51afac45037afee9d1"),
    ]
    static let millionAsDigest = "cdc76e5c9914fb9281a1c7e284d73e67f1809a48a497200e046d39ccc7112cd0"

    @Test(arguments: vectors)
    func hashesFIPSVectors(message: String, digest: String) {
        #expect(SHA256.hexDigest(Array(message.utf8)) == digest)
    }

    @Test(arguments: vectors)
    func portableRoundsHashFIPSVectors(message: String, digest: String) {
        var hasher = SHA256(portableOnly: true)
        hasher.update(Array(message.utf8))
        #expect(hasher.finalize().lowercaseHex == digest)
    }

    /// The SHA-NI rounds (used where the processor has them) and the portable ones agree on every length
    /// around the block boundaries and on a long pseudo-random message.
    @Test func hardwareAndPortableRoundsAgree() {
        var generator = SampleRandom(seed: 7)
        let message = (0..<100_000).map { _ in UInt8(truncatingIfNeeded: generator.next()) }
        for length in Array(0...130) + [1000, 4097, 100_000] {
            var portable = SHA256(portableOnly: true), dispatched = SHA256()
            message[..<length].withUnsafeBytes { portable.update($0); dispatched.update($0) }
            #expect(portable.finalize() == dispatched.finalize(), "length \(length)")
        }
    }

    @Test func hashesOneMillionLetterA() {
        #expect(SHA256.hexDigest([UInt8](repeating: 0x61, count: 1_000_000)) == Self.millionAsDigest)
    }

    @Test func hashesOneMillionLetterAFedInOddPieces() {
        var hasher = SHA256()
        var fed = 0
        var piece = 1
        while fed < 1_000_000 {
            let count = min(piece, 1_000_000 - fed)
            hasher.update([UInt8](repeating: 0x61, count: count))
            fed += count
            piece = piece * 3 + 1  // 1, 4, 13, 40, … crosses block edges at odd offsets
        }
        #expect(hasher.finalize().lowercaseHex == Self.millionAsDigest)
    }

    @Test(arguments: [0, 1, 3, 55, 56, 63, 64, 65, 111, 112])
    func splitUpdatesEqualOneUpdate(splitAt split: Int) {
        let message = Array("abcdefghbcdefghicdefghijdefghijkefghijklfghijklmghijklmnhijklmnoijklmnopjklmnopqklmnopqrlmnopqrsmnopqrstnopqrstu".utf8)
        var hasher = SHA256()
        message.withUnsafeBytes { raw in
            hasher.update(UnsafeRawBufferPointer(rebasing: raw[..<split]))
            hasher.update(UnsafeRawBufferPointer(rebasing: raw[split...]))
        }
        #expect(hasher.finalize().lowercaseHex == "cf5b16a778af8380036ce59e7b0492370b249b11e8f07a51afac45037afee9d1")
    }

    @Test func emptyUpdatesChangeNothing() {
        var hasher = SHA256()
        hasher.update([])
        hasher.update(Array("abc".utf8))
        hasher.update([])
        #expect(hasher.finalize().lowercaseHex == "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad")
    }

    @Test func fileDigestMatchesKnownVector() throws {
        let path = Self.temporaryPath("million-a")
        defer { unlink(path) }
        try Data(repeating: 0x61, count: 1_000_000).write(to: URL(fileURLWithPath: path))
        #expect(try SHA256.hexDigest(ofFileAt: path) == Self.millionAsDigest)
    }

    @Test func fileDigestOfSeveralChunksMatchesInMemoryDigest() throws {
        // 2.5 MiB: two full 1 MiB reads and a partial one.
        var state: UInt64 = 0x9E37_79B9_7F4A_7C15
        let bytes = (0..<(5 << 19)).map { _ -> UInt8 in
            state = state &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
            return UInt8(truncatingIfNeeded: state >> 56)
        }
        let path = Self.temporaryPath("random")
        defer { unlink(path) }
        try Data(bytes).write(to: URL(fileURLWithPath: path))
        #expect(try SHA256.hexDigest(ofFileAt: path) == SHA256.hexDigest(bytes))
    }

    @Test func fileDigestOfMissingFileThrowsRead() {
        #expect(throws: OutputError.read(path: "/nonexistent/x.csv", errno: ENOENT)) {
            try SHA256.hexDigest(ofFileAt: "/nonexistent/x.csv")
        }
    }

    @Test func lowercaseHexWritesTwoDigitsPerByte() {
        #expect([0x00, 0x0a, 0xff, 0x5c].lowercaseHex == "000aff5c")
        #expect([UInt8]().lowercaseHex == "")
    }

    private static func temporaryPath(_ name: String) -> String {
        "\(NSTemporaryDirectory())/sha256-\(name)-\(getpid())-\(UInt32.random(in: 0...UInt32.max))"
    }
}
