/// Fills `{name}` placeholders of a message from `Pipelines/`.
///
/// An unknown placeholder is left as written, so that a typo in a YAML message shows in the output instead
/// of vanishing; so is a `{` that no `}` closes.
public enum MessageTemplate {
    /// Works on the template's UTF-8 bytes: a walk over `Character`s cost some 30,000 instructions a message
    /// (callgrind), and a run with 20,000 anomalies fills 80,000 of them. Braces are ASCII, so bytes find them
    /// exactly where characters would in NFC text.
    public static func fill(_ template: String, _ values: [String: String]) -> String {
        let bytes = Array(template.utf8)
        var result: [UInt8] = []
        result.reserveCapacity(bytes.count + 64)
        var index = 0
        while let open = bytes[index...].firstIndex(of: UInt8(ascii: "{")),
              let close = bytes[open...].firstIndex(of: UInt8(ascii: "}")) {
            result += bytes[index..<open]
            if let value = values[String(decoding: bytes[(open + 1)..<close], as: UTF8.self)] {
                result += value.utf8
            } else {
                result += bytes[open...close]
            }
            index = close + 1
        }
        result += bytes[index...]
        return String(decoding: result, as: UTF8.self)
    }
}
