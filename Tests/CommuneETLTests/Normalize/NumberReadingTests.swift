import CommuneETL
import Testing

struct NumberReadingTests {
    private func read(_ text: String, dashIsZero: Bool = false) -> IntegerReading {
        NormalizeTestSupport.withBytes(text) { NumberReader.readInteger($0, dashIsZero: dashIsZero) }
    }

    @Test(arguments: [
        ("", .empty), ("   ", .empty), ("\u{A0}", .empty),
        ("0", .value(0)), ("7", .value(7)), ("007", .value(7)), ("850000", .value(850_000)),
        (" 850000 ", .value(850_000)), ("\t42\t", .value(42)),
        ("9223372036854775807", .value(Int64.max)),
    ] as [(String, IntegerReading)])
    func readsPlainDigits(text: String, expected: IntegerReading) {
        #expect(read(text) == expected)
    }

    @Test(arguments: [
        ("850.000", 850_000), ("1.250.000", 1_250_000), ("12.500", 12_500), ("1.000", 1_000),
        ("1,250,000", 1_250_000), ("1 250 000", 1_250_000), ("1\u{A0}250\u{A0}000", 1_250_000),
        ("0.000", 0), ("9.223.372.036.854.775.807", Int64.max),
        // Two separators or more, read at once (`thousands`): the shortest, the longest, commas.
        ("100.000.000", 100_000_000), ("999.999.999.999.999.999", 999_999_999_999_999_999), ("12,345,678", 12_345_678),
    ] as [(String, Int64)])
    func readsThousandsGrouping(text: String, expected: Int64) {
        #expect(read(text) == .value(expected))
    }

    @Test(arguments: [
        ("1.250.000,00", 1_250_000), ("1,250,000.00", 1_250_000), ("1 250 000,00", 1_250_000),
        ("1250000,0", 1_250_000), ("1250000.00", 1_250_000), ("1.250,000", 1_250), ("12,0000", 12),
    ] as [(String, Int64)])
    func readsAZeroFractionAsTheInteger(text: String, expected: Int64) {
        #expect(read(text) == .value(expected))
    }

    @Test(arguments: [
        "1.250.000đ", "1.250.000 đ", "1.250.000 Đ", "1.250.000 đồng", "1.250.000 ĐỒNG", "1.250.000 Đồng",
        "1.250.000 đo\u{302}\u{300}ng", "1.250.000VNĐ", "1.250.000 vnđ", "1.250.000 VND", "1.250.000 ₫",
        "1.250.000₫", "1,250,000 VND ", "1250000\u{A0}đ",
    ])
    func ignoresATrailingCurrencyWord(text: String) {
        #expect(read(text) == .value(1_250_000))
    }

    @Test(arguments: [
        // Not a number at all.
        ("-", .notANumber), ("abc", .notANumber), ("12a", .notANumber), ("+5", .notANumber),
        ("25%", .notANumber), ("-abc", .notANumber), ("đ", .notANumber), ("E5", .notANumber),
        ("1E", .notANumber), ("1.250.000 d", .notANumber), ("1.250.000 dong", .notANumber),
        ("1.250.000 đ đ", .notANumber), ("(1.250)", .notANumber),
        // Spreadsheet errors.
        ("#DIV/0!", .spreadsheetError), ("#N/A", .spreadsheetError), ("#VALUE!", .spreadsheetError),
        ("#REF!", .spreadsheetError), ("#NAME?", .spreadsheetError), (" #N/A ", .spreadsheetError),
        // Scientific notation: digits already lost.
        ("1.23457E+11", .scientificNotation), ("1,01085E+10", .scientificNotation), ("1e5", .scientificNotation),
        ("1.2E-3", .scientificNotation),
        // Decimals.
        ("12.50", .notAnInteger), ("12,5", .notAnInteger), ("1.25", .notAnInteger), ("1.2500", .notAnInteger),
        ("1.250,5", .notAnInteger), ("1,250.5", .notAnInteger), ("25,93", .notAnInteger),
        // Separators in the wrong places.
        ("1.25.000", .badGrouping), ("1234.567", .badGrouping), ("1.250.00", .badGrouping),
        ("1..250", .badGrouping), ("1.250.", .badGrouping), (".250", .badGrouping), ("12 5", .badGrouping),
        ("12.50,5", .badGrouping), ("1234.000", .badGrouping),
        // Mixed separators that no locale writes.
        ("1.250,000.5", .mixedSeparators), ("1,250 000", .mixedSeparators), ("1.250 000", .mixedSeparators),
        ("1.250,000,00", .mixedSeparators), ("1 250.000,00", .mixedSeparators),
        // Negative and too large.
        ("-5", .negative), ("-1.250.000", .negative), ("- 5", .negative),
        ("9223372036854775808", .tooLarge), ("99999999999999999999", .tooLarge),
        ("9.223.372.036.854.775.808", .tooLarge), ("99999999999999999999,00", .tooLarge),
    ] as [(String, NumberProblem)])
    func reportsWhatIsWrong(text: String, problem: NumberProblem) {
        #expect(read(text) == .invalid(problem))
    }

