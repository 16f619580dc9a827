import Foundation
import Testing
@testable import CommuneETL

/// Broken and hostile inputs: each gives a file-level anomaly or is skipped with a reason, within the input
/// limits, and the job never crashes, never writes outside `out/` and never changes the inbox.
@Suite(.serialized) struct HostileInputTests {
    private static let good = householdHeader + "\n" + householdRow(1) + "\n"

    /// Runs the job over one hostile file beside a good one; returns the hostile file's anomalies.
    private func runWith(_ name: String, _ bytes: [UInt8], limits: InputLimits = InputLimits()) throws -> (anomalies: [String], sandbox: RunSandbox) {
        let sandbox = try RunSandbox()
        try sandbox.put("household-review/0-good.csv", Self.good)
        try sandbox.put("household-review/" + name, bytes)
        let before = try snapshot(sandbox.inbox)
        var options = RunOptions(inbox: sandbox.inbox, output: sandbox.out, pipelines: RunSandbox.pipelines)
        options.limits = limits
        let summary = try NightlyRun(options: options).execute()
        #expect(try snapshot(sandbox.inbox) == before, "the inbox is never modified")
        #expect(summary.files.first?.rowsKept == 1, "the good file is still read")
        let rows = try sandbox.anomalyRows().filter { $0["source_file"] != "household-review/0-good.csv" }
        return (rows.map { "\($0["source_line"]!):\($0["rule"]!)" }, sandbox)
    }

    private func snapshot(_ folder: String) throws -> [String: [UInt8]] {
        var result: [String: [UInt8]] = [:]
        for path in FileManager.default.subpaths(atPath: folder) ?? [] {
            var isDirectory: ObjCBool = false
            _ = FileManager.default.fileExists(atPath: folder + "/" + path, isDirectory: &isDirectory)
            if !isDirectory.boolValue { result[path] = Array((try? Data(contentsOf: URL(fileURLWithPath: folder + "/" + path))) ?? Data()) }
        }
        return result
    }

    @Test func unbalancedQuotes() throws {
        #expect(try runWith("quote.csv", Array((householdHeader + "\n1,\"LP-1,x\n" + householdRow(2) + "\n").utf8)).anomalies == ["2:FILE-CSV"])
    }

    @Test func aNulByteInACell() throws {
        let bytes = Array((householdHeader + "\n").utf8) + Array(householdRow(1).utf8).map { $0 == UInt8(ascii: "G") ? 0 : $0 } + [0x0A]
        #expect(try runWith("nul.csv", bytes).anomalies == [":FILE-ENCODING"])
    }

    @Test func aTenMegabyteCell() throws {
        let bytes = Array((householdHeader + "\n" + householdRow(1, code: String(repeating: "A", count: 10 << 20)) + "\n").utf8)
        #expect(try runWith("big-cell.csv", bytes).anomalies == ["2:FILE-LIMIT"])
    }

    @Test func aHundredThousandColumns() throws {
        let bytes = Array((householdHeader + "\n" + Array(repeating: "x", count: 100_000).joined(separator: ",") + "\n").utf8)
        #expect(try runWith("wide.csv", bytes).anomalies == ["2:FILE-LIMIT"])
    }

    @Test func aFileLargerThanTheLimit() throws {
        var limits = InputLimits()
        limits.maxFileBytes = 1_000
        let bytes = Array((householdHeader + "\n" + Array(repeating: householdRow(1), count: 10).joined(separator: "\n") + "\n").utf8)
        #expect(try runWith("large.csv", bytes, limits: limits).anomalies == [":FILE-LIMIT"])
    }

    @Test func anEmptyFileAHeaderOnlyAndABinaryFile() throws {
        #expect(try runWith("empty.csv", []).anomalies == [":FILE-EMPTY"])
        #expect(try runWith("header.csv", Array((householdHeader + "\n").utf8)).anomalies == [":FILE-EMPTY"])
        let binary: [UInt8] = [0x1F, 0x8B, 0x08, 0x00] + (0..<4096).map { UInt8(truncatingIfNeeded: $0 &* 2_654_435_761 >> 13) }
        #expect(try runWith("binary.csv", binary).anomalies == [":FILE-ENCODING"])
    }

    @Test func aSymlinkPointingOutsideTheInboxIsSkipped() throws {
        let sandbox = try RunSandbox()
        try sandbox.put("household-review/0-good.csv", Self.good)
        let outside = sandbox.root + "/secret.csv"
        try Self.good.write(toFile: outside, atomically: true, encoding: .utf8)
        #expect(symlink(outside, sandbox.inbox + "/household-review/link.csv") == 0)
        let summary = try sandbox.run()
        #expect(summary.skipped == ["household-review/link.csv: a symbolic link, not followed"])
        #expect(summary.files.map(\.input.relativePath) == ["household-review/0-good.csv"])
        #expect(try String(contentsOfFile: sandbox.out + "/current/run.log", encoding: .utf8).contains("skipped household-review/link.csv"))
    }

    @Test func namesWithDotsNewlinesAndQuotesStayInsideTheOutputAndAreQuoted() throws {
        let name = "x..\n\"passwd\",.csv"
        let (anomalies, sandbox) = try runWith(name, [])
        #expect(anomalies == [":FILE-EMPTY"])
        let rows = try sandbox.anomalyRows()
        #expect(rows.map { $0["source_file"]! } == ["household-review/" + name])
        let written = FileManager.default.subpaths(atPath: sandbox.root)!.filter { !$0.hasPrefix("inbox") && !$0.hasPrefix("out") }
        #expect(written.filter { !$0.hasPrefix("gunzip-input") } == [], "nothing is written outside out/")
    }

    @Test func hiddenFilesAreSkippedWithAReason() throws {
        let sandbox = try RunSandbox()
        try sandbox.put("household-review/0-good.csv", Self.good)
        try sandbox.put("household-review/../../etc/passwd.csv".replacingOccurrences(of: "../../etc/", with: ".."), Self.good)
        let summary = try sandbox.run()
        #expect(summary.skipped == ["household-review/..passwd.csv: a hidden file (an editor's lock file or an upload in progress), not read"])
    }

    @Test func compressedInputsAreNotRead() throws {
        let sandbox = try RunSandbox()
        try sandbox.put("household-review/0-good.csv", Self.good)
        try sandbox.put("household-review/bomb.csv.gz", GzipWriter.compress([UInt8](repeating: 0x41, count: 1 << 20)))
        let summary = try sandbox.run()
        #expect(summary.files.map(\.input.relativePath) == ["household-review/0-good.csv"])
    }
}
