import Foundation
import Testing
@testable import CommuneETL

/// Killing the job at any moment (SIGKILL: no cleanup runs) leaves the previous run published and
/// `out/current` intact, shows no partial run, and the next run succeeds and cleans up.
@Suite(.serialized) struct CrashSafetyTests {
    @Test func aRunKilledAtAnyPointLeavesThePreviousRunPublished() throws {
        let sandbox = try RunSandbox()
        var options = HouseholdSampleOptions(rows: 8_000, seed: 3, communes: SampleCommune.planUnits(of: RunSandbox.registry))
        for file in 0..<4 {
            options.seed = UInt64(file + 3)
            try sandbox.put("household-review/\(file).csv", try HouseholdSampleGenerator.generateInMemory(options).csv)
        }
        // --full: every killed run reads all its inputs (and rewrites the incremental cache).
        let arguments = ["run", "--full", "--inbox", sandbox.inbox, "--out", sandbox.out, "--pipelines", RunSandbox.pipelines]
        #expect(try runToEnd(arguments) == 0)
        let published = try FileManager.default.destinationOfSymbolicLink(atPath: sandbox.out + "/current")
        let publishedData = try sandbox.bytes("data/households.csv.gz")

        // Kill points spread over the whole run: reading, joining, writing, archiving.
        let duration = try measure(arguments)
        for fraction in stride(from: 0.05, through: 0.95, by: 0.1) {
            let process = try start(arguments)
            usleep(useconds_t(duration * fraction * 1_000_000))
            kill(process.processIdentifier, SIGKILL)
            process.waitUntilExit()
            let current = try FileManager.default.destinationOfSymbolicLink(atPath: sandbox.out + "/current")
            // Either the killed run had already published (then it is complete) or `current` is untouched.
            let manifest = sandbox.out + "/" + current + "/manifest.json"
            #expect(FileManager.default.fileExists(atPath: manifest), "killed at \(fraction): current is a complete run")
            #expect(try sandbox.bytes("data/households.csv.gz") == publishedData, "killed at \(fraction): same data")
            let runs = try FileManager.default.contentsOfDirectory(atPath: sandbox.out + "/runs")
            for run in runs {
                #expect(FileManager.default.fileExists(atPath: sandbox.out + "/runs/" + run + "/manifest.json"),
                        "killed at \(fraction): every folder under runs/ is complete")
            }
        }
        #expect(try runToEnd(arguments) == 0)
        let entries = try FileManager.default.contentsOfDirectory(atPath: sandbox.out).sorted()
        #expect(entries == [".lock", "archives", "cache", "current", "runs"], "the next run removes the leftovers")
        #expect(try FileManager.default.destinationOfSymbolicLink(atPath: sandbox.out + "/current") != published)
        #expect(try sandbox.bytes("data/households.csv.gz") == publishedData)
        for archive in try FileManager.default.contentsOfDirectory(atPath: sandbox.out + "/archives") {
            #expect(archive.hasSuffix(".tar.gz"), "no half-written archive is left under its final name")
        }
    }

    private func start(_ arguments: [String]) throws -> Process {
        let process = Process()
        process.executableURL = CommandLineTests.binary
        process.arguments = arguments
        process.standardOutput = FileHandle.nullDevice
        process.standardError = FileHandle.nullDevice
        try process.run()
        return process
    }

    private func runToEnd(_ arguments: [String]) throws -> Int32 {
        let process = try start(arguments)
        process.waitUntilExit()
        return process.terminationStatus
    }

    private func measure(_ arguments: [String]) throws -> Double {
        let start = Date()
        #expect(try runToEnd(arguments) == 0)
        return Date().timeIntervalSince(start)
    }
}
