internal import Foundation

/// Byte writers for the sample generator's row path: numbers and CSV fields, without `String`.
enum SampleBytes {
    /// Appends `value` in plain digits (`1250000`, `-5`).
    static func appendDecimal(_ value: Int, to out: inout [UInt8]) {
        DecimalDigits.append(Int64(value), to: &out)
    }

    /// Appends `value` (≥ 0) zero-padded to `width` digits (`00042`).
    static func appendPadded(_ value: Int, width: Int, to out: inout [UInt8]) {
        var divisor = 1
        for _ in 1..<max(width, 1) { divisor *= 10 }
        while divisor <= value / 10 { divisor *= 10 }
        while divisor > 0 {
            out.append(UInt8(48 + (value / divisor) % 10))
            divisor /= 10
        }
    }

    /// Appends `value` (≥ 0) in Vietnamese thousands style: `1.250.000`, `850.000`.
    static func appendDotted(_ value: Int, to out: inout [UInt8]) {
        if value < 1000 {
            appendDecimal(value, to: &out)
            return
        }
        appendDotted(value / 1000, to: &out)
        out.append(UInt8(ascii: "."))
        appendPadded(value % 1000, width: 3, to: &out)
    }

    /// `text` as an RFC 4180 field with minimal quoting: quoted only if it holds `,` `"` CR or LF.
    static func csvField(_ text: String) -> [UInt8] {
        let bytes = Array(text.utf8)
        let special: Set<UInt8> = [UInt8(ascii: ","), UInt8(ascii: "\""), 13, 10]
        guard bytes.contains(where: special.contains) else { return bytes }
        var quoted: [UInt8] = [UInt8(ascii: "\"")]
        for byte in bytes {
            quoted.append(byte)
            if byte == UInt8(ascii: "\"") { quoted.append(byte) }
        }
        quoted.append(UInt8(ascii: "\""))
        return quoted
    }

    /// `text` in NFC (setup only).
    static func nfc(_ text: String) -> String {
        text.precomposedStringWithCanonicalMapping
    }

    /// Lower case without diacritics, `đ` → `d`: `Lùng Phình` → `lung phinh`.
    /// Only for setup (spellings, file names), never per row.
    static func fold(_ text: String) -> String {
        var scalars = String.UnicodeScalarView()
        for scalar in text.decomposedStringWithCanonicalMapping.lowercased().unicodeScalars {
            switch scalar.value {
            case 0x0300...0x036F: continue
            case 0x0111: scalars.append("d")
            default: scalars.append(scalar)
            }
        }
        return String(scalars)
    }
}
