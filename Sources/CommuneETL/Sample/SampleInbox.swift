internal import Foundation

extension HouseholdSampleGenerator {
    /// Communes of the demo inbox: the town (urban line), Tả Van Chư (every row spelled differently),
    /// Cốc Ly, and Nậm Đét (exported without BOM and with LF, as some tools do).
    private static let inboxCommunes = ["02839", "02851", "02878", "02884"]
    private static let inboxYears = [2023, 2024]

    /// Writes a small, realistic inbox for demos: `household-review/<year>/<commune-slug>.csv` for four
    /// communes × 2023 and 2024, plus `lung-phinh-2022.csv` in the root (to be routed by its header).
    ///
    /// Files hold 150–600 households, 1 % of them faulty, each from its own seed; the same call always
    /// writes the same bytes. Existing files of these names are replaced; nothing else is touched.
    /// - Throws: `HouseholdSampleError.missingCommune` unless `communes` holds 02839, 02848, 02851, 02878
    ///   and 02884; file-system errors.
    public static func writeSampleInbox(to folder: String, communes: [SampleCommune]) throws {
        func commune(_ code: String) throws -> SampleCommune {
            guard let found = communes.first(where: { $0.code == code }) else {
                throw HouseholdSampleError.missingCommune(code: code)
            }
            return found
        }
        var files: [(path: String, commune: SampleCommune, year: Int)] = []
        for year in inboxYears {
            for code in inboxCommunes {
                let unit = try commune(code)
                files.append(("household-review/\(year)/\(slug(unit.name)).csv", unit, year))
            }
        }
        files.append(("lung-phinh-2022.csv", try commune("02848"), 2022))

        var sizes = SampleRandom(seed: 2_024)
        let root = URL(fileURLWithPath: folder, isDirectory: true)
        for (index, file) in files.enumerated() {
            var options = HouseholdSampleOptions(rows: 150 + sizes.below(451), seed: 20_240_001 + UInt64(index),
                                                 communes: [file.commune])
            options.years = file.year...file.year
            options.faultRate = 0.01
            options.sourceFile = file.path
            if file.commune.code == "02851" { options.misspelledCommuneRate = 1 }
            if file.commune.code == "02884" {
                options.byteOrderMark = false
                options.lineEnding = "\n"
            }
            let url = root.appendingPathComponent(file.path)
            try FileManager.default.createDirectory(at: url.deletingLastPathComponent(),
                                                    withIntermediateDirectories: true)
            try Data(generateInMemory(options).csv).write(to: url)
        }
    }

    /// A file name from a commune name: ASCII, lower case, no diacritics, `đ` → `d`, spaces → `-`
    /// (`Nậm Đét` → `nam-det`).
    private static func slug(_ name: String) -> String {
        SampleBytes.fold(name).split(separator: " ").joined(separator: "-")
    }
}
