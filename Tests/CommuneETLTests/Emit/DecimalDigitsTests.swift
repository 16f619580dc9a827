import Testing
@testable import CommuneETL

/// The digits every writer uses for a number: zero, signs, and both ends of the range.
struct DecimalDigitsTests {
    @Test(arguments: [
        (0, "0"), (7, "7"), (10, "10"), (1_250_000, "1250000"), (-5, "-5"),
        (Int64.max, "9223372036854775807"), (Int64.min, "-9223372036854775808"),
    ] as [(Int64, String)])
    func writesPlainDigits(number: Int64, text: String) {
        var out: [UInt8] = Array("x".utf8)
        DecimalDigits.append(number, to: &out)
        #expect(out == Array(("x" + text).utf8))
    }
}
