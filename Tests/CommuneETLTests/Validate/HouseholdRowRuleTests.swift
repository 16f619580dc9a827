import Testing
@testable import CommuneETL

/// One real-world fault per test, through the whole file path: the exact anomalies, and what is published.
struct HouseholdRowRuleTests {
    private static let clean = HouseholdLine()

    @Test func aCleanRowGivesNoAnomalyAndItsCanonicalRow() throws {
        let result = try RuleProbe.run([Self.clean])
        #expect(result.anomalies == [])
        #expect(result.rows == [HouseholdLine.cleanCanonical])
        #expect(result.outcome.rowsRead == 1)
        #expect(result.outcome.rowsKept == 1)
    }

    @Test func anEmptyHeadNameIsARequiredError() throws {
        let result = try RuleProbe.run([Self.clean.with { $0.head = "  " }])
        #expect(result.anomalies == ["2:HR-REQUIRED:head_name"])
        #expect(result.rows == [])
        #expect(result.anomaly("HR-REQUIRED")?.severity == .error)
        #expect(result.anomaly("HR-REQUIRED")?.messageEN == "Head name is missing: this cell must not be empty.")
    }

    @Test(arguments: ["0", "31", "ba", "2,5"])
    func aHouseholdSizeOutOfRangeOrUnreadableIsATypeError(size: String) throws {
        let result = try RuleProbe.run([Self.clean.with { $0.size = size }])
        #expect(result.anomalies == ["2:HR-TYPE:household_size"])
        #expect(result.anomaly("HR-TYPE")?.value == size)
        #expect(result.rows == [])
    }

    static let unreadableIncomes: [(String, String)] = [
        ("#DIV/0!", "a whole number from 0 to 100000000 (the cell holds a formula error)"),
        ("1.23457E+11", "a whole number from 0 to 100000000 (Excel turned the number into 1E+11 form)"),
        ("-500.000", "a whole number from 0 to 100000000 (negative numbers are not accepted)"),
    ]

    /// The class cannot be computed without the income, so HR-CLASS stays silent: one fault, one anomaly.
    @Test(arguments: unreadableIncomes)
    func anUnreadableIncomeIsOneTypeErrorAndNoClassError(income: String, expected: String) throws {
        let result = try RuleProbe.run([Self.clean.with { $0.income = income; $0.classification = "Không nghèo" }])
        #expect(result.anomalies == ["2:HR-TYPE:income_vnd"])
        #expect(result.anomaly("HR-TYPE")?.expected == expected)
        #expect(result.anomaly("HR-TYPE")?.value == income)
        #expect(result.rows == [])
    }

    @Test func anEmptyIncomeIsOneRequiredErrorAndNoClassError() throws {
        let result = try RuleProbe.run([Self.clean.with { $0.income = ""; $0.classification = "Không nghèo" }])
        #expect(result.anomalies == ["2:HR-REQUIRED:income_vnd"])
    }

    @Test func anIndicatorMarkedYIsOneTypeErrorAndNoCountOrClassError() throws {
        let result = try RuleProbe.run([Self.clean.with { $0.marks[4] = "y"; $0.count = "7"; $0.classification = "Không nghèo" }])
        #expect(result.anomalies == ["2:HR-TYPE:adult_education"])
        #expect(result.anomaly("HR-TYPE")?.expected == "'x' when deprived, empty when not")
        #expect(result.rows == [])
    }

    @Test func aYearOutsideThePlanIsATypeError() throws {
        let result = try RuleProbe.run([Self.clean.with { $0.year = "2019" }])
        #expect(result.anomalies == ["2:HR-TYPE:year"])
        #expect(result.anomaly("HR-TYPE")?.expected == "a whole number from 2021 to 2025")
        #expect(result.rows == [])
    }

    @Test func anUnknownCommuneIsOneReferenceError() throws {
        let result = try RuleProbe.run([Self.clean.with { $0.commune = "Bản Già"; $0.classification = "Không nghèo" }])
        #expect(result.anomalies == ["2:HR-COMMUNE:commune_code"])
        let anomaly = try #require(result.anomaly("HR-COMMUNE"))
        #expect(anomaly.value == "Bản Già")
        #expect(anomaly.communeCode == "")
        #expect(anomaly.recordKey == "LP-001")
        #expect(result.rows == [])
    }

    @Test func aCommuneWrittenWithoutDiacriticsResolvesToItsCode() throws {
        let result = try RuleProbe.run([Self.clean.with { $0.commune = "xa lung phinh" }])
        #expect(result.anomalies == [])
        #expect(result.rows == [HouseholdLine.cleanCanonical])
    }

