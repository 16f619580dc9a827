import Glibc

/// The encodings commune exports arrive in (`input-formats.md` "Encoding"), as the sample inbox writes them.
public enum SampleFileEncoding: String, CaseIterable, Sendable {
    /// Excel "CSV UTF-8": `EF BB BF`, then UTF-8.
    case utf8BOM
    /// UTF-8 without a byte-order mark (LibreOffice, scripts).
    case utf8
    /// Excel "Unicode Text": `FF FE`, then UTF-16LE (the sample inbox writes it tab-separated).
    case utf16LE
    /// Excel "CSV" on Vietnamese Windows: tone marks as combining bytes after the base letter.
    case cp1258
    /// TCVN3 (ABC, `.VnTime`) raw bytes. Capitals with a tone, which TCVN3 lacks, are typed in the
    /// `.VnTimeH` way: the lower-case byte (the engine compares names case-insensitively for this reason).
    case tcvn3
    /// VNI-Windows raw bytes: a base letter, then a mark byte.
    case vni
    /// TCVN3 bytes read as Windows-1252 and saved as UTF-8 with a BOM: legacy-font text inside a Unicode
    /// workbook (`Hoµng ThÞ Mû`).
    case tcvn3InUTF8

    /// The encoding the engine's detector must find for a file written this way.
    public var detected: TextEncoding {
        switch self {
        case .utf8BOM: .utf8BOM
        case .utf8: .utf8
        case .utf16LE: .utf16LE
        case .cp1258: .cp1258
        case .tcvn3: .tcvn3
        case .vni: .vni
        case .tcvn3InUTF8: .tcvn3InUTF8
        }
    }

    /// Whether the encoding loses the case of toned capitals (see `tcvn3`): decoded text then equals the
    /// original only case-insensitively.
    public var foldsTonedCapitals: Bool { self == .tcvn3 || self == .tcvn3InUTF8 }
}

/// Turns NFC text into the bytes of a `SampleFileEncoding`.
///
/// Windows-1258 and TCVN3 go through glibc's iconv (the converters the engine decodes with, so what is
/// written is what a real export holds); VNI, which no converter implements, is the engine's own
/// `VNITable` read backwards.
struct SampleTextEncoder {
    /// Unicode scalar → VNI bytes: two-byte sequences first, then the table's own single bytes.
    private let vni: [UInt32: [UInt8]]

    init(tables: EncodingTables) {
        let table = tables.vni
        var map: [UInt32: [UInt8]] = [:]
        for lead in 0..<256 where table.leadRow[lead] >= 0 {
            for second in 0..<256 {
                let packed = table.pairs[Int(table.leadRow[lead]) * 256 + second]
                if packed != 0 { map[Self.unpack(packed)] = [UInt8(lead), UInt8(second)] }
            }
        }
        for byte in 0x80..<256 where table.single[byte] != 0 {
            let scalar = Self.unpack(table.single[byte])
            if map[scalar] == nil { map[scalar] = [UInt8(byte)] }
        }
        vni = map
    }

    /// - Precondition: `text` holds only characters the encoding can write (Vietnamese letters, ASCII).
    func encode(_ text: String, as encoding: SampleFileEncoding) -> [UInt8] {
        switch encoding {
        case .utf8BOM: [0xEF, 0xBB, 0xBF] + Array(text.utf8)
        case .utf8: Array(text.utf8)
        case .utf16LE: [0xFF, 0xFE] + text.utf16.flatMap { [UInt8(truncatingIfNeeded: $0), UInt8($0 >> 8)] }
        case .cp1258: Self.iconv(text, to: "CP1258")
        case .tcvn3: Self.tcvn3(text)
        case .vni:
            text.unicodeScalars.flatMap { scalar -> [UInt8] in
                if scalar.isASCII { return [UInt8(scalar.value)] }
                guard let bytes = vni[scalar.value] else { preconditionFailure("no VNI bytes for \(scalar)") }
                return bytes
            }
        case .tcvn3InUTF8:
            [0xEF, 0xBB, 0xBF] + Array(String(String.UnicodeScalarView(Self.tcvn3(text).map { byte in
                Unicode.Scalar(Windows1252.scalar(for: byte) ?? UInt32(byte))!
            })).utf8)
        }
    }

    /// TCVN3 (ABC) bytes: toned capitals typed lower-case, as `.VnTimeH` headings are.
    private static func tcvn3(_ text: String) -> [UInt8] {
        let abcCapitals: Set<Character> = ["Ă", "Â", "Ê", "Ô", "Ơ", "Ư", "Đ"]
        let typed = String(text.map { character -> Character in
            character.isASCII || !character.isUppercase || abcCapitals.contains(character)
                ? character : Character(character.lowercased())
        })
        return iconv(typed, to: "TCVN5712-1")
    }

    /// The whole of `text` converted by glibc's iconv, flushed at the end (the legacy converters hold
    /// back the last letter waiting for a combining mark).
    static func iconv(_ text: String, to encoding: String) -> [UInt8] {
        let converter = iconv_open(encoding, "UTF-8")
        precondition(converter != iconv_t(bitPattern: -1), "glibc iconv lacks \(encoding)")
        defer { iconv_close(converter) }
        var input = Array(text.utf8).map { CChar(bitPattern: $0) }
        var output = [CChar](repeating: 0, count: input.count * 3 + 16)
        let capacity = output.count
        var written = 0
        input.withUnsafeMutableBufferPointer { inBuffer in
            output.withUnsafeMutableBufferPointer { outBuffer in
                var inPointer: UnsafeMutablePointer<CChar>? = inBuffer.baseAddress
                var inLeft = inBuffer.count
                var outPointer: UnsafeMutablePointer<CChar>? = outBuffer.baseAddress
                var outLeft = capacity
                let converted = Glibc.iconv(converter, &inPointer, &inLeft, &outPointer, &outLeft)
                precondition(converted != -1 && inLeft == 0, "\(encoding) cannot write '\(text)'")
                _ = Glibc.iconv(converter, nil, nil, &outPointer, &outLeft)
                written = capacity - outLeft
            }
        }
        return output[..<written].map { UInt8(bitPattern: $0) }
    }

    /// The scalar of a `VNITable` packed UTF-8 value.
    private static func unpack(_ packed: UInt32) -> UInt32 {
        let count = Int(packed >> 24)
        let bytes = (0..<count).map { UInt8(truncatingIfNeeded: packed >> (8 * UInt32($0))) }
        return String(decoding: bytes, as: UTF8.self).unicodeScalars.first!.value
    }
}
