import Glibc

/// Fills `{name}` placeholders of a message from `Pipelines/`.
///
/// An unknown placeholder is left as written, so that a typo in a YAML message shows in the output instead
/// of vanishing; so is a `{` that no `}` closes.
public enum MessageTemplate {
    /// Works on the template's UTF-8 bytes: a walk over `Character`s cost some 30,000 instructions a message
    /// (callgrind), and a run with 20,000 anomalies fills 80,000 of them. Braces are ASCII, so bytes find them
    /// exactly where characters would in NFC text.
    public static func fill(_ template: String, _ values: [String: String]) -> String {
        fill(template) { name in values[String(decoding: name, as: UTF8.self)] }
    }

    /// Fills the template from a short list of names and values, compared as bytes: a row's anomaly fills
    /// four templates from about eight values, where hashing each name into a dictionary cost more than
    /// filling (`RowState.report`). A name listed twice takes its first value.
    static func fill(_ template: String, _ values: [(name: String, value: String)]) -> String {
        fill(template) { name in
            values.first { $0.name.utf8.count == name.count && $0.name.utf8.elementsEqual(name) }?.value
        }
    }

    private static func fill(_ template: String, value: (UnsafeBufferPointer<UInt8>) -> String?) -> String {
        var template = template
        return template.withUTF8 { bytes in
            /// The index of the first `byte` at or after `start`, if any (`memchr`).
            func find(_ byte: UInt8, from start: Int) -> Int? {
                guard start < bytes.count, let found = memchr(bytes.baseAddress! + start, Int32(byte), bytes.count - start) else { return nil }
                return UnsafePointer<UInt8>(found.assumingMemoryBound(to: UInt8.self)) - bytes.baseAddress!
            }
            var result: [UInt8] = []
            result.reserveCapacity(bytes.count + 64)
            var index = 0
            while let open = find(UInt8(ascii: "{"), from: index), let close = find(UInt8(ascii: "}"), from: open) {
                result += UnsafeBufferPointer(rebasing: bytes[index..<open])
                if let filled = value(UnsafeBufferPointer(rebasing: bytes[(open + 1)..<close])) {
                    result += filled.utf8
                } else {
                    result += UnsafeBufferPointer(rebasing: bytes[open...close])
                }
                index = close + 1
            }
            result += UnsafeBufferPointer(rebasing: bytes[index...])
            return String(decoding: result, as: UTF8.self)
        }
    }
}
