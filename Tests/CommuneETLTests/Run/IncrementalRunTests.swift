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

    @Test func theCacheForgetsFilesThatLeftTheInbox() throws {
        let sandbox = try RunSandbox()
        try fill(sandbox)
        try sandbox.run()
        try FileManager.default.removeItem(atPath: sandbox.inbox + "/household-review/b.csv")
        try sandbox.run()
        #expect(try FileManager.default.contentsOfDirectory(atPath: sandbox.out + "/cache").count == 2)
    }
}
