/// What the first bytes of a file say about how to read it.
///
/// Decided from a sample (the first chunk) so that the row path afterwards runs without further checks.
public struct InputSniffer {
    public enum Verdict: Equatable {
        /// Readable as UTF-8 CSV: skip `bomLength` bytes, split on `delimiter`.
        case readable(encoding: String, bomLength: Int, delimiter: UInt8)
        /// Not readable: the `FILE-ENCODING` detail code saying why.
        case unreadable(String)
    }

    /// - Parameter sample: the first bytes of the file (the whole file when it is small).
    /// - Parameter isWholeFile: whether the sample ends at the end of the file.
    public static func sniff(_ sample: UnsafeBufferPointer<UInt8>, isWholeFile: Bool) -> Verdict {
        if sample.starts(with: [0xFF, 0xFE]) || sample.starts(with: [0xFE, 0xFF]) {
            return .unreadable("utf16")
        }
        let bomLength = sample.starts(with: [0xEF, 0xBB, 0xBF]) ? 3 : 0
        let body = UnsafeBufferPointer(rebasing: sample[bomLength...])
        if body.contains(0) { return .unreadable("binary") }
        var checked = body
        if !isWholeFile {
            // The sample may end inside a multi-byte character: drop an incomplete tail.
            var end = body.count
            var back = 0
            while end > 0, back < 3, body[end - 1] & 0xC0 == 0x80 { end -= 1; back += 1 }
            if end > 0, body[end - 1] >= 0xC0 { end -= 1 }
            checked = UnsafeBufferPointer(rebasing: body[..<end])
        }
        guard NFCBytes.isValidUTF8(checked) else {
            return .unreadable("not_utf8")
        }
        return .readable(encoding: bomLength == 3 ? "UTF-8 with BOM" : "UTF-8", bomLength: bomLength, delimiter: delimiter(in: body))
    }

    /// The delimiter that occurs most often outside quotes in the sample: `,`, `;` or tab.
    static func delimiter(in sample: UnsafeBufferPointer<UInt8>) -> UInt8 {
        var counts = (comma: 0, semicolon: 0, tab: 0)
        var quoted = false
        for byte in sample.prefix(64 * 1024) {
            switch byte {
            case UInt8(ascii: "\""): quoted.toggle()
            case UInt8(ascii: ",") where !quoted: counts.comma += 1
            case UInt8(ascii: ";") where !quoted: counts.semicolon += 1
            case UInt8(ascii: "\t") where !quoted: counts.tab += 1
            default: break
            }
        }
        if counts.semicolon > counts.comma, counts.semicolon >= counts.tab { return UInt8(ascii: ";") }
        if counts.tab > counts.comma, counts.tab > counts.semicolon { return UInt8(ascii: "\t") }
        return UInt8(ascii: ",")
    }
}
