import Foundation
import Testing
@testable import CommuneETL

/// Every summary and report decodes, with the engine's own detector and decoders, to the text it was
/// written from.
@Suite struct SampleEncodingTests {
    static let sheets = SampleInboxFixtures.content.files.filter { $0.sheet != nil }

    @Test(arguments: sheets.map(\.path))
    func engineDetectsTheEncodingAndDecodesTheText(path: String) throws {
        let file = try SampleInboxFixtures.file(path)
        let style = try #require(file.style), sheet = try #require(file.sheet)
        #expect(EncodingFixtures.detect(file.bytes, knownWords: SampleInboxFixtures.knownWords) == .decoded(style.encoding.detected))
        let decoded = try SampleInboxFixtures.decoded(file)
        if style.encoding.foldsTonedCapitals {
            #expect(decoded.lowercased() == sheet.text(style).lowercased())
        } else {
            #expect(decoded == sheet.text(style))
        }
    }

    @Test func everyEncodingIsUsedForBothKinds() {
        for prefix in ["poverty-summary/", "indicator-report/"] {
            let used = Set(Self.sheets.filter { $0.path.hasPrefix(prefix) }.compactMap { $0.style?.encoding })
            #expect(used == Set(SampleFileEncoding.allCases), "\(prefix)")
        }
    }

    @Test(arguments: [
        ("poverty-summary/2023/coc-ly.csv", [0xEF, 0xBB, 0xBF, 0x55, 0x42, 0x4E, 0x44]),      // BOM, "UBND"
        ("indicator-report/2024/thai-giang-pho.csv", [0x55, 0x42, 0x4E, 0x44, 0x20, 0x58, 0x41, 0xDE]),  // CP1258 "XÃ": A, tilde
    ] as [(String, [UInt8])])
    func filesStartWithTheirEncodingsBytes(path: String, prefix: [UInt8]) throws {
        #expect(Array(try SampleInboxFixtures.file(path).bytes.prefix(prefix.count)) == prefix)
    }

    @Test func legacyFilesHoldNoUTF8() {
        for file in Self.sheets where [.cp1258, .tcvn3, .vni].contains(file.style?.encoding) {
            #expect(String(validating: file.bytes, as: UTF8.self) == nil, "\(file.path)")
        }
        for file in Self.sheets where file.style?.encoding == .utf16LE {
            #expect(file.bytes.prefix(2) == [0xFF, 0xFE])
            #expect(file.bytes.contains(0x09) && !file.bytes.contains(UInt8(ascii: ";")))
        }
    }

    @Test func tcvn3WritesTonedCapitalsLowerCase() {
        let encoder = SampleTextEncoder(tables: EncodingFixtures.tables)
        // ".VnTimeH" habit: Ã and Ì have no TCVN3 capital, so `xã` and `phình` bytes; Đ has one (A7).
        #expect(encoder.encode("XÃ LÙNG PHÌNH Đ", as: .tcvn3) == [0x58, 0xB7, 0x20, 0x4C, 0xEF, 0x4E, 0x47, 0x20,
                                                                  0x50, 0x48, 0xD7, 0x4E, 0x48, 0x20, 0xA7])
        #expect(encoder.encode("Hộ", as: .vni) == [0x48, 0x6F, 0xE4])
    }
}
