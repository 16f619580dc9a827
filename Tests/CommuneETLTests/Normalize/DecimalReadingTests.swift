@testable import CommuneETL
import Testing

struct DecimalReadingTests {
    private func read(_ text: String, dashIsZero: Bool = false, allowPercent: Bool = true) -> DecimalReading {
        NormalizeTestSupport.withBytes(text) {
            NumberReader.readDecimal($0, dashIsZero: dashIsZero, allowPercent: allowPercent)
        }
    }

    private func canonical(_ reading: DecimalReading, after prefix: String = "") -> String {
        var output = Array(prefix.utf8)
        reading.appendCanonical(to: &output)
        return String(decoding: output, as: UTF8.self)
    }

    @Test(arguments: [
        // Decimal comma or dot.
        ("25,93", 2593, 2), ("25.93", 2593, 2), ("0,5", 5, 1), ("0.75", 75, 2), ("3.14159", 314_159, 5),
        ("12,0000", 120_000, 4), ("25,90", 2590, 2), ("100,00", 10_000, 2), ("0,0", 0, 1),
        // Integers.
        ("100", 100, 0), ("007", 7, 0), ("0", 0, 0), (" 12,5 ", 125, 1), ("\t42\u{A0}", 42, 0),
        // A single mark that cannot be grouping: 4+ digits before it, or a leading 0.
        ("1234,567", 1_234_567, 3), ("1234.500", 1_234_500, 3), ("0,500", 500, 3), ("0.125", 125, 3),
        ("00,250", 250, 3),
        // Grouping alone, and grouping with the other mark as the decimal mark.
        ("1.250.000", 1_250_000, 0), ("1,250,000", 1_250_000, 0), ("1 250 000", 1_250_000, 0), ("1 250", 1_250, 0),
        ("1.250.000,5", 12_500_005, 1), ("1,250,000.5", 12_500_005, 1), ("1 250 000,5", 12_500_005, 1),
        ("1\u{A0}250,75", 125_075, 2), ("1.250,500", 1_250_500, 3), ("12.345,6789", 123_456_789, 4),
        // Negative values.
        ("-2,5", -25, 1), ("- 2,5", -25, 1), ("-0,5", -5, 1), ("-1.250.000,5", -12_500_005, 1), ("-0", 0, 0),
        // Percentages and currency words.
        ("25,93%", 2593, 2), ("25,93 %", 2593, 2), ("0,5\u{A0}%", 5, 1), ("100%", 100, 0), ("-3,2%", -32, 1),
        ("1.500.000 đ", 1_500_000, 0), ("1.250.000,5 VNĐ", 12_500_005, 1), ("2,5đồng", 25, 1),
        // Shapes near the plain fast path's limits (at most 18 bytes, one mark, not three decimals).
        ("1234,56", 123_456, 2), ("-0,05", -5, 2), ("12345678901234567,8", 123_456_789_012_345_678, 1),
        ("123456789012345678", 123_456_789_012_345_678, 0), ("1234567890123456,7", 12_345_678_901_234_567, 1),
        // At the limits: 18 significant digits, 18 decimals.
        ("999999999999999999", 999_999_999_999_999_999, 0), ("0,000000000000000001", 1, 18),
        ("0,123456789012345678", 123_456_789_012_345_678, 18), ("000000000000000000001", 1, 0),
    ] as [(String, Int64, UInt8)])
    func readsDecimalsAsScaledIntegers(text: String, units: Int64, scale: UInt8) {
        #expect(read(text) == .value(units: units, scale: scale))
    }

