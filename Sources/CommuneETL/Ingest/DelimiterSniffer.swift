/// Finds a file's delimiter from a sample of its decoded text.
///
/// Counts `,`, `;` and tab outside quotes over the first 64 KiB: data rows, many and wide, outweigh the
/// few commas a title row may hold. A tie keeps the comma.
public enum DelimiterSniffer {
    public static func delimiter(in sample: UnsafeBufferPointer<UInt8>) -> UInt8 {
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
