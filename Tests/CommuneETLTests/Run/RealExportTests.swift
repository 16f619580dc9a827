import Foundation
import Testing
@testable import CommuneETL

/// One household list written the ways real exports arrive — UTF-16 "Unicode Text" with tabs, Windows-1258
/// with semicolons, title rows and a signature block, TCVN3 glyphs inside UTF-8, VNI raw bytes, decomposed
/// (NFD) UTF-8 — gives, through `commune-etl run`, the same canonical rows and anomalies as the clean
/// UTF-8 original.
@Suite(.serialized) struct RealExportTests {
    /// The clean original: UTF-8 without BOM, comma, LF, with a few faults.
    static let original: String = {
        var options = HouseholdSampleOptions(rows: 300, seed: 11, communes: SampleCommune.planUnits(of: RunSandbox.registry))
        options.byteOrderMark = false
        options.lineEnding = "\n"
        return String(decoding: try! HouseholdSampleGenerator.generateInMemory(options).csv, as: UTF8.self)
    }()

    static var lines: [String] { original.split(separator: "\n").map(String.init) }

    /// What a run over one file gives: canonical rows without provenance, anomalies as `line:rule:field`
    /// with the line counted from the header.
    struct Reading: Equatable {
        var rows: [String]
        var anomalies: [String]
        var encoding: String
    }

    private func read(_ bytes: [UInt8], name: String, headerLine: Int = 1) throws -> Reading {
        let sandbox = try RunSandbox()
        try sandbox.put("household-review/2023/" + name, bytes)
        let summary = try sandbox.run()
        let rows = try sandbox.table("households").split(separator: "\n").dropFirst().map { line in
            line.split(separator: ",", omittingEmptySubsequences: false).dropLast(5).joined(separator: ",")  // provenance: file, line, corrections
        }
        let anomalies = try sandbox.anomalyRows().map { row in
            "\((Int(row["source_line"]!) ?? 0) - headerLine + 1):\(row["rule"]!):\(row["field"]!)"
        }
        return Reading(rows: rows, anomalies: anomalies, encoding: summary.files[0].encoding)
    }

    private func iconv(_ text: String, to encoding: String) throws -> [UInt8] {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/iconv")
        process.arguments = ["-f", "UTF-8", "-t", encoding]
        let input = Pipe(), output = Pipe()
        process.standardInput = input
        process.standardOutput = output
        try process.run()
        input.fileHandleForWriting.write(Data(text.utf8))
        try input.fileHandleForWriting.close()
        let bytes = output.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        try #require(process.terminationStatus == 0, "iconv encodes the sample to \(encoding)")
        return Array(bytes)
    }

