/// One unit's poor-household rate year by year, and the path it should follow to its 2025 target.
struct RateSeries {
    var title: String
    /// What the path is (the target it comes from), and anything a reader must know about the unit.
    var caption: String
    /// Year → poor households ÷ households × 100.
    var actual: [Int: Double]
    /// Year → the rate expected that year on the straight path to the target (or the commune's plan).
    var path: [Int: Double]
}

/// Draws a `RateSeries` as an inline SVG line chart: years 2021–2025 across, the rate in percent up.
///
/// The actual rate is a solid line with round marks, the path a dashed line with no marks, so the two
/// differ by more than colour (a reader with a colour-blind eye or a grey printout still tells them
/// apart). Sizes are in the `viewBox`: the chart scales with the width CSS gives it.
enum RateChart {
    static let years = Array(2021...2025)

    struct Size {
        var width: Double, height: Double, left: Double, right: Double, top: Double, bottom: Double, font: Double
        static let small = Size(width: 300, height: 196, left: 30, right: 18, top: 20, bottom: 26, font: 11)
        // Narrower than a laptop column so that its labels stay readable on a phone (390 px).
        static let large = Size(width: 480, height: 250, left: 40, right: 24, top: 26, bottom: 34, font: 15)
    }

    static func svg(_ series: RateSeries, size: Size) -> String {
        let values = Array(series.actual.values) + Array(series.path.values)
        let step: Double = (values.max() ?? 0) > 60 ? 20 : 10
        let top = max(step, ((values.max() ?? 0) / step).rounded(.up) * step)
        let plotWidth = size.width - size.left - size.right, plotHeight = size.height - size.top - size.bottom
        func x(_ year: Int) -> Double { size.left + plotWidth * Double(year - years[0]) / Double(years.count - 1) }
        func y(_ rate: Double) -> Double { size.top + plotHeight * (1 - min(max(rate, 0), top) / top) }
        let c = HTMLText.coordinate
        var svg = "<svg class=\"chart\" viewBox=\"0 0 \(c(size.width)) \(c(size.height))\" role=\"img\" aria-label=\"\(HTMLText.escape("Tỷ lệ hộ nghèo " + series.title))\">"
        // Grid and axes: a line every `step` points, the value written on the left.
        var level = 0.0
        while level <= top {
            svg += "<line class=\"grid\" x1=\"\(c(size.left))\" y1=\"\(c(y(level)))\" x2=\"\(c(size.width - size.right))\" y2=\"\(c(y(level)))\"/>"
            svg += "<text class=\"axis\" x=\"\(c(size.left - 5))\" y=\"\(c(y(level) + size.font * 0.35))\" text-anchor=\"end\" font-size=\"\(c(size.font))\">\(Int(level))</text>"
            level += step
        }
        svg += "<text class=\"axis\" x=\"2\" y=\"\(c(size.font))\" font-size=\"\(c(size.font))\">Tỷ lệ %</text>"
        for year in years {
            svg += "<text class=\"axis\" x=\"\(c(x(year)))\" y=\"\(c(size.height - size.bottom + size.font + 6))\" text-anchor=\"middle\" font-size=\"\(c(size.font))\">\(year)</text>"
        }
        svg += "<line class=\"axis-line\" x1=\"\(c(size.left))\" y1=\"\(c(y(0)))\" x2=\"\(c(size.width - size.right))\" y2=\"\(c(y(0)))\"/>"
        // The path first, so the actual line is drawn over it.
        let pathPoints = years.compactMap { year in series.path[year].map { "\(c(x(year))),\(c(y($0)))" } }
        if pathPoints.count > 1 { svg += "<polyline class=\"path\" points=\"\(pathPoints.joined(separator: " "))\"/>" }
        let actualPoints = years.compactMap { year in series.actual[year].map { (year, $0) } }
        if actualPoints.count > 1 {
            svg += "<polyline class=\"actual\" points=\"\(actualPoints.map { "\(c(x($0.0))),\(c(y($0.1)))" }.joined(separator: " "))\"/>"
        }
        for (year, rate) in actualPoints {
            let expected = series.path[year].map { ", lộ trình " + HTMLText.number($0) + " %" } ?? ""
            svg += "<circle class=\"actual\" cx=\"\(c(x(year)))\" cy=\"\(c(y(rate)))\" r=\"\(c(size.font * 0.3))\"><title>\(year): \(HTMLText.number(rate)) %\(expected)</title></circle>"
        }
        return svg + "</svg>"
    }

    /// The legend shared by every chart of the section: line styles drawn the way the charts draw them.
    static let legend = """
        <p class="legend"><span><svg viewBox="0 0 30 10" aria-hidden="true"><line class="actual" x1="0" y1="5" x2="30" y2="5"/>\
        <circle class="actual" cx="15" cy="5" r="3"/></svg>Thực tế (số hộ nghèo ÷ số hộ)</span>\
        <span><svg viewBox="0 0 30 10" aria-hidden="true"><line class="path" x1="0" y1="5" x2="30" y2="5"/></svg>\
        Lộ trình thẳng đến mục tiêu 2025</span></p>
        """
}
