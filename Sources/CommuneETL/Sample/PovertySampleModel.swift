/// One village row of a commune poverty summary (annex table 01): the numbers before any layout.
public struct PovertySummaryRow: Equatable, Sendable {
    public var village: String
    public var households: Int
    public var poor: Int
    public var nearPoor: Int
    /// Households that left poverty this year, and households newly poor.
    public var leftPoverty: Int
    public var newlyPoor: Int
}

/// Village-by-village poverty of every plan unit, 2021–2025, as the commune summaries report it.
///
/// Each unit follows its `PovertySampleProfile`; years with a household list in the demo inbox take the
/// list's counts instead (`HouseholdListTally`), so summary and list agree. Left-poverty and newly-poor
/// counts are derived so that, village by village, poor(y) = poor(y − 1) − left(y) + new(y); the one
/// exception is `continuityBreak` (households that moved away, written as having left poverty).
/// 2025 is modelled for the old units too, so the new units of 2025-07-01 report their predecessors'
/// villages.
struct PovertySampleModel {
    /// The commune-year whose left-poverty count is too high by `continuityBreak.households` in its first
    /// village: poor(2023) ≠ poor(2022) − left + new at commune level, the only such break.
    static let continuityBreak = (code: "02887", year: 2023, households: 6)

    /// Rows by unit code, then year (2021...2025), in the unit's village order.
    private(set) var rows: [String: [Int: [PovertySummaryRow]]] = [:]

    /// - Parameters:
    ///   - tallies: household lists of the demo inbox by unit code and year.
    ///   - poorAdjustments: added to a list's poor count in the first village, by unit code and year —
    ///     how a summary is made to disagree with its list while staying consistent in itself.
    init(profiles: [PovertySampleProfile], tallies: [String: [Int: HouseholdListTally]],
         poorAdjustments: [String: [Int: Int]] = [:], seed: UInt64) {
        for profile in profiles {
            var rng = SampleRandom(seed: seed &+ UInt64(Int(profile.code)!))
            rows[profile.code] = Self.series(profile, tallies: tallies[profile.code] ?? [:],
                                             adjustments: poorAdjustments[profile.code] ?? [:], rng: &rng)
        }
    }

    private static func series(_ profile: PovertySampleProfile, tallies: [Int: HouseholdListTally],
                               adjustments: [Int: Int], rng: inout SampleRandom) -> [Int: [PovertySummaryRow]] {
        let listed = PovertySampleProfile.listUnits.contains(profile.code)
        let weights = profile.villages.map { _ in listed ? 90 + rng.below(21) : 50 + rng.below(111) }
        let povertyFactors = profile.villages.map { _ in 70 + rng.below(61) }
        var households = apportion(profile.households, weights: weights,
                                   caps: weights.map { _ in Int.max })
        var previousPoor: [Int]?
        var result: [Int: [PovertySummaryRow]] = [:]
        for year in 2021...2025 {
            if year > 2021 { households = households.map { $0 + $0 * rng.below(25) / 1_000 } }
            var poor: [Int]
            var nearPoor: [Int]
            if let tally = tallies[year] {
                let villages = profile.villages.map { tally.villages[$0] ?? HouseholdListTally.Village() }
                households = zip(households, villages).map { max($0, $1.listed) }
                poor = villages.map(\.poor)
                poor[0] += adjustments[year] ?? 0
                nearPoor = villages.map(\.nearPoor)
            } else {
                let total = households.reduce(0, +)
                let poorTotal = (profile.poorRate(in: year) + rng.below(81) - 40) * total / 10_000
                poor = apportion(poorTotal, weights: zip(households, povertyFactors).map { $0 * $1 },
                                 caps: households.map { $0 * 4 / 5 })
                let nearTotal = (profile.nearPoorRate(in: year) + rng.below(41) - 20) * total / 10_000
                nearPoor = apportion(nearTotal, weights: households, caps: zip(households, poor).map { $0 - $1 })
            }
            // Before 2021 (not in any file): as if the rate had been one yearly fall higher.
            let before = previousPoor ?? poor.map { $0 + $0 * profile.poorDrop / max(profile.poorRate, 1) }
            var rows: [PovertySummaryRow] = []
            for index in profile.villages.indices {
                let newlyPoor = max(rng.below(before[index] / 12 + 2), poor[index] - before[index])
                var left = before[index] - poor[index] + newlyPoor
                if index == 0 && profile.code == continuityBreak.code && year == continuityBreak.year {
                    left += continuityBreak.households
                }
                rows.append(PovertySummaryRow(village: profile.villages[index], households: households[index],
                                              poor: poor[index], nearPoor: nearPoor[index],
                                              leftPoverty: left, newlyPoor: newlyPoor))
            }
            result[year] = rows
            previousPoor = poor
        }
        return result
    }

    /// `total` split in proportion to `weights` without exceeding `caps`: floors first, then one at a
    /// time to the heaviest shares with room. Returns less than `total` only if the caps are full.
    /// - Complexity: O(n × (n + total / n)).
    static func apportion(_ total: Int, weights: [Int], caps: [Int]) -> [Int] {
        let sum = max(1, weights.reduce(0, +))
        var shares = zip(weights, caps).map { min($1, max(0, total) * $0 / sum) }
        var left = max(0, total) - shares.reduce(0, +)
        let order = weights.indices.sorted { weights[$0] != weights[$1] ? weights[$0] > weights[$1] : $0 < $1 }
        while left > 0 {
            var progressed = false
            for index in order where left > 0 && shares[index] < caps[index] {
                shares[index] += 1
                left -= 1
                progressed = true
            }
            if !progressed { break }
        }
        return shares
    }
}
