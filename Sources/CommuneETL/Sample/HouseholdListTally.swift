/// What a generated household list says about each village: households listed, and households poor or
/// near-poor under the decree — the numbers a commune summary of the same year must agree with.
///
/// The reconciliation rule counts only rows whose class the engine can compute (income and all twelve
/// marks readable) and accepts any summary count `c` with `computed ≤ c ≤ computed + unclassified`. The
/// tally uses the generator's own knowledge to land inside: a row whose income or a mark carries a planted
/// fault (`HR-REQUIRED`, `HR-TYPE`) cannot be classified by the engine, but its `Phân loại` cell is the
/// commune's true class (a row carries one fault only), so it counts as that class. Every other row counts
/// as the decree classifies its written income and marks, whatever other fault it carries (a wrong
/// reported class, a duplicated code, an unknown commune name, a year outside the plan).
struct HouseholdListTally: Equatable {
    struct Village: Equatable {
        var listed = 0
        var poor = 0
        var nearPoor = 0
        /// Of `poor` and `nearPoor`, rows the engine cannot classify (counted by their reported class).
        var unclassifiedPoor = 0
        var unclassifiedNearPoor = 0
    }

    /// The list's `Thôn/Bản` column.
    private static let villageColumn = 5

    /// By village name, as written in the list.
    private(set) var villages: [String: Village] = [:]

    var listed: Int { villages.values.reduce(0) { $0 + $1.listed } }
    var poor: Int { villages.values.reduce(0) { $0 + $1.poor } }
    var nearPoor: Int { villages.values.reduce(0) { $0 + $1.nearPoor } }

    /// Tallies `sample`, a one-commune list written by `HouseholdSampleGenerator` with `lineEnding`.
    /// - Parameter town: whether the commune is a thị trấn (urban poverty line).
    /// - Complexity: O(bytes of the list).
    init(_ sample: HouseholdSample, lineEnding: String, town: Bool) {
        let line = town ? SampleTables.urbanLine : SampleTables.ruralLine
        let unreadable = Set(["income_vnd"] + SampleColumn.indicators)
        let faultyLines = Dictionary(sample.faults.map { ($0.line, $0.field) }, uniquingKeysWith: { first, _ in first })
        var text = String(decoding: sample.csv, as: UTF8.self)
        if text.hasPrefix("\u{FEFF}") { text.removeFirst() }
        let lines = text.components(separatedBy: lineEnding).dropFirst().filter { !$0.isEmpty }
        for (index, row) in lines.enumerated() {
            let cells = row.split(separator: ",", omittingEmptySubsequences: false).map(String.init)
            let village = cells[Self.villageColumn]
            villages[village, default: Village()].listed += 1
            let reported = cells[SampleColumn.classification]
            if let field = faultyLines[index + 2], unreadable.contains(field) {
                if reported == SampleClass.poor.label { villages[village]!.poor += 1; villages[village]!.unclassifiedPoor += 1 }
                if reported == SampleClass.nearPoor.label {
                    villages[village]!.nearPoor += 1
                    villages[village]!.unclassifiedNearPoor += 1
                }
                continue
            }
            let income = Int(cells[SampleColumn.income].replacingOccurrences(of: ".", with: ""))!
            let marks = cells[SampleColumn.firstIndicator..<SampleColumn.firstIndicator + 12]
                .filter { $0 == "x" || $0 == "X" || $0 == "1" }.count
            switch SampleClass(income: income, deprivations: marks, line: line) {
            case .poor: villages[village]!.poor += 1
            case .nearPoor: villages[village]!.nearPoor += 1
            case .average, .notPoor: break
            }
        }
    }
}
