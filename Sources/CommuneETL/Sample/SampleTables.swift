/// Everything the generator writes more than once, turned into CSV-ready bytes once per run.
///
/// The row path then only copies byte arrays and writes digits.
struct SampleTables {
    /// Per commune: the official name as a field, its resolvable variants, the code and the poverty line.
    let communeNames: [[UInt8]]
    let communeVariants: [[[UInt8]]]
    let communeCodes: [[UInt8]]
    let povertyLines: [Int]
    let isTown: [Bool]
    /// Per group of `SampleNames.groups`.
    let ethnicities: [[UInt8]]
    let surnames: [[[UInt8]]]
    let maleMiddles: [[[UInt8]]]
    let femaleMiddles: [[[UInt8]]]
    let maleGiven: [[[UInt8]]]
    let femaleGiven: [[[UInt8]]]
    let villages: [[UInt8]]
    /// Written classification labels, by `SampleClass` raw value.
    let classLabels: [[UInt8]]
    /// Canonical classification values (`near_poor`), by `SampleClass` raw value.
    let canonicalClasses: [[UInt8]]
    let lineEnding: [UInt8]
    let sourceFile: [UInt8]

    /// The poverty line of Decree 07/2021/NĐ-CP Art. 3(2) by unit type: a thị trấn counts as urban.
    static let ruralLine = 1_500_000
    static let urbanLine = 2_000_000

    init(_ options: HouseholdSampleOptions) throws {
        guard !options.communes.isEmpty else { throw HouseholdSampleError.noCommunes }
        for commune in options.communes where commune.type != "xa" && commune.type != "thi_tran" {
            throw HouseholdSampleError.invalidCommuneType(code: commune.code, type: commune.type)
        }
        let field = { (text: String) in SampleBytes.csvField(SampleBytes.nfc(text)) }
        communeNames = options.communes.map { field($0.name) }
        communeVariants = options.communes.map { commune in
            SampleTables.variants(of: commune).map(field)
        }
        communeCodes = options.communes.map { Array($0.code.utf8) }
        isTown = options.communes.map { $0.type == "thi_tran" }
        povertyLines = isTown.map { $0 ? SampleTables.urbanLine : SampleTables.ruralLine }
        let groups = SampleNames.groups
        ethnicities = groups.map { field($0.ethnicity) }
        surnames = groups.map { $0.surnames.map(field) }
        maleMiddles = groups.map { $0.maleMiddles.map(field) }
        femaleMiddles = groups.map { $0.femaleMiddles.map(field) }
        maleGiven = groups.map { $0.maleGiven.map(field) }
        femaleGiven = groups.map { $0.femaleGiven.map(field) }
        villages = SampleNames.villages.map(field)
        classLabels = SampleClass.allCases.map { field($0.label) }
        canonicalClasses = SampleClass.allCases.map { Array($0.canonical.utf8) }
        lineEnding = Array(options.lineEnding.utf8)
        sourceFile = field(options.sourceFile)
    }

    /// Spellings of a commune that differ from the official name but resolve to it: with the unit's
    /// prefix (`Xã Lùng Phình`, `Thị trấn Bắc Hà`, `TT Bắc Hà`), in capitals (`LÙNG PHÌNH`), folded
    /// (`lung phinh`), and the given aliases (`Lũng Phình`). Never the official name itself.
    static func variants(of commune: SampleCommune) -> [String] {
        let name = SampleBytes.nfc(commune.name)
        var candidates = commune.type == "thi_tran" ? ["Thị trấn \(name)", "TT \(name)"] : ["Xã \(name)"]
        candidates.append(SampleBytes.nfc(name.uppercased()))
        candidates.append(SampleBytes.fold(name))
        candidates += commune.aliases.map(SampleBytes.nfc)
        var seen: Set<[UInt8]> = [Array(name.utf8)]
        return candidates.filter { seen.insert(Array($0.utf8)).inserted }
    }
}

/// A household's class under Decree 07/2021/NĐ-CP Art. 3(2), as the canonical table writes it.
enum SampleClass: Int, CaseIterable {
    case poor, nearPoor, average, notPoor

    /// Income ≤ line: poor with ≥ 3 deprivations, else near-poor; above it: average up to 1.5 × line.
    init(income: Int, deprivations: Int, line: Int) {
        if income <= line {
            self = deprivations >= 3 ? .poor : .nearPoor
        } else {
            self = income <= line * 3 / 2 ? .average : .notPoor
        }
    }

    /// The canonical value (`near_poor`).
    var canonical: String {
        switch self {
        case .poor: "poor"
        case .nearPoor: "near_poor"
        case .average: "average"
        case .notPoor: "not_poor"
        }
    }

    /// The decree's wording, as communes write it.
    var label: String {
        switch self {
        case .poor: "Hộ nghèo"
        case .nearPoor: "Hộ cận nghèo"
        case .average: "Hộ có mức sống trung bình"
        case .notPoor: "Không nghèo"
        }
    }
}
