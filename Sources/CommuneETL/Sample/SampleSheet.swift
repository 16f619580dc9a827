/// How a sample sheet is laid out in its file: encoding, delimiter, line ending, and Excel's habits.
public struct SampleSheetStyle: Equatable, Sendable {
    public var encoding: SampleFileEncoding
    /// `,`, `;` (Excel with Vietnamese regional settings) or a tab (Excel "Unicode Text").
    public var delimiter: Character
    public var lineEnding: String
    /// Excel pads every row to the width of the used range (`UBND XÃ …,,,,,,,`); other tools leave title and
    /// footer rows ragged.
    public var padsRows: Bool
    /// Empty cells added to the end of every row: a stray formatted column to the right of the table.
    public var trailingEmptyColumns: Int

    public init(encoding: SampleFileEncoding, delimiter: Character = ",", lineEnding: String = "\r\n",
                padsRows: Bool = true, trailingEmptyColumns: Int = 0) {
        self.encoding = encoding
        self.delimiter = delimiter
        self.lineEnding = lineEnding
        self.padsRows = padsRows
        self.trailingEmptyColumns = trailingEmptyColumns
    }
}

/// A sheet as rows of cells (NFC text), before it becomes a file.
public struct SampleSheet: Equatable, Sendable {
    public var rows: [[String]]

    public init(rows: [[String]] = []) {
        self.rows = rows
    }

    /// The width of the widest row.
    var width: Int { rows.map(\.count).max() ?? 0 }

    /// The sheet as delimited text: RFC 4180 minimal quoting (a cell holding the delimiter, a quote or a
    /// line break is quoted), rows padded and extended as `style` says, every line ended.
    /// - Complexity: O(cells).
    public func text(_ style: SampleSheetStyle) -> String {
        let width = self.width
        var text = ""
        for row in rows {
            var cells = row
            if style.padsRows { cells += Array(repeating: "", count: width - row.count) }
            cells += Array(repeating: "", count: style.trailingEmptyColumns)
            text += cells.map { Self.quoted($0, delimiter: style.delimiter) }.joined(separator: String(style.delimiter))
            text += style.lineEnding
        }
        return text
    }

    /// The file's bytes.
    func bytes(_ style: SampleSheetStyle, encoder: SampleTextEncoder) -> [UInt8] {
        encoder.encode(text(style), as: style.encoding)
    }

    private static func quoted(_ cell: String, delimiter: Character) -> String {
        guard cell.contains(where: { $0 == delimiter || $0 == "\"" || $0 == "\n" || $0 == "\r" || $0 == "\r\n" })
        else { return cell }
        return "\"" + cell.replacingOccurrences(of: "\"", with: "\"\"") + "\""
    }
}
