import Testing
@testable import CommuneETL

/// Decree 07/2021/NĐ-CP Art. 3(2) with the numbers of the repository's household-review pipeline:
/// poverty line 1,500,000 (xã) and 2,000,000 (thị trấn); poor needs 3 deprivations; average up to 1.5 × line.
struct PovertyClassifierTests {
    private static func classifier() throws -> PovertyClassifier {
        PovertyClassifier(try #require(try RepositoryPaths.householdReview().definition.classification))
    }

    @Test func theClassifierReadsTheDecreeNumbersFromThePipeline() throws {
        let classifier = try Self.classifier()
        #expect(classifier.povertyLine == ["xa": 1_500_000, "thi_tran": 2_000_000])
        #expect(classifier.poorMinDeprivations == 3)
        #expect(classifier.averageCeilingFactor == 1.5)
    }

    static let rural: [(Int64, Int64, PovertyClass)] = [
        (0, 12, .poor),
        (0, 0, .nearPoor),
        (1_499_999, 3, .poor),
        (1_500_000, 3, .poor),  // "từ 1.500.000 đồng trở xuống": the line itself is below
        (1_500_000, 2, .nearPoor),
        (1_500_000, 0, .nearPoor),
        (1_500_001, 3, .averageLivingStandard),  // one đồng above: deprivations no longer matter
        (1_500_001, 12, .averageLivingStandard),
        (1_500_001, 2, .averageLivingStandard),
        (2_250_000, 3, .averageLivingStandard),  // 1.5 × line is still average
        (2_250_000, 0, .averageLivingStandard),
        (2_250_001, 3, .notPoor),
        (2_250_001, 0, .notPoor),
        (100_000_000, 12, .notPoor),
    ]

    @Test(arguments: rural)
    func ruralHouseholdsUseTheLineOfAXa(income: Int64, deprivations: Int64, expected: PovertyClass) throws {
        #expect(try Self.classifier().classify(income: income, deprivations: deprivations, communeType: "xa") == expected)
    }

    static let urban: [(Int64, Int64, PovertyClass)] = [
        (1_500_001, 3, .poor),  // above the rural line, below the urban one
        (1_800_000, 2, .nearPoor),
        (2_000_000, 3, .poor),
        (2_000_000, 2, .nearPoor),
        (2_000_001, 3, .averageLivingStandard),
        (2_000_001, 2, .averageLivingStandard),
        (2_250_001, 0, .averageLivingStandard),  // not poor in a xã, average in the town
        (3_000_000, 3, .averageLivingStandard),
        (3_000_001, 3, .notPoor),
        (3_000_001, 0, .notPoor),
    ]

    @Test(arguments: urban)
    func townHouseholdsUseTheUrbanLine(income: Int64, deprivations: Int64, expected: PovertyClass) throws {
        #expect(try Self.classifier().classify(income: income, deprivations: deprivations, communeType: "thi_tran") == expected)
    }

    @Test func anUnknownCommuneTypeFallsBackToTheRuralLine() throws {
        let classifier = try Self.classifier()
        #expect(classifier.classify(income: 1_800_000, deprivations: 3, communeType: "phuong") == .averageLivingStandard)
        #expect(classifier.classify(income: 1_500_000, deprivations: 3, communeType: "") == .poor)
    }

    @Test(arguments: [(Int64(999_999), PovertyClass.nearPoor), (1_000_000, .poor), (1_000_001, .averageLivingStandard),
                      (1_300_000, .averageLivingStandard), (1_300_001, .notPoor)])
    func otherNumbersFromTheDefinitionAreUsed(income: Int64, expected: PovertyClass) {
        let definition = ClassificationDefinition(
            povertyLine: ["xa": 1_000_000, "thi_tran": 1_200_000], poorMinDeprivations: 4, averageCeilingFactor: 1.3,
            labels: [:])
        let deprivations: Int64 = income == 999_999 ? 3 : 4
        #expect(PovertyClassifier(definition).classify(income: income, deprivations: deprivations, communeType: "xa") == expected)
    }
}
