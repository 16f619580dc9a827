/// What a row below the header is, when it is not data: spreadsheets carry totals, section headings,
/// a row of column numbers and a signature block around their data.
public enum LayoutRow: Equatable, Sendable {
    case data
    /// `(1) (2) (3)…` or `A B C 1 2 3` under the header.
    case columnNumbers
    /// `Tổng cộng`, `Cộng`, `Toàn xã`…
    case total
    /// `I`, `II`, `A)`… heading a group of rows.
    case section
    /// `NGƯỜI LẬP BIỂU`, `CHỦ TỊCH`, `Lùng Phình, ngày 15 tháng 12 năm 2023`: this row and all after it.
    case footer

    /// Classifies a non-blank record below the header.
    ///
    /// Cheap for data rows: a row with many cells whose first cells do not start like a total word is data
    /// without building any `String`; only short rows and likely totals are folded and compared.
    /// - Parameter beforeFirstData: whether no data row has been seen yet (a column-number row can only
    ///   stand there).
    static func classify(_ record: CSVRecord, rules: LayoutRules, beforeFirstData: Bool) -> LayoutRow {
        // One pass, no allocation: the first two filled cells, and whether the row is short.
        var firstTwo = (-1, -1)
        var filledCount = 0
        for column in 0..<record.fieldCount where !record.trimmedField(column).isEmpty {
            if filledCount == 0 { firstTwo.0 = column } else if filledCount == 1 { firstTwo.1 = column }
            filledCount += 1
            if filledCount > rules.shortRowCells, !beforeFirstData { break }
        }
        guard filledCount > 0 else { return .data }
        if isTotalWord(record, firstTwo.0, rules) || isTotalWord(record, firstTwo.1, rules) { return .total }
        let filled = { (0..<record.fieldCount).filter { !record.trimmedField($0).isEmpty } }
        if beforeFirstData, filledCount >= 3, filled().allSatisfy({ isColumnNumber(record.trimmedField($0)) }) {
            return .columnNumbers
        }
        guard filledCount <= rules.shortRowCells else { return .data }
        for column in filled() {
            let key = TextFolding.nameKey(record.string(column))
            if rules.footerKeys.contains(key) || isDateLine(key) { return .footer }
        }
        if isSectionMark(record.trimmedField(firstTwo.0)) { return .section }
        return .data
    }

    /// `1`, `(1)`, `A`, `(A)`: the cells of a column-number row.
    static func isColumnNumber(_ bytes: UnsafeBufferPointer<UInt8>) -> Bool {
        var body = bytes
        if body.count >= 3, body.first == UInt8(ascii: "("), body.last == UInt8(ascii: ")") {
            body = UnsafeBufferPointer(rebasing: body[1..<(body.count - 1)])
        }
        guard !body.isEmpty, body.count <= 3 else { return false }
        let isDigits = body.allSatisfy { $0 &- UInt8(ascii: "0") < 10 }
        let isLetter = body.count == 1 && (body[0] | 0x20) &- UInt8(ascii: "a") < 26
        return isDigits || isLetter
    }

    /// `I`, `II`, `IV.`, `A`, `b)`: a Roman numeral or one letter, with an optional `.` or `)`.
    static func isSectionMark(_ bytes: UnsafeBufferPointer<UInt8>) -> Bool {
        var count = bytes.count
        if count > 1, bytes[count - 1] == UInt8(ascii: ".") || bytes[count - 1] == UInt8(ascii: ")") { count -= 1 }
        guard count > 0, count <= 5 else { return false }
        let body = UnsafeBufferPointer(rebasing: bytes[0..<count])
        if count == 1, (body[0] | 0x20) &- UInt8(ascii: "a") < 26 { return true }
        return body.allSatisfy { "IVXLivxl".utf8.contains($0) }
    }

    /// Whether cell `column` (−1: none) is a total word. A function of its own rather than a local one, which
    /// captured the record and was called (not inlined) twice a row: ≈ 0.4 % of a run (perf).
    @inline(__always)
    private static func isTotalWord(_ record: CSVRecord, _ column: Int, _ rules: LayoutRules) -> Bool {
        column >= 0 && mayStartTotalWord(record.trimmedField(column))
            && rules.totalKeys.contains(TextFolding.nameKey(record.string(column)))
    }

    /// Total words start with `T` or `C` (Tổng, Toàn, Cộng): anything else is not folded at all.
    private static func mayStartTotalWord(_ bytes: UnsafeBufferPointer<UInt8>) -> Bool {
        guard let first = bytes.first, bytes.count <= 64 else { return false }
        let upper = first & ~0x20
        return upper == UInt8(ascii: "T") || upper == UInt8(ascii: "C")
    }

    /// `… ngày 15 tháng 12 năm 2023`, folded: the date line above the signatures.
    static func isDateLine(_ key: String) -> Bool {
        let words = key.split(separator: " ")
        guard let day = words.firstIndex(of: "ngay"), day + 5 < words.count else { return false }
        return words[day + 2] == "thang" && words[day + 4] == "nam" && words[day + 5].count == 4
            && words[day + 1].allSatisfy(\.isNumber) && words[day + 5].allSatisfy(\.isNumber)
    }
}
