import Foundation
import Glibc
import Testing
@testable import CommuneETL

@Suite struct DurableFileSystemTests {
    @Test func writeAtomicallyReplacesTheFileAndLeavesNoTemporary() throws {
        let folder = try EmitTestFolder()
        let path = folder.path + "/datapackage.json"
        try DurableFileSystem.writeAtomically(Array("old".utf8), to: path)
        try DurableFileSystem.writeAtomically(Array("{\"new\": true}".utf8), to: path)
        #expect(folder.contents(of: "datapackage.json") == Array("{\"new\": true}".utf8))
        #expect(folder.names() == ["datapackage.json"])
    }

    @Test func linkOrCopyGivesTheSameBytesAndReplacesAnOldFile() throws {
        let folder = try EmitTestFolder()
        let bytes = Array("part bytes\n".utf8)
        try DurableFileSystem.writeAtomically(bytes, to: folder.path + "/part.gz")
        try DurableFileSystem.writeAtomically(Array("stale".utf8), to: folder.path + "/cached.gz")
        try DurableFileSystem.linkOrCopyAtomically(from: folder.path + "/part.gz", to: folder.path + "/cached.gz")
        #expect(folder.contents(of: "cached.gz") == bytes)
        // Removing the first name (the run's staging part) leaves the cached one whole.
        try DurableFileSystem.removeTree(folder.path + "/part.gz")
        #expect(folder.contents(of: "cached.gz") == bytes)
        #expect(folder.names() == ["cached.gz"])
    }

    /// Unsynced writes (the cache's) still replace the file whole, through a temporary name.
    @Test func unsyncedWritesStillReplaceTheFileWhole() throws {
        let folder = try EmitTestFolder()
        let path = folder.path + "/ledgers.bin"
        try DurableFileSystem.writeAtomically(Array("old".utf8), to: path)
        try DurableFileSystem.writeAtomically(to: path, syncing: false) { try $0.write(Array("new".utf8)) }
        #expect(folder.contents(of: "ledgers.bin") == Array("new".utf8))
        #expect(folder.names() == ["ledgers.bin"])
    }

    /// Files left to a `DeferredSync` are in place, whole, at once; `syncAll` syncs each once, then forgets
    /// them, and reports a file that went missing in between rather than passing over it.
    @Test func deferredSyncWritesInPlaceAndSyncsOnceAtTheEnd() throws {
        let folder = try EmitTestFolder()
        let sync = DeferredSync()
        try DurableFileSystem.writeAtomically(to: folder.path + "/state.csv", deferredSync: sync) { try $0.write(Array("a,b\n".utf8)) }
        try DurableFileSystem.writeAtomically(to: folder.path + "/anomalies.csv", deferredSync: sync) { try $0.write(Array("c\n".utf8)) }
        #expect(folder.contents(of: "state.csv") == Array("a,b\n".utf8))
        #expect(folder.names() == ["anomalies.csv", "state.csv"])
        try sync.syncAll()
        try sync.syncAll()  // nothing left: no error for files synced already
        try DurableFileSystem.writeAtomically(to: folder.path + "/gone.csv", deferredSync: sync) { try $0.write([0x31]) }
        _ = unlink(folder.path + "/gone.csv")
        #expect(throws: OutputError.sync(path: folder.path + "/gone.csv", errno: ENOENT)) { try sync.syncAll() }
    }

