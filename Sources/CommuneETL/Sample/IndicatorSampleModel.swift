/// A planned and an achieved value, in the item's held unit (tenths for rates).
public struct IndicatorSampleValue: Equatable, Sendable {
    public var planned: Int
    public var achieved: Int
}

/// What each plan unit planned and achieved, indicator by indicator, 2021–2025.
///
/// Sized so the district's five-year totals land near the plan's targets (`plan-targets.md`): per unit and
/// year about 28.5 labourers trained (TRAIN-NEW 2,580 ÷ 95), 71 jobs (JOBS 6,742), 14.5 houses (HOUSES
/// 1,292), 21.5 latrines (LATRINES 1,951), 0.45 water works (37), 0.3 OCOP products (27) — a little above
/// the targets, since off-track units fall short — scaled by the unit's households; 20–30 placed in companies; rates that reach the 2025 targets (insurance above 91.6 %,
/// water 98 %, latrines 92 %, housing 94.75 %, stunting 25.93 %, underweight 15.99 %). Lùng Cải, Nậm Lúc and
/// Bản Cái, off track in poverty, also achieve only 70–85 % of their plans and place 12–18 people a year.
struct IndicatorSampleModel {
    static let offTrack: Set<String> = ["02842", "02893", "02899"]
    /// Units with a tourist site the plan names (Bắc Hà town, Tả Văn Chư, Lùng Phình, Cốc Ly, Cốc Ly
    /// reservoir at Bảo Nhai, Chảy river at Nậm Lúc): their 2025 visitor arrivals.
    static let tourism: [String: Int] = ["02839": 450_000, "02851": 120_000, "02848": 90_000, "02878": 110_000,
                                         "02890": 90_000, "02893": 60_000]

    /// Values by plan-unit code, year, indicator code.
    private(set) var values: [String: [Int: [String: IndicatorSampleValue]]] = [:]

    /// - Parameter households: households of each plan unit by year (from the poverty model), which size
    ///   its plans.
    init(households: [String: [Int: Int]], seed: UInt64) {
        for (code, byYear) in households {
            var rng = SampleRandom(seed: seed &+ UInt64(Int(code)!) &* 31)
            var unit: [Int: [String: IndicatorSampleValue]] = [:]
            for year in 2021...2025 {
                unit[year] = Self.year(code: code, year: year, households: byYear[year] ?? 750, rng: &rng)
            }
            values[code] = unit
        }
    }

