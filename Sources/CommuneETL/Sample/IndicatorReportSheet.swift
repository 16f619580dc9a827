/// Lays out an indicator report (annex tables 05–09, `input-formats.md` §3) in the classic government
/// layout: title rows, the header, sections `I`, `II`, … with their heading, indicators numbered `1`, `2`, …,
/// "of which" items marked `-`, `+` or `a)`, and a footer with place, date and signatures.
///
/// ```
/// STT,Chỉ tiêu,Đơn vị tính,Kế hoạch năm,Thực hiện,So sánh (%),Ghi chú
/// I,"Đào tạo nghề, giải quyết việc làm",,,,,
/// 1,Số lao động được đào tạo nghề,người,27,29,"107,4",
/// -,"Số lao động được cấp văn bằng, chứng chỉ",người,10,12,"120,0",
/// ```
/// Values are Vietnamese style (`1.250`, `91,6`, `-` for zero); the ratio column is achieved ÷ planned × 100
/// with one or two decimals, empty when nothing was planned.
enum IndicatorReportSheet {
    /// Header spellings: canonical, and the variants communes use (`ĐVT`, `Tỷ lệ so với KH (%)`).
    static func header(short: Bool) -> [String] {
        ["STT", "Chỉ tiêu", short ? "ĐVT" : "Đơn vị tính", "Kế hoạch năm", "Thực hiện",
         short ? "Tỷ lệ so với KH (%)" : "So sánh (%)", "Ghi chú"]
    }

    enum Column {
        static let name = 1, unit = 2, planned = 3, achieved = 4, ratio = 5
    }

    /// A fault planted in a report (see `SampleInboxPlan` for where).
    enum Fault: Equatable {
        /// Certified labourers written as the trained ones plus 7.
        case certifiedExceedsTrained
        /// The achieved funding total written 150 million above the sum of its parts.
        case fundingPartsMismatch
        /// Health-insurance coverage with the unit `người` instead of `%`.
        case wrongUnit
        /// The ratio of jobs created written 10 points too high.
        case wrongRatio
        /// A livestock-support row no catalogue holds, at the end of section II.
        case unknownIndicator
    }

    /// How a commune writes its report: header spelling, sub-item marker, decimals of the ratio column.
    struct Habits: Equatable {
        var shortHeader = false
        /// `-`, `+`, or `a)` (then `a)`, `b)`, `c)` for successive parts).
        var partMarker = "-"
        var ratioDecimals = 1
        var columnNumbers = false
    }

    static func sheet(_ unit: SampleReportingUnit, values: [String: IndicatorSampleValue], day: Int,
                      habits: Habits, fault: Fault? = nil) -> SampleSheet {
        var sheet = SampleSheet(rows: [
            [unit.committee],
            ["BÁO CÁO KẾT QUẢ THỰC HIỆN CÁC CHỈ TIÊU GIẢM NGHÈO BỀN VỮNG NĂM \(unit.year)"],
            [],
            header(short: habits.shortHeader),
        ])
        if habits.columnNumbers { sheet.rows.append((1...7).map { "(\($0))" }) }
        for section in IndicatorSampleCatalogue.sections {
            sheet.rows.append([section.number, section.heading, "", "", "", "", ""])
            var number = 0
            var part = 0
            for item in section.items {
                var value = values[item.code]!
                if item.isPart { part += 1 } else { number += 1; part = 0 }
                if fault == .certifiedExceedsTrained && item.code == "labour_certified" {
                    value.achieved = values["labour_trained"]!.achieved + 7
                }
                if fault == .fundingPartsMismatch && item.code == "funding_total" { value.achieved += 150 }
                let marker = habits.partMarker == "a)" ? String(UnicodeScalar(UInt8(96 + part))) + ")" : habits.partMarker
                var cells = row(item.isPart ? marker : String(number), item, value, decimals: habits.ratioDecimals)
                if fault == .wrongUnit && item.code == "health_insurance_rate" { cells[Column.unit] = "người" }
                if fault == .wrongRatio && item.code == "jobs_created" {
                    let ratio = SampleNumberText.rateHundredths(value.achieved, of: value.planned) + 1_000
                    cells[Column.ratio] = SampleNumberText.hundredths(ratio, decimals: habits.ratioDecimals)
                }
                sheet.rows.append(cells)
            }
            if fault == .unknownIndicator && section.number == "II" {
                sheet.rows.append(row(String(number + 1), IndicatorSampleCatalogue.unknownItem,
                                      IndicatorSampleValue(planned: 40, achieved: 36), decimals: habits.ratioDecimals))
            }
        }
        sheet.rows.append([])
        let place = unit.type == "thi_tran" ? "Thị trấn \(unit.name)" : unit.name
        sheet.rows.append(["", "", "", "", "\(place), ngày \(day) tháng 12 năm \(unit.year)"])
        sheet.rows.append(["", "NGƯỜI LẬP BIỂU", "", "", "CHỦ TỊCH"])
        return sheet
    }

    /// The seven cells of an indicator row.
    static func row(_ number: String, _ item: IndicatorSampleItem, _ value: IndicatorSampleValue,
                    decimals: Int) -> [String] {
        // Tonnes, hectares and millions of đồng can have decimals, so `2.061` would be ambiguous there (the
        // job reports it): such amounts are written without grouping, as many communes' sheets do.
        func written(_ held: Int) -> String {
            if item.inTenths { return SampleNumberText.tenths(held) }
            if Self.wholeUnits.contains(item.unit) || held < 1_000 { return SampleNumberText.count(held) }
            return String(held)
        }
        let ratio = value.planned == 0 ? ""
            : SampleNumberText.rate(value.achieved, of: value.planned, decimals: decimals)
        return [number, item.name, item.unit, written(value.planned), written(value.achieved), ratio, ""]
    }

    /// Units of whole things (indicator-report.yaml `whole_in_units`): `1.250` people is read as 1250.
    static let wholeUnits: Set<String> = ["người", "hộ", "nhà", "công trình", "sản phẩm", "lượt khách", "phòng", "máy", "xã"]
}