    @Test func writeAtomicallyIntoAMissingFolderFailsCleanly() throws {
        let folder = try EmitTestFolder()
        let path = folder.path + "/missing/x.json"
        #expect(throws: OutputError.create(path: path + ".tmp-\(getpid())", errno: ENOENT)) {
            try DurableFileSystem.writeAtomically([0x31], to: path)
        }
        #expect(folder.names() == [])
    }

    @Test func replaceSymlinkCreatesThenSwapsTheTarget() throws {
        let folder = try EmitTestFolder()
        let link = folder.path + "/latest"
        try DurableFileSystem.replaceSymlink(at: link, pointingTo: "runs/2024-06-30")
        #expect(try FileManager.default.destinationOfSymbolicLink(atPath: link) == "runs/2024-06-30")
        try DurableFileSystem.replaceSymlink(at: link, pointingTo: "runs/2024-07-01")
        #expect(try FileManager.default.destinationOfSymbolicLink(atPath: link) == "runs/2024-07-01")
        #expect(folder.names() == ["latest"])
    }

    @Test func removeTreeDoesNotFollowSymlinksOutOfTheTree() throws {
        let outside = try EmitTestFolder()
        try DurableFileSystem.writeAtomically(Array("keep".utf8), to: outside.path + "/keep.txt")
        let folder = try EmitTestFolder()
        let tree = folder.path + "/run"
        try DurableFileSystem.makeDirectory(tree)
        try DurableFileSystem.makeDirectory(tree + "/nested")
        try DurableFileSystem.writeAtomically([0x31], to: tree + "/nested/a.csv")
        try DurableFileSystem.writeAtomically([0x32], to: tree + "/b.csv")
        #expect(symlink(outside.path, tree + "/link-to-folder") == 0)
        #expect(symlink(outside.path + "/keep.txt", tree + "/nested/link-to-file") == 0)

        try DurableFileSystem.removeTree(tree)

        #expect(folder.names() == [])
        #expect(outside.names() == ["keep.txt"])
        #expect(outside.contents(of: "keep.txt") == Array("keep".utf8))
    }

    @Test func removeTreeOnASymlinkRemovesOnlyTheLink() throws {
        let outside = try EmitTestFolder()
        try DurableFileSystem.writeAtomically([0x31], to: outside.path + "/keep.txt")
        let folder = try EmitTestFolder()
        #expect(symlink(outside.path, folder.path + "/link") == 0)
        try DurableFileSystem.removeTree(folder.path + "/link")
        #expect(folder.names() == [])
        #expect(outside.names() == ["keep.txt"])
    }

    @Test func removeTreeOfNothingSucceeds() throws {
        let folder = try EmitTestFolder()
        try DurableFileSystem.removeTree(folder.path + "/absent")
    }

    @Test func makeDirectoryAcceptsAnExistingFolderButNotAFile() throws {
        let folder = try EmitTestFolder()
        try DurableFileSystem.makeDirectory(folder.path + "/out")
        try DurableFileSystem.makeDirectory(folder.path + "/out")
        try DurableFileSystem.writeAtomically([0x31], to: folder.path + "/file")
        #expect(throws: OutputError.directory(path: folder.path + "/file", errno: EEXIST)) {
            try DurableFileSystem.makeDirectory(folder.path + "/file")
        }
        #expect(folder.names() == ["file", "out"])
    }

    @Test func renameMovesTheFile() throws {
        let folder = try EmitTestFolder()
        try DurableFileSystem.writeAtomically([0x31], to: folder.path + "/a")
        try DurableFileSystem.rename(folder.path + "/a", to: folder.path + "/b")
        #expect(folder.names() == ["b"])
        #expect(throws: OutputError.rename(from: folder.path + "/a", to: folder.path + "/c", errno: ENOENT)) {
            try DurableFileSystem.rename(folder.path + "/a", to: folder.path + "/c")
        }
    }

    @Test func fsyncDirectoryOfAMissingFolderThrowsSync() {
        #expect(throws: OutputError.sync(path: "/nonexistent-folder", errno: ENOENT)) {
            try DurableFileSystem.fsyncDirectory("/nonexistent-folder")
        }
    }

    @Test(arguments: [
        ("out/x.csv", "out"), ("x.csv", "."), ("/x", "/"), ("/a/b/", "/a"), ("a/b/c", "a/b"),
    ])
    func parentDirectoryOfPaths(path: String, parent: String) {
        #expect(DurableFileSystem.parentDirectory(of: path) == parent)
    }
}
