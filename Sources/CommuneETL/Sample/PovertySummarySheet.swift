/// Lays out a commune poverty summary (annex table 01, `input-formats.md` §2) as a commune exports it:
/// title rows, the header, sometimes a row of column numbers, one row per village, the total row, and a
/// footer with place, date and signatures.
///
/// ```
/// UBND XÃ LÙNG PHÌNH
/// KẾT QUẢ RÀ SOÁT HỘ NGHÈO, HỘ CẬN NGHÈO NĂM 2023
///
/// STT,Thôn/Bản,Tổng số hộ,Số hộ nghèo,Tỷ lệ hộ nghèo (%),Số hộ cận nghèo,…
/// 1,Thôn Na Lang,81,17,"20,99",8,"9,88",9,3,
/// ,Tổng cộng,…
/// ```
/// Counts are written Vietnamese style (`1.250`, `-` for zero); rates with two decimals and a comma, the
/// total row's rates recomputed from its sums, as the spreadsheet's formulas do.
enum PovertySummarySheet {
    static let header = ["STT", "Thôn/Bản", "Tổng số hộ", "Số hộ nghèo", "Tỷ lệ hộ nghèo (%)", "Số hộ cận nghèo",
                         "Tỷ lệ hộ cận nghèo (%)", "Số hộ thoát nghèo", "Số hộ nghèo phát sinh", "Ghi chú"]

    /// Columns of a data row.
    enum Column {
        static let households = 2, poor = 3, poorRate = 4, nearPoor = 5, nearPoorRate = 6, left = 7, new = 8
    }

    /// A fault planted in a summary (see `SampleInboxPlan` for where).
    enum Fault: Equatable {
        /// The total row's near-poor count written one too high.
        case totalOffByOne
        /// The first village rate whose two decimals differ, written with them swapped (`25,39` for `25,93`).
        case rateDigitsSwapped
    }

    /// The sheet of `unit`'s summary for its year.
    /// - Parameters:
    ///   - rows: village rows in order.
    ///   - day: the day of December the footer is dated.
    ///   - columnNumbers: whether a `(1) (2) …` row follows the header.
    static func sheet(_ unit: SampleReportingUnit, rows: [PovertySummaryRow], day: Int, columnNumbers: Bool,
                      fault: Fault? = nil) -> SampleSheet {
        var sheet = SampleSheet(rows: [
            [unit.committee],
            ["KẾT QUẢ RÀ SOÁT HỘ NGHÈO, HỘ CẬN NGHÈO NĂM \(unit.year)"],
            [],
            header,
        ])
        if columnNumbers { sheet.rows.append(header.indices.map { "(\($0 + 1))" }) }
        var swapped = false
        for (index, row) in rows.enumerated() {
            var cells = cells(number: String(index + 1), name: row.village, row)
            if fault == .rateDigitsSwapped && !swapped, let wrong = swappedDecimals(cells[Column.poorRate]) {
                cells[Column.poorRate] = wrong
                swapped = true
            }
            sheet.rows.append(cells)
        }
        let total = PovertySummaryRow(
            village: "Tổng cộng", households: rows.reduce(0) { $0 + $1.households }, poor: rows.reduce(0) { $0 + $1.poor },
            nearPoor: rows.reduce(0) { $0 + $1.nearPoor }, leftPoverty: rows.reduce(0) { $0 + $1.leftPoverty },
            newlyPoor: rows.reduce(0) { $0 + $1.newlyPoor })
        var totalCells = cells(number: "", name: "Tổng cộng", total)
        if fault == .totalOffByOne { totalCells[Column.nearPoor] = SampleNumberText.count(total.nearPoor + 1) }
        sheet.rows.append(totalCells)
        sheet.rows.append([])
        let place = unit.type == "thi_tran" ? "Thị trấn \(unit.name)" : unit.name
        sheet.rows.append(["", "", "", "", "", "", "\(place), ngày \(day) tháng 12 năm \(unit.year)"])
        sheet.rows.append(["", "NGƯỜI LẬP BIỂU", "", "", "", "", "CHỦ TỊCH"])
        return sheet
    }

    /// The ten cells of a village or total row.
    static func cells(number: String, name: String, _ row: PovertySummaryRow) -> [String] {
        [number, name, SampleNumberText.count(row.households), SampleNumberText.count(row.poor),
         SampleNumberText.hundredths(SampleNumberText.rateHundredths(row.poor, of: row.households)),
         SampleNumberText.count(row.nearPoor),
         SampleNumberText.hundredths(SampleNumberText.rateHundredths(row.nearPoor, of: row.households)),
         SampleNumberText.count(row.leftPoverty), SampleNumberText.count(row.newlyPoor), ""]
    }

    /// `25,93` → `25,39`; nil when the two decimals are equal (`25,33`).
    static func swappedDecimals(_ rate: String) -> String? {
        let characters = Array(rate)
        guard characters.count >= 3, characters[characters.count - 3] == ",",
              characters[characters.count - 1] != characters[characters.count - 2] else { return nil }
        return String(characters.dropLast(2)) + String(characters.last!) + String(characters[characters.count - 2])
    }
}
