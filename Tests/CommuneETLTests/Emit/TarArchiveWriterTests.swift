import Foundation
import Glibc
import Testing
@testable import CommuneETL

@Suite struct TarArchiveWriterTests {
    static let prefix = "commune-etl-2026-11-28T19-00-00Z"
    static let vietnamese = "lùng-phình.csv"
    /// 1 MiB + 1 byte: crosses the 1 MiB read chunk and ends one byte into a tar block.
    static let big = (0..<(1024 * 1024 + 1)).map { UInt8(truncatingIfNeeded: $0 &* 31 &+ $0 >> 9) }

    /// The sample tree: nested folders, an empty file, a big file, a Vietnamese name, an empty folder,
    /// and `data.csv` beside `data/` (a "." sorts before "/").
    static let files: [(String, [UInt8])] = [
        ("big.bin", big),
        ("data.csv", Array("ma_ho,thu_nhap\n02848,1200000\n".utf8)),
        ("data/empty.txt", []),
        ("data/nested/deep.csv", Array("a,b\n1,2\n".utf8)),
        (vietnamese, Array("xã,Lùng Phình\n".utf8)),
    ]

    /// Creates the sample tree in `root`, in the given order of files (so readdir orders differ).
    static func makeTree(in root: String, reversed: Bool = false) throws {
        try FileManager.default.createDirectory(atPath: root + "/reports", withIntermediateDirectories: true)
        for (name, bytes) in reversed ? files.reversed() : files {
            let url = URL(fileURLWithPath: root + "/" + name)
            try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
            try Data(bytes).write(to: url)
        }
        #expect(chmod(root + "/data.csv", 0o600) == 0)
        #expect(chmod(root + "/reports", 0o700) == 0)
    }

