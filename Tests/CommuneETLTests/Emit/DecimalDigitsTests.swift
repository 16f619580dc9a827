import Testing
@testable import CommuneETL

/// The digits every writer uses for a number: zero, signs, and both ends of the range.
struct DecimalDigitsTests {
    @Test(arguments: [
        (0, "0"), (7, "7"), (9, "9"), (10, "10"), (99, "99"), (100, "100"), (101, "101"), (999, "999"),
        (1000, "1000"), (1_250_000, "1250000"), (10_000_005, "10000005"), (-5, "-5"), (-10, "-10"), (-100, "-100"),
        (Int64.max, "9223372036854775807"), (Int64.min, "-9223372036854775808"),
    ] as [(Int64, String)])
    func writesPlainDigits(number: Int64, text: String) {
        var out: [UInt8] = Array("x".utf8)
        DecimalDigits.append(number, to: &out)
        #expect(out == Array(("x" + text).utf8))
    }

    /// Every number below 100,000 and a sweep of larger ones, against Swift's own digits: the pairs table
    /// and the odd leading digit meet at every length.
    @Test func agreesWithSwiftsDigits() {
        var numbers = Array(Int64(-1000)...Int64(100_000))
        var value: Int64 = 1
        while value < Int64.max / 7 { numbers += [value, value &- 1, -value]; value = value &* 7 &+ 3 }
        for number in numbers {
            var out: [UInt8] = []
            DecimalDigits.append(number, to: &out)
            if out != Array(String(number).utf8) { Issue.record("\(number) written as \(String(decoding: out, as: UTF8.self))") }
        }
    }
}
