import Foundation
import Testing
@testable import CommuneETL

@Suite(.serialized) struct NightlyRunTests {
    /// The acceptance test of the nightly run: 100,000 rows with 2 % known faults.
    @Test func findsEveryPlantedFaultAndKeepsEveryCleanRowInOrder() throws {
        let sandbox = try RunSandbox()
        var options = HouseholdSampleOptions(rows: 100_000, seed: 42, communes: SampleCommune.planUnits(of: RunSandbox.registry))
        options.sourceFile = "household-review/2023/district.csv"
        let sample = try HouseholdSampleGenerator.generateInMemory(options)
        try sandbox.put("household-review/2023/district.csv", sample.csv)

        let summary = try sandbox.run()

        let expectedFaults = sample.faults.map { "\($0.line):\($0.rule):\($0.field)" }
        #expect(expectedFaults.count == 2_000)
        #expect(try sandbox.flattenedAnomalies() == expectedFaults)
        #expect(try sandbox.table("households") == String(decoding: sample.canonicalCSV, as: UTF8.self))
        #expect(summary.rowsRead == 100_000)
        #expect(summary.rowsKept == sample.canonicalRowCount)
        #expect(summary.refusedFiles == 0)
    }

    @Test func sameInboxGivesByteIdenticalDatasetAndAnomalies() throws {
        let sandbox = try RunSandbox()
        try HouseholdSampleGenerator.writeSampleInbox(to: sandbox.inbox, communes: SampleCommune.planUnits(of: RunSandbox.registry),
                                                     tables: EncodingFixtures.tables)
        try sandbox.run(at: Date(timeIntervalSince1970: 1_795_000_000))
        let first = (try sandbox.bytes("data/households.csv.gz"), try sandbox.bytes("anomalies/anomalies.csv"))
        try sandbox.run(at: Date(timeIntervalSince1970: 1_795_086_400))
        let second = (try sandbox.bytes("data/households.csv.gz"), try sandbox.bytes("anomalies/anomalies.csv"))
        #expect(first.0 == second.0)
        #expect(first.1 == second.1)
        #expect(try sandbox.anomalyRows().count > 10, "the sample inbox shows anomalies")
    }

