/// The language a person reads the check in: the commune officer's (Vietnamese) by default.
public enum CheckLanguage: String, Sendable, CaseIterable {
    case vi, en
}

/// Draws what `commune-etl check` found as a table a commune officer can follow line by line in the
/// spreadsheet, then a one-line verdict. A pure function of the result: the command prints it.
///
/// ```
/// Dòng  Mức   Cột       Giá trị đã ghi  Cần làm
/// ----  ----  --------  --------------  -------------------------------------------
/// 5     lỗi   Xã        Bản Già         Không nhận ra xã 'Bản Già': ghi đúng tên …
/// Tệp sẽ được nhận một phần: 311/312 dòng, 1 lỗi, 0 cảnh báo — sửa các lỗi rồi gửi lại.
/// ```
///
/// With a `width` (stdout is a terminal), the column and value cells are cut at `cellLimit` characters
/// (fewer on a narrow terminal) and messages wrap onto the following lines to fit; without one (piped), nothing is cut or wrapped, so
/// `grep` and spreadsheets see whole messages.
public enum CheckTable {
    /// The widest a column or value cell may be when fitting a terminal.
    static let cellLimit = 24
    /// The narrowest message column: below this, lines overflow rather than wrap one word per line.
    static let minimumMessageWidth = 24

    public static func render(_ result: FileCheckResult, language: CheckLanguage, width: Int?) -> String {
        var text = ""
        if !result.anomalies.isEmpty {
            text = table(rows(result, language), language: language, width: width)
        }
        return text + verdict(result, language: language) + "\n"
    }

    // MARK: - Rows

    private static func rows(_ result: FileCheckResult, _ language: CheckLanguage) -> [[String]] {
        result.anomalies.map { anomaly in
            let line = anomaly.sourceLine.map(String.init) ?? (language == .vi ? "cả tệp" : "file")
            let level = switch (anomaly.severity, language) {
            case (.error, .vi): "lỗi"
            case (.warning, .vi): "cảnh báo"
            case (.error, .en): "error"
            case (.warning, .en): "warning"
            }
            return [line, level, columnLabel(anomaly.field, result.pipeline, language), anomaly.value,
                    language == .vi ? anomaly.messageVI : anomaly.messageEN]
        }
    }

    /// The field's label as the pipeline names it for people (`Xã`, not `commune_code`).
    private static func columnLabel(_ field: String, _ pipeline: CompiledPipeline?, _ language: CheckLanguage) -> String {
        guard let pipeline, let index = pipeline.slot(named: field) else { return field }
        let label = language == .vi ? pipeline.slots[index].labelVI : pipeline.slots[index].labelEN
        return label.isEmpty ? field : label
    }

    // MARK: - Table

    private static func table(_ rows: [[String]], language: CheckLanguage, width: Int?) -> String {
        let header = language == .vi
            ? ["Dòng", "Mức", "Cột", "Giá trị đã ghi", "Cần làm"]
            : ["Line", "Level", "Column", "Value as written", "What to do"]
        let limit = width.map { cellLimit(header: header, rows: rows, width: $0) }
        let cells = rows.map { row in
            row.enumerated().map { index, cell in
                let flat = cell.replacing("\n", with: " ")
                guard let limit, index == 2 || index == 3 else { return flat }
                return truncated(flat, to: limit)
            }
        }
        var widths = (0..<4).map { column in ([header] + cells).map { $0[column].count }.max() ?? 0 }
        let lead = widths.reduce(0, +) + 2 * 4
        let messageWidth = width.map { max(minimumMessageWidth, $0 - lead) }
        widths.append(min(messageWidth ?? .max, ([header] + cells).map { $0[4].count }.max() ?? 0))
        var out = line(header, widths) + line(widths.map { String(repeating: "-", count: $0) }, widths)
        for row in cells {
            let message = messageWidth.map { wrap(row[4], to: $0) } ?? [row[4]]
            out += line(Array(row[0..<4]) + [message.first ?? ""], widths)
            for more in message.dropFirst() { out += line(["", "", "", "", more], widths) }
        }
        return out
    }