    @Test(arguments: [
        // A single mark then exactly three digits: 1250 or 1.25.
        ("1.250", .ambiguous), ("1,250", .ambiguous), ("12.500", .ambiguous), ("999,999", .ambiguous),
        ("99.000", .ambiguous), ("-1.250", .ambiguous), ("1.250%", .ambiguous), ("1.250 đ", .ambiguous),
        // Not a number.
        ("abc", .notANumber), ("25,93a", .notANumber), ("+5", .notANumber), ("%", .notANumber),
        ("25%%", .notANumber), ("(2,5)", .notANumber), ("2,5 d", .notANumber), ("-abc", .notANumber),
        ("--5", .notANumber), ("-", .notANumber), ("E5", .notANumber), ("1E", .notANumber), ("2,5 %đ", .notANumber),
        ("-,5", .notANumber), ("đ", .notANumber),
        // Spreadsheet errors and scientific notation.
        ("#DIV/0!", .spreadsheetError), ("#N/A", .spreadsheetError), ("#VALUE!", .spreadsheetError),
        ("1,5E+03", .scientificNotation), ("1.23457E+11", .scientificNotation), ("1e5", .scientificNotation),
        ("2,5e-3", .scientificNotation), ("-1,5E+03", .scientificNotation),
        // Separators in the wrong places.
        (",5", .badGrouping), (".5", .badGrouping), ("1..5", .badGrouping), ("1,5,", .badGrouping),
        ("1.25.000", .badGrouping), ("1.250.00", .badGrouping), ("12 5", .badGrouping), ("1,25,000", .badGrouping),
        ("1234.567.890", .badGrouping), ("1.2345,6", .badGrouping), ("1234.567,5", .badGrouping),
        // Mixed separators that no locale writes.
        ("1.250,000.5", .mixedSeparators), ("1,250 000", .mixedSeparators), ("1 250.000,5", .mixedSeparators),
        ("1,5 0", .mixedSeparators), ("1.250.000,5,5", .mixedSeparators),
        // More than 18 significant digits or 18 decimals.
        ("1234567890123456789", .tooLarge), ("9223372036854775807", .tooLarge),
        ("1.234.567.890.123.456.789", .tooLarge), ("0,1234567890123456789", .tooLarge),
        ("0,0000000000000000001", .tooLarge), ("999.999.999.999.999.999,0", .tooLarge),
    ] as [(String, NumberProblem)])
    func reportsWhatIsWrong(text: String, problem: NumberProblem) {
        #expect(read(text) == .invalid(problem))
    }

    @Test(arguments: [
        ("", .empty), ("   ", .empty), ("\u{A0}", .empty),
        ("-", .value(units: 0, scale: 0)), (" - ", .value(units: 0, scale: 0)), ("- %", .value(units: 0, scale: 0)),
        ("-đ", .value(units: 0, scale: 0)), ("--", .invalid(.notANumber)), ("-5,5", .value(units: -55, scale: 1)),
    ] as [(String, DecimalReading)])
    func readsALoneDashAsZeroWhenAsked(text: String, expected: DecimalReading) {
        #expect(read(text, dashIsZero: true) == expected)
    }

    @Test(arguments: [
        ("25,93%", .invalid(.notANumber)), ("25 %", .invalid(.notANumber)), ("25,93", .value(units: 2593, scale: 2)),
    ] as [(String, DecimalReading)])
    func refusesAPercentSignWhenNotAllowed(text: String, expected: DecimalReading) {
        #expect(read(text, allowPercent: false) == expected)
    }

    @Test(arguments: [
        ("25,93", "25.93"), ("25,90", "25.9"), ("100,00", "100"), ("0,0", "0"), ("-0,5", "-0.5"), ("0,05", "0.05"),
        ("1.250.000,5", "1250000.5"), ("-2,50%", "-2.5"), ("1 250", "1250"), ("12,0000", "12"), ("-0", "0"),
        ("-1,000005", "-1.000005"), ("3.14159", "3.14159"), ("7", "7"), ("10", "10"), ("0,10", "0.1"),
        ("0,000000000000000001", "0.000000000000000001"), ("999999999999999999", "999999999999999999"),
        ("-999.999.999.999.999.999", "-999999999999999999"), ("0,123456789012345678", "0.123456789012345678"),
    ] as [(String, String)])
    func writesPlainCanonicalText(text: String, expected: String) {
        #expect(canonical(read(text)) == expected)
    }

    @Test func canonicalTextAppendsAndSkipsNonValues() {
        #expect(canonical(read("25,93"), after: "x=") == "x=25.93")
        #expect(canonical(.empty, after: "x=") == "x=")
        #expect(canonical(.invalid(.ambiguous), after: "x=") == "x=")
    }

    @Test(arguments: [
        ("25,93", 25.93), ("-2,5", -2.5), ("0,5", 0.5), ("1.250.000,5", 1_250_000.5), ("100%", 100),
        ("0,000000000000000001", 1e-18), ("0,1", 0.1), ("33,33", 33.33),
    ] as [(String, Double)])
    func givesTheNearestDouble(text: String, expected: Double) {
        #expect(read(text).doubleValue == expected)
    }

    @Test func hasNoDoubleUnlessAValue() {
        #expect(read("").doubleValue == nil)
        #expect(read("1.250").doubleValue == nil)
    }
}
