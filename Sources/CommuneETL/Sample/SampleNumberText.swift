/// Numbers as commune spreadsheets show them (`input-formats.md` "Numbers"): `1.250` with a dot for
/// thousands, `25,93` with a decimal comma, `-` for zero.
///
/// Rates are kept as integer hundredths of a per cent and rounded half up in integer arithmetic, so a test
/// can recompute every written rate exactly and no floating-point tie rounds differently on another machine.
enum SampleNumberText {
    /// `1250` → `1.250`; `0` → `-` when `dashForZero`.
    static func count(_ value: Int, dashForZero: Bool = true) -> String {
        if value == 0 && dashForZero { return "-" }
        var out: [UInt8] = []
        if value < 0 { out.append(UInt8(ascii: "-")) }
        SampleBytes.appendDotted(abs(value), to: &out)
        return String(decoding: out, as: UTF8.self)
    }

    /// `count ÷ total × 100` in hundredths, rounded half up: `rateHundredths(7, of: 27)` = 2593.
    static func rateHundredths(_ count: Int, of total: Int) -> Int {
        guard total > 0 else { return 0 }
        return (count * 20_000 + total) / (2 * total)
    }

    /// `count ÷ total × 100` rounded half up once, to `decimals` (1 or 2), and written: rounding to
    /// hundredths first and then to tenths would round twice (98.9496 → 98.95 → 99.0, where 98.9 is right).
    static func rate(_ count: Int, of total: Int, decimals: Int) -> String {
        guard decimals == 1, total > 0 else { return hundredths(rateHundredths(count, of: total), decimals: decimals) }
        let tenths = (count * 2_000 + total) / (2 * total)
        return hundredths(tenths * 10, decimals: 1)
    }

    /// Hundredths written with `decimals` decimals (1 or 2) and a decimal comma: 2593 → `25,93` or `25,9`.
    /// Rounds half up when dropping the second decimal; `0` → `0,00` (a rate of zero is written, not `-`).
    static func hundredths(_ value: Int, decimals: Int = 2) -> String {
        precondition(value >= 0 && (decimals == 1 || decimals == 2), "non-negative hundredths, 1 or 2 decimals")
        if decimals == 1 {
            let tenths = (value + 5) / 10
            return "\(count(tenths / 10, dashForZero: false)),\(tenths % 10)"
        }
        let fraction = value % 100
        return "\(count(value / 100, dashForZero: false)),\(fraction < 10 ? "0" : "")\(fraction)"
    }

    /// Tenths written with a decimal comma, `,0` dropped: 916 → `91,6`, 800 → `80`.
    static func tenths(_ value: Int) -> String {
        value % 10 == 0 ? count(value / 10, dashForZero: false) : "\(count(value / 10, dashForZero: false)),\(value % 10)"
    }
}
