import Foundation
import Testing
@testable import CommuneETL

/// Runs the real `commune-etl` binary, as cron would, and checks what cron sees: the exit code, stdout and
/// stderr.
@Suite(.serialized) struct CommandLineTests {
    struct Result {
        var status: Int32
        var stdout: String
        var stderr: String
    }

    /// The binary `swift build` put next to the test bundle.
    static let binary: URL = {
        var folder = Bundle.module.bundleURL.deletingLastPathComponent()
        while !FileManager.default.fileExists(atPath: folder.appendingPathComponent("commune-etl").path), folder.path != "/" {
            folder = folder.deletingLastPathComponent()
        }
        return folder.appendingPathComponent("commune-etl")
    }()

    func run(_ arguments: [String]) throws -> Result {
        try #require(FileManager.default.isExecutableFile(atPath: Self.binary.path), "swift build must have built commune-etl")
        let process = Process()
        process.executableURL = Self.binary
        process.arguments = arguments
        let out = Pipe(), err = Pipe()
        process.standardOutput = out
        process.standardError = err
        try process.run()
        let stdout = out.fileHandleForReading.readDataToEndOfFile()
        let stderr = err.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return Result(status: process.terminationStatus, stdout: String(decoding: stdout, as: UTF8.self),
                      stderr: String(decoding: stderr, as: UTF8.self))
    }

    func runArguments(_ sandbox: RunSandbox, pipelines: String = RunSandbox.pipelines) -> [String] {
        ["run", "--inbox", sandbox.inbox, "--out", sandbox.out, "--pipelines", pipelines]
    }

    @Test func aGoodNightIsSilentAndExitsZero() throws {
        let sandbox = try RunSandbox()
        try sandbox.put("household-review/a.csv", householdHeader + "\n" + householdRow(1) + "\n" + householdRow(2, income: "abc") + "\n")
        let result = try run(runArguments(sandbox))
        #expect(result.status == 0)
        #expect(result.stdout == "")
        #expect(result.stderr == "")
        #expect(try sandbox.flattenedAnomalies() == ["3:HR-TYPE:income_vnd"])
    }

    @Test func verboseSaysWhereTheOutputsAre() throws {
        let sandbox = try RunSandbox()
        try sandbox.put("household-review/a.csv", householdHeader + "\n" + householdRow(1) + "\n")
        let result = try run(runArguments(sandbox) + ["--verbose"])
        #expect(result.status == 0)
        #expect(result.stdout.hasPrefix("Published \(sandbox.out)/runs/"))
        #expect(result.stdout.contains("1 files, 1 rows read, 1 kept; 0 errors, 0 warnings; 0 files refused"))
    }

    @Test func aRefusedFileExits65AfterPublishing() throws {
        let sandbox = try RunSandbox()
        try sandbox.put("household-review/a.csv", householdHeader + "\n" + householdRow(1) + "\n")
        try sandbox.put("household-review/b.csv", "")
        let result = try run(runArguments(sandbox))
        #expect(result.status == 65)
        #expect(result.stderr.hasSuffix("commune-etl: 1 input file(s) refused; see \(sandbox.out)/runs/\(try currentRunID(sandbox))/anomalies/anomalies.csv\n"))
        #expect(FileManager.default.fileExists(atPath: sandbox.out + "/current/data/households.csv.gz"))
    }

    @Test func anEmptyInboxExits66WithOneLine() throws {
        let sandbox = try RunSandbox()
        let result = try run(runArguments(sandbox))
        #expect(result.status == 66)
        #expect(result.stderr == "commune-etl: no input: the inbox \(sandbox.inbox) holds no .csv or .txt file\n")
    }

    @Test func aMalformedPipelineExits78NamingTheFileAndLine() throws {
        let sandbox = try RunSandbox()
        try sandbox.put("household-review/a.csv", householdHeader + "\n" + householdRow(1) + "\n")
        let pipelines = sandbox.root + "/Pipelines"
        try FileManager.default.copyItem(atPath: RunSandbox.pipelines, toPath: pipelines)
        let path = pipelines + "/household-review.yaml"
        let text = try String(contentsOfFile: path, encoding: .utf8).replacingOccurrences(of: "record_key: household_code", with: "record_kee: household_code")
        try text.write(toFile: path, atomically: true, encoding: .utf8)
        let result = try run(runArguments(sandbox, pipelines: pipelines))
        #expect(result.status == 78)
        #expect(result.stderr.hasPrefix("commune-etl: \(path): line 14: record_kee: unknown key 'record_kee'"))
        #expect(!FileManager.default.fileExists(atPath: sandbox.out))
    }

