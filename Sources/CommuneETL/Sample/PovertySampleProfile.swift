/// How poverty evolves in one of the 19 plan units of the sample district: its size, its poor and near-poor
/// rates at the 2021 review, how fast they fall, and its villages.
///
/// The numbers are chosen, not drawn, so that the district reads like the plan's (`plan-targets.md` II.2):
/// about 40 % poor households at the 2021 review, most units falling 7–10 points a year (9 or more where the
/// rate is 40 % or more, POV-HIGH), fewer than 1,500 poor households in 2025, and three units off track —
/// Lùng Cải and Nậm Lúc (above 40 % but falling 6 and 4.8 points, POV-HIGH) and Bản Cái (4.2 points a year,
/// POV-RATE). The five units with a household list in the demo inbox have moderate rates: a list holds
/// about 21 % poor households (the household generator's income mix), so a unit whose list is its whole
/// population cannot show a rate above that in a list year.
struct PovertySampleProfile {
    let code: String
    /// Households at the 2021 review.
    let households: Int
    /// Rates at the 2021 review and their yearly fall, in hundredths of a per cent (3000 = 30 %).
    let poorRate: Int
    let poorDrop: Int
    let nearPoorRate: Int
    /// Villages, in the order the summary lists them.
    let villages: [String]

    /// Rates are never modelled below this (1.5 %): a few poor households always remain.
    static let floorRate = 150

    /// The modelled poor rate of `year` before noise (hundredths).
    func poorRate(in year: Int) -> Int {
        max(Self.floorRate, poorRate - poorDrop * (year - 2021))
    }

    /// The modelled near-poor rate of `year`: about one point less a year (NEARPOOR asks for 0.9).
    func nearPoorRate(in year: Int) -> Int {
        max(Self.floorRate, nearPoorRate - 100 * (year - 2021))
    }

    /// Codes of the units whose villages are those of their household lists in the demo inbox.
    static let listUnits: Set<String> = ["02839", "02848", "02851", "02878", "02884"]

    /// Households, poor rate, yearly fall, near-poor rate, for each unit code (see the type's comment).
    static let table: [String: (households: Int, poor: Int, drop: Int, nearPoor: Int)] = [
        "02839": (680, 3000, 720, 900), "02842": (820, 5200, 600, 1200), "02848": (640, 2750, 800, 800),
        "02851": (520, 3400, 850, 850), "02854": (900, 4800, 1000, 1100), "02857": (760, 4500, 950, 1000),
        "02863": (820, 4200, 920, 1000), "02866": (880, 3800, 850, 950), "02869": (700, 4400, 960, 1050),
        "02872": (760, 3600, 820, 900), "02875": (980, 3500, 800, 900), "02878": (600, 3300, 800, 850),
        "02881": (720, 4700, 990, 1100), "02884": (450, 3500, 880, 900), "02887": (560, 4600, 980, 1000),
        "02890": (1250, 3200, 760, 850), "02893": (760, 4100, 480, 1000), "02896": (820, 3900, 820, 950),
        "02899": (640, 3700, 420, 950),
    ]

    /// The profiles of `units` (normally the 19 plan units), villages drawn once from `seed`.
    ///
    /// A unit with a household list in the demo inbox takes that list's villages (the household generator
    /// gives a one-commune file the first eight of `SampleNames.villages`); the others draw 5–15 names
    /// from `villagePool`, distinct within the unit and never one of those eight.
    static func profiles(of units: [SampleCommune], seed: UInt64) -> [PovertySampleProfile] {
        var rng = SampleRandom(seed: seed)
        let listVillages = Array(SampleNames.villages.prefix(8))
        return units.map { unit in
            let numbers = table[unit.code] ?? (households: 700, poor: 4000, drop: 850, nearPoor: 1000)
            var villages = listVillages
            if !listUnits.contains(unit.code) {
                var pool = villagePool
                for index in stride(from: pool.count - 1, to: 0, by: -1) { pool.swapAt(index, rng.below(index + 1)) }
                villages = pool.prefix(5 + rng.below(11)).map { name in
                    let hamlet = ["Nà", "Nậm", "Cốc", "Pạc", "Khởi", "Làng"].contains { name.hasPrefix($0) }
                    return (hamlet ? "Bản " : "Thôn ") + name
                }
            }
            return PovertySampleProfile(code: unit.code, households: numbers.households, poorRate: numbers.poor,
                                        poorDrop: numbers.drop, nearPoorRate: numbers.nearPoor, villages: villages)
        }
    }

    /// Village names of the highlands of Lào Cai (Mông, Tày, Nùng, Dao, Phù Lá places): plausible, not a
    /// gazetteer. NFC; none holds a comma.
    static let villagePool = [
        "Lùng Sán", "Pả Chư Tỷ", "Cán Cấu", "Sán Sả Hồ", "Tả Thồ", "Nhìu Cồ San", "Làng Chư", "Chồ Chải",
        "Lao Chải", "Ma Cái", "Sảng Mào Phố", "Hoàng Hạ", "Hoàng Trì", "Sỉn Chư", "Nà Ản", "Nậm Táng",
        "Cốc Sâm", "Nậm Chanh", "Nậm Cáy", "Khởi Ngang", "Bản Mế", "Làng Đá", "Pạc Ngam", "Nậm Kha",
        "Tả Chải", "Phìn Chư", "Ngải Thầu Thượng", "Ngải Thầu Hạ", "Sín Chải Hạ", "Pả Chư Ván", "Sả Hồ",
        "Lả Dì Thàng", "Nhù Sang", "Chu Va", "Sín Chải A", "Sín Chải B", "Nà Pắc", "Nà Khương", "Cốc Đào",
        "Nậm Ô", "Khởi Xá", "Làng Quang", "Mào Sao Phìn", "Tả Hồ Thượng", "Lùng Choáng", "Sừ Mần Khang Hạ",
        "Ngải Phóng Chồ Thượng", "Phìn Giàng", "Lùng Xa", "Háng Lìa", "Tả Lé", "Seo Khồ Xá", "Cao Sơn",
        "Nà Lơ", "Nậm Pạc", "Cốc Cáy", "Pạc Tà", "Sín Mần", "Chúng Chải", "Lồ Suối Tủng", "Tống Thượng",
        "Na Pá", "Nhiều Sang", "Séo Chải", "Thèn Phùng", "Ba Mồ", "Dìn Chin", "Hóa Chư Phùng",
    ]
}
