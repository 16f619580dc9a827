import Foundation
import Glibc
import Testing
@testable import CommuneETL

@Suite struct RetentionPolicyTests {
    /// Run ids one day apart from 2026-01-01, oldest first.
    static func runIDs(_ count: Int) -> [String] {
        let formatter = DateFormatter()
        formatter.locale = Locale(identifier: "en_US_POSIX")
        formatter.timeZone = TimeZone(identifier: "UTC")
        formatter.dateFormat = "yyyy-MM-dd'T'HH-mm-ss'Z'"
        let start = Date(timeIntervalSince1970: 1_767_294_000)  // 2026-01-01T19:00:00Z
        return (0..<count).map { formatter.string(from: start.addingTimeInterval(Double($0) * 86_400)) }
    }

    /// An output folder with a run folder (holding a file) per id in `runs`, and an archive per id in `archives`.
    static func makeOutput(runs: [String], archives: [String]) throws -> EmitTestFolder {
        let out = try EmitTestFolder()
        for id in runs {
            try FileManager.default.createDirectory(atPath: out.path + "/runs/\(id)/data", withIntermediateDirectories: true)
            try Data("x".utf8).write(to: URL(fileURLWithPath: out.path + "/runs/\(id)/data/t.csv.gz"))
        }
        try FileManager.default.createDirectory(atPath: out.path + "/archives", withIntermediateDirectories: true)
        for id in archives {
            try Data("x".utf8).write(to: URL(fileURLWithPath: out.path + "/archives/\(id).tar.gz"))
        }
        return out
    }

    static func names(_ folder: String) -> [String] {
        ((try? FileManager.default.contentsOfDirectory(atPath: folder)) ?? []).sorted()
    }

    @Test func keepsTheNewest14RunsAnd90Archives() throws {
        let runs = Self.runIDs(20)
        let archives = Self.runIDs(100)
        let out = try Self.makeOutput(runs: runs, archives: archives)
        #expect(symlink("runs/" + runs[19], out.path + "/current") == 0)

        let removed = try RetentionPolicy().apply(outputFolder: out.path, current: runs[19])

        #expect(removed == runs[0..<6].map { "runs/" + $0 } + archives[0..<10].map { "archives/\($0).tar.gz" })
        #expect(Self.names(out.path + "/runs") == Array(runs[6...]))
        #expect(Self.names(out.path + "/archives") == archives[10...].map { "\($0).tar.gz" })
        #expect(try RetentionPolicy().apply(outputFolder: out.path, current: runs[19]) == [], "a second pass removes nothing")
    }

    @Test func neverRemovesTheCurrentRunEvenWhenOlder() throws {
        let runs = Self.runIDs(20)
        let out = try Self.makeOutput(runs: runs, archives: [])
        let removed = try RetentionPolicy().apply(outputFolder: out.path, current: runs[2])
        #expect(removed == [0, 1, 3, 4, 5].map { "runs/" + runs[$0] })
        #expect(Self.names(out.path + "/runs") == [runs[2]] + runs[6...])
    }

    @Test func alsoKeepsTheRunTheCurrentLinkPointsTo() throws {
        let runs = Self.runIDs(5)
        let out = try Self.makeOutput(runs: runs, archives: [])
        #expect(symlink("runs/" + runs[0], out.path + "/current") == 0)
        let removed = try RetentionPolicy(keepRuns: 2).apply(outputFolder: out.path, current: runs[4])
        #expect(removed == ["runs/" + runs[1], "runs/" + runs[2]])
        #expect(Self.names(out.path + "/runs") == [runs[0], runs[3], runs[4]])
    }

