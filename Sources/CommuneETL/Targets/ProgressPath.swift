/// The straight paths from a baseline to a 2025 target, and where a series stands on them: the arithmetic of
/// `average_reduction`, `cumulative` and `level` (which `share` and `ratio` reuse on their derived series).
///
/// Every function takes one series (year → value) and returns one point per year of `years`. The baseline is
/// the series' first year with a value. A year without a value is `no_data`; a year before the baseline has
/// no `expected` either.
enum ProgressPath {
    struct Point: Equatable {
        var value: Double?
        var expected: Double?
        var baselineYear: Int?
        var status: ProgressStatus
    }

    /// A rate falls on average by `perYear` points a year from the baseline.
    ///
    /// expected = max(0, baseline − perYear × (year − baseline year)): the path stops at 0, since a rate cannot
    /// fall further. Before the final year a value at or below the path is `on_track`. From the final year the
    /// average reduction (baseline − value) ÷ years elapsed is compared with `perYear` (`met`/`off_track`); a
    /// unit at 0 has met it (nothing is left to reduce). The baseline year itself is `on_track` — unless it is
    /// the final year: with no year to average over, nothing can be judged and the row is `no_data`.
    static func averageReduction(_ series: [Int: Double], years: [Int], finalYear: Int, perYear: Double,
                                 comparison: Comparison) -> [Point] {
        guard let start = series.keys.min(), let baseline = series[start] else { return years.map { _ in .none } }
        return years.map { year in
            let expected = year >= start ? Swift.max(0, baseline - perYear * Double(year - start)) : nil
            guard let value = series[year] else { return Point(value: nil, expected: expected, baselineYear: start, status: .noData) }
            let status: ProgressStatus
            if year == start {
                status = start >= finalYear ? .noData : .onTrack
            } else if year >= finalYear {
                let average = (baseline - value) / Double(year - start)
                status = comparison.holds(average, perYear) || value <= 0 ? .met : .offTrack
            } else {
                status = value <= expected! ? .onTrack : .offTrack
            }
            return Point(value: value, expected: expected, baselineYear: start, status: status)
        }
    }

    /// The running total of a yearly count from its first year reaches `total` by the final year.
    ///
    /// The point's value is the running total. expected = total × (years elapsed + 1) ÷ (final − first year
    /// + 1), at most `total` (a first year after the final year expects the whole total). `met` once the total
    /// satisfies `comparison`; otherwise `on_track` when the running total is at least the expected one,
    /// except from the final year on, when falling short is `off_track`.
    static func cumulative(_ series: [Int: Double], years: [Int], finalYear: Int, total: Double,
                           comparison: Comparison) -> [Point] {
        guard let start = series.keys.min() else { return years.map { _ in .none } }
        let span = Double(Swift.max(finalYear - start + 1, 1))
        return years.map { year in
            let expected = year >= start ? total * Swift.min(Double(year - start + 1) / span, 1) : nil
            guard series[year] != nil else { return Point(value: nil, expected: expected, baselineYear: start, status: .noData) }
            let running = series.filter { $0.key <= year }.values.reduce(0, +)
            let status: ProgressStatus = comparison.holds(running, total) ? .met
                : year < finalYear && running >= expected! ? .onTrack : .offTrack
            return Point(value: running, expected: expected, baselineYear: start, status: status)
        }
    }

    /// A value reaches `target` (by `comparison`) by the final year.
    ///
    /// expected = baseline + (target − baseline) × (year − baseline year) ÷ (final − baseline year); from the
    /// final year on, or when the baseline is the final year, expected is the target. `met` whenever the value
    /// satisfies the target; otherwise `on_track` when at least as good as expected (≥ for a target to rise
    /// to, ≤ for one to fall to), except from the final year on, when falling short is `off_track`.
    static func level(_ series: [Int: Double], years: [Int], finalYear: Int, target: Double,
                      comparison: Comparison) -> [Point] {
        guard let start = series.keys.min(), let baseline = series[start] else { return years.map { _ in .none } }
        return years.map { year in
            let expected: Double? = year < start ? nil
                : year >= finalYear || start >= finalYear ? target
                : baseline + (target - baseline) * Double(year - start) / Double(finalYear - start)
            guard let value = series[year] else { return Point(value: nil, expected: expected, baselineYear: start, status: .noData) }
            let status: ProgressStatus
            if comparison.holds(value, target) {
                status = .met
            } else if year >= finalYear {
                status = .offTrack
            } else {
                let asGood = comparison.wantsMore ? value >= expected! : value <= expected!
                status = asGood ? .onTrack : .offTrack
            }
            return Point(value: value, expected: expected, baselineYear: start, status: status)
        }
    }
}

extension ProgressPath.Point {
    /// A year of a series that never had a value.
    static let none = ProgressPath.Point(value: nil, expected: nil, baselineYear: nil, status: .noData)
}
