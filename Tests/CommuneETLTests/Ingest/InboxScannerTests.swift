import Foundation
import Testing
@testable import CommuneETL

struct InboxScannerTests {
    private static let pipelines = ["household-review", "poverty-summary"]

    /// An inbox holding one file at each of `paths` (a trailing `/` makes a folder instead).
    private static func inbox(_ paths: [String]) throws -> ScratchFolder {
        let folder = try ScratchFolder()
        for path in paths {
            if path.hasSuffix("/") { try folder.makeFolder(path) } else { try folder.write(path, "STT\n") }
        }
        return folder
    }

    private static func scan(_ folder: ScratchFolder) throws -> (inputs: [String], skipped: [String]) {
        let (inputs, skipped) = try InboxScanner.scan(inbox: folder.path, pipelines: pipelines)
        for input in inputs { #expect(input.absolutePath == folder.path + "/" + input.relativePath) }
        return (inputs.map { "\($0.relativePath) → \($0.pipeline ?? "nil")" }, skipped)
    }

    @Test func acceptancesAndCorrectionsAreNeverRoutedAsData() throws {
        let folder = try Self.inbox([
            "acceptances.csv", "corrections/household-review/bac-ha.csv", "corrections/fix.csv", "root.csv",
        ])
        #expect(try Self.scan(folder).inputs == ["root.csv → nil"])
        #expect(try Self.scan(folder).skipped == [])
    }

    @Test func filesUnderAPipelineFolderAtAnyDepthTakeThatPipeline() throws {
        let folder = try Self.inbox([
            "household-review/2023/bac-ha.csv", "household-review/2023/thôn/sín-chải/coc-ly.CSV",
            "household-review/top.txt", "poverty-summary/2024/nam-det.csv",
        ])
        #expect(try Self.scan(folder).inputs == [
            "household-review/2023/bac-ha.csv → household-review",
            "household-review/2023/thôn/sín-chải/coc-ly.CSV → household-review",
            "household-review/top.txt → household-review",
            "poverty-summary/2024/nam-det.csv → poverty-summary",
        ])
    }

    @Test func filesAtTheRootHaveNoPipelineWhateverTheCaseOfTheirExtension() throws {
        let folder = try Self.inbox(["lung-phinh-2022.csv", "EXPORT.TXT", "mixed.Csv"])
        #expect(try Self.scan(folder).inputs == ["EXPORT.TXT → nil", "lung-phinh-2022.csv → nil", "mixed.Csv → nil"])
    }

    @Test func otherExtensionsAndUnknownFoldersAreIgnoredAndHiddenInputsSkippedWithAReason() throws {
        let folder = try Self.inbox([
            ".upload.csv", "household-review/2023/.~lock.bac-ha.csv#", "household-review/2023/.partial.csv",
            "household-review/.staging/a.csv", "household-review/2023/bac-ha.xlsx", "household-review/2023/notes.md",
            "household-review/2023/csv", "readme.md", "data.csv.gz", "other-kind/2023/x.csv", "2023/y.csv",
            "Household-Review/2023/z.csv", "household-review/2023/empty-folder/", "keep.csv",
        ])
        let result = try Self.scan(folder)
        #expect(result.inputs == ["keep.csv → nil"])
        let reason = ": a hidden file (an editor's lock file or an upload in progress), not read"
        #expect(result.skipped == [".upload.csv" + reason, "household-review/2023/.partial.csv" + reason])
    }

    @Test func symbolicLinksAreSkippedWithAReason() throws {
        let folder = try Self.inbox(["household-review/2023/bac-ha.csv", "outside/real.csv", "outside/folder/"])
        try FileManager.default.createSymbolicLink(
            atPath: folder.path + "/household-review/2023/link.csv", withDestinationPath: folder.path + "/household-review/2023/bac-ha.csv")
        try FileManager.default.createSymbolicLink(
            atPath: folder.path + "/household-review/2024", withDestinationPath: folder.path + "/outside/folder")
        try FileManager.default.createSymbolicLink(atPath: folder.path + "/root-link.csv", withDestinationPath: folder.path + "/outside/real.csv")
        try FileManager.default.createSymbolicLink(atPath: folder.path + "/dangling.csv", withDestinationPath: folder.path + "/nowhere.csv")
        let result = try Self.scan(folder)
        #expect(result.inputs == ["household-review/2023/bac-ha.csv → household-review"])
        #expect(result.skipped == [
            "dangling.csv: a symbolic link, not followed",
            "household-review/2023/link.csv: a symbolic link, not followed",
            "household-review/2024: a symbolic link, not followed",
            "root-link.csv: a symbolic link, not followed",
        ])
    }

    @Test func aSymbolicLinkToAPipelineFolderIsNotFollowed() throws {
        let folder = try Self.inbox(["elsewhere/2023/a.csv"])
        try FileManager.default.createSymbolicLink(atPath: folder.path + "/household-review", withDestinationPath: folder.path + "/elsewhere")
        let result = try Self.scan(folder)
        #expect(result.inputs.isEmpty)
        #expect(result.skipped == ["household-review: a symbolic link, not followed"])
    }

    @Test func inputsAreSortedByTheBytesOfTheirPath() throws {
        let folder = try Self.inbox([
            "z.csv", "B.csv", "a.csv", "household-review/2024/a.csv", "household-review/2023/z.csv",
            "household-review/2023/Z.csv", "household-review/2023/ä.csv", "household-review/2023/a-b.csv",
            "household-review/2023/a.csv", "household-review/2023/a/b.csv",
        ])
        #expect(try Self.scan(folder).inputs.map { String($0.prefix { $0 != " " }) } == [
            "B.csv", "a.csv",
            "household-review/2023/Z.csv", "household-review/2023/a-b.csv", "household-review/2023/a.csv",
            "household-review/2023/a/b.csv", "household-review/2023/z.csv", "household-review/2023/ä.csv",
            "household-review/2024/a.csv", "z.csv",
        ])
    }

    @Test func aMissingInboxThrowsInboxUnreadable() throws {
        let folder = try ScratchFolder()
        let missing = folder.path + "/no-inbox"
        #expect(throws: ETLError.inboxUnreadable(path: missing, reason: "no such folder")) {
            try InboxScanner.scan(inbox: missing, pipelines: Self.pipelines)
        }
    }

    @Test func anInboxThatIsAFileThrowsInboxUnreadable() throws {
        let folder = try ScratchFolder()
        let file = try folder.write("inbox", "not a folder")
        #expect(throws: ETLError.inboxUnreadable(path: file, reason: "no such folder")) {
            try InboxScanner.scan(inbox: file, pipelines: Self.pipelines)
        }
    }

    @Test func anEmptyInboxGivesNoInputs() throws {
        let folder = try ScratchFolder()
        let (inputs, skipped) = try InboxScanner.scan(inbox: folder.path, pipelines: Self.pipelines)
        #expect(inputs.isEmpty)
        #expect(skipped.isEmpty)
    }
}
