/// The household classes of Decree 07/2021/NĐ-CP Art. 3(2), in canonical spelling.
public enum PovertyClass: String, CaseIterable, Sendable {
    case averageLivingStandard = "average"
    case nearPoor = "near_poor"
    case notPoor = "not_poor"
    case poor = "poor"
}

/// Classifies a household by the multidimensional poverty standard 2022–2025 (Decree 07/2021/NĐ-CP, Art. 3(2)).
///
/// The one piece of domain logic the engine holds in Swift; its numbers come from the pipeline's
/// `classification` section. "từ … trở xuống" is ≤, "trên … đến …" is > lower and ≤ upper.
public struct PovertyClassifier: Sendable {
    public let povertyLine: [String: Int64]
    public let poorMinDeprivations: Int64
    public let averageCeilingFactor: Double

    public init(_ definition: ClassificationDefinition) {
        povertyLine = definition.povertyLine
        poorMinDeprivations = definition.poorMinDeprivations
        averageCeilingFactor = definition.averageCeilingFactor
    }

    /// - Parameters:
    ///   - income: average income per person per month, in đồng.
    ///   - deprivations: the number of the 12 indicators the household is deprived in.
    ///   - communeType: `xa` (rural line) or `thi_tran` (urban line, reference/poverty-standard §4).
    public func classify(income: Int64, deprivations: Int64, communeType: String) -> PovertyClass {
        classify(income: income, deprivations: deprivations, line: line(for: communeType))
    }

    /// The poverty line of a commune type (a type without its own line has the rural one).
    public func line(for communeType: String) -> Int64 {
        povertyLine[communeType] ?? povertyLine["xa"]!
    }

    /// With the commune's line already looked up (`line(for:)`): for the row path.
    public func classify(income: Int64, deprivations: Int64, line: Int64) -> PovertyClass {
        if income <= line {
            return deprivations >= poorMinDeprivations ? .poor : .nearPoor
        }
        return Double(income) <= Double(line) * averageCeilingFactor ? .averageLivingStandard : .notPoor
    }
}
