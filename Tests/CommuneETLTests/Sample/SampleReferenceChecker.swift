import CommuneETL
import Foundation

/// A slow, independent reading of a generated review list, written from `household-review.yaml` and not
/// from the generator: it finds every anomaly of every row and builds the canonical lines of the kept rows.
/// The tests require it to agree exactly with what the generator says it planted.
struct SampleReferenceChecker {
    private(set) var anomalies: [PlantedFault] = []
    private(set) var canonical: [String] = []
    private var communeByKey: [String: SampleCommune] = [:]
    private var seenCodes: Set<String> = []
    private let sourceFile: String

    static let indicators = [
        "employment", "dependents", "nutrition", "health_insurance", "adult_education", "child_school_attendance",
        "housing_quality", "housing_area_per_capita", "domestic_water", "hygienic_latrine", "telecom_services",
        "information_access",
    ]

    init(communes: [SampleCommune], sourceFile: String = "sample.csv") {
        self.sourceFile = sourceFile
        for commune in communes {
            for spelling in [commune.name] + commune.aliases {
                communeByKey[Self.key(spelling)] = commune
            }
        }
    }

    /// Case, diacritics and the unit prefix ignored: `Xã Lùng Phình`, `LÙNG PHÌNH` → `lung phinh`.
    static func key(_ name: String) -> String {
        var folded = name.folding(options: [.caseInsensitive, .diacriticInsensitive], locale: nil)
            .replacingOccurrences(of: "đ", with: "d")
        for prefix in ["xa ", "thi tran ", "tt. ", "tt "] where folded.hasPrefix(prefix) {
            folded.removeFirst(prefix.count)
        }
        return folded
    }

    mutating func check(_ cells: [String], line: Int) {
        var found: [(String, String)] = []
        for (column, field) in [(1, "household_code"), (2, "head_name"), (6, "commune_code"), (7, "household_size"),
                                (8, "income_vnd"), (22, "reported_classification"), (23, "year")]
        where cells[column].isEmpty {
            found.append(("HR-REQUIRED", field))
        }
        let size = Int(cells[7])
        if !cells[7].isEmpty, size.map({ !(1...30).contains($0) }) ?? true { found.append(("HR-TYPE", "household_size")) }
        let income = SampleFixtures.income(cells[8])
        if !cells[8].isEmpty, income == nil { found.append(("HR-TYPE", "income_vnd")) }
        var marks = 0
        var flags: [String] = []
        var marksValid = true
        for (offset, name) in Self.indicators.enumerated() {
            switch cells[9 + offset] {
            case "x", "X", "1": marks += 1; flags.append("1")
            case "", "0": flags.append("0")
            default: marksValid = false; flags.append("?"); found.append(("HR-TYPE", name))
            }
        }
        let reported = Int(cells[21])
        if reported.map({ !(0...12).contains($0) }) ?? true { found.append(("HR-TYPE", "reported_deprivation_count")) }
        let label = SampleFixtures.labels[cells[22]]
        if !cells[22].isEmpty, label == nil { found.append(("HR-TYPE", "reported_classification")) }
        let year = Int(cells[23])
        if !cells[23].isEmpty, year.map({ !(2021...2025).contains($0) }) ?? true { found.append(("HR-TYPE", "year")) }
        let commune = communeByKey[Self.key(cells[6])]
        if !cells[6].isEmpty, commune == nil { found.append(("HR-COMMUNE", "commune_code")) }
        if let commune, let year, !cells[1].isEmpty {
            if !seenCodes.insert("\(commune.code)|\(year)|\(cells[1])").inserted { found.append(("HR-UNIQUE", "household_code")) }
        }
        let cccdValid = cells[3].count == 12 && cells[3].allSatisfy { $0.isASCII && $0.isNumber }
        if !cells[3].isEmpty, !cccdValid { found.append(("HR-CCCD", "citizen_id")) }
        if let reported, marksValid, reported != marks { found.append(("HR-COUNT", "deprivation_count")) }
        var computed: String?
        if let income, let commune, marksValid {
            computed = SampleFixtures.decreeClass(income: income, marks: marks, town: commune.type == "thi_tran")
            let agrees = ["poor": ["poor"], "near_poor": ["near_poor"], "average": ["average"],
                          "not_poor": ["average", "not_poor"]]
            if let label, !(agrees[label]!.contains(computed!)) { found.append(("HR-CLASS", "classification")) }
        }
        anomalies += found.map { PlantedFault(line: line, rule: $0.0, field: $0.1) }
        guard found.allSatisfy({ $0.0 == "HR-CCCD" || $0.0 == "HR-COUNT" }), let commune, let year, let income,
              let size, let computed else { return }
        let fields = [commune.code, String(year), cells[1], cells[2], cccdValid ? cells[3] : "", cells[4], cells[5],
                      String(size), String(income)] + flags + [String(marks), computed, sourceFile, String(line), "", "", ""]
        canonical.append(fields.joined(separator: ",") + "\n")
    }
}
