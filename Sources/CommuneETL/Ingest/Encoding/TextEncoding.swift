/// An encoding a commune export may arrive in; the raw value is the name written in the manifest.
public enum TextEncoding: String, Sendable, CaseIterable {
    case utf8 = "UTF-8"
    case utf8BOM = "UTF-8 with BOM"
    case utf16LE = "UTF-16LE"
    case utf16BE = "UTF-16BE"
    case cp1258 = "Windows-1258"
    case tcvn3 = "TCVN3"
    case vni = "VNI-Windows"
    case viscii = "VISCII"
    case tcvn3InUTF8 = "TCVN3 inside UTF-8"
    case vniInUTF8 = "VNI inside UTF-8"
    case doubleUTF8 = "double-encoded UTF-8"

    /// A fresh decoder for a file in this encoding. Feed it the file from byte 0: it drops the byte-order
    /// mark itself (so the engine must not skip `bomLength` bytes before feeding it).
    /// - Throws: `DecodingFailure(.converterUnavailable)` when glibc's iconv lacks the converter.
    public func makeDecoder(tables: EncodingTables) throws -> any StreamDecoder {
        switch self {
        case .utf8, .utf8BOM: UTF8Decoder(normalizesToNFC: true)
        case .utf16LE: try IconvDecoder(from: "UTF-16LE")
        case .utf16BE: try IconvDecoder(from: "UTF-16BE")
        case .cp1258: try IconvDecoder(from: "CP1258")
        case .tcvn3: try IconvDecoder(from: "TCVN5712-1")
        case .vni: VNIDecoder(table: tables.vni)
        case .viscii: try IconvDecoder(from: "VISCII")
        case .tcvn3InUTF8: GlyphRepairDecoder(inner: try IconvDecoder(from: "TCVN5712-1"))
        case .vniInUTF8: GlyphRepairDecoder(inner: VNIDecoder(table: tables.vni))
        case .doubleUTF8: GlyphRepairDecoder(inner: UTF8Decoder(normalizesToNFC: true))
        }
    }

    /// The repair applied to the text, for the manifest; nil when the file was only decoded.
    public var repair: String? {
        switch self {
        case .tcvn3InUTF8: "TCVN3 font glyphs inside UTF-8 taken back to their bytes and decoded as TCVN3"
        case .vniInUTF8: "VNI font glyphs inside UTF-8 taken back to their bytes and decoded as VNI-Windows"
        case .doubleUTF8: "double-encoded UTF-8 taken back to Windows-1252/Latin-1 bytes and decoded as UTF-8"
        default: nil
        }
    }

    /// The length of the byte-order mark the encoding's name implies (`UTF-8 with BOM`: 3, UTF-16: 2).
    ///
    /// For information only: decoders drop a leading mark whatever the encoding (a TCVN3-inside-UTF-8 file
    /// usually has one too, and UTF-16 without a mark is also accepted).
    public var bomLength: Int {
        switch self {
        case .utf8BOM: 3
        case .utf16LE, .utf16BE: 2
        default: 0
        }
    }

    /// Whether the file's bytes are well-formed UTF-8 (plain or carrying a repair).
    var isUTF8Family: Bool {
        switch self {
        case .utf8, .utf8BOM, .tcvn3InUTF8, .vniInUTF8, .doubleUTF8: true
        default: false
        }
    }
}

/// What detection concluded about a file's encoding.
public enum EncodingVerdict: Equatable, Sendable {
    /// The file decodes to Vietnamese text (or plain ASCII) with this encoding.
    case decoded(TextEncoding)
    /// Saved as Windows-1252 on an English Windows: `?` stands where Vietnamese letters were. Nothing can
    /// bring them back; the file must be exported again.
    case lettersLost
    /// NUL bytes or control characters: not a text file.
    case binary
    /// No candidate is clearly best: these decoded, best first (empty when none did).
    case uncertain([TextEncoding])
}
