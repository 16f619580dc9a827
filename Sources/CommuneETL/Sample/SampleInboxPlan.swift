/// Which file of the demo inbox is written how, and where its planted fault is.
///
/// Encodings are dealt to the summaries and reports by weight, most of them Excel "CSV UTF-8" (BOM, CRLF):
/// 52 % UTF-8 with BOM (a fifth of them with semicolons), 10 % UTF-8 without BOM (LF, ragged rows), 8 %
/// UTF-16LE with tabs, 9 % Windows-1258 with semicolons, 7 % TCVN3, 6 % VNI, 8 % TCVN3 glyphs inside
/// UTF-8; one file in ten carries two trailing empty columns, one in three a row of column numbers.
///
/// Planted faults, one per file, each the only inconsistency of its file (files written UTF-8 with BOM,
/// CRLF, commas, except the wrong unit's, which is Windows-1258 with semicolons):
///
/// | file | fault |
/// |---|---|
/// | `poverty-summary/2022/hoang-thu-pho.csv` | total row: `Số hộ cận nghèo` one above the column's sum |
/// | `poverty-summary/2023/ban-pho.csv` | first village whose poor rate has two different decimals: they are swapped |
/// | `poverty-summary/2024/coc-ly.csv` | first village's poor count 3 below the household list's (total and rates follow) |
/// | `poverty-summary/2023/nam-khanh.csv` | first village's `Số hộ thoát nghèo` 6 too high: poor(2023) ≠ poor(2022) − left + new |
/// | `poverty-summary/2024/ta-chai.csv` | sent by Tà Chải under its old name, dated 20/12/2024, after its merger on 2024-11-01 |
/// | `indicator-report/2022/na-hoi.csv` | certified labourers = trained labourers + 7 |
/// | `indicator-report/2023/bao-nhai.csv` | achieved funding total 150 above the sum of its three parts |
/// | `indicator-report/2024/thai-giang-pho.csv` | health-insurance coverage in `người` instead of `%` |
/// | `indicator-report/2021/ta-cu-ty.csv` | ratio of jobs created 10 points above achieved ÷ planned × 100 |
/// | `indicator-report/2023/nam-mon.csv` | an indicator no catalogue holds (`Số con giống gia súc được hỗ trợ`, `con`) |
enum SampleInboxPlan {
    /// Summary faults by (unit code, year).
    static let summaryFaults: [String: PovertySummarySheet.Fault] = ["02863-2022": .totalOffByOne,
                                                                    "02866-2023": .rateDigitsSwapped]
    /// Report faults by (unit code, year).
    static let reportFaults: [String: IndicatorReportSheet.Fault] = [
        "02875-2022": .certifiedExceedsTrained, "02890-2023": .fundingPartsMismatch, "02857-2024": .wrongUnit,
        "02854-2021": .wrongRatio, "02881-2023": .unknownIndicator,
    ]
    /// The summary that disagrees with its household list: added to the list's poor count.
    static let listDisagreement = (code: "02878", year: 2024, poor: -3)

    /// Files routed by their header from the inbox root instead of a typed folder.
    static let rootFiles: [String: String] = [
        "summary-02887-2022": "ket-qua-ra-soat-ho-ngheo-nam-khanh-2022.csv",
        "report-02869-2021": "bao-cao-chi-tieu-ban-lien-2021.csv",
    ]

    /// Whether a (kind, unit, year) file carries a planted fault (and so must be written plainly).
    static func isFaulty(summary: Bool, _ unit: SampleReportingUnit) -> Bool {
        let key = "\(unit.code)-\(unit.year)"
        if summary {
            return summaryFaults[key] != nil || unit.isLate || key == "02887-2023"
                || (unit.code == listDisagreement.code && unit.year == listDisagreement.year)
        }
        return reportFaults[key] != nil
    }

    /// The relative path of a file.
    static func path(summary: Bool, _ unit: SampleReportingUnit) -> String {
        if let root = rootFiles["\(summary ? "summary" : "report")-\(unit.code)-\(unit.year)"] { return root }
        return "\(summary ? "poverty-summary" : "indicator-report")/\(unit.year)/\(unit.slug).csv"
    }

    /// The style of the next file, drawn from `rng`; faulty files are plain UTF-8 with BOM (the wrong unit's
    /// Windows-1258).
    static func style(faulty: Bool, wrongUnit: Bool, rng: inout SampleRandom) -> SampleSheetStyle {
        let encodings: [SampleFileEncoding] = [.utf8BOM, .utf8, .utf16LE, .cp1258, .tcvn3, .vni, .tcvn3InUTF8]
        let drawn = encodings[rng.weighted([52, 10, 8, 9, 7, 6, 8])]
        let semicolons = rng.below(5) == 0
        let trailing = rng.below(10) == 0 ? 2 : 0
        if wrongUnit { return SampleSheetStyle(encoding: .cp1258, delimiter: ";") }
        if faulty { return SampleSheetStyle(encoding: .utf8BOM) }
        switch drawn {
        case .utf8: return SampleSheetStyle(encoding: .utf8, lineEnding: "\n", padsRows: false, trailingEmptyColumns: trailing)
        case .utf16LE: return SampleSheetStyle(encoding: .utf16LE, delimiter: "\t", trailingEmptyColumns: trailing)
        case .cp1258: return SampleSheetStyle(encoding: .cp1258, delimiter: ";", trailingEmptyColumns: trailing)
        case .utf8BOM:
            return SampleSheetStyle(encoding: .utf8BOM, delimiter: semicolons ? ";" : ",", trailingEmptyColumns: trailing)
        default: return SampleSheetStyle(encoding: drawn, trailingEmptyColumns: trailing)
        }
    }
}
