import Foundation

/// Text for the report page: escaped for HTML, numbers written the Vietnamese way.
enum HTMLText {
    /// `&`, `<`, `>`, `"` and `'` as entities, so any cell or message is shown as written, never as markup.
    static func escape(_ text: String) -> String {
        var out = ""
        out.reserveCapacity(text.utf8.count)
        for character in text {
            switch character {
            case "&": out += "&amp;"
            case "<": out += "&lt;"
            case ">": out += "&gt;"
            case "\"": out += "&quot;"
            case "'": out += "&#39;"
            default: out.append(character)
            }
        }
        return out
    }

    /// A number as a Vietnamese reader writes it: `38,98`, `1.000.000`, at most two decimals, no trailing
    /// zeros. Formatted with fixed rules (no locale), so the page's bytes depend only on the values.
    static func number(_ value: Double) -> String {
        let fixed = String(format: "%.2f", abs(value))
        var (whole, fraction) = (String(fixed.prefix { $0 != "." }), String(fixed.drop { $0 != "." }.dropFirst()))
        while fraction.last == "0" { fraction.removeLast() }
        var grouped = ""
        for (index, digit) in whole.enumerated() {
            if index > 0, (whole.count - index) % 3 == 0 { grouped += "." }
            grouped.append(digit)
        }
        whole = grouped
        let sign = value < 0 && fixed != "0.00" ? "−" : ""
        return sign + whole + (fraction.isEmpty ? "" : "," + fraction)
    }

    static func number(_ value: Double?) -> String { value.map { number($0) } ?? "—" }

    /// An SVG coordinate: one decimal, a point, no locale.
    static func coordinate(_ value: Double) -> String {
        let rounded = (value * 10).rounded() / 10
        return rounded == rounded.rounded() ? String(Int(rounded)) : String(format: "%.1f", rounded)
    }
}