    /// How wide the column and value cells may be: `cellLimit`, less on a narrow terminal so the message
    /// keeps `minimumMessageWidth` characters (never under 8).
    private static func cellLimit(header: [String], rows: [[String]], width: Int) -> Int {
        let fixed = ([header] + rows).map { $0[0].count }.max()! + ([header] + rows).map { $0[1].count }.max()! + 2 * 4
        return max(8, min(cellLimit, (width - fixed - minimumMessageWidth) / 2))
    }

    /// One line of the table: every cell but the last padded to its column; no trailing spaces.
    private static func line(_ cells: [String], _ widths: [Int]) -> String {
        var text = ""
        for (index, cell) in cells.enumerated() {
            text += index == cells.count - 1 ? cell : cell + String(repeating: " ", count: widths[index] - cell.count + 2)
        }
        while text.last == " " { text.removeLast() }
        return text + "\n"
    }

    private static func truncated(_ text: String, to limit: Int) -> String {
        text.count <= limit ? text : String(text.prefix(limit - 1)) + "…"
    }

    /// Splits at spaces into lines of at most `width` characters; a longer word is cut.
    static func wrap(_ text: String, to width: Int) -> [String] {
        var lines: [String] = [], current = ""
        for word in text.split(separator: " ", omittingEmptySubsequences: true) {
            var word = Substring(word)
            if !current.isEmpty, current.count + 1 + word.count <= width {
                current += " " + word
                continue
            }
            if !current.isEmpty { lines.append(current) }
            while word.count > width {
                lines.append(String(word.prefix(width)))
                word = word.dropFirst(width)
            }
            current = String(word)
        }
        if !current.isEmpty || lines.isEmpty { lines.append(current) }
        return lines
    }

    // MARK: - Verdict

    /// The one line that answers "would the district take this file?".
    public static func verdict(_ result: FileCheckResult, language: CheckLanguage) -> String {
        let outcome = result.outcome
        let errors = outcome.count(.error), warnings = outcome.count(.warning)
        let kept = number(outcome.rowsKept, language), read = number(outcome.rowsRead, language)
        switch (result.verdict, language) {
        case (.accepted, .vi):
            return "Tệp sẽ được nhận: \(kept) dòng, \(number(warnings, .vi)) cảnh báo."
        case (.accepted, .en):
            return "The file would be accepted: \(kept) rows, \(counted(warnings, "warning"))."
        case (.partly, .vi):
            return "Tệp sẽ được nhận một phần: \(kept)/\(read) dòng, \(number(errors, .vi)) lỗi, \(number(warnings, .vi)) cảnh báo — sửa các lỗi rồi gửi lại."
        case (.partly, .en):
            return "The file would be accepted in part: \(kept) of \(read) rows, \(counted(errors, "error")), \(counted(warnings, "warning")) — fix the errors and send it again."
        case (.refused, .vi):
            let (rule, line) = refusal(result)
            return "Tệp sẽ KHÔNG được nhận: lỗi \(rule) (\(line.map { "dòng \($0)" } ?? "cả tệp")) bên trên giữ lại cả tệp; sửa rồi kiểm tra lại."
        case (.refused, .en):
            let (rule, line) = refusal(result)
            return "The file would NOT be accepted: the \(rule) error (\(line.map { "line \($0)" } ?? "whole file")) above holds back the whole file; fix it and check again."
        }
    }

    /// The error that held the file back: a file-level rule's, or one about the whole file.
    private static func refusal(_ result: FileCheckResult) -> (rule: String, line: Int?) {
        let errors = result.anomalies.filter { $0.severity == .error }
        let found = errors.first { $0.rule.hasPrefix("FILE-") } ?? errors.first { $0.sourceLine == nil } ?? errors.first
        return (found?.rule ?? "", found?.sourceLine)
    }

    private static func counted(_ count: Int, _ noun: String) -> String {
        "\(number(count, .en)) \(noun)\(count == 1 ? "" : "s")"
    }

    /// 1.250 in Vietnamese, 1,250 in English.
    static func number(_ value: Int, _ language: CheckLanguage) -> String {
        let digits = String(value.magnitude)
        var grouped = ""
        for (index, digit) in digits.enumerated() {
            if index > 0, (digits.count - index) % 3 == 0 { grouped += language == .vi ? "." : "," }
            grouped.append(digit)
        }
        return (value < 0 ? "-" : "") + grouped
    }
}