    @Test(arguments: [
        ("-", .value(0)), (" - ", .value(0)), ("- ₫", .value(0)), ("-đ", .value(0)),
        ("-5", .invalid(.negative)), ("", .empty), ("--", .invalid(.notANumber)),
    ] as [(String, IntegerReading)])
    func readsALoneDashAsZeroWhenAsked(text: String, expected: IntegerReading) {
        #expect(read(text, dashIsZero: true) == expected)
    }

    @Test func problemCodesAreStable() {
        #expect(NumberProblem.scientificNotation.rawValue == "scientific_notation")
        #expect(NumberProblem.mixedSeparators.rawValue == "mixed_separators")
        #expect(NumberProblem.ambiguous.rawValue == "ambiguous")
    }

    @Test(arguments: [
        // One `.` or `,` then three digits, below the bound: 1250 or 1.25.
        ("1.250", 100_000, .invalid(.ambiguous)), ("12,500", 100_000, .invalid(.ambiguous)),
        ("99.000", 100_000, .invalid(.ambiguous)), ("99.999", 100_000, .invalid(.ambiguous)),
        ("1.000", 100_000, .invalid(.ambiguous)), ("1.250 đ", 100_000, .invalid(.ambiguous)),
        (" 12.500 ", 100_000, .invalid(.ambiguous)), ("1.250", 1_251, .invalid(.ambiguous)),
        // At or above the bound the thousands reading stands.
        ("850.000", 100_000, .value(850_000)), ("100.000", 100_000, .value(100_000)),
        ("999,999", 100_000, .value(999_999)), ("1.250", 1_250, .value(1_250)), ("1.250", 1_000, .value(1_250)),
        // Never ambiguous: two separators, a space, a decimal part, no separator, zero.
        ("1.250.000", 100_000, .value(1_250_000)), ("1,250,000", 100_000, .value(1_250_000)),
        ("1 250", 100_000, .value(1_250)), ("1.250,00", 100_000, .value(1_250)), ("1,250.00", 100_000, .value(1_250)),
        ("12500", 100_000, .value(12_500)), ("0.000", 100_000, .value(0)),
        // Other problems are reported as before.
        ("-1.250", 100_000, .invalid(.negative)), ("1.25", 100_000, .invalid(.notAnInteger)),
        ("1234.567", 100_000, .invalid(.badGrouping)), ("1.250,5", 100_000, .invalid(.notAnInteger)),
        ("", 100_000, .empty),
    ] as [(String, Int64, IntegerReading)])
    func reportsAmbiguousThousandsBelowTheBound(text: String, bound: Int64, expected: IntegerReading) {
        let reading = NormalizeTestSupport.withBytes(text) { NumberReader.readInteger($0, ambiguousBelow: bound) }
        #expect(reading == expected)
    }

    @Test(arguments: [
        ("1.250", .value(1_250)), ("12,500", .value(12_500)), ("99.000", .value(99_000)),
        ("850.000", .value(850_000)), ("1.25", .invalid(.notAnInteger)),
    ] as [(String, IntegerReading)])
    func readsASingleSeparatorAsGroupingWithoutABound(text: String, expected: IntegerReading) {
        let reading = NormalizeTestSupport.withBytes(text) { NumberReader.readInteger($0, ambiguousBelow: nil) }
        #expect(reading == expected)
        #expect(read(text) == expected)
    }

    @Test(arguments: [
        ("x", .yes), ("X", .yes), ("1", .yes), (" x ", .yes), ("✓", .yes), ("✔", .yes),
        ("có", .yes), ("Có", .yes), ("CÓ", .yes), ("co\u{301}", .yes),
        ("", .no), ("  ", .no), ("0", .no), (" 0", .no),
        ("xx", .invalid), ("2", .invalid), ("-", .invalid), ("không", .invalid), ("v", .invalid),
        ("c", .invalid), ("cá", .invalid), ("co", .invalid), ("✗", .invalid),
    ] as [(String, FlagReading)])
    func readsIndicatorFlags(text: String, expected: FlagReading) {
        #expect(NormalizeTestSupport.withBytes(text) { NumberReader.readFlag($0) } == expected)
    }
}
