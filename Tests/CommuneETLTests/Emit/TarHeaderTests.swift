import Foundation
import Testing
@testable import CommuneETL

@Suite struct TarHeaderTests {
    static let paxName = Array("p/PaxHeader".utf8)
    static let splitName = "p/" + String(repeating: "thu-muc-", count: 15) + "/" + String(repeating: "b", count: 90) + ".csv"

    /// Python writes the same ustar fields (uid/gid 0, empty owner names, octal with NUL), so for
    /// names ustar can hold its header must equal ours byte for byte.
    @Test(arguments: [
        ("p/a.csv", "0", 5, 0, ""),
        ("p/lùng-phình.csv", "0", 1_048_577, 1_795_000_000, ""),
        ("p/data/", "5", 0, 0, ""),
        ("p/data/link", "2", 0, 0, "../big.bin"),
        (splitName, "0", 2, 0, ""),
    ])
    func matchesPythonUstarHeaders(name: String, type: String, size: Int, mtime: Int, link: String) throws {
        let kind: TarHeader.Kind = switch type {
        case "5": .folder
        case "2": .symlink(target: Array(link.utf8))
        default: .file(size: size)
        }
        let ours = TarHeader(name: Array(name.utf8), kind: kind, mtime: mtime, paxName: Self.paxName).encoded()
        let script = """
            import tarfile, sys
            info = tarfile.TarInfo(sys.argv[1])
            info.type = sys.argv[2].encode()
            info.size = int(sys.argv[3])
            info.mtime = int(sys.argv[4])
            info.linkname = sys.argv[5]
            info.mode = {'0': 0o644, '5': 0o755, '2': 0o777}[sys.argv[2]]
            sys.stdout.write(info.tobuf(tarfile.USTAR_FORMAT, 'utf-8', 'surrogateescape').hex())
            """
        let (status, hex, errors) = try runTool("/usr/bin/python3", ["-c", script, name, type, String(size), String(mtime), link])
        #expect(status == 0, "\(errors)")
        #expect(ours.count == 512)
        #expect(ours.map { String(format: "%02x", $0) }.joined() == hex)
    }

    @Test func sizesOf8GiBGoInAPaxRecordThatPythonReads() throws {
        let size = 8 * 1024 * 1024 * 1024
        let header = TarHeader(name: Array("p/huge.csv.gz".utf8), kind: .file(size: size), mtime: 0, paxName: Self.paxName)
        let folder = try EmitTestFolder()
        // The header, then a sparse hole standing for the data and the two end blocks (no disk used).
        let path = folder.path + "/huge.tar"
        try Data(header.encoded()).write(to: URL(fileURLWithPath: path))
        let file = try FileHandle(forWritingTo: URL(fileURLWithPath: path))
        try file.truncate(atOffset: UInt64(header.encoded().count + size + 1024))
        try file.close()
        #expect(try pythonListing(path, showPax: true) == ["p/huge.csv.gz|0|\(size)|0o644|0|0|0|''|''||size"])
    }

    @Test func linkTargetsOver100BytesGoInAPaxRecord() throws {
        let target = "../" + String(repeating: "xa-lung-phinh/", count: 10)
        let header = TarHeader(name: Array("p/link".utf8), kind: .symlink(target: Array(target.utf8)), mtime: 0, paxName: Self.paxName)
        let folder = try EmitTestFolder()
        try Data(header.encoded() + [UInt8](repeating: 0, count: 1024)).write(to: URL(fileURLWithPath: folder.path + "/link.tar"))
        #expect(try pythonListing(folder.path + "/link.tar", showPax: true) == ["p/link|2|0|0o777|0|0|0|''|''|\(target)|linkpath"])
    }

    /// The record length counts its own digits: a 91-byte value makes 98 bytes + digits, and 100 would
    /// need a third digit, so the length jumps from 99 to 101.
    @Test(arguments: [(90, "99 path="), (91, "101 path="), (92, "102 path="), (1, "9 path=")])
    func paxRecordLengthCountsItsOwnDigits(valueLength: Int, expectedStart: String) {
        let body = TarHeader.paxBody([("path", [UInt8](repeating: UInt8(ascii: "a"), count: valueLength))])
        #expect(body.starts(with: Array(expectedStart.utf8)))
        #expect(String(body.count) + " path=" == expectedStart)
        #expect(body.last == UInt8(ascii: "\n"))
    }

    @Test(arguments: [
        (String(repeating: "a", count: 100), "", String(repeating: "a", count: 100)),
        (String(repeating: "a", count: 60) + "/" + String(repeating: "b", count: 60), String(repeating: "a", count: 60), String(repeating: "b", count: 60)),
        // A folder's trailing "/" can never be the split point: the name part would be empty.
        (String(repeating: "a", count: 120) + "/", nil, nil),
        (String(repeating: "a", count: 156) + "/b", nil, nil),
        (String(repeating: "a", count: 155) + "/b", String(repeating: "a", count: 155), "b"),
        (String(repeating: "a", count: 101), nil, nil),
    ] as [(String, String?, String?)])
    func splitsNamesAtTheShortestPrefixThatFits(path: String, prefix: String?, name: String?) {
        let split = TarHeader.split(Array(path.utf8))
        #expect(split.map { String(decoding: $0.prefix, as: UTF8.self) } == prefix)
        #expect(split.map { String(decoding: $0.name, as: UTF8.self) } == name)
    }

    @Test func truncationNeverCutsAUTF8Sequence() {
        let bytes = Array((String(repeating: "a", count: 99) + "ù").utf8)  // "ù" is bytes 99 and 100
        #expect(TarHeader.truncated(bytes, to: 100) == Array(String(repeating: "a", count: 99).utf8))
        #expect(TarHeader.truncated(Array("abc".utf8), to: 100) == Array("abc".utf8))
    }
}
