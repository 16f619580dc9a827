import Foundation

/// The VNI-Windows layout as lookup tables, built once from `vni_windows.tsv`.
///
/// VNI writes most toned vowels as two bytes (a base vowel, then a tone or mark byte: `a` `F8` = `à`) and a
/// few letters as one (`F2` = `ị`, `F1` = `đ`, `F6` = `ư`, which may itself take a tone: `F6 F8` = `ừ`).
/// Bytes the layout does not use read as Windows-1252, since VNI fonts keep ASCII and most of it.
///
/// Each character is stored as its packed UTF-8 (up to three bytes, the length in the top byte), so
/// decoding is two array reads and a copy per character.
public struct VNITable: Sendable {
    /// Packed UTF-8 of each byte read alone; 0 for the five bytes Windows-1252 leaves undefined.
    let single: [UInt32]
    /// For each byte, its row in `pairs` when it can start a two-byte sequence; -1 otherwise.
    let leadRow: [Int16]
    /// Packed UTF-8 of lead row × 256 + second byte; 0 when the two bytes form no character.
    let pairs: [UInt32]

    /// Loads the table from the TSV file at `path` (columns: char, code point `U+XXXX`, VNI bytes in hex).
    /// - Throws: `EncodingTableError` when the file is missing or a row is malformed or duplicated.
    public init(contentsOf path: String) throws {
        guard let data = FileManager.default.contents(atPath: path) else {
            throw EncodingTableError(path: path, line: 0, message: "cannot read the file")
        }
        try self.init(tsv: String(decoding: data, as: UTF8.self), path: path)
    }

    /// Builds the table from the text of `vni_windows.tsv`; `path` only names it in errors.
    init(tsv: String, path: String) throws {
        var single = (0...255).map { byte in Windows1252.scalar(for: UInt8(byte)).map(Self.pack) ?? 0 }
        var leadRow = [Int16](repeating: -1, count: 256)
        var pairs: [UInt32] = []
        var seen = Set<[UInt8]>()
        for (index, line) in tsv.split(omittingEmptySubsequences: false, whereSeparator: \.isNewline).enumerated() {
            let number = index + 1
            let columns = line.split(separator: "\t", omittingEmptySubsequences: false)
            if number == 1 || line.allSatisfy(\.isWhitespace) { continue }  // header, blank lines
            func fail(_ message: String) -> EncodingTableError {
                EncodingTableError(path: path, line: number, message: message)
            }
            guard columns.count >= 3 else { throw fail("expected char, code point and bytes") }
            let scalars = columns[0].unicodeScalars
            guard scalars.count == 1, let scalar = scalars.first,
                columns[1] == "U+" + String(scalar.value, radix: 16, uppercase: true).leftPadded(to: 4)
            else { throw fail("the character does not match its code point \(columns[1])") }
            let bytes = columns[2].split(separator: " ").compactMap { UInt8($0, radix: 16) }
            guard (1...2).contains(bytes.count), bytes.count == columns[2].split(separator: " ").count else {
                throw fail("expected one or two hex bytes, found \(columns[2])")
            }
            guard seen.insert(bytes).inserted else { throw fail("the bytes \(columns[2]) appear twice") }
            let packed = Self.pack(scalar.value)
            if bytes.count == 1 {
                single[Int(bytes[0])] = packed
            } else {
                let lead = Int(bytes[0])
                if leadRow[lead] < 0 {
                    leadRow[lead] = Int16(pairs.count / 256)
                    pairs.append(contentsOf: repeatElement(0, count: 256))
                }
                pairs[Int(leadRow[lead]) * 256 + Int(bytes[1])] = packed
            }
        }
        guard !pairs.isEmpty else { throw EncodingTableError(path: path, line: 0, message: "no two-byte sequences") }
        self.single = single
        self.leadRow = leadRow
        self.pairs = pairs
    }

    /// Whether `byte` can start a two-byte sequence (so a chunk ending with it must wait for the next).
    func isLead(_ byte: UInt8) -> Bool { leadRow[Int(byte)] >= 0 }

    /// The UTF-8 bytes of `value` in the low three bytes, their count in the top byte.
    static func pack(_ value: UInt32) -> UInt32 {
        var packed: UInt32 = 0
        var count: UInt32 = 0
        for byte in String(Unicode.Scalar(value)!).utf8 {
            packed |= UInt32(byte) << (8 * count)
            count += 1
        }
        return packed | count << 24
    }
}

/// The encoding tables the decoders need, loaded once per run from `Pipelines/reference/encodings/`.
public struct EncodingTables: Sendable {
    public let vni: VNITable

    public init(vni: VNITable) {
        self.vni = vni
    }

    /// Loads every table from the reference folder (`Pipelines/reference/encodings`).
    public init(folder: String) throws {
        vni = try VNITable(contentsOf: folder + "/vni_windows.tsv")
    }
}

/// A reference table that cannot be used: the run must stop, since files would be misread without it.
public struct EncodingTableError: Error, Equatable, Sendable, CustomStringConvertible {
    public let path: String
    /// 1-based line of the bad row; 0 for the file as a whole.
    public let line: Int
    public let message: String

    public var description: String { line > 0 ? "\(path):\(line): \(message)" : "\(path): \(message)" }
}

extension String {
    fileprivate func leftPadded(to width: Int) -> String {
        String(repeating: "0", count: max(0, width - count)) + self
    }
}
