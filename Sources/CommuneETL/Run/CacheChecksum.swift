import CLibDeflate

/// The CRC-32 (gzip's) of bytes, streamed, as 8 lowercase hex digits: what the incremental cache checks its
/// own files with (`part.gz`, `ledgers.bin`, `anomalies.bin`).
///
/// Why not SHA-256, as for inputs and published outputs: the cache only has to notice a file of its own that
/// a crash left torn or a disk damaged (anyone able to write a wrong file there could as well rewrite
/// `entry.json`), and CRC-32 detects every error burst up to 32 bits and misses a random change once in
/// 2³². libdeflate computes it at memory speed with carry-less multiplication; SHA-256, even with the SHA
/// instructions, ran at ≈ 1.2 GB/s: 52 MB of cache files at a million households cost ≈ 45 ms on the
/// run's tail when stored (the canonical part hashed a second time) and again on each re-run.
struct CacheChecksum {
    private var crc: UInt32 = 0

    mutating func update(_ bytes: UnsafeRawBufferPointer) {
        guard let base = bytes.baseAddress, bytes.count > 0 else { return }
        crc = libdeflate_crc32(crc, base, bytes.count)
    }

    mutating func update(_ bytes: [UInt8]) {
        bytes.withUnsafeBytes { update($0) }
    }

    /// The checksum so far, as 8 lowercase hex digits (`cbf43926` for `123456789`).
    var hex: String {
        let digits = Array("0123456789abcdef".utf8)
        return String(decoding: (0..<8).map { digits[Int(crc >> UInt32(28 - 4 * $0)) & 0xF] }, as: UTF8.self)
    }

    static func hex(_ bytes: [UInt8]) -> String {
        var checksum = CacheChecksum()
        checksum.update(bytes)
        return checksum.hex
    }

    /// The checksum of a file's contents, read in 1 MiB chunks (`FileChunks`).
    /// - Throws: `OutputError.read` if the file cannot be opened or read.
    static func hex(ofFileAt path: String) throws -> String {
        var checksum = CacheChecksum()
        try FileChunks.forEach(ofFileAt: path) { checksum.update($0) }
        return checksum.hex
    }
}