    @Test func aRunWhileAnotherHoldsTheLockExits75() throws {
        let sandbox = try RunSandbox()
        try sandbox.put("household-review/a.csv", householdHeader + "\n" + householdRow(1) + "\n")
        try FileManager.default.createDirectory(atPath: sandbox.out, withIntermediateDirectories: true)
        let holder = try RunLock(outputFolder: sandbox.out)
        let result = try run(runArguments(sandbox))
        withExtendedLifetime(holder) {}
        #expect(result.status == 75)
        #expect(result.stderr == "commune-etl: another run (pid \(getpid())) holds \(sandbox.out)/.lock; this run did nothing\n")
    }

    @Test func anUnwritableOutputExits73() throws {
        let sandbox = try RunSandbox()
        try sandbox.put("household-review/a.csv", householdHeader + "\n" + householdRow(1) + "\n")
        try Data().write(to: URL(fileURLWithPath: sandbox.out))  // a file where the output folder should be
        let result = try run(runArguments(sandbox))
        #expect(result.status == 73)
        #expect(result.stderr == "commune-etl: cannot create folder \(sandbox.out): File exists\n")
    }

    @Test func strictMakesErrorAnomaliesExit65() throws {
        let sandbox = try RunSandbox()
        try sandbox.put("household-review/a.csv", householdHeader + "\n" + householdRow(1, income: "abc") + "\n")
        #expect(try run(runArguments(sandbox)).status == 0)
        let strict = try run(runArguments(sandbox) + ["--strict"])
        #expect(strict.status == 65)
        #expect(strict.stderr.hasPrefix("commune-etl: 1 error anomalies (--strict); see "))
    }

    @Test func aConfigFileSetsThePathsAndTheProfileAndFlagsWin() throws {
        let sandbox = try RunSandbox()
        try sandbox.put("household-review/a.csv", householdHeader + "\n" + householdRow(1) + "\n" + householdRow(2, income: "abc") + "\n")
        let config = sandbox.root + "/etl.yaml", key = sandbox.root + "/pseudonym.key"
        try "a secret key of more than sixteen bytes\n".write(toFile: key, atomically: true, encoding: .utf8)
        try "inbox: \(sandbox.inbox)\nout: \(sandbox.root)/elsewhere\npipelines: \(RunSandbox.pipelines)\nprofile: public\npseudonym_key_file: \(key)\n"
            .write(toFile: config, atomically: true, encoding: .utf8)
        let result = try run(["run", "--config", config, "--out", sandbox.out])
        #expect(result.status == 0)
        #expect(!FileManager.default.fileExists(atPath: sandbox.root + "/elsewhere"))
        let lines = try sandbox.table("households").split(separator: "\n").map(String.init)
        // The name is left out; the household code and the citizen ID are keyed hashes.
        #expect(lines[0].hasPrefix("commune_code,year,household_code,citizen_id,ethnicity,village,"))
        let pseudonymizer = try Pseudonymizer(key: Array("a secret key of more than sixteen bytes".utf8))
        #expect(lines[1].hasPrefix("02848,2023,\(pseudonymizer.pseudonym("02848-2023-00001")),\(pseudonymizer.pseudonym("010123456789")),Mông,"))
        #expect(!lines[1].contains("Giàng"))
        let anomaly = try #require(try sandbox.anomalyRows().first)
        #expect(anomaly["record_key"] == pseudonymizer.pseudonym("02848-2023-00002"))
        #expect(!(try String(decoding: sandbox.bytes("anomalies/anomalies.csv"), as: UTF8.self)).contains("02848-2023-0000"))
    }

    @Test func thePublicProfileWithoutAKeyIsRefused() throws {
        let sandbox = try RunSandbox()
        try sandbox.put("household-review/a.csv", householdHeader + "\n" + householdRow(1) + "\n")
        let result = try run(runArguments(sandbox) + ["--profile", "public"])
        #expect(result.status == 78)
        #expect(result.stderr.hasPrefix("commune-etl: --profile public: the public profile needs a pseudonym key"))
        #expect(!FileManager.default.fileExists(atPath: sandbox.out + "/current"))
    }

    @Test func outputsAreReadableByTheOwnerAndTheGroupOnly() throws {
        let sandbox = try RunSandbox()
        try sandbox.put("household-review/a.csv", householdHeader + "\n" + householdRow(1) + "\n")
        #expect(try run(runArguments(sandbox)).status == 0)
        let data = try FileManager.default.attributesOfItem(atPath: sandbox.out + "/current/data/households.csv.gz")
        #expect((data[.posixPermissions] as? Int).map { $0 & 0o007 } == 0)
        let folder = try FileManager.default.attributesOfItem(atPath: sandbox.out + "/current/data")
        #expect((folder[.posixPermissions] as? Int).map { $0 & 0o007 } == 0)
    }

