/// Recognises UTF-16 without a byte-order mark by its NUL bytes.
///
/// Vietnamese text in UTF-16 is mostly ASCII (digits, delimiters, base letters) and Latin letters below
/// U+0100, whose high byte is 0: in little-endian, the odd bytes are often NUL and the even ones almost
/// never (only characters U+xx00 such as `Ā` put a NUL there). Binary files have NULs everywhere.
/// - Complexity: O(n) over the sample, then one decoding of it.
enum UTF16Sniffing {
    /// At least this share of the high bytes is NUL…
    static let minimumHighNULs = 0.3
    /// …and at most this share of the low bytes.
    static let maximumLowNULs = 0.02

    /// `utf16LE` or `utf16BE` when the NULs fall as UTF-16 puts them and the bytes decode to text with
    /// no stray control characters; nil otherwise (binary).
    static func encoding(of bytes: UnsafeBufferPointer<UInt8>) -> TextEncoding? {
        let units = bytes.count / 2
        guard units > 0 else { return nil }
        var evenNULs = 0, oddNULs = 0
        for index in 0..<units * 2 where bytes[index] == 0 {
            if index & 1 == 0 { evenNULs += 1 } else { oddNULs += 1 }
        }
        let high = Int(minimumHighNULs * Double(units)), low = Int(maximumLowNULs * Double(units))
        let encoding: TextEncoding
        if oddNULs >= high, evenNULs <= low {
            encoding = .utf16LE
        } else if evenNULs >= high, oddNULs <= low {
            encoding = .utf16BE
        } else {
            return nil
        }
        guard let decoder = try? IconvDecoder(from: encoding.rawValue) else { return nil }
        var text: [UInt8] = []
        do {
            try decoder.decode(UnsafeRawBufferPointer(rebasing: UnsafeRawBufferPointer(bytes)[..<(units * 2)]), into: &text)
        } catch {
            return nil
        }
        let controls = text.withUnsafeBufferPointer { EncodingDetector.controlCount($0) + $0.count { $0 == 0 } }
        return controls > Int(EncodingDetector.controlLimit * Double(text.count)) ? nil : encoding
    }
}