    @Test func leavesEverythingItDidNotCreate() throws {
        let runs = Self.runIDs(3)
        let out = try Self.makeOutput(runs: runs, archives: runs)
        let foreignRuns = ["notes.txt", "2020-01-01T00-00-00Z-1", "2020-01-01T00-00-00Z-02", "2020-01-01T00-00-00", "link-2020"]
        let foreignArchives = ["README", "x.tar.gz", "2020-01-01T00-00-00Z.tar.gz.tmp-42",
                               "other-2020-01-01T00-00-00Z.tar.gz", "2020-01-01T00-00-00Z.tar"]
        for name in foreignRuns.dropLast() {
            try FileManager.default.createDirectory(atPath: out.path + "/runs/" + name, withIntermediateDirectories: false)
        }
        for name in foreignArchives {
            try Data().write(to: URL(fileURLWithPath: out.path + "/archives/" + name))
        }
        // Named like a run or an archive, but a file among runs, a link, a folder among archives.
        try Data().write(to: URL(fileURLWithPath: out.path + "/runs/2020-01-02T00-00-00Z"))
        #expect(symlink(runs[0], out.path + "/runs/2020-01-03T00-00-00Z") == 0)
        try FileManager.default.createDirectory(atPath: out.path + "/archives/2020-01-01T00-00-00Z.tar.gz",
                                                withIntermediateDirectories: false)
        try Data().write(to: URL(fileURLWithPath: out.path + "/runs.txt"))

        let removed = try RetentionPolicy(keepRuns: 1, keepArchives: 1).apply(outputFolder: out.path, current: runs[2])

        #expect(removed == ["runs/" + runs[0], "runs/" + runs[1],
                            "archives/\(runs[0]).tar.gz", "archives/\(runs[1]).tar.gz"])
        #expect(Self.names(out.path + "/runs") == (foreignRuns.dropLast() + ["2020-01-02T00-00-00Z", "2020-01-03T00-00-00Z", runs[2]]).sorted())
        #expect(Self.names(out.path + "/archives") == (foreignArchives + ["2020-01-01T00-00-00Z.tar.gz",
                                                                          "\(runs[2]).tar.gz"]).sorted())
        #expect(Self.names(out.path).contains("runs.txt"))
    }

    @Test func sortsSameSecondSuffixesAsNumbers() throws {
        let base = "2026-11-28T19-00-00Z"
        let out = try Self.makeOutput(runs: [base, base + "-2", base + "-9", base + "-10"],
                                      archives: [base + "-10", base + "-9", base + "-11", base])
        let removed = try RetentionPolicy(keepRuns: 2, keepArchives: 2).apply(outputFolder: out.path, current: base + "-10")
        // As text, "-10" would sort before "-2" and "-9" and be removed.
        #expect(removed == ["runs/" + base, "runs/\(base)-2", "archives/\(base).tar.gz",
                            "archives/\(base)-9.tar.gz"])
        #expect(Self.names(out.path + "/runs") == [base + "-10", base + "-9"])
    }

    @Test func orderedRunIDsSortByTime() {
        let ordered = ["2026-11-28T19-00-00Z", "2026-11-28T19-00-00Z-2", "2026-11-28T19-00-00Z-9",
                       "2026-11-28T19-00-00Z-10", "2026-11-28T19-00-00Z-11", "2026-11-28T19-00-01Z", "2026-11-29T00-00-00Z"]
        let keys = ordered.reversed().compactMap(RetentionPolicy.runKey)
        #expect(keys.count == ordered.count)
        #expect(keys.sorted() == ordered.compactMap(RetentionPolicy.runKey))
        #expect(RetentionPolicy.runKey("2026-11-28T19-00-00Z-10") == RetentionPolicy.RunKey(timestamp: "2026-11-28T19-00-00Z", sequence: 10))
    }

    @Test(arguments: ["2026-11-28T19-00-00Z-1", "2026-11-28T19-00-00Z-0", "2026-11-28T19-00-00Z-02", "2026-11-28T19-00-00Z-",
                      "2026-11-28T19-00-00Zx", "2026-11-28T19-00-00", "2026-11-28 19-00-00Z", "2026-1a-28T19-00-00Z", "",
                      "2026-11-28T19-00-00Z-99999999999999999999"])
    func rejectsNamesThatAreNotRunIDs(name: String) {
        #expect(RetentionPolicy.runKey(name) == nil)
    }

    @Test(arguments: [
        (0, 90, ETLError.configuration(file: "--keep-runs", location: "", problem: "must be at least 1, got 0")),
        (-3, 90, ETLError.configuration(file: "--keep-runs", location: "", problem: "must be at least 1, got -3")),
        (14, 0, ETLError.configuration(file: "--keep-archives", location: "", problem: "must be at least 1, got 0")),
    ])
    func rejectsLimitsBelowOneBeforeRemovingAnything(keepRuns: Int, keepArchives: Int, expected: ETLError) throws {
        let runs = Self.runIDs(3)
        let out = try Self.makeOutput(runs: runs, archives: runs)
        #expect(throws: expected) {
            try RetentionPolicy(keepRuns: keepRuns, keepArchives: keepArchives).apply(outputFolder: out.path, current: runs[2])
        }
        #expect(Self.names(out.path + "/runs") == runs)
        #expect(Self.names(out.path + "/archives").count == 3)
    }

    @Test func anOutputFolderWithoutRunsOrArchivesHasNothingToRemove() throws {
        let out = try EmitTestFolder()
        #expect(try RetentionPolicy().apply(outputFolder: out.path, current: "2026-11-28T19-00-00Z") == [])
    }
}
