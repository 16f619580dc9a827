@testable import CommuneETL
import Foundation
import Testing

@Suite struct SampleInboxTests {
    static let expectedFiles: Set<String> = [
        "household-review/2023/bac-ha.csv", "household-review/2023/ta-van-chu.csv",
        "household-review/2023/coc-ly.csv", "household-review/2023/nam-det.csv",
        "household-review/2024/bac-ha.csv", "household-review/2024/ta-van-chu.csv",
        "household-review/2024/coc-ly.csv", "household-review/2024/nam-det.csv",
        "lung-phinh-2022.csv",
    ]

    private func writtenInbox() throws -> URL {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("sample-inbox-\(UUID().uuidString)")
        try HouseholdSampleGenerator.writeSampleInbox(to: folder.path, communes: SampleFixtures.communes,
                                                             tables: EncodingFixtures.tables)
        return folder
    }

    private func files(under folder: URL) -> Set<String> {
        let paths = FileManager.default.enumerator(atPath: folder.path)?.compactMap { $0 as? String } ?? []
        return Set(paths.filter { path in
            var isFolder: ObjCBool = false
            _ = FileManager.default.fileExists(atPath: folder.appendingPathComponent(path).path, isDirectory: &isFolder)
            return !isFolder.boolValue
        })
    }

    @Test func writesTheNineListsTheSummariesAndTheReportsAndNothingElse() throws {
        let folder = try writtenInbox()
        defer { try? FileManager.default.removeItem(at: folder) }
        let written = files(under: folder)
        #expect(written.filter { $0.hasPrefix("household-review/") || $0.hasPrefix("lung") } == Self.expectedFiles)
        #expect(written.count == 9 + 82 + 81)
        #expect(written == Set(SampleInboxFixtures.content.files.map(\.path)))
        let bytes = try written.reduce(0) { $0 + (try Data(contentsOf: folder.appendingPathComponent($1)).count) }
        #expect(bytes < 2_000_000)
    }

    @Test func filesHoldOneCommuneYearOfSmallSize() throws {
        let folder = try writtenInbox()
        defer { try? FileManager.default.removeItem(at: folder) }
        for path in Self.expectedFiles {
            let csv = try [UInt8](Data(contentsOf: folder.appendingPathComponent(path)))
            let (header, rows) = SampleFixtures.rows(csv, lineEnding: path.hasSuffix("nam-det.csv") ? "\n" : "\r\n")
            #expect(header == HouseholdSampleGenerator.header)
            #expect((150...600).contains(rows.count), "\(path): \(rows.count)")
            let year = path.hasPrefix("lung") ? "2022" : String(path.split(separator: "/")[1])
            #expect(Set(rows.map { $0[1].dropFirst(6).prefix(4) }) == [Substring(year)], "\(path)")
            if path.hasSuffix("ta-van-chu.csv") { #expect(!rows.contains { $0[6] == "Tả Van Chư" }) }
        }
    }

    @Test func writesTheSameBytesEveryTime() throws {
        let first = try writtenInbox(), second = try writtenInbox()
        defer { for folder in [first, second] { try? FileManager.default.removeItem(at: folder) } }
        for path in files(under: first) {
            #expect(try Data(contentsOf: first.appendingPathComponent(path))
                    == Data(contentsOf: second.appendingPathComponent(path)), "\(path)")
        }
    }

    @Test func refusesWithoutTheCommunesItNeeds() {
        #expect(throws: HouseholdSampleError.missingCommune(code: "02839")) {
            try HouseholdSampleGenerator.writeSampleInbox(to: "/nonexistent", communes: [], tables: EncodingFixtures.tables)
        }
    }
}
