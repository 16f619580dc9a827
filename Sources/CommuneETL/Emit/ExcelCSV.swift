/// Encodes a table as a CSV file that Excel opens safely: the lists made for people.
///
/// - UTF-8 with a byte-order mark, so Excel reads the Vietnamese letters as UTF-8 instead of the machine's
///   code page;
/// - CRLF line ends, what Excel and Notepad on Windows expect;
/// - RFC 4180 quoting (a cell holding a comma, a double quote, CR or LF is quoted, quotes doubled);
/// - every cell that begins with `=`, `+`, `-`, `@`, a tab or a carriage return is prefixed with a single
///   quote, so Excel shows it as text and never evaluates it as a formula (OWASP, CSV injection). A
///   negative number (`-2`) is neutralised too: these lists are text for people, not figures to compute
///   with (the tools' `anomalies.csv` keeps values exactly as found).
///
/// ```swift
/// ExcelCSV.encode(header: ["Giá trị"], rows: [["=1+1"]])  // BOM "Giá trị\r\n'=1+1\r\n"
/// ```
/// - Complexity: O(n) in the total size of the cells.
public enum ExcelCSV {
    /// The UTF-8 byte-order mark.
    public static let byteOrderMark: [UInt8] = [0xEF, 0xBB, 0xBF]

    /// Whether a cell's first byte makes a spreadsheet read it as a formula (or hides one behind a control).
    static func startsFormula(_ first: UInt8) -> Bool {
        switch first {
        case UInt8(ascii: "="), UInt8(ascii: "+"), UInt8(ascii: "-"), UInt8(ascii: "@"), 0x09, 0x0D: true
        default: false
        }
    }

    public static func encode(header: [String], rows: [[String]]) -> [UInt8] {
        var out = byteOrderMark
        out.reserveCapacity(256 + rows.count * 512)
        for row in [header] + rows { appendRow(row, to: &out) }
        return out
    }

    /// Appends one row, CRLF included: for lists written in pieces as they are encoded.
    public static func appendRow(_ row: [String], to out: inout [UInt8]) {
        for (index, cell) in row.enumerated() {
            if index > 0 { out.append(UInt8(ascii: ",")) }
            var text = cell
            text.withUTF8 { appendCell($0, to: &out) }
        }
        out.append(0x0D)
        out.append(0x0A)
    }

    /// Appends one cell's UTF-8, neutralised (`neutralised`), then quoted if needed; no separator.
    static func appendCell(_ cell: UnsafeBufferPointer<UInt8>, to out: inout [UInt8]) {
        guard let first = cell.first, startsFormula(first) else { return CSVQuoting.append(field: cell, to: &out) }
        CSVQuoting.append(field: [UInt8(ascii: "'")] + cell, to: &out)
    }

    /// The cell as Excel should show it: with a leading `'` when its first byte could start a formula.
    public static func neutralised(_ cell: String) -> String {
        guard let first = cell.utf8.first, startsFormula(first) else { return cell }
        return "'" + cell
    }
}
