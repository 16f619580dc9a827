import Foundation
import Testing
@testable import CommuneETL

/// A large file read in segments on several threads (`SegmentedReading`) gives exactly what reading it on
/// one thread gives: the same canonical rows, anomalies, counts and facts. Small files are cut into many
/// small segments here, so that every case a segment boundary can meet is met.
@Suite struct SegmentedReadingTests {
    /// What a run produced, for comparison.
    struct RunResult {
        var outcomes: [FileOutcome] = []
        /// Each file's anomalies, read while the run had them (a log may spill to the run's staging folder).
        var anomalies: [[Anomaly]] = []
        /// Every file under `current/data` (decompressed) and `current/anomalies`, by path.
        var files: [String: [UInt8]] = [:]
    }

    private func run(_ sandbox: RunSandbox, threads: Int, segmentBytes: Int) throws -> RunResult {
        var options = RunOptions(inbox: sandbox.inbox, output: sandbox.root + "/out-\(threads)", pipelines: RunSandbox.pipelines)
        options.full = true
        options.readThreads = threads
        options.segmentBytes = segmentBytes
        var result = RunResult()
        _ = try NightlyRun(options: options).execute(now: Date(timeIntervalSince1970: 1_795_000_000)) { event in
            if case let .fileDone(_, _, outcome) = event {
                result.outcomes.append(outcome)
                result.anomalies.append((try? outcome.anomalies.collected()) ?? [])
            }
        }
        let current = options.output + "/current/"
        for folder in ["data", "anomalies"] {
            let paths = FileManager.default.enumerator(atPath: current + folder)?.compactMap { $0 as? String } ?? []
            for path in paths.sorted() where !path.hasSuffix("/") {
                var isFolder: ObjCBool = false
                guard FileManager.default.fileExists(atPath: current + folder + "/" + path, isDirectory: &isFolder), !isFolder.boolValue else { continue }
                let bytes = Array(try Data(contentsOf: URL(fileURLWithPath: current + folder + "/" + path)))
                result.files[folder + "/" + path] = path.hasSuffix(".gz") ? try gunzip(bytes) : bytes
            }
        }
        return result
    }

    /// Reads the inbox on one thread and in segments; expects the same results, and returns the segmented run's.
    @discardableResult
    private func expectSameBothWays(_ sandbox: RunSandbox, segmentBytes: Int = 1_024,
                                    sourceLocation: SourceLocation = #_sourceLocation) throws -> RunResult {
        let one = try run(sandbox, threads: 1, segmentBytes: segmentBytes)
        let segmented = try run(sandbox, threads: 3, segmentBytes: segmentBytes)
        #expect(one.outcomes.allSatisfy { $0.segments == nil }, sourceLocation: sourceLocation)
        #expect(!one.files.isEmpty, sourceLocation: sourceLocation)
        #expect(Set(segmented.files.keys) == Set(one.files.keys), sourceLocation: sourceLocation)
        for (path, bytes) in one.files where segmented.files[path] != bytes {
            Issue.record("\(path) differs when read in segments", sourceLocation: sourceLocation)
        }
        #expect(segmented.outcomes.count == one.outcomes.count, sourceLocation: sourceLocation)
        #expect(one.anomalies.map { $0.map(\.anomalyID) } == segmented.anomalies.map { $0.map(\.anomalyID) }, sourceLocation: sourceLocation)
        #expect(one.anomalies.map { $0.map(\.messageEN) } == segmented.anomalies.map { $0.map(\.messageEN) }, sourceLocation: sourceLocation)
        for (a, b) in zip(one.outcomes, segmented.outcomes) {
            #expect(a.rowsRead == b.rowsRead && a.rowsKept == b.rowsKept && a.refused == b.refused, sourceLocation: sourceLocation)
            #expect(a.facts == b.facts && a.unkeyedRows == b.unkeyedRows, sourceLocation: sourceLocation)
            #expect(a.layoutRows == b.layoutRows && a.reportDate == b.reportDate, sourceLocation: sourceLocation)
        }
        return segmented
    }

    private func sample(rows: Int, seed: UInt64, lineEnding: String = "\r\n") throws -> [UInt8] {
        var options = HouseholdSampleOptions(rows: rows, seed: seed, communes: SampleCommune.planUnits(of: RunSandbox.registry))
        options.lineEnding = lineEnding
        return try HouseholdSampleGenerator.generateInMemory(options).csv
    }

