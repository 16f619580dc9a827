/// Everything the demo inbox holds, built in memory: household lists, commune poverty summaries and
/// indicator reports, with the numbers that tie them together.
///
/// Order of construction, each step deterministic: the units' poverty profiles; household lists sized from
/// them (a list holds the households reviewed: about poor rate × households ÷ 21 %); the lists' tallies;
/// the village-by-village poverty model, which takes the tallies for list years; the indicator model, sized
/// by households; then one summary and one report per reporting unit and year.
struct SampleInboxContent {
    /// A file of the inbox, by its path relative to the inbox.
    struct File {
        let path: String
        let bytes: [UInt8]
        /// For summaries and reports: the sheet before encoding, and how it was written.
        let sheet: SampleSheet?
        let style: SampleSheetStyle?
    }

    static let householdCommunes = ["02839", "02851", "02878", "02884"]
    static let householdYears = [2023, 2024]
    static let seed: UInt64 = 2_025

    private(set) var files: [File] = []
    /// Tallies of the household lists by unit code and year.
    private(set) var tallies: [String: [Int: HouseholdListTally]] = [:]
    let poverty: PovertySampleModel

    /// - Throws: `HouseholdSampleError.missingCommune` when a plan unit the inbox needs is not in `communes`.
    init(communes: [SampleCommune], tables: EncodingTables) throws {
        func commune(_ code: String) throws -> SampleCommune {
            guard let found = communes.first(where: { $0.code == code }) else {
                throw HouseholdSampleError.missingCommune(code: code)
            }
            return found
        }
        var listFiles: [(path: String, commune: SampleCommune, year: Int)] = []
        for year in Self.householdYears {
            for code in Self.householdCommunes {
                let unit = try commune(code)
                listFiles.append(("household-review/\(year)/\(SampleBytes.fold(unit.name).split(separator: " ").joined(separator: "-")).csv",
                                  unit, year))
            }
        }
        listFiles.append(("lung-phinh-2022.csv", try commune("02848"), 2022))
        let planCodes = Set(SampleReportingUnit.regrouping2025.flatMap(\.covers))
        for code in planCodes.sorted() { _ = try commune(code) }
        let planUnits = communes.filter { planCodes.contains($0.code) }
        let profiles = PovertySampleProfile.profiles(of: planUnits, seed: Self.seed)

        // MARK: Household lists, sized from the profiles
        for (index, file) in listFiles.enumerated() {
            let profile = profiles.first { $0.code == file.commune.code }!
            let step = file.year - 2021
            let households = profile.households * (1_000 + 12 * step) / 1_000
            let rows = min(600, max(150, profile.poorRate(in: file.year) * households / 2_104))
            var options = HouseholdSampleOptions(rows: rows, seed: 20_240_001 + UInt64(index), communes: [file.commune])
            options.years = file.year...file.year
            options.faultRate = 0.01
            options.sourceFile = file.path
            if file.commune.code == "02851" { options.misspelledCommuneRate = 1 }
            if file.commune.code == "02884" {
                options.byteOrderMark = false
                options.lineEnding = "\n"
            }
            let sample = try HouseholdSampleGenerator.generateInMemory(options)
            files.append(File(path: file.path, bytes: sample.csv, sheet: nil, style: nil))
            tallies[file.commune.code, default: [:]][file.year] =
                HouseholdListTally(sample, lineEnding: options.lineEnding, town: file.commune.type == "thi_tran")
        }

        // MARK: Models
        let disagreement = SampleInboxPlan.listDisagreement
        poverty = PovertySampleModel(profiles: profiles, tallies: tallies,
                                     poorAdjustments: [disagreement.code: [disagreement.year: disagreement.poor]],
                                     seed: Self.seed)
        var households: [String: [Int: Int]] = [:]
        for (code, byYear) in poverty.rows {
            households[code] = byYear.mapValues { $0.reduce(0) { $0 + $1.households } }
        }
        let indicators = IndicatorSampleModel(households: households, seed: Self.seed)

        // MARK: Summaries and reports
        let encoder = SampleTextEncoder(tables: tables)
        let names = Dictionary(uniqueKeysWithValues: planUnits.map { ($0.code, $0.name) })
        var rng = SampleRandom(seed: Self.seed)
        for year in 2021...2025 {
            for unit in SampleReportingUnit.units(in: year, planUnits: planUnits) {
                let rows = Self.villageRows(unit, poverty: poverty, names: names)
                let day = unit.isLate ? 20 : 10 + rng.below(16)
                let summary = PovertySummarySheet.sheet(unit, rows: rows, day: day, columnNumbers: rng.below(3) == 0,
                                                        fault: SampleInboxPlan.summaryFaults["\(unit.code)-\(year)"])
                let summaryStyle = SampleInboxPlan.style(faulty: SampleInboxPlan.isFaulty(summary: true, unit),
                                                         wrongUnit: false, rng: &rng)
                files.append(File(path: SampleInboxPlan.path(summary: true, unit),
                                  bytes: summary.bytes(summaryStyle, encoder: encoder), sheet: summary, style: summaryStyle))
                guard !unit.isLate else { continue }
                let fault = SampleInboxPlan.reportFaults["\(unit.code)-\(year)"]
                let habits = IndicatorReportSheet.Habits(shortHeader: rng.below(3) == 0,
                                                         partMarker: ["-", "-", "+", "a)"][rng.below(4)],
                                                         ratioDecimals: 1 + rng.below(2), columnNumbers: rng.below(4) == 0)
                let values = indicators.report(covering: unit.covers, year: year, households: households)
                let report = IndicatorReportSheet.sheet(unit, values: values, day: min(28, day + 2), habits: habits,
                                                        fault: fault)
                let reportStyle = SampleInboxPlan.style(faulty: fault != nil, wrongUnit: fault == .wrongUnit, rng: &rng)
                files.append(File(path: SampleInboxPlan.path(summary: false, unit),
                                  bytes: report.bytes(reportStyle, encoder: encoder), sheet: report, style: reportStyle))
            }
        }
    }

    /// The village rows a unit reports: those of every plan unit it covers, in order. A village name that
    /// occurs twice (two merged communes each had a `Thôn Na Lang`) is told apart by its old commune, as
    /// communes do after a merger: `Thôn Na Lang (Tả Van Chư)`.
    static func villageRows(_ unit: SampleReportingUnit, poverty: PovertySampleModel,
                            names: [String: String]) -> [PovertySummaryRow] {
        let parts = unit.covers.map { code in (code, poverty.rows[code]![unit.year]!) }
        var counts: [String: Int] = [:]
        for (_, rows) in parts { for row in rows { counts[row.village, default: 0] += 1 } }
        return parts.flatMap { code, rows in
            rows.map { row in
                var row = row
                if counts[row.village]! > 1 { row.village += " (\(names[code]!))" }
                return row
            }
        }
    }

    /// The file at `path`. - Complexity: O(files).
    func file(_ path: String) -> File? { files.first { $0.path == path } }
}