    @Test func publishesAtomicallyAndPointsCurrentAtTheLatestRun() throws {
        let sandbox = try RunSandbox()
        try sandbox.put("household-review/a.csv", householdHeader + "\n" + householdRow(1) + "\n")
        let first = try sandbox.run(at: Date(timeIntervalSince1970: 1_795_000_000))
        #expect(first.runID == "2026-11-18T11-06-40Z")
        // A staging folder left by a run that died is cleaned up by the next one.
        try FileManager.default.createDirectory(atPath: sandbox.out + "/.staging-dead", withIntermediateDirectories: true)
        let second = try sandbox.run(at: Date(timeIntervalSince1970: 1_795_000_000))
        #expect(second.runID == "2026-11-18T11-06-40Z-2")
        let entries = try FileManager.default.contentsOfDirectory(atPath: sandbox.out).sorted()
        #expect(entries == [".lock", "archives", "cache", "current", "runs"])
        #expect(try FileManager.default.contentsOfDirectory(atPath: sandbox.out + "/archives").sorted() == [
            "2026-11-18T11-06-40Z-2.tar.gz", "2026-11-18T11-06-40Z.tar.gz",
        ])
        #expect(try FileManager.default.destinationOfSymbolicLink(atPath: sandbox.out + "/current") == "runs/2026-11-18T11-06-40Z-2")
        let runFiles = try FileManager.default.subpathsOfDirectory(atPath: second.runFolder).sorted()
        #expect(runFiles == ["anomalies", "anomalies/anomalies.csv", "anomalies/resolved.csv", "anomalies/state.csv", "data", "data/communes.csv.gz", "data/households.csv.gz",
                             "data/indicator_values.csv.gz", "data/indicators.csv.gz", "data/poverty_communes.csv.gz",
                             "data/poverty_villages.csv.gz", "data/target_progress.csv.gz", "data/targets.csv.gz",
                             "datapackage.json", "manifest.json", "report.html", "run.log"])
    }

    @Test func describesEveryDataFileWithItsSizeAndHash() throws {
        let sandbox = try RunSandbox()
        try sandbox.put("household-review/a.csv", householdHeader + "\n" + householdRow(1) + "\n")
        try sandbox.run()
        let package = try JSONSerialization.jsonObject(with: Data(sandbox.bytes("datapackage.json"))) as! [String: Any]
        let resources = package["resources"] as! [[String: Any]]
        #expect(resources.map { $0["name"] as! String } == [
            "communes", "households", "indicator_values", "indicators", "poverty_communes", "poverty_villages", "target_progress", "targets",
        ])
        for resource in resources {
            let bytes = try sandbox.bytes(resource["path"] as! String)
            #expect(resource["bytes"] as? Int == bytes.count)
            #expect(resource["hash"] as? String == "sha256:" + SHA256.hexDigest(bytes))
        }
        let households = resources[1]["schema"] as! [String: Any]
        #expect(households["primaryKey"] as? [String] == ["commune_code", "year", "household_code"])
        let fields = households["fields"] as! [[String: Any]]
        #expect(fields.map { $0["name"] as! String }.prefix(3) == ["commune_code", "year", "household_code"])
        let manifest = try JSONSerialization.jsonObject(with: Data(sandbox.bytes("manifest.json"))) as! [String: Any]
        let inputs = manifest["inputs"] as! [[String: Any]]
        #expect(inputs.count == 1)
        #expect(inputs[0]["rows_read"] as? Int == 1)
        #expect(inputs[0]["rows_kept"] as? Int == 1)
        #expect(inputs[0]["encoding"] as? String == "UTF-8")
    }

    @Test func malformedFilesAreReportedAndTheRestOfTheInboxIsProcessed() throws {
        let sandbox = try RunSandbox()
        let good = householdHeader + "\n" + householdRow(1) + "\n" + householdRow(2) + "\n"
        try sandbox.put("household-review/1-good.csv", good)
        // Its first row repeats a household of the good file: a refused file leaves no key behind, so the
        // ragged file's row 5 is not reported as a duplicate of it either.
        try sandbox.put("household-review/2-quote.csv", householdHeader + "\n" + householdRow(5) + "\n3,\"02848-2023-00003,Lò,x\n")
        try sandbox.put("household-review/3-ragged.csv", householdHeader + "\n" + householdRow(5) + "\n6,02848-2023-00006,Lò\n")
        try sandbox.put("household-review/4-binary.csv", [0x50, 0x4B, 0x03, 0x04, 0x00, 0x00, 0xFF, 0x10])
        try sandbox.put("household-review/5-empty.csv", "")
        let summary = try sandbox.run()
        #expect(try sandbox.flattenedAnomalies() == [
            "3:FILE-CSV:", "3:ROW-CELLS:", ":FILE-ENCODING:", ":FILE-EMPTY:",
        ])
        let sources = try sandbox.anomalyRows().map { $0["source_file"]! }
        #expect(sources == ["household-review/2-quote.csv", "household-review/3-ragged.csv", "household-review/4-binary.csv",
                            "household-review/5-empty.csv"])
        #expect(summary.refusedFiles == 3)
        // The good file's two rows and the ragged file's first row; nothing from the refused files.
        let lines = try sandbox.table("households").split(separator: "\n").dropFirst()
        #expect(lines.map { $0.split(separator: ",").last! } == ["2", "3", "2"])
        #expect(lines.map { String($0.split(separator: ",")[23]) } == [
            "household-review/1-good.csv", "household-review/1-good.csv", "household-review/3-ragged.csv",
        ])
    }

    @Test func routesAFileAtTheInboxRootByItsHeader() throws {
        let sandbox = try RunSandbox()
        try sandbox.put("lung-phinh.csv", "UBND XÃ LÙNG PHÌNH\n\n" + householdHeader + "\n" + householdRow(1) + "\n")
        try sandbox.put("notes.csv", "Ghi chú,Người gửi\nxin gửi lại,Lò\n")
        let summary = try sandbox.run()
        #expect(summary.files.map(\.pipeline) == ["household-review", nil])
        #expect(try sandbox.flattenedAnomalies() == [":FILE-ROUTE:"])
        #expect(try sandbox.table("households").split(separator: "\n").count == 2)
    }

    @Test func anEmptyInboxIsNoInput() throws {
        let sandbox = try RunSandbox()
        #expect(throws: ETLError.noInput(path: sandbox.inbox)) { try sandbox.run() }
        #expect(!FileManager.default.fileExists(atPath: sandbox.out + "/current"))
    }

    @Test func aLockFileLeftByADeadRunDoesNotBlockTheNextNight() throws {
        let sandbox = try RunSandbox()
        try sandbox.put("household-review/a.csv", householdHeader + "\n" + householdRow(1) + "\n")
        try FileManager.default.createDirectory(atPath: sandbox.out, withIntermediateDirectories: true)
        try "999999\n".write(toFile: sandbox.out + "/.lock", atomically: true, encoding: .utf8)
        let summary = try sandbox.run()
        #expect(summary.rowsKept == 1)
        #expect(try String(contentsOfFile: sandbox.out + "/.lock", encoding: .utf8) == "\(getpid())\n")
    }

    @Test func aSecondRunWhileTheFirstHoldsTheLockDoesNothing() throws {
        let sandbox = try RunSandbox()
        try sandbox.put("household-review/a.csv", householdHeader + "\n" + householdRow(1) + "\n")
        try FileManager.default.createDirectory(atPath: sandbox.out, withIntermediateDirectories: true)
        let holder = try RunLock(outputFolder: sandbox.out)
        #expect(throws: ETLError.locked(path: sandbox.out + "/.lock", holder: String(getpid()))) { try sandbox.run() }
        withExtendedLifetime(holder) {}
        #expect(!FileManager.default.fileExists(atPath: sandbox.out + "/current"))
    }
}
