/// A text shown to people, in Vietnamese for commune and district staff with English alongside.
public struct LocalizedText: Decodable, Sendable, Equatable {
    enum CodingKeys: String, CodingKey, CaseIterable {
        case vi, en
    }

    public var vi: String
    public var en: String

    public init(vi: String, en: String) {
        self.vi = vi
        self.en = en
    }
}
