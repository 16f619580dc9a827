import Foundation
import Glibc
import Testing
@testable import CommuneETL

@Suite struct OutputFileTests {
    @Test func writesBytesStringsAndLargeBlocksInOrder() throws {
        let folder = try EmitTestFolder()
        let path = folder.path + "/out.csv"
        let large = (0..<300_000).map { UInt8(truncatingIfNeeded: $0 % 251) }
        let file = try OutputFile(creatingAt: path)
        try file.write("mã_xã,tên\n")
        try file.write([0x41, 0x42])
        try large.withUnsafeBytes { try file.write($0) }
        try file.write("\n")
        try file.close()

        var expected = Array("mã_xã,tên\n".utf8) + [0x41, 0x42]
        expected += large
        expected.append(0x0A)
        #expect(file.bytesWritten == expected.count)
        #expect(folder.contents(of: "out.csv") == expected)
    }

    @Test func refusesToOverwriteAnExistingFile() throws {
        let folder = try EmitTestFolder()
        let path = folder.path + "/exists.csv"
        try Data("old".utf8).write(to: URL(fileURLWithPath: path))
        #expect(throws: OutputError.create(path: path, errno: EEXIST)) {
            try OutputFile(creatingAt: path)
        }
        #expect(folder.contents(of: "exists.csv") == Array("old".utf8))
    }

    @Test func closeTwiceIsHarmless() throws {
        let folder = try EmitTestFolder()
        let file = try OutputFile(creatingAt: folder.path + "/a.txt")
        try file.write("x")
        try file.close()
        try file.close()
        #expect(folder.contents(of: "a.txt") == [0x78])
    }

    @Test func forgottenCloseStillKeepsWrittenBytes() throws {
        let folder = try EmitTestFolder()
        do {
            let file = try OutputFile(creatingAt: folder.path + "/a.txt")
            try file.write("abc")
        }
        #expect(folder.contents(of: "a.txt") == Array("abc".utf8))
    }

    @Test func fullDiskOnFlushIsAWriteErrorWithENOSPC() throws {
        let fd = open("/dev/full", O_WRONLY | O_CLOEXEC)
        try #require(fd >= 0)
        let file = OutputFile(fileDescriptor: fd, path: "/dev/full")
        try file.write("small, still buffered")
        #expect(throws: OutputError.write(path: "/dev/full", errno: 28)) { try file.close() }
    }

    @Test func fullDiskOnLargeWriteThrowsAtOnce() throws {
        let fd = open("/dev/full", O_WRONLY | O_CLOEXEC)
        try #require(fd >= 0)
        let file = OutputFile(fileDescriptor: fd, path: "/dev/full")
        #expect(throws: OutputError.write(path: "/dev/full", errno: ENOSPC)) {
            try file.write([UInt8](repeating: 0, count: 300_000))
        }
    }

    static let descriptions: [(OutputError, String)] = [
        (.create(path: "out/x.csv", errno: EEXIST), "cannot create out/x.csv: File exists"),
        (.write(path: "out/x.csv", errno: ENOSPC), "cannot write out/x.csv: No space left on device"),
        (.sync(path: "out", errno: EIO), "cannot sync out to disk: Input/output error"),
        (.rename(from: "a.tmp", to: "a", errno: EXDEV), "cannot rename a.tmp to a: Invalid cross-device link"),
        (.read(path: "in.csv", errno: ENOENT), "cannot read in.csv: No such file or directory"),
        (.directory(path: "out", errno: EACCES), "cannot create folder out: Permission denied"),
        (.remove(path: "old", errno: ENOTEMPTY), "cannot remove old: Directory not empty"),
        (.symlink(path: "latest", errno: EEXIST), "cannot create symbolic link latest: File exists"),
    ]

    @Test(arguments: descriptions)
    func describesErrorsInOneEnglishLine(error: OutputError, expected: String) {
        #expect(error.description == expected)
    }
}

/// A fresh folder under the system temporary folder, removed when the value is released.
final class EmitTestFolder {
    let path: String

    init() throws {
        var template = Array("\(NSTemporaryDirectory())/commune-etl-emit-XXXXXX".utf8CString)
        let made = template.withUnsafeMutableBufferPointer { mkdtemp($0.baseAddress!) != nil }
        guard made else { throw OutputError.directory(path: NSTemporaryDirectory(), errno: errno) }
        path = String(decoding: template.dropLast().map { UInt8(bitPattern: $0) }, as: UTF8.self)
    }

    deinit {
        try? FileManager.default.removeItem(atPath: path)
    }

    /// The bytes of a file in this folder, or nil if it cannot be read.
    func contents(of name: String) -> [UInt8]? {
        FileManager.default.contents(atPath: path + "/" + name).map { [UInt8]($0) }
    }

    /// The names in this folder, sorted.
    func names() -> [String] {
        ((try? FileManager.default.contentsOfDirectory(atPath: path)) ?? []).sorted()
    }
}