    @Test func everyRealExportReadsLikeTheCleanOriginal() throws {
        let expected = try read(Array(Self.original.utf8), name: "original.csv")
        #expect(expected.rows.count > 250)
        #expect(!expected.anomalies.isEmpty, "the sample carries faults, which every variant must report alike")

        // Excel "Unicode Text": UTF-16LE with BOM, tab-separated, CRLF.
        let tabbed = Self.lines.map { $0.replacingOccurrences(of: ",", with: "\t") }.joined(separator: "\r\n") + "\r\n"
        let utf16: [UInt8] = [0xFF, 0xFE] + tabbed.utf16.flatMap { [UInt8($0 & 0xFF), UInt8($0 >> 8)] }
        let unicodeText = try read(utf16, name: "unicode-text.txt")
        #expect(unicodeText == Reading(rows: expected.rows, anomalies: expected.anomalies, encoding: "UTF-16LE"))

        // Excel "CSV" on Vietnamese Windows: Windows-1258, semicolons, three title rows and a footer.
        let titled = ["UBND XÃ LÙNG PHÌNH;;", "DANH SÁCH RÀ SOÁT HỘ NGHÈO, HỘ CẬN NGHÈO NĂM 2023;;", ";;"]
            + Self.lines.map { $0.replacingOccurrences(of: ",", with: ";") }
            + [";;", ";;Lùng Phình, ngày 15 tháng 12 năm 2023", ";NGƯỜI LẬP BIỂU;;;CHỦ TỊCH", ";Lò Văn Minh;;;Giàng Seo Vàng"]
        let cp1258 = try read(try iconv(titled.joined(separator: "\r\n") + "\r\n", to: "CP1258"), name: "cp1258.csv", headerLine: 4)
        #expect(cp1258 == Reading(rows: expected.rows, anomalies: expected.anomalies, encoding: "Windows-1258"))

        // Typed in a TCVN3 (.VnTime) font inside a Unicode workbook, saved as CSV UTF-8 (with BOM).
        let tcvnBytes = try iconv(Self.original, to: "TCVN5712-1")
        let glyphs = String(decoding: tcvnBytes.map { byte -> UInt32 in
            byte < 0x80 ? UInt32(byte) : Windows1252.scalar(for: byte) ?? UInt32(byte)
        }.map { Character(UnicodeScalar($0)!) }.map(String.init).joined().utf8, as: UTF8.self)
        let tcvn3 = try read([0xEF, 0xBB, 0xBF] + Array(glyphs.utf8), name: "tcvn3-in-utf8.csv")
        #expect(tcvn3 == Reading(rows: expected.rows, anomalies: expected.anomalies, encoding: "TCVN3 inside UTF-8"))

        // Typed in a VNI font and saved as ANSI: VNI-Windows raw bytes.
        let vni = try read(try VNIEncoder.encode(Self.original), name: "vni.csv")
        #expect(vni == Reading(rows: expected.rows, anomalies: expected.anomalies, encoding: "VNI-Windows"))

        // Decomposed text (NFD), as some Mac and web tools write it.
        let nfd = try read(Array(Self.original.decomposedStringWithCanonicalMapping.utf8), name: "nfd.csv")
        #expect(nfd == Reading(rows: expected.rows, anomalies: expected.anomalies, encoding: "UTF-8"))
    }

    @Test func aFileWhoseLettersWereLostIsRefusedAndTheRestIsRead() throws {
        let sandbox = try RunSandbox()
        try sandbox.put("household-review/2023/good.csv", Self.original)
        // Saved as plain CSV on an English Windows: every letter outside Windows-1252 became '?'.
        let damaged = Self.original.unicodeScalars.map { scalar -> UInt8 in
            scalar.value < 0x80 ? UInt8(scalar.value) : (Windows1252.byte(for: scalar.value) ?? UInt8(ascii: "?"))
        }
        try sandbox.put("household-review/2024/damaged.csv", damaged)
        let summary = try sandbox.run()
        #expect(summary.files.map(\.refused) == [false, true])
        #expect(summary.files[0].rowsKept > 250)
        let refusal = try #require(try sandbox.anomalyRows().last)
        #expect(refusal["rule"] == "FILE-ENCODING")
        #expect(refusal["source_file"] == "household-review/2024/damaged.csv")
        #expect(refusal["message_vi"]!.contains("các chữ có dấu đã thành '?'"))
        #expect(refusal["message_vi"]!.contains("Lưu thành → CSV UTF-8"))
    }
}

/// Writes text as VNI-Windows bytes, from the published layout (`reference/encodings/vni_windows.tsv`).
enum VNIEncoder {
    static func encode(_ text: String) throws -> [UInt8] {
        let table = try String(contentsOfFile: RunSandbox.pipelines + "/reference/encodings/vni_windows.tsv", encoding: .utf8)
        var bytesOf: [Character: [UInt8]] = [:]
        for line in table.split(separator: "\n").dropFirst() {
            let columns = line.split(separator: "\t", omittingEmptySubsequences: false)
            guard columns.count >= 3, let character = columns[0].first else { continue }
            bytesOf[character] = columns[2].split(separator: " ").compactMap { UInt8($0, radix: 16) }
        }
        return try text.flatMap { character -> [UInt8] in
            if let bytes = bytesOf[character] { return bytes }
            guard let scalar = character.unicodeScalars.first, character.unicodeScalars.count == 1 else { return [] }
            if scalar.value < 0x80 { return [UInt8(scalar.value)] }
            return [try #require(Windows1252.byte(for: scalar.value), "VNI has a byte for \(character)")]
        }
    }
}
