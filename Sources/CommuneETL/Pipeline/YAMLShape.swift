internal import Yams

/// The keys a YAML document may hold, so that a misspelt key is refused with its line instead of being
/// silently ignored by `Decodable` (a rule with `severty: warning` would otherwise stay an error).
indirect enum YAMLShape: Sendable {
    /// A scalar, or anything not checked further.
    case any
    /// A mapping with these keys, each with the shape of its value.
    case mapping([String: YAMLShape])
    /// A mapping whose keys are data (labels, detail codes), all values of one shape.
    case dictionary(YAMLShape)
    case sequence(YAMLShape)

    /// A mapping with the keys of a `CodingKeys` enum; `children` gives the shape of nested values.
    static func keys<Keys: CodingKey & CaseIterable>(_: Keys.Type, _ children: [String: YAMLShape] = [:]) -> YAMLShape {
        .mapping(Dictionary(uniqueKeysWithValues: Keys.allCases.map { ($0.stringValue, children[$0.stringValue] ?? .any) }))
    }

    static let localized = YAMLShape.keys(LocalizedText.CodingKeys.self)

    static let pipeline = YAMLShape.keys(PipelineDefinition.CodingKeys.self, [
        "title": localized,
        "fields": .sequence(.keys(FieldDefinition.CodingKeys.self)),
        "derived": .sequence(.keys(DerivedFieldDefinition.CodingKeys.self, ["label": localized])),
        "classification": .keys(ClassificationDefinition.CodingKeys.self, ["labels": .dictionary(localized)]),
        "rules": .sequence(.keys(RuleDefinition.CodingKeys.self, ["message": localized, "expected": localized])),
        "facts": .keys(FactDefinition.CodingKeys.self, ["title": localized, "rates": .sequence(.keys(FactRate.CodingKeys.self))]),
    ])

    static let layout = YAMLShape.keys(LayoutDefinition.CodingKeys.self)

    static let fileRules = YAMLShape.keys(FileRuleCatalog.CodingKeys.self, [
        "rules": .sequence(.keys(FileRuleCatalog.Entry.CodingKeys.self, [
            "message": localized, "expected": localized, "details": .dictionary(localized),
        ])),
    ])

    /// Throws at the first key the shape does not allow, naming its line and path.
    func check(_ node: Node, path: String, file: String) throws {
        switch (self, node) {
        case let (.mapping(allowed), .mapping(mapping)):
            for (key, value) in mapping {
                let name = key.string ?? ""
                guard let shape = allowed[name] else {
                    throw ETLError.configuration(
                        file: file, location: "line \(key.mark?.line ?? 0): \(path.isEmpty ? name : path + "." + name)",
                        problem: "unknown key '\(name)'; known keys: \(allowed.keys.sorted().joined(separator: ", "))")
                }
                try shape.check(value, path: path.isEmpty ? name : path + "." + name, file: file)
            }
        case let (.dictionary(shape), .mapping(mapping)):
            for (key, value) in mapping { try shape.check(value, path: path + "." + (key.string ?? ""), file: file) }
        case let (.sequence(shape), .sequence(sequence)):
            for (index, item) in sequence.enumerated() { try shape.check(item, path: "\(path)[\(index)]", file: file) }
        default:
            break  // a wrong kind of value is reported by the decoder, with its path
        }
    }

    /// The line of the node at a decoding path, to point a person at the place to fix.
    static func line(of path: [any CodingKey], in node: Node) -> Int? {
        var current = node
        for key in path {
            if let index = key.intValue, let sequence = current.sequence, index < sequence.count {
                current = sequence[index]
            } else if let value = current.mapping?[key.stringValue] {
                current = value
            } else {
                break
            }
        }
        return current.mark?.line
    }
}
