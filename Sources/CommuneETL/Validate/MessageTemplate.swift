/// Fills `{name}` placeholders of a message from `Pipelines/`.
///
/// Runs only when an anomaly is raised, so it may use `String` freely. An unknown placeholder is left as
/// written, so that a typo in a YAML message shows in the output instead of vanishing.
public enum MessageTemplate {
    public static func fill(_ template: String, _ values: [String: String]) -> String {
        var result = ""
        result.reserveCapacity(template.utf8.count + 32)
        var rest = template[...]
        while let open = rest.firstIndex(of: "{") {
            result += rest[..<open]
            guard let close = rest[open...].firstIndex(of: "}") else { break }
            let name = String(rest[rest.index(after: open)..<close])
            result += values[name] ?? "{\(name)}"
            rest = rest[rest.index(after: close)...]
        }
        result += rest
        return result
    }
}
