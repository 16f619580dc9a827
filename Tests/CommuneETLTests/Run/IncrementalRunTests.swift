import Foundation
import Testing
@testable import CommuneETL

/// Incremental nights: an unchanged input is not read again, and the outputs are byte-identical to those
/// of a full run.
@Suite(.serialized) struct IncrementalRunTests {
    private func fill(_ sandbox: RunSandbox) throws {
        for (index, name) in ["a", "b", "c"].enumerated() {
            let rows = (1...3).map { householdRow(index * 10 + $0) }
            try sandbox.put("household-review/\(name).csv", ([householdHeader] + rows).joined(separator: "\n") + "\n")
        }
    }

    private func fullRunBytes(_ sandbox: RunSandbox) throws -> [[UInt8]] {
        var options = RunOptions(inbox: sandbox.inbox, output: sandbox.root + "/full", pipelines: RunSandbox.pipelines)
        options.full = true
        let summary = try NightlyRun(options: options).execute()
        return try ["data/households.csv.gz", "anomalies/anomalies.csv"].map {
            Array(try Data(contentsOf: URL(fileURLWithPath: summary.runFolder + "/" + $0)))
        }
    }

    private func currentBytes(_ sandbox: RunSandbox) throws -> [[UInt8]] {
        [try sandbox.bytes("data/households.csv.gz"), try sandbox.bytes("anomalies/anomalies.csv")]
    }

    @Test func anUnchangedInboxIsNotReadAgain() throws {
        let sandbox = try RunSandbox()
        try fill(sandbox)
        let first = try sandbox.run()
        #expect(first.files.map(\.reused) == [false, false, false])
        let before = try currentBytes(sandbox)
        let second = try sandbox.run()
        #expect(second.files.map(\.reused) == [true, true, true])
        #expect(try currentBytes(sandbox) == before)
    }

    @Test func aChangedFileIsReadAgainAloneAndTheOutputsEqualAFullRun() throws {
        let sandbox = try RunSandbox()
        try fill(sandbox)
        try sandbox.run()
        try sandbox.put("household-review/b.csv", [householdHeader, householdRow(11), householdRow(12, income: "abc")].joined(separator: "\n") + "\n")
        let second = try sandbox.run()
        #expect(second.files.map(\.reused) == [true, false, true])
        #expect(try currentBytes(sandbox) == (try fullRunBytes(sandbox)))
        #expect(try sandbox.flattenedAnomalies() == ["3:HR-TYPE:income_vnd"])
    }

    @Test func aFileWhoseKeysAnEarlierFileNowTakesIsReadAgain() throws {
        let sandbox = try RunSandbox()
        try fill(sandbox)
        try sandbox.run()
        // a.csv now lists household 21, which c.csv registered first last night.
        try sandbox.put("household-review/a.csv", [householdHeader, householdRow(1), householdRow(21)].joined(separator: "\n") + "\n")
        let second = try sandbox.run()
        #expect(second.files.map(\.reused) == [false, true, false])
        #expect(try sandbox.flattenedAnomalies() == ["2:HR-UNIQUE:household_code"])
        #expect(try currentBytes(sandbox) == (try fullRunBytes(sandbox)))
    }

    @Test func changedOutputSettingsMakeEveryFileBeReadAgain() throws {
        let sandbox = try RunSandbox()
        try fill(sandbox)
        try sandbox.run()
        var options = RunOptions(inbox: sandbox.inbox, output: sandbox.out, pipelines: RunSandbox.pipelines)
        options.profile = .public
        options.pseudonymKey = Array("a secret key of more than sixteen bytes".utf8)
        let second = try NightlyRun(options: options).execute()
        #expect(second.files.map(\.reused) == [false, false, false])
    }

    /// The cache hashes an input only when it holds an entry for its path, settings and size: a file it has
    /// not seen, or one sent again with another size, is read once (by the run), not hashed first.
    @Test func theCacheHashesAnInputOnlyWhenAnEntryCouldMatch() throws {
        let sandbox = try RunSandbox()
        try fill(sandbox)
        try sandbox.run()
        let entries = try FileManager.default.contentsOfDirectory(atPath: sandbox.out + "/cache").sorted()
        let json = try Data(contentsOf: URL(fileURLWithPath: sandbox.out + "/cache/" + entries[0] + "/entry.json"))
        let settings = try #require((try JSONSerialization.jsonObject(with: json) as? [String: Any])?["settings"] as? String)
        let cache = try IncrementalCache(folder: sandbox.out + "/cache", settings: settings)
        func input(_ name: String) -> InputFile {
            InputFile(relativePath: "household-review/\(name).csv", absolutePath: sandbox.inbox + "/household-review/\(name).csv",
                      pipeline: "household-review")
        }
        func lookUp(_ name: String) -> (found: Bool, hashed: Int) {
            var hashed = 0
            let found = cache.lookup(input(name), sha256: {
                hashed += 1
                return try? SHA256.hexDigest(ofFileAt: input(name).absolutePath)
            }, anomalies: AnomalyLog()) != nil
            return (found, hashed)
        }
        #expect(lookUp("b") == (true, 1))  // unchanged: hashed, found
        try sandbox.put("household-review/d.csv", [householdHeader, householdRow(41)].joined(separator: "\n") + "\n")
        #expect(lookUp("d") == (false, 0))  // never seen: not hashed
        try sandbox.put("household-review/b.csv", [householdHeader, householdRow(11)].joined(separator: "\n") + "\n")
        #expect(lookUp("b") == (false, 0))  // another size: not hashed
        // b.csv as first read, one income changed to another of the same length.
        let rows = [householdRow(11, income: "1.300.000"), householdRow(12), householdRow(13)]
        try sandbox.put("household-review/b.csv", ([householdHeader] + rows).joined(separator: "\n") + "\n")
        #expect(lookUp("b") == (false, 1))  // the same size, other bytes: hashed, not found
    }

    /// A cache file damaged after it was written (one byte changed, the size kept) does not match the checksum
    /// its entry recorded: its input is read again, and the outputs are those of a full run. For the part,
    /// the checksum is the only guard: its gzip is copied into the table as it is.
    @Test(arguments: ["part.gz", "ledgers.bin", "anomalies.bin"])
    func aDamagedCacheFileMakesItsInputBeReadAgain(file: String) throws {
        let sandbox = try RunSandbox()
        try fill(sandbox)
        try sandbox.run()
        let entry = String(SHA256.hexDigest(Array("household-review/b.csv".utf8)).prefix(32))
        let path = sandbox.out + "/cache/" + entry + "/" + file
        var bytes = Array(try Data(contentsOf: URL(fileURLWithPath: path)))
        bytes[bytes.count / 2] ^= 0x01
        try FileManager.default.removeItem(atPath: path)  // the part is a second name of the run's: not in place
        try Data(bytes).write(to: URL(fileURLWithPath: path))
        let second = try sandbox.run()
        #expect(second.files.map(\.reused) == [true, false, true])
        #expect(try currentBytes(sandbox) == (try fullRunBytes(sandbox)))
    }

    @Test func theCacheForgetsFilesThatLeftTheInbox() throws {
        let sandbox = try RunSandbox()
        try fill(sandbox)
        try sandbox.run()
        try FileManager.default.removeItem(atPath: sandbox.inbox + "/household-review/b.csv")
        try sandbox.run()
        #expect(try FileManager.default.contentsOfDirectory(atPath: sandbox.out + "/cache").count == 2)
    }
}
