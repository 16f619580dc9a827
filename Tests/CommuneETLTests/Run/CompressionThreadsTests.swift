import Foundation
import Testing
@testable import CommuneETL

/// Issue 7's "how it is checked", on a small input: the canonical table of a normal run (compressed on
/// every core) is identical to the one the same binary writes on one compression thread, and gzip accepts
/// it. `make bench` checks the same on the benchmark's input.
@Suite(.serialized) struct CompressionThreadsTests {
    /// Runs the real binary with `COMMUNE_ETL_GZIP_THREADS` set to `threads`; returns its exit status.
    private func run(_ arguments: [String], threads: Int) throws -> Int32 {
        let process = Process()
        process.executableURL = CommandLineTests.binary
        process.arguments = arguments
        process.environment = ProcessInfo.processInfo.environment.merging(["COMMUNE_ETL_GZIP_THREADS": String(threads)]) { $1 }
        process.standardOutput = FileHandle.nullDevice
        process.standardError = FileHandle.nullDevice
        try process.run()
        process.waitUntilExit()
        return process.terminationStatus
    }

    private func tool(_ path: String, _ arguments: [String]) throws -> (status: Int32, output: Data) {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: path)
        process.arguments = arguments
        let out = Pipe()
        process.standardOutput = out
        process.standardError = FileHandle.nullDevice
        try process.run()
        let data = out.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return (process.terminationStatus, data)
    }

    @Test func oneCompressionThreadWritesTheSameTableAsSeveral() throws {
        let sandbox = try RunSandbox()
        // 20,000 rows: a canonical table of about 3 MB, so several 1 MiB members go to several threads.
        let input = sandbox.inbox + "/household-review/2023/x.csv"
        try FileManager.default.createDirectory(atPath: sandbox.inbox + "/household-review/2023", withIntermediateDirectories: true)
        #expect(try run(["sample", "--rows", "20000", "--seed", "42", "--output", input, "--pipelines", RunSandbox.pipelines], threads: 1) == 0)
        var tables: [Data] = []
        for threads in [1, 2, 3] {
            let out = sandbox.out + "-\(threads)"
            #expect(try run(["run", "--full", "--inbox", sandbox.inbox, "--out", out, "--pipelines", RunSandbox.pipelines], threads: threads) == 0)
            let table = out + "/current/data/households.csv.gz"
            #expect(try tool("/bin/gzip", ["-t", table]).status == 0, "gzip -t accepts the table written on \(threads) threads")
            let plain = try tool("/bin/gzip", ["-dc", table])
            #expect(plain.status == 0)
            tables.append(plain.output)
            #expect(try Data(contentsOf: URL(fileURLWithPath: table)) == Data(contentsOf: URL(fileURLWithPath: sandbox.out + "-1/current/data/households.csv.gz")),
                    "the compressed bytes do not depend on the thread count either")
        }
        #expect(tables[0].count > 2 << 20)
        #expect(tables[1] == tables[0] && tables[2] == tables[0])
    }
}
