import Testing
@testable import CommuneETL

/// The twelve reference samples: each is detected as its encoding and decodes to `sample_utf8_nfc.csv`
/// exactly, however the bytes are cut into chunks.
struct EncodingSampleTests {
    typealias Sample = (file: String, encoding: TextEncoding)

    private static func expected(_ sample: Sample) -> [UInt8] {
        sample.file.hasSuffix(".txt") ? EncodingFixtures.expectedTabbed : EncodingFixtures.expected
    }

    private static func decoder(_ sample: Sample) throws -> any StreamDecoder {
        try sample.encoding.makeDecoder(tables: EncodingFixtures.tables)
    }

    @Test(arguments: EncodingFixtures.samples)
    func detectsTheSampleWithTheEnginesKnownWords(_ sample: Sample) {
        #expect(EncodingFixtures.detect(EncodingFixtures.bytes(sample.file)) == .decoded(sample.encoding))
    }

    @Test(arguments: EncodingFixtures.samples)
    func detectsTheSampleWithoutKnownWords(_ sample: Sample) {
        #expect(EncodingFixtures.detect(EncodingFixtures.bytes(sample.file), knownWords: []) == .decoded(sample.encoding))
    }

    @Test(arguments: EncodingFixtures.samples)
    func detectsTheSampleFromAPartialSample(_ sample: Sample) {
        // The first 100 bytes, as when the file is longer than the sample: a character may be cut.
        let bytes = Array(EncodingFixtures.bytes(sample.file).prefix(100))
        #expect(EncodingFixtures.detect(bytes, isWholeFile: false) == .decoded(sample.encoding))
    }

    @Test(arguments: EncodingFixtures.samples, [1, 2, 3, 7, 1 << 20])
    func decodesTheSampleExactlyInChunks(_ sample: Sample, chunkSize: Int) throws {
        let bytes = EncodingFixtures.bytes(sample.file)
        let output = try EncodingFixtures.decode(bytes, with: Self.decoder(sample), chunkSize: chunkSize)
        #expect(output == Self.expected(sample), "\(EncodingFixtures.text(output))")
    }

    @Test(arguments: EncodingFixtures.samples)
    func decodesTheSampleExactlyWhereverItIsSplit(_ sample: Sample) throws {
        let bytes = EncodingFixtures.bytes(sample.file)
        for split in 0...bytes.count {
            let output = try EncodingFixtures.decode(bytes, with: Self.decoder(sample), splitAt: split)
            #expect(output == Self.expected(sample), "split at \(split): \(EncodingFixtures.text(output))")
        }
    }

    @Test func theNFDSampleIsDecomposedAndDecodesToTheNFCBytes() throws {
        let bytes = EncodingFixtures.bytes("sample_utf8_nfd.csv")
        #expect(bytes != EncodingFixtures.expected)
        #expect(try EncodingFixtures.decode(bytes, with: UTF8Decoder(normalizesToNFC: true)) == EncodingFixtures.expected)
        #expect(try EncodingFixtures.decode(bytes, with: UTF8Decoder(normalizesToNFC: false)) == bytes)
    }

    @Test func everyRepairIsNamedForTheManifest() {
        #expect(TextEncoding.allCases.filter { $0.repair != nil } == [.tcvn3InUTF8, .vniInUTF8, .doubleUTF8])
        #expect(TextEncoding.allCases.filter { $0.bomLength > 0 }.map(\.bomLength) == [3, 2, 2])
    }
}