    @Test func aMissingInboxExits66WithOneLine() throws {
        let sandbox = try RunSandbox()
        let result = try run(["run", "--inbox", sandbox.root + "/nowhere", "--out", sandbox.out, "--pipelines", RunSandbox.pipelines])
        #expect(result.status == 66)
        #expect(result.stderr == "commune-etl: cannot read the inbox \(sandbox.root)/nowhere: no such folder\n")
    }

    @Test func aMisspeltSettingIsRefusedWithItsLine() throws {
        let sandbox = try RunSandbox()
        let config = sandbox.root + "/etl.yaml"
        try "out: x\nkeep_run: 3\n".write(toFile: config, atomically: true, encoding: .utf8)
        let result = try run(["run", "--config", config])
        #expect(result.status == 78)
        #expect(result.stderr.hasPrefix("commune-etl: \(config): line 2: keep_run: unknown key 'keep_run'"))
    }

    @Test func statusTellsTheLastRunAndItsCounts() throws {
        let sandbox = try RunSandbox()
        #expect(try run(["status", "--out", sandbox.out]).status == 66)
        try sandbox.put("household-review/a.csv", householdHeader + "\n" + householdRow(1) + "\n" + householdRow(2, income: "abc") + "\n")
        _ = try run(runArguments(sandbox))
        let status = try run(["status", "--out", sandbox.out])
        #expect(status.status == 0)
        let lines = status.stdout.split(separator: "\n").map(String.init)
        #expect(lines.count == 4)
        #expect(lines[0].hasPrefix("last run:  ") && lines[0].hasSuffix(" (finished 0 min ago)"))
        #expect(Array(lines[1...]) == ["files:     1 read, 0 refused", "rows:      2 read, 1 kept", "anomalies: 1 errors, 0 warnings"])
    }

    /// A small tmpfs, full or read-only, to meet a full disk for real (needs root and mount(8); where
    /// they are missing the two tests below do not run).
    static func mountTmpfs(_ path: String, options: String) -> Bool {
        try? FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/bin/mount")
        process.arguments = ["-t", "tmpfs", "-o", options, "tmpfs", path]
        process.standardError = FileHandle.nullDevice
        guard (try? process.run()) != nil else { return false }
        process.waitUntilExit()
        return process.terminationStatus == 0
    }

    static func unmount(_ path: String) {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/bin/umount")
        process.arguments = [path]
        try? process.run()
        process.waitUntilExit()
    }

    static let canMount: Bool = {
        let probe = NSTemporaryDirectory() + "commune-etl-mount-probe-\(getpid())"
        defer { unmount(probe); try? FileManager.default.removeItem(atPath: probe) }
        return getuid() == 0 && mountTmpfs(probe, options: "size=64k")
    }()

    @Test(.enabled(if: canMount, "needs root and mount(8)"))
    func aFullDiskExits73WithOneLineAndLeavesNoRun() throws {
        let sandbox = try RunSandbox()
        var options = HouseholdSampleOptions(rows: 3_000, seed: 9, communes: SampleCommune.planUnits(of: RunSandbox.registry))
        options.faultRate = 0
        try sandbox.put("household-review/a.csv", try HouseholdSampleGenerator.generateInMemory(options).csv)
        #expect(Self.mountTmpfs(sandbox.out, options: "size=96k"))
        defer { Self.unmount(sandbox.out) }
        let result = try run(runArguments(sandbox))
        #expect(result.status == 73)
        #expect(result.stderr.hasPrefix("commune-etl: cannot write \(sandbox.out)/"))
        #expect(result.stderr.hasSuffix(": No space left on device\n"))
        #expect(result.stderr.split(separator: "\n").count == 1)
        #expect(!FileManager.default.fileExists(atPath: sandbox.out + "/current"))
    }

    @Test(.enabled(if: canMount, "needs root and mount(8)"))
    func aReadOnlyOutputFolderExits73WithOneLine() throws {
        let sandbox = try RunSandbox()
        try sandbox.put("household-review/a.csv", householdHeader + "\n" + householdRow(1) + "\n")
        #expect(Self.mountTmpfs(sandbox.out, options: "ro,size=64k"))
        defer { Self.unmount(sandbox.out) }
        let result = try run(runArguments(sandbox))
        #expect(result.status == 73)
        #expect(result.stderr == "commune-etl: cannot create \(sandbox.out)/.lock: Read-only file system\n")
    }

    private func currentRunID(_ sandbox: RunSandbox) throws -> String {
        try FileManager.default.destinationOfSymbolicLink(atPath: sandbox.out + "/current").replacingOccurrences(of: "runs/", with: "")
    }
}