    /// The sample's lines (the header first), without their line endings.
    private func lines(_ csv: [UInt8]) -> [String] {
        String(decoding: csv, as: UTF8.self).components(separatedBy: "\r\n").filter { !$0.isEmpty }
    }

    @Test func repeatedHouseholdsAcrossSegmentsAreReportedAsOnOneThread() throws {
        let sandbox = try RunSandbox()
        var rows = lines(try sample(rows: 3_000, seed: 11))
        // Rows repeated far from their first line: from the rows read before the split, and from the middle.
        rows += [rows[3], rows[40], rows[1_500], rows[1_501], rows[2_999]]
        rows.insert(rows[2_000], at: 2_002)  // and within one segment
        rows += ["", "Người lập biểu,,,,,,,,ngày 15 tháng 12 năm 2023"]
        try sandbox.put("household-review/2023/list.csv", rows.joined(separator: "\r\n") + "\r\n")
        let segmented = try expectSameBothWays(sandbox)
        #expect((segmented.outcomes[0].segments ?? 0) > 100)
        let repeats = segmented.anomalies[0].filter { $0.rule == "HR-UNIQUE" }.map(\.sourceLine)
        for line in [3_003, 3_004, 3_005, 3_006, 3_007, 2_003] { #expect(repeats.contains(line)) }
        #expect(segmented.outcomes[0].reportDate == "2023-12-15")
    }

    @Test func aRepeatedLastRowWithoutALineBreakIsReadAgainWhole() throws {
        let sandbox = try RunSandbox()
        var rows = lines(try sample(rows: 1_200, seed: 18))
        rows.append(rows[5])
        try sandbox.put("household-review/2023/list.csv", rows.joined(separator: "\r\n"))
        let segmented = try expectSameBothWays(sandbox)
        #expect((segmented.outcomes[0].segments ?? 0) > 50)
        #expect(segmented.anomalies[0].contains { $0.rule == "HR-UNIQUE" && $0.sourceLine == 1_202 })
    }

    @Test func quotedLineBreaksBlankLinesAndBareLineFeedsCrossCuts() throws {
        let sandbox = try RunSandbox()
        var rows = lines(try sample(rows: 1_500, seed: 12))
        for index in stride(from: 30, to: rows.count, by: 37) {
            // A name with a line break inside its quoted cell (column 3), and a blank line after the row.
            var cells = rows[index].components(separatedBy: ",")
            guard cells.count == 24, !cells[2].contains("\"") else { continue }
            cells[2] = "\"\(cells[2])\n(\"\"chủ hộ\"\")\""
            rows[index] = cells.joined(separator: ",") + "\n"
        }
        try sandbox.put("household-review/2022/list.csv", rows.joined(separator: "\n") + "\n")
        let segmented = try expectSameBothWays(sandbox, segmentBytes: 700)
        #expect((segmented.outcomes[0].segments ?? 0) > 100)
    }

    @Test func rowsWithTheWrongCellCountBetweenSegments() throws {
        let sandbox = try RunSandbox()
        var rows = lines(try sample(rows: 1_200, seed: 13))
        for index in stride(from: 100, to: rows.count, by: 150) { rows[index] += ",extra,cells" }
        try sandbox.put("household-review/2024/list.csv", rows.joined(separator: "\r\n") + "\r\n")
        let segmented = try expectSameBothWays(sandbox)
        #expect((segmented.outcomes[0].segments ?? 0) > 50)
        #expect(segmented.anomalies[0].contains { $0.rule == "ROW-CELLS" && $0.sourceLine == 251 })
    }

    @Test func rowsAfterASignatureBlockSendTheFileBackToOneThread() throws {
        let sandbox = try RunSandbox()
        var rows = lines(try sample(rows: 1_200, seed: 14))
        rows.insert(contentsOf: ["", "Người lập biểu,,,,,,,,ngày 2 tháng 1 năm 2024"], at: 900)
        try sandbox.put("household-review/2023/list.csv", rows.joined(separator: "\r\n") + "\r\n")
        let segmented = try expectSameBothWays(sandbox)
        #expect(segmented.outcomes[0].segments == nil)
        #expect(segmented.outcomes[0].rowsRead < 900)
    }

    @Test func aStrayQuoteInALaterSegmentRefusesTheFileAtItsLine() throws {
        let sandbox = try RunSandbox()
        var rows = lines(try sample(rows: 1_200, seed: 15))
        rows[1_000] = rows[1_000].replacingOccurrences(of: ",", with: ",x\"y", options: [], range: rows[1_000].range(of: ","))
        try sandbox.put("household-review/2023/list.csv", rows.joined(separator: "\r\n") + "\r\n")
        let segmented = try expectSameBothWays(sandbox)
        #expect(segmented.outcomes[0].refused)
        #expect(segmented.anomalies[0].contains { $0.rule == "FILE-CSV" && $0.sourceLine == 1_001 })
    }

    @Test func invalidUTF8InALaterSegmentRefusesTheFileAtItsLine() throws {
        let sandbox = try RunSandbox()
        let rows = lines(try sample(rows: 1_200, seed: 16))
        var bytes: [UInt8] = []
        for (index, row) in rows.enumerated() {
            var cells = row.components(separatedBy: ",").map { Array($0.utf8) }
            if index == 1_000 { cells[2] = [0x4E, 0xFF, 0x41] }  // A byte that is never UTF-8, in a name.
            bytes += Array(cells.joined(separator: [UInt8(ascii: ",")])) + [0x0D, 0x0A]
        }
        try sandbox.put("household-review/2023/list.csv", bytes)
        let segmented = try expectSameBothWays(sandbox)
        #expect((segmented.outcomes[0].segments ?? 0) > 50)
        #expect(segmented.outcomes[0].refused)
        #expect(segmented.anomalies[0].last?.sourceLine == 1_001)
    }

    @Test func undecodableBytesAfterTheSwitchSendTheFileBackToOneThread() throws {
        let sandbox = try RunSandbox()
        let text = String(decoding: try sample(rows: 12_000, seed: 19).dropFirst(3), as: UTF8.self)  // no UTF-8 BOM
        var bytes: [UInt8] = [0xFF, 0xFE]  // UTF-16LE, as Excel's "Unicode text" saves
        for unit in text.utf16 { bytes += [UInt8(truncatingIfNeeded: unit), UInt8(truncatingIfNeeded: unit >> 8)] }
        // Whole, the file is read in segments …
        let clean = try RunSandbox()
        try clean.put("household-review/2023/list.txt", bytes)
        #expect((try expectSameBothWays(clean).outcomes[0].segments ?? 0) > 100)
        // … and with a high surrogate that has no low one, two megabytes in (after the switch), it is not.
        let at = 2 * FileProcessor.chunkSize
        #expect(bytes.count > at + 1_000)
        bytes.replaceSubrange(at..<(at + 4), with: [0x00, 0xD8, 0x41, 0x00])
        try sandbox.put("household-review/2023/list.txt", bytes)
        let segmented = try expectSameBothWays(sandbox)
        #expect(segmented.outcomes[0].segments == nil)
        #expect(segmented.outcomes[0].refused)
        #expect(segmented.anomalies[0].last?.rule == "FILE-ENCODING")
    }

    @Test func aQuotedCellThatNeverEndsSendsTheFileBackToOneThread() throws {
        let sandbox = try RunSandbox()
        var rows = lines(try sample(rows: 1_200, seed: 17))
        rows[300] = rows[300].replacingOccurrences(of: ",", with: ",\"", options: [], range: rows[300].range(of: ","))
        try sandbox.put("household-review/2023/list.csv", rows.joined(separator: "\r\n") + "\r\n")
        let segmented = try expectSameBothWays(sandbox, segmentBytes: 512)
        #expect(segmented.outcomes[0].segments == nil)
        #expect(segmented.outcomes[0].refused)
    }

    @Test func theDemoInboxGivesTheSameInSegments() throws {
        let sandbox = try RunSandbox()
        try HouseholdSampleGenerator.writeSampleInbox(to: sandbox.inbox, communes: SampleCommune.planUnits(of: RunSandbox.registry),
                                                     tables: EncodingFixtures.tables)
        let segmented = try expectSameBothWays(sandbox, segmentBytes: 256)
        // Household lists are cut; summaries and indicator reports compare rows with each other (totals,
        // parts): they are always read on one thread.
        let lists = segmented.outcomes.filter { $0.pipeline == "household-review" }
        #expect(lists.contains { ($0.segments ?? 0) > 0 })
        #expect(segmented.outcomes.filter { $0.pipeline != "household-review" }.allSatisfy { $0.segments == nil })
    }
}
