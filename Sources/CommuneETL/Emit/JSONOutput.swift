import Foundation

/// Serialises the JSON outputs with sorted keys and a fixed layout, so equal content gives equal bytes.
public enum JSONOutput {
    public static func encode(_ object: Any) throws -> [UInt8] {
        let data = try JSONSerialization.data(withJSONObject: object, options: [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes])
        return Array(data) + [0x0A]
    }
}