    @Test func aRepeatedHouseholdCodeIsAUniqueErrorOnTheSecondRow() throws {
        let second = Self.clean.with { $0.number = "2"; $0.head = "Sùng Seo Dình"; $0.commune = "Xã Lùng Phình" }
        let result = try RuleProbe.run([Self.clean, second])
        #expect(result.anomalies == ["3:HR-UNIQUE:household_code"])
        let anomaly = try #require(result.anomaly("HR-UNIQUE"))
        #expect(anomaly.messageEN
            == "Household code 'LP-001' repeats line 2 of household-review/2023/lung-phinh.csv: list each household once.")
        #expect(anomaly.communeCode == "02848")
        #expect(result.rows == [HouseholdLine.cleanCanonical])
    }

    @Test func theSameCodeInAnotherCommuneOrYearIsNotARepeat() throws {
        let otherCommune = Self.clean.with { $0.commune = "Tả Van Chư" }
        let otherYear = Self.clean.with { $0.year = "2024" }
        let result = try RuleProbe.run([Self.clean, otherCommune, otherYear])
        #expect(result.anomalies == [])
        #expect(result.rows.count == 3)
    }

    @Test func aCitizenIDOfElevenDigitsIsAWarningAndTheIDIsWrittenEmpty() throws {
        let result = try RuleProbe.run([Self.clean.with { $0.citizenID = "01020304050" }])
        #expect(result.anomalies == ["2:HR-CCCD:citizen_id"])
        #expect(result.anomaly("HR-CCCD")?.severity == .warning)
        #expect(result.rows == [HouseholdLine.cleanCanonical.replacingOccurrences(of: "010203040506", with: "")])
    }

    @Test(arguments: ["1.02030405E+11", "0102 0304 0506", "01020304050x"])
    func aCitizenIDThatIsNotTwelveDigitsIsAWarning(id: String) throws {
        let result = try RuleProbe.run([Self.clean.with { $0.citizenID = id }])
        #expect(result.anomalies == ["2:HR-CCCD:citizen_id"])
        #expect(result.value("citizen_id") == "")
    }

    @Test func aMissingCitizenIDIsNotAnAnomaly() throws {
        let result = try RuleProbe.run([Self.clean.with { $0.citizenID = "" }])
        #expect(result.anomalies == [])
        #expect(result.value("citizen_id") == "")
    }

    @Test func aCountOffByOneIsAWarningAndTheMarksAreCounted() throws {
        let result = try RuleProbe.run([Self.clean.with { $0.count = "4" }])
        #expect(result.anomalies == ["2:HR-COUNT:deprivation_count"])
        let anomaly = try #require(result.anomaly("HR-COUNT"))
        #expect(anomaly.severity == .warning)
        #expect(anomaly.value == "4")
        #expect(anomaly.messageEN == "The deprivation count says 4 but 3 indicators are marked.")
        #expect(result.rows == [HouseholdLine.cleanCanonical])
        #expect(result.value("deprivation_count") == "3")
    }

    @Test func aWrongClassificationIsAClassErrorAndTheRowIsDropped() throws {
        let result = try RuleProbe.run([Self.clean.with { $0.classification = "Hộ cận nghèo" }])
        #expect(result.anomalies == ["2:HR-CLASS:classification"])
        let anomaly = try #require(result.anomaly("HR-CLASS"))
        #expect(anomaly.expected == "poor")
        #expect(anomaly.value == "Hộ cận nghèo")
        #expect(anomaly.messageEN == "Classification 'Hộ cận nghèo' disagrees with Decree 07/2021/NĐ-CP: income 1200000 đồng, 3 deprivations → poor.")
        #expect(result.rows == [])
    }

    @Test(arguments: ["Không nghèo", "Hộ có mức sống trung bình", "MSTB"])
    func notPoorOrAverageIsAcceptedForAHouseholdInTheAverageBand(reported: String) throws {
        let average = Self.clean.with {
            $0.income = "2.000.000"; $0.marks = Array(repeating: "", count: 12); $0.count = "0"; $0.classification = reported
        }
        let result = try RuleProbe.run([average])
        #expect(result.anomalies == [])
        #expect(result.value("classification") == "average")
        #expect(result.value("deprivation_count") == "0")
    }

    @Test func notPoorIsRefusedForANearPoorHousehold() throws {
        let result = try RuleProbe.run([Self.clean.with { $0.marks[2] = ""; $0.count = "2"; $0.classification = "Không nghèo" }])
        #expect(result.anomalies == ["2:HR-CLASS:classification"])
        #expect(result.anomaly("HR-CLASS")?.expected == "near-poor")
    }

    /// 1,800,000 đồng and three deprivations: below the urban line of thị trấn Bắc Hà (2,000,000), above
    /// the rural line (1,500,000) of a xã.
    static let urbanLine: [(String, String, [String], String?)] = [
        ("Thị trấn Bắc Hà", "Hộ nghèo", [], "poor"),
        ("TT Bắc Hà", "Hộ nghèo", [], "poor"),
        ("02839", "Hộ nghèo", [], "poor"),
        ("Thị trấn Bắc Hà", "Hộ có mức sống trung bình", ["2:HR-CLASS:classification"], nil),
        ("Lùng Phình", "Hộ có mức sống trung bình", [], "average"),
        ("Lùng Phình", "Hộ nghèo", ["2:HR-CLASS:classification"], nil),
    ]

    @Test(arguments: urbanLine)
    func theTownUsesTheUrbanPovertyLine(commune: String, reported: String, anomalies: [String], computed: String?) throws {
        let line = Self.clean.with { $0.commune = commune; $0.income = "1.800.000"; $0.classification = reported }
        let result = try RuleProbe.run([line])
        #expect(result.anomalies == anomalies)
        #expect(result.value("classification") == computed)
        if computed != nil { #expect(result.value("commune_code") == (commune == "Lùng Phình" ? "02848" : "02839")) }
    }

    @Test func twoFaultsInOneRowGiveTwoAnomaliesInRuleOrder() throws {
        let result = try RuleProbe.run([Self.clean.with { $0.size = "0"; $0.citizenID = "123" }])
        #expect(result.anomalies == ["2:HR-TYPE:household_size", "2:HR-CCCD:citizen_id"])
        #expect(result.rows == [])
    }
}