    @Test func listsEveryEntrySortedWithFixedMetadataForPython() throws {
        let folder = try EmitTestFolder()
        try Self.makeTree(in: folder.path + "/run")
        let archive = folder.path + "/run.tar.gz"
        try TarArchiveWriter.write(folder: folder.path + "/run", as: Self.prefix, to: archive)

        let p = Self.prefix
        #expect(try pythonListing(archive) == [
            "\(p)|5|0|0o755|0|0|0|''|''|",
            "\(p)/big.bin|0|1048577|0o644|0|0|0|''|''|",
            "\(p)/data.csv|0|29|0o644|0|0|0|''|''|",
            "\(p)/data|5|0|0o755|0|0|0|''|''|",
            "\(p)/data/empty.txt|0|0|0o644|0|0|0|''|''|",
            "\(p)/data/nested|5|0|0o755|0|0|0|''|''|",
            "\(p)/data/nested/deep.csv|0|8|0o644|0|0|0|''|''|",
            "\(p)/\(Self.vietnamese)|0|17|0o644|0|0|0|''|''|",
            "\(p)/reports|5|0|0o755|0|0|0|''|''|",
        ])
        #expect(folder.names() == ["run", "run.tar.gz"], "no temporary file is left")
    }

    /// A `.gz` entry is stored, not compressed again: the archive is about its size, and tar reads it back.
    @Test func storesGzipEntriesAndStillExtractsThem() throws {
        let folder = try EmitTestFolder()
        try FileManager.default.createDirectory(atPath: folder.path + "/run/data", withIntermediateDirectories: true)
        let member = GzipWriter.compress(Self.big, level: 1)
        try Data(member).write(to: URL(fileURLWithPath: folder.path + "/run/data/table.csv.gz"))
        try Data(Array(String(repeating: "a,b\n", count: 10_000).utf8)).write(to: URL(fileURLWithPath: folder.path + "/run/notes.csv"))
        let archive = folder.path + "/run.tar.gz"
        try TarArchiveWriter.write(folder: folder.path + "/run", as: Self.prefix, to: archive, level: 1)
        let size = try #require(folder.contents(of: "run.tar.gz")).count
        #expect(size < member.count + 4096)
        try FileManager.default.createDirectory(atPath: folder.path + "/extracted", withIntermediateDirectories: false)
        let (status, _, errors) = try runTool("/bin/tar", ["-xzf", archive, "-C", folder.path + "/extracted"])
        #expect(status == 0 && errors == "")
        #expect(try treeSnapshot(folder.path + "/extracted/" + Self.prefix) == (try treeSnapshot(folder.path + "/run")))
    }

    @Test func gnuTarExtractsTheSameTree() throws {
        let folder = try EmitTestFolder()
        try Self.makeTree(in: folder.path + "/run")
        let archive = folder.path + "/run.tar.gz"
        try TarArchiveWriter.write(folder: folder.path + "/run", as: Self.prefix, to: archive)

        try FileManager.default.createDirectory(atPath: folder.path + "/extracted", withIntermediateDirectories: false)
        let (status, _, errors) = try runTool("/bin/tar", ["-xzf", archive, "-C", folder.path + "/extracted"])
        #expect(status == 0)
        #expect(errors == "", "no warning from tar")
        #expect(try FileManager.default.contentsOfDirectory(atPath: folder.path + "/extracted") == [Self.prefix])
        let extracted = try treeSnapshot(folder.path + "/extracted/" + Self.prefix)
        #expect(extracted == (try treeSnapshot(folder.path + "/run")))
        #expect(extracted["big.bin"] == .some(Self.big))
        #expect(extracted[Self.vietnamese] == .some(Array("xã,Lùng Phình\n".utf8)))
        #expect(extracted["reports"] == .some(nil))
    }

    @Test func sameContentsGiveTheSameBytesWhateverTheTimesAndCreationOrder() throws {
        let folder = try EmitTestFolder()
        try Self.makeTree(in: folder.path + "/first")
        try TarArchiveWriter.write(folder: folder.path + "/first", as: Self.prefix, to: folder.path + "/1.tar.gz")

        // Other modification times, and a tree created in the opposite order.
        var times = [timespec(tv_sec: 1_700_000_000, tv_nsec: 0), timespec(tv_sec: 1_800_000_000, tv_nsec: 5)]
        #expect(utimensat(AT_FDCWD, folder.path + "/first/data.csv", &times, 0) == 0)
        try TarArchiveWriter.write(folder: folder.path + "/first", as: Self.prefix, to: folder.path + "/2.tar.gz")
        try Self.makeTree(in: folder.path + "/second", reversed: true)
        try TarArchiveWriter.write(folder: folder.path + "/second", as: Self.prefix, to: folder.path + "/3.tar.gz")

        let first = try #require(folder.contents(of: "1.tar.gz"))
        #expect(first.count > 1024)
        #expect(Array(first[4..<8]) == [0, 0, 0, 0], "gzip header mtime 0")
        #expect(folder.contents(of: "2.tar.gz") == first)
        #expect(folder.contents(of: "3.tar.gz") == first)
    }

    @Test func endsWithTwoZeroBlocksAfterWholeBlocks() throws {
        let folder = try EmitTestFolder()
        try Self.makeTree(in: folder.path + "/run")
        try TarArchiveWriter.write(folder: folder.path + "/run", as: Self.prefix, to: folder.path + "/run.tar.gz")
        let tar = try gunzip(try #require(folder.contents(of: "run.tar.gz")))
        #expect(tar.count % 512 == 0)
        #expect(tar.suffix(1024) == ArraySlice(repeating: 0, count: 1024))
        #expect(tar[tar.count - 1536..<tar.count - 1024].contains { $0 != 0 }, "exactly two zero blocks")
    }

    @Test(arguments: [
        // Fits ustar's 155 + 100 split: no pax record.
        (String(repeating: "thu-muc-", count: 15) + "/" + String(repeating: "b", count: 90) + ".csv", false),
        // One 200-byte component cannot be split: pax `path` record.
        (String(repeating: "ten-rat-dai-", count: 16) + "12345678.csv", true),
    ])
    func namesLongerThan100BytesReadBack(relativePath: String, needsPax: Bool) throws {
        let folder = try EmitTestFolder()
        let url = URL(fileURLWithPath: folder.path + "/run/" + relativePath)
        try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
        try Data("x\n".utf8).write(to: url)
        let archive = folder.path + "/run.tar.gz"
        try TarArchiveWriter.write(folder: folder.path + "/run", as: Self.prefix, to: archive)

        let listing = try pythonListing(archive, showPax: true)
        let fileLine = "\(Self.prefix)/\(relativePath)|0|2|0o644|0|0|0|''|''||\(needsPax ? "path" : "")"
        #expect(listing.last == fileLine)
        try FileManager.default.createDirectory(atPath: folder.path + "/out", withIntermediateDirectories: false)
        #expect(try runTool("/bin/tar", ["-xzf", archive, "-C", folder.path + "/out"]).status == 0)
        #expect(FileManager.default.contents(atPath: folder.path + "/out/\(Self.prefix)/\(relativePath)") == Data("x\n".utf8))
    }

    @Test func symlinksAreStoredAsLinksNeverFollowed() throws {
        let outside = try EmitTestFolder()
        try Data("secret".utf8).write(to: URL(fileURLWithPath: outside.path + "/secret.txt"))
        let folder = try EmitTestFolder()
        try Self.makeTree(in: folder.path + "/run")
        #expect(symlink(outside.path, folder.path + "/run/link-to-folder") == 0)
        #expect(symlink("../big.bin", folder.path + "/run/data/link-to-file") == 0)
        let archive = folder.path + "/run.tar.gz"
        try TarArchiveWriter.write(folder: folder.path + "/run", as: Self.prefix, to: archive)

        let listing = try pythonListing(archive)
        #expect(listing.contains("\(Self.prefix)/link-to-folder|2|0|0o777|0|0|0|''|''|\(outside.path)"))
        #expect(listing.contains("\(Self.prefix)/data/link-to-file|2|0|0o777|0|0|0|''|''|../big.bin"))
        #expect(!listing.contains { $0.contains("secret") })
        let (status, names, _) = try runTool("/bin/tar", ["-tzf", archive])
        #expect(status == 0)
        let lines = names.split(separator: "\n")
        #expect(lines.count == 11)
        #expect(lines.allSatisfy { $0 == "\(Self.prefix)/" || $0.hasPrefix("\(Self.prefix)/") && !$0.contains("..") })
    }

    /// Packed in steps while later entries are still being written, the archive has the very bytes of one pass.
    @Test func packingInStepsGivesTheBytesOfOnePass() throws {
        let folder = try EmitTestFolder()
        try Self.makeTree(in: folder.path + "/run")
        try TarArchiveWriter.write(folder: folder.path + "/run", as: Self.prefix, to: folder.path + "/one.tar.gz", level: 1)
        try FileManager.default.moveItem(atPath: folder.path + "/run/reports", toPath: folder.path + "/reports")
        let archive = try TarArchiveWriter(folder: folder.path + "/run", as: Self.prefix, to: folder.path + "/steps.tar.gz", level: 1)
        try archive.archiveEntries(before: "data/")
        // A temporary file beyond the bound comes and goes meanwhile: never looked at.
        try Data("x".utf8).write(to: URL(fileURLWithPath: folder.path + "/run/reports.tmp-1"))
        try archive.archiveEntries(before: "lz")
        try FileManager.default.removeItem(atPath: folder.path + "/run/reports.tmp-1")
        try FileManager.default.moveItem(atPath: folder.path + "/reports", toPath: folder.path + "/run/reports")
        #expect(!FileManager.default.fileExists(atPath: folder.path + "/steps.tar.gz"), "not under its name before publish()")
        try archive.finish()
        try archive.publish()
        #expect(folder.contents(of: "steps.tar.gz") == folder.contents(of: "one.tar.gz"))
    }

    /// An entry that appears where the archive is already written fails the archive instead of being left out.
    @Test func anEntryAppearingAmongThosePackedFails() throws {
        let folder = try EmitTestFolder()
        try Self.makeTree(in: folder.path + "/run")
        let archive = try TarArchiveWriter(folder: folder.path + "/run", as: "p", to: folder.path + "/a.tar.gz")
        try archive.archiveEntries(before: "data/")
        try Data("late".utf8).write(to: URL(fileURLWithPath: folder.path + "/run/aaa.csv"))
        #expect(throws: ETLError.self) { try archive.finish() }
        archive.discard()
        #expect(folder.names() == ["run"])
    }

    @Test func replacesAnExistingArchiveAndKeepsNoTemporary() throws {
        let folder = try EmitTestFolder()
        try FileManager.default.createDirectory(atPath: folder.path + "/run", withIntermediateDirectories: false)
        try Data("old".utf8).write(to: URL(fileURLWithPath: folder.path + "/run.tar.gz"))
        try TarArchiveWriter.write(folder: folder.path + "/run", as: "p", to: folder.path + "/run.tar.gz", level: 9, mtime: 1_795_000_000)
        #expect(try pythonListing(folder.path + "/run.tar.gz") == ["p|5|0|0o755|1795000000|0|0|''|''|"])
        #expect(folder.names() == ["run", "run.tar.gz"])
    }

    @Test func aMissingFolderThrowsAndWritesNothing() throws {
        let folder = try EmitTestFolder()
        #expect(throws: OutputError.read(path: folder.path + "/missing", errno: ENOENT)) {
            try TarArchiveWriter.write(folder: folder.path + "/missing", as: "p", to: folder.path + "/a.tar.gz")
        }
        #expect(folder.names() == [])
    }

    @Test func anUnwritableDestinationThrowsAndLeavesNoTemporary() throws {
        let folder = try EmitTestFolder()
        try FileManager.default.createDirectory(atPath: folder.path + "/run", withIntermediateDirectories: false)
        let path = folder.path + "/no-such-folder/a.tar.gz"
        #expect(throws: OutputError.create(path: path + ".tmp-\(getpid())", errno: ENOENT)) {
            try TarArchiveWriter.write(folder: folder.path + "/run", as: "p", to: path)
        }
        #expect(folder.names() == ["run"])
    }
}

