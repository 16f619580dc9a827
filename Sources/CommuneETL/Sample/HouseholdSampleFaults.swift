/// The rules of `Pipelines/household-review.yaml` the generator plants faults for.
enum SampleFaultRule: Int, CaseIterable {
    case required, type, commune, unique, citizenID, count, classification

    var id: String {
        switch self {
        case .required: "HR-REQUIRED"
        case .type: "HR-TYPE"
        case .commune: "HR-COMMUNE"
        case .unique: "HR-UNIQUE"
        case .citizenID: "HR-CCCD"
        case .count: "HR-COUNT"
        case .classification: "HR-CLASS"
        }
    }

    /// Warnings keep the row in the canonical table; errors take it out.
    var keepsRow: Bool { self == .citizenID || self == .count }
}

/// Deals rules to faulty rows evenly: shuffled rounds of all seven rules.
///
/// `HR-UNIQUE` needs an earlier clean row in the same block; when a row has none (the first of a block),
/// the rule is owed and given to the next row that can take it, so counts stay within a few of each other.
struct SampleFaultDealer {
    private var round: [SampleFaultRule] = []
    private var owedUnique = 0

    mutating func next(uniquePossible: Bool, rng: inout SampleRandom) -> SampleFaultRule {
        if owedUnique > 0 && uniquePossible {
            owedUnique -= 1
            return .unique
        }
        while true {
            if round.isEmpty {
                round = SampleFaultRule.allCases
                for index in stride(from: round.count - 1, to: 0, by: -1) {
                    round.swapAt(index, rng.below(index + 1))
                }
            }
            let rule = round.removeLast()
            if rule == .unique && !uniquePossible {
                owedUnique += 1
                continue
            }
            return rule
        }
    }
}

/// A planted fault: one written cell replaced, and the field the anomaly concerns.
struct SampleFaultCell {
    /// Column of the review list (0 = STT).
    let column: Int
    let text: [UInt8]
    let rule: SampleFaultRule
    let field: String
}

/// Columns of the review list, in header order.
enum SampleColumn {
    static let code = 1, name = 2, citizenID = 3, commune = 6, size = 7, income = 8
    static let firstIndicator = 9, count = 21, classification = 22, year = 23

    /// Canonical names of the twelve indicators, decree order.
    static let indicators = [
        "employment", "dependents", "nutrition", "health_insurance", "adult_education",
        "child_school_attendance", "housing_quality", "housing_area_per_capita", "domestic_water",
        "hygienic_latrine", "telecom_services", "information_access",
    ]
}

/// Plants one fault of a given rule in a household's row; everything else in the row stays valid and
/// consistent.
enum SampleFaultPlanter {
    /// - Parameter cleanSequences: sequence numbers of the fault-free rows earlier in this block (not
    ///   empty when `rule` is `.unique`).
    /// - Note: only an `HR-TYPE` indicator fault changes `household`: it clears one mark if all twelve are
    ///   set, so a non-deprived cell can carry the bad mark and count and class stay consistent with the
    ///   other eleven.
    static func plant(_ rule: SampleFaultRule, in household: inout SampleHousehold, cleanSequences: [Int],
                      tables: SampleTables, rng: inout SampleRandom) -> SampleFaultCell {
        func cell(_ column: Int, _ text: String, _ field: String) -> SampleFaultCell {
            SampleFaultCell(column: column, text: Array(text.utf8), rule: rule, field: field)
        }
        switch rule {
        case .required:
            let choices = [(SampleColumn.name, "head_name"), (SampleColumn.size, "household_size"),
                           (SampleColumn.income, "income_vnd"),
                           (SampleColumn.classification, "reported_classification")]
            let (column, field) = choices[rng.below(choices.count)]
            return cell(column, "", field)
        case .type:
            switch rng.below(4) {
            case 0: return cell(SampleColumn.size, ["0", "31", "ba"][rng.below(3)], "household_size")
            case 1: return cell(SampleColumn.income, ["1.2ab.000", "-500.000"][rng.below(2)], "income_vnd")
            case 2:
                if household.marks == 0xFFF { household.marks &= ~(1 << UInt16(rng.below(12))) }
                let clear = (0..<12).filter { household.marks & (1 << $0) == 0 }
                let indicator = clear[rng.below(clear.count)]
                return cell(SampleColumn.firstIndicator + indicator, ["y", "2"][rng.below(2)],
                            SampleColumn.indicators[indicator])
            default: return cell(SampleColumn.year, "2019", "year")
            }
        case .commune:
            return cell(SampleColumn.commune, ["Bản Già", "Lầu Thí Ngài", "Xã Hà Nội"][rng.below(3)], "commune_code")
        case .unique:
            var text: [UInt8] = []
            household.appendCode(number: cleanSequences[rng.below(cleanSequences.count)], tables: tables, to: &text)
            return SampleFaultCell(column: SampleColumn.code, text: text, rule: rule, field: "household_code")
        case .citizenID:
            return cell(SampleColumn.citizenID, mangledCitizenID(household.citizenID, rng: &rng), "citizen_id")
        case .count:
            let marks = household.deprivations
            // Off by one without crossing the poor / near-poor threshold of 3.
            let reported = marks >= 3 ? (marks == 12 ? 11 : marks + 1) : (marks == 0 ? 1 : marks - 1)
            return cell(SampleColumn.count, String(reported), "deprivation_count")
        case .classification:
            let wrong: [SampleClass] = switch household.decreeClass {
            case .poor: [.nearPoor, .notPoor]
            case .nearPoor: [.poor, .notPoor]
            case .average, .notPoor: [.poor, .nearPoor]
            }
            return SampleFaultCell(column: SampleColumn.classification,
                                   text: tables.classLabels[wrong[rng.below(wrong.count)].rawValue],
                                   rule: rule, field: "classification")
        }
    }

    /// A citizen ID as spreadsheets damage it: the leading zero lost (11 digits), shown in scientific
    /// notation (`1.0085E+10`, `1.07609E+09`: Excel's General format, six significant digits, trailing zeros
    /// dropped),
    /// or a digit too many (13 digits).
    static func mangledCitizenID(_ id: Int, rng: inout SampleRandom) -> String {
        var digits: [UInt8] = []
        SampleBytes.appendPadded(id, width: 12, to: &digits)
        switch rng.below(3) {
        case 0:
            return String(decoding: digits.dropFirst(), as: UTF8.self)
        case 1:
            var exponent = String(id).count - 1
            var mantissa = Int((Double(id) / pow10(exponent - 5)).rounded())
            if mantissa >= 1_000_000 {
                mantissa /= 10
                exponent += 1
            }
            var fraction = String(String(mantissa).dropFirst())
            while fraction.hasSuffix("0") { fraction.removeLast() }
            let lead = String(mantissa / 100_000)
            return (fraction.isEmpty ? lead : "\(lead).\(fraction)") + (exponent < 10 ? "E+0" : "E+") + String(exponent)
        default:
            return String(decoding: digits, as: UTF8.self) + String(rng.below(10))
        }
    }

    private static func pow10(_ exponent: Int) -> Double {
        var value = 1.0
        for _ in 0..<exponent { value *= 10 }
        return value
    }
}
