import Foundation
@testable import CommuneETL

/// The reference samples in `Pipelines/reference/encodings/` and helpers to feed decoders.
enum EncodingFixtures {
    /// `Pipelines/reference/encodings`, found from this file (four folders below the repository root).
    static let folder = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent().deletingLastPathComponent()
        .appendingPathComponent("Pipelines/reference/encodings").path

    static let tables: EncodingTables = try! EncodingTables(folder: folder)

    /// The header words and commune names the engine passes to detection.
    static let knownWords = ["STT", "Họ và tên chủ hộ", "Xã", "Thu nhập", "Lùng Phình", "Cốc Ly", "Bản Phố"]

    /// Every sample and the encoding it is in.
    static let samples: [(file: String, encoding: TextEncoding)] = [
        ("sample_utf8_nfc.csv", .utf8),
        ("sample_utf8_bom.csv", .utf8BOM),
        ("sample_utf8_nfd.csv", .utf8),
        ("sample_utf16le_bom.csv", .utf16LE),
        ("sample_excel_unicode_text.txt", .utf16LE),
        ("sample_cp1258.csv", .cp1258),
        ("sample_tcvn3.csv", .tcvn3),
        ("sample_vni_windows.csv", .vni),
        ("sample_viscii.csv", .viscii),
        ("sample_tcvn3_inside_utf8.csv", .tcvn3InUTF8),
        ("sample_vni_inside_utf8.csv", .vniInUTF8),
        ("sample_utf8_double_encoded.csv", .doubleUTF8),
    ]

    static func bytes(_ file: String) -> [UInt8] {
        Array(FileManager.default.contents(atPath: folder + "/samples/" + file)!)
    }

    /// `sample_utf8_nfc.csv`: what every sample must decode to.
    static let expected = bytes("sample_utf8_nfc.csv")

    /// The expected text with tabs for commas, as Excel's "Unicode Text" writes it.
    static let expectedTabbed = expected.map { $0 == UInt8(ascii: ",") ? 9 : $0 }

    static func detect(_ bytes: [UInt8], isWholeFile: Bool = true, knownWords: [String] = knownWords) -> EncodingVerdict {
        bytes.withUnsafeBufferPointer {
            EncodingDetector.detect($0, isWholeFile: isWholeFile, knownWords: knownWords, tables: tables)
        }
    }

    /// Feeds `bytes` to `decoder` in chunks of `chunkSize` (the whole at once when nil), then finishes.
    static func decode(_ bytes: [UInt8], with decoder: any StreamDecoder, chunkSize: Int? = nil) throws -> [UInt8] {
        var output: [UInt8] = []
        let size = max(1, chunkSize ?? bytes.count)
        var start = 0
        while start < bytes.count {
            let end = min(bytes.count, start + size)
            try bytes[start..<end].withUnsafeBytes { try decoder.decode($0, into: &output) }
            start = end
        }
        try decoder.finish(into: &output)
        return output
    }

    /// Feeds `bytes` cut at `split` into two chunks, then finishes.
    static func decode(_ bytes: [UInt8], with decoder: any StreamDecoder, splitAt split: Int) throws -> [UInt8] {
        var output: [UInt8] = []
        try bytes[..<split].withUnsafeBytes { try decoder.decode($0, into: &output) }
        try bytes[split...].withUnsafeBytes { try decoder.decode($0, into: &output) }
        try decoder.finish(into: &output)
        return output
    }

    static func text(_ bytes: [UInt8]) -> String { String(decoding: bytes, as: UTF8.self) }
}