/// Runs a tool and returns its exit status, standard output and standard error (small outputs only:
/// error is read after output).
func runTool(_ executable: String, _ arguments: [String]) throws -> (status: Int32, output: String, errors: String) {
    let process = Process()
    process.executableURL = URL(fileURLWithPath: executable)
    process.arguments = arguments
    let outputPipe = Pipe()
    let errorPipe = Pipe()
    process.standardOutput = outputPipe
    process.standardError = errorPipe
    try process.run()
    let output = outputPipe.fileHandleForReading.readDataToEndOfFile()
    let errors = errorPipe.fileHandleForReading.readDataToEndOfFile()
    process.waitUntilExit()
    return (process.terminationStatus, String(decoding: output, as: UTF8.self), String(decoding: errors, as: UTF8.self))
}

/// Python's `tarfile` view of an archive, one `name|type|size|mode|mtime|uid|gid|uname|gname|link` line
/// per member (with `|<pax keys>` when `showPax`).
func pythonListing(_ archive: String, showPax: Bool = false) throws -> [String] {
    let script = """
        import tarfile, sys
        with tarfile.open(sys.argv[1], 'r:*') as t:
            for m in t.getmembers():
                fields = [m.name, m.type.decode(), m.size, oct(m.mode), m.mtime, m.uid, m.gid, repr(m.uname), repr(m.gname), m.linkname]
                if sys.argv[2] == '1': fields.append(','.join(sorted(m.pax_headers)))
                print(*fields, sep='|')
        """
    let (status, output, errors) = try runTool("/usr/bin/python3", ["-c", script, archive, showPax ? "1" : "0"])
    #expect(status == 0, "python3 tarfile reads \(archive): \(errors)")
    return output.split(separator: "\n").map(String.init)
}

/// Every entry below `root` by relative path: a file's bytes, or nil for a folder.
func treeSnapshot(_ root: String) throws -> [String: [UInt8]?] {
    var result: [String: [UInt8]?] = [:]
    for relative in try FileManager.default.subpathsOfDirectory(atPath: root) {
        var isFolder: ObjCBool = false
        _ = FileManager.default.fileExists(atPath: root + "/" + relative, isDirectory: &isFolder)
        result[relative] = isFolder.boolValue ? .some(nil) : FileManager.default.contents(atPath: root + "/" + relative).map { Array($0) }
    }
    return result
}
