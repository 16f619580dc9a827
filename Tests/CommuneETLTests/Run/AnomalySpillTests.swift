import Foundation
import Testing
@testable import CommuneETL

/// Spilling the anomalies to the staging folder (`AnomalyLog`, `SpillLog`) changes no byte of any output:
/// the demo inbox run with a buffer of one anomaly gives the same files as with everything in memory.
struct AnomalySpillTests {
    static let sampleInbox = URL(fileURLWithPath: RunSandbox.pipelines).deletingLastPathComponent()
        .appendingPathComponent("SampleData/inbox").path

    /// Two nights over the demo inbox (the second with one household list gone, one changed, and a line of
    /// `acceptances.csv`), every published file's bytes by path.
    static func twoNights(anomalyBuffer: Int) throws -> [String: [UInt8]] {
        let sandbox = try RunSandbox()
        try FileManager.default.removeItem(atPath: sandbox.inbox)
        try FileManager.default.copyItem(atPath: sampleInbox, toPath: sandbox.inbox)
        var options = RunOptions(inbox: sandbox.inbox, output: sandbox.out, pipelines: RunSandbox.pipelines)
        options.anomalyBuffer = anomalyBuffer
        var outputs: [String: [UInt8]] = [:]
        for night in 0..<2 {
            if night == 1 {
                let firstWarning = try sandbox.anomalyRows().first { $0["severity"] == "warning" }!["anomaly_id"]!
                try sandbox.put("acceptances.csv", "anomaly_id,who,date,reason\n\(firstWarning),An,2026-11-20,checked\n")
                try FileManager.default.removeItem(atPath: sandbox.inbox + "/household-review/2023/coc-ly.csv")
                let changed = sandbox.inbox + "/household-review/2024/nam-det.csv"
                try Data(try Data(contentsOf: URL(fileURLWithPath: changed)).dropLast(200)).write(to: URL(fileURLWithPath: changed))
            }
            _ = try NightlyRun(options: options).execute(now: Date(timeIntervalSince1970: 1_795_000_000 + Double(night) * 86_400))
            let folder = sandbox.out + "/current/"
            for path in FileManager.default.subpaths(atPath: folder)!.sorted() where !path.hasSuffix("run.log") {
                var isFolder: ObjCBool = false
                guard FileManager.default.fileExists(atPath: folder + path, isDirectory: &isFolder), !isFolder.boolValue else { continue }
                var bytes = Array(try Data(contentsOf: URL(fileURLWithPath: folder + path)))
                if path == "manifest.json" {
                    // Start and end are the clock's, not the run's.
                    var manifest = try JSONSerialization.jsonObject(with: Data(bytes)) as! [String: Any]
                    manifest["started_at"] = nil
                    manifest["finished_at"] = nil
                    bytes = Array(try JSONSerialization.data(withJSONObject: manifest, options: [.sortedKeys]))
                }
                outputs["\(night)/" + path] = bytes
            }
            #expect(!FileManager.default.fileExists(atPath: folder + "parts"), "no spill file is published")
        }
        return outputs
    }

    @Test func aBufferOfOneAnomalyGivesTheSameOutputsAsMemory() throws {
        let spilled = try Self.twoNights(anomalyBuffer: 1)
        let inMemory = try Self.twoNights(anomalyBuffer: .max)
        #expect(spilled.keys.sorted() == inMemory.keys.sorted())
        #expect(spilled.keys.sorted().filter { spilled[$0] != inMemory[$0] } == [])
        #expect(spilled.keys.contains("1/anomalies/resolved.csv"))
        let state = String(decoding: spilled["1/anomalies/state.csv"]!, as: UTF8.self)
        #expect(state.contains(",not_checked,") && state.contains(",accepted,"))
    }

    /// A log read back by line: runs appended out of order merge as a stable sort would, spilled or not.
    @Test(arguments: [1, 2, 3, 100])
    func aSpilledLogReadsBackByLineAsAStableSort(bufferSize: Int) throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("spill-\(UUID().uuidString)").path
        try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let lines: [Int?] = [3, 5, 5, 9, nil, 2, 7, 5, nil, 4, 1]
        var log = AnomalyLog(spillingTo: folder + "/log", bufferSize: bufferSize)
        for (index, line) in lines.enumerated() {
            log.append(StaffAnomalyListsTests.anomaly(line: line, text: String(index)))
        }
        #expect(try log.collected().map(\.anomalyID) == lines.indices.map(String.init))
        #expect(try log.collected(byLine: true).map(\.anomalyID) == ["4", "8", "10", "5", "0", "9", "1", "2", "7", "6", "3"])
        #expect(log.count == 11 && log.count(.warning) == 11 && log.last?.anomalyID == "10")
        // Taken (as a segment's worker hands its anomalies over): all of them in order, and the log empty.
        #expect(try log.take().map(\.anomalyID) == lines.indices.map(String.init))
        #expect(log.count == 0 && log.count(.warning) == 0 && log.last == nil)
        #expect(try log.collected().isEmpty)
    }

    /// The lists' rows come back from their spill bytes as they were (no line, line 0, a long line number),
    /// and sort by file, then line, with the problems of no file last, as the records they were made from.
    @Test func listRowsRoundTripAndSortByFileThenLine() {
        typealias Row = StaffAnomalyLists.ListRow
        let rows = [
            Row(sourceFile: "b.csv", sourceLine: 7, bytes: Array("x,y\r\n".utf8)),
            Row(sourceFile: "", sourceLine: nil, bytes: []),
            Row(sourceFile: "a.csv", sourceLine: nil, bytes: Array("Hộ".utf8)),
            Row(sourceFile: "a.csv", sourceLine: 0, bytes: [0, 255]),
            Row(sourceFile: "a.csv", sourceLine: 1_000_000_000, bytes: [1]),
        ]
        for row in rows {
            var bytes: [UInt8] = []
            ListRowsByFileAndLine.encode(row, to: &bytes)
            #expect(bytes.withUnsafeBytes(ListRowsByFileAndLine.decode) == row)
        }
        let sorted = rows.indices.sorted { ListRowsByFileAndLine.precedes(rows[$0], rows[$1]) || (!ListRowsByFileAndLine.precedes(rows[$1], rows[$0]) && $0 < $1) }
        #expect(sorted == [2, 3, 4, 0, 1])
    }
}
