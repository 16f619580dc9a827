/// A unit that sends a commune summary and an indicator report for a year, and the plan units whose
/// territory (villages, people, works) that report covers.
///
/// The administrative changes of `reference/commune-successors.csv` decide it:
/// - 2021–2023: the 19 plan units, each for itself.
/// - 2024: Tà Chải (02872) merged into thị trấn Bắc Hà (02839) on 2024-11-01, so Bắc Hà reports both; Tà
///   Chải still sends one late summary under its old name (`isLate`), dated after its code expired.
/// - 2025: the six communes of 2025-07-01 (`communes.csv`), each reporting its predecessors.
public struct SampleReportingUnit: Equatable, Sendable {
    public let code: String
    public let name: String
    /// `xa` or `thi_tran` (the unit's title row: `UBND XÃ …`, `UBND THỊ TRẤN …`).
    public let type: String
    public let year: Int
    /// Plan-unit codes covered, the unit itself first.
    public let covers: [String]
    /// A file sent under a name no longer valid at its date (Tà Chải, December 2024).
    public let isLate: Bool

    /// The regrouping of 2025-07-01: new code, name, and the plan units it took in (its own code first
    /// when it continues one), as `commune-successors.csv` lists them.
    static let regrouping2025: [(code: String, name: String, covers: [String])] = [
        ("02839", "Bắc Hà", ["02839", "02872", "02875", "02857", "02866", "02863", "02881"]),
        ("02842", "Tả Củ Tỷ", ["02842", "02854"]),
        ("02848", "Lùng Phình", ["02848", "02851"]),
        ("02869", "Bản Liền", ["02869", "02887"]),
        ("02890", "Bảo Nhai", ["02890", "02884", "02878"]),
        ("02896", "Cốc Lầu", ["02896", "02893", "02899"]),
    ]

    static let merged2024 = (absorbed: "02872", into: "02839")

    /// The reporting units of `year` (2021–2025), in plan order, the late file last.
    static func units(in year: Int, planUnits: [SampleCommune]) -> [SampleReportingUnit] {
        if year >= 2025 {
            return regrouping2025.map {
                SampleReportingUnit(code: $0.code, name: $0.name, type: "xa", year: year, covers: $0.covers, isLate: false)
            }
        }
        var units: [SampleReportingUnit] = []
        for unit in planUnits {
            if year == 2024 && unit.code == merged2024.absorbed { continue }
            let covers = year == 2024 && unit.code == merged2024.into ? [unit.code, merged2024.absorbed] : [unit.code]
            units.append(SampleReportingUnit(code: unit.code, name: unit.name, type: unit.type, year: year,
                                             covers: covers, isLate: false))
        }
        if year == 2024, let late = planUnits.first(where: { $0.code == merged2024.absorbed }) {
            units.append(SampleReportingUnit(code: late.code, name: late.name, type: late.type, year: year,
                                             covers: [late.code], isLate: true))
        }
        return units
    }

    /// `UBND XÃ LÙNG PHÌNH`, `UBND THỊ TRẤN BẮC HÀ`.
    var committee: String {
        "UBND " + (type == "thi_tran" ? "THỊ TRẤN " : "XÃ ") + name.uppercased()
    }

    /// The file name: the name folded to ASCII (`Lùng Phình` → `lung-phinh`).
    var slug: String {
        SampleBytes.fold(name).split(separator: " ").joined(separator: "-")
    }
}
