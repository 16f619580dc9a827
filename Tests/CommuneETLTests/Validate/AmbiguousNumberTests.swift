import Testing
@testable import CommuneETL

/// `1.250` in the income column reads two ways (1,250 đồng or 1.25): it is reported, never guessed.
struct AmbiguousNumberTests {
    @Test(arguments: ["1.250", "12.500", "99.000"])
    func aShortIncomeWithOneSeparatorIsAmbiguous(income: String) throws {
        let result = try RuleProbe.run([HouseholdLine().with { $0.income = income }])
        #expect(result.anomalies == ["2:HR-TYPE:income_vnd"])
        let anomaly = try #require(result.anomaly("HR-TYPE"))
        #expect(anomaly.expected == "a whole number from 0 to 100000000 (the number reads two ways, as 1.250 is 1250 or 1.25: write it in full, such as 1.250.000)")
        #expect(result.rows == [])
    }

    @Test(arguments: [("850.000", "850000"), ("1.250.000", "1250000"), ("1250000", "1250000"), ("1,200,000", "1200000")])
    func anIncomeThatReadsOneWayIsKept(income: String, canonical: String) throws {
        let result = try RuleProbe.run([HouseholdLine().with { $0.income = income }])
        #expect(result.anomalies == [])
        #expect(result.value("income_vnd") == canonical)
    }
}
