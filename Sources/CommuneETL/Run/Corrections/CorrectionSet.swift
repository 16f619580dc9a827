import Foundation

/// Every correction waiting in `inbox/corrections/`, read at the start of a run, by input file and line.
///
/// A correction file is an anomaly list for people (BOM, CRLF, Vietnamese headers, commas or semicolons)
/// in which someone filled the `corrected_value` column; rows left empty are ignored, and a row with a
/// value but no file, line or field is reported (`CORR-FORMAT`), never dropped silently. The folder itself
/// is never read as data.
public struct CorrectionSet: Sendable {
    public static let folder = "corrections"

    /// Input file → spreadsheet line → corrections of that record.
    public private(set) var byFile: [String: [Int: [Correction]]] = [:]
    /// Problems of the correction files themselves.
    public private(set) var problems: [(file: String, line: Int, detail: String)] = []
    /// SHA-256 over the correction files, so that a changed correction is a changed night.
    public private(set) var fingerprint = ""

    public var isEmpty: Bool { byFile.isEmpty }

    public init() {}

    /// Column → header spellings (compared folded), English first, then the lists' Vietnamese headers.
    static let columns: [(name: String, headers: [String])] = [
        ("source_file", ["source_file", "Tệp", "Tệp nguồn", "File"]),
        ("source_line", ["source_line", "Dòng", "Line"]),
        ("field", ["field", "Cột", "Trường", "Field"]),
        ("value", ["value", "Giá trị", "Giá trị ghi", "Value"]),
        ("corrected_value", ["corrected_value", "Giá trị sửa", "Giá trị đúng đã sửa", "Giá trị sửa (corrected_value)"]),
        ("corrected_by", ["corrected_by", "Người sửa"]),
        ("corrected_on", ["corrected_on", "Ngày sửa"]),
    ]

    /// Reads `<inbox>/corrections/*.csv`, in name order; a missing folder is no correction.
    public static func load(inbox: String) throws -> CorrectionSet {
        var set = CorrectionSet()
        let folder = inbox + "/" + folder
        guard let names = try? FileManager.default.contentsOfDirectory(atPath: folder) else { return set }
        var hashed: [UInt8] = []
        for name in names.sorted() where !name.hasPrefix(".") && name.lowercased().hasSuffix(".csv") {
            let path = folder + "/" + name
            guard let data = FileManager.default.contents(atPath: path) else {
                throw ETLError.inboxUnreadable(path: path, reason: "cannot read it")
            }
            let bytes = Array(data)
            hashed += Array(name.utf8) + [0] + Array(SHA256.hexDigest(bytes).utf8)
            set.read(bytes, file: Self.folder + "/" + name)
        }
        set.fingerprint = hashed.isEmpty ? "" : SHA256.hexDigest(hashed)
        return set
    }

    /// The corrections of one input file, by line.
    public func corrections(for file: String) -> [Int: [Correction]] { byFile[file] ?? [:] }

    mutating func read(_ raw: [UInt8], file: String) {
        var bytes = raw
        if bytes.starts(with: [0xEF, 0xBB, 0xBF]) { bytes.removeFirst(3) }
        let delimiter = bytes.withUnsafeBufferPointer(DelimiterSniffer.delimiter(in:))
        var rows: [(line: Int, cells: [String])] = []
        let reader = CSVRecordReader(delimiter: delimiter)
        let collect: (CSVRecord) -> Void = { record in
            guard !record.isBlank else { return }
            rows.append((record.line, (0..<record.fieldCount).map { record.string($0).trimmingSpaces }))
        }
        do {
            try bytes.withUnsafeBytes { try reader.parse($0, onRecord: collect) }
            try reader.finish(onRecord: collect)
        } catch {
            problems.append((file, 0, "not_csv"))
            return
        }
        guard let header = rows.first else { return }
        let keys = header.cells.map(TextFolding.matchKey)
        let position = Dictionary(uniqueKeysWithValues: Self.columns.map { column in
            (column.name, keys.firstIndex { key in column.headers.contains { TextFolding.matchKey($0) == key } })
        })
        guard let valueColumn = position["corrected_value"] ?? nil else { return }  // a plain list: nothing to apply
        for row in rows.dropFirst() {
            func cell(_ name: String) -> String {
                guard let index = position[name] ?? nil, index < row.cells.count else { return "" }
                return row.cells[index]
            }
            let corrected = valueColumn < row.cells.count ? row.cells[valueColumn] : ""
            guard !corrected.isEmpty else { continue }
            guard let line = Int(cell("source_line")), !cell("source_file").isEmpty, !cell("field").isEmpty else {
                problems.append((file, row.line, "incomplete"))
                continue
            }
            let correction = Correction(
                sourceFile: cell("source_file"), sourceLine: line, field: cell("field"), flaggedValue: Self.unneutralised(cell("value")),
                correctedValue: Self.unneutralised(corrected), correctedBy: cell("corrected_by"),
                correctedOn: Self.isoDate(cell("corrected_on")), correctionFile: file, correctionLine: row.line)
            byFile[correction.sourceFile, default: [:]][line, default: []].append(correction)
        }
    }

    /// The lists for people prefix a cell that Excel would read as a formula with `'`: the value meant is
    /// without it.
    static func unneutralised(_ text: String) -> String {
        guard text.hasPrefix("'"), let next = text.dropFirst().first, "=+-@\t\r".contains(next) else { return text }
        return String(text.dropFirst())
    }

    /// `28/11/2026` → `2026-11-28`; ISO or empty stays; anything else is kept as written.
    static func isoDate(_ text: String) -> String {
        let parts = text.split(separator: "/")
        guard parts.count == 3, let day = Int(parts[0]), let month = Int(parts[1]), let year = Int(parts[2]),
              (1...31).contains(day), (1...12).contains(month), (2000...2100).contains(year) else { return text }
        return String(format: "%04d-%02d-%02d", year, month, day)
    }
}