    private static func year(code: String, year: Int, households: Int,
                             rng: inout SampleRandom) -> [String: IndicatorSampleValue] {
        let offTrack = Self.offTrack.contains(code)
        let step = year - 2021
        var out: [String: IndicatorSampleValue] = [:]
        /// Per mille of the plan achieved: 960–1,150 on track, 700–850 off track.
        func ratio() -> Int { offTrack ? 700 + rng.below(151) : 960 + rng.below(191) }
        /// A yearly flow of `perUnit` (×10) for an average unit of 750 households.
        func flow(_ code: String, tenthsPerUnit: Int) {
            let planned = max(1, (tenthsPerUnit * households / 750 + rng.below(7) * 10 - 30) / 10)
            out[code] = IndicatorSampleValue(planned: planned, achieved: planned * ratio() / 1_000)
        }
        /// A rate in tenths moving from `start` by `perYear` (±`spread` per unit), planned a little ahead.
        func level(_ code: String, start: Int, perYear: Int, spread: Int, cap: Int = 1_000) {
            let achieved = min(cap, start + perYear * step + rng.below(2 * spread + 1) - spread - (offTrack ? spread : 0))
            out[code] = IndicatorSampleValue(planned: min(cap, start + perYear * step + perYear / 2), achieved: achieved)
        }
        flow("labour_trained", tenthsPerUnit: 285)
        let trained = out["labour_trained"]!
        let certifiedShare = offTrack ? 280 + rng.below(61) : 380 + rng.below(121)
        out["labour_certified"] = IndicatorSampleValue(planned: trained.planned * 2 / 5,
                                                       achieved: trained.achieved * certifiedShare / 1_000)
        out["training_need_met_rate"] = IndicatorSampleValue(planned: 1_000,
                                                            achieved: min(1_000, 850 + 35 * step + rng.below(41)))
        flow("jobs_created", tenthsPerUnit: 710)
        out["jobs_in_companies"] = IndicatorSampleValue(planned: 25, achieved: offTrack ? 12 + rng.below(7) : 20 + rng.below(11))
        out["workers_abroad"] = IndicatorSampleValue(planned: 3, achieved: 1 + rng.below(5))
        level("agri_value_per_ha", start: 600, perYear: 55, spread: 30, cap: 10_000)
        let growth = 1_000 + 15 * step
        let size = households * growth / 750
        out["grain_output"] = IndicatorSampleValue(planned: 2_210 * size / 1_000,
                                                   achieved: (2_180 + rng.below(61)) * size / 1_000)
        out["meat_output"] = IndicatorSampleValue(planned: 330 * size / 1_000, achieved: (320 + rng.below(31)) * size / 1_000)
        let ocop = rng.below(100) < 28 ? 1 : 0
        out["ocop_products"] = IndicatorSampleValue(planned: ocop, achieved: ocop + (rng.below(100) < 5 ? 1 : 0))
        level("forest_cover_rate", start: 445, perYear: 6, spread: 15)
        let hitech = (100 + 41 * step) * households / 750 / 10
        out["hitech_area"] = IndicatorSampleValue(planned: hitech, achieved: hitech * ratio() / 1_000)
        let visitors = tourism[code] ?? 6_000 + rng.below(8_000)
        let season = visitors * (400 + 150 * step) / 1_000
        out["tourist_arrivals"] = IndicatorSampleValue(planned: season / 100 * 100, achieved: season * ratio() / 1_000)
        level("health_insurance_rate", start: 950, perYear: 5, spread: 20)
        if offTrack { out["health_insurance_rate"]!.achieved -= 40 }
        level("stunting_rate", start: 325, perYear: -18, spread: 10)
        level("underweight_rate", start: 200, perYear: -10, spread: 6)
        flow("houses_built", tenthsPerUnit: 145)
        level("housing_standard_rate", start: 765, perYear: 46, spread: 10)
        let works = rng.below(100) < 44 ? 1 + (rng.below(100) < 6 ? 1 : 0) : 0
        out["water_works"] = IndicatorSampleValue(planned: works, achieved: offTrack && works > 0 ? works - 1 : works)
        level("hygienic_water_rate", start: 880, perYear: 25, spread: 10)
        flow("latrines_built", tenthsPerUnit: 215)
        level("hygienic_latrine_rate", start: 740, perYear: 46, spread: 10)
        flow("funding_state_budget", tenthsPerUnit: 780)
        flow("funding_credit", tenthsPerUnit: 19_650)
        let other = rng.below(100) < 50 ? 0 : 20 + rng.below(130)
        out["funding_other"] = IndicatorSampleValue(planned: other, achieved: other * ratio() / 1_000)
        let parts = ["funding_state_budget", "funding_credit", "funding_other"].map { out[$0]! }
        out["funding_total"] = IndicatorSampleValue(planned: parts.reduce(0) { $0 + $1.planned },
                                                    achieved: parts.reduce(0) { $0 + $1.achieved })
        return out
    }

    /// The values a reporting unit writes: its plan units' values summed (flows, amounts) or averaged
    /// weighted by households (rates, value per hectare), rounded half up.
    func report(covering codes: [String], year: Int, households: [String: [Int: Int]]) -> [String: IndicatorSampleValue] {
        var out: [String: IndicatorSampleValue] = [:]
        for item in IndicatorSampleCatalogue.items {
            let parts = codes.map { (values[$0]![year]![item.code]!, households[$0]![year]!) }
            if item.isSummed {
                out[item.code] = IndicatorSampleValue(planned: parts.reduce(0) { $0 + $1.0.planned },
                                                      achieved: parts.reduce(0) { $0 + $1.0.achieved })
            } else {
                let weight = max(1, parts.reduce(0) { $0 + $1.1 })
                func mean(_ value: (IndicatorSampleValue) -> Int) -> Int {
                    (2 * parts.reduce(0) { $0 + value($1.0) * $1.1 } + weight) / (2 * weight)
                }
                out[item.code] = IndicatorSampleValue(planned: mean(\.planned), achieved: mean(\.achieved))
            }
        }
        return out
    }
}
