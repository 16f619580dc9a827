internal import Foundation

extension HouseholdSampleGenerator {
    /// Writes a small, realistic inbox for demos (`SampleInboxContent` builds it):
    /// - `household-review/<year>/<commune-slug>.csv` for Bắc Hà (the town's urban line), Tả Van Chư (every
    ///   row's commune spelled differently), Cốc Ly and Nậm Đét (no BOM, LF) × 2023 and 2024, plus
    ///   `lung-phinh-2022.csv` in the root (routed by its header). 150–600 households each, 1 % faulty.
    /// - `poverty-summary/<year>/<commune-slug>.csv`: one commune summary per reporting unit and year,
    ///   2021–2025 (`SampleReportingUnit`), agreeing with the household lists of the same commune and year.
    /// - `indicator-report/<year>/<commune-slug>.csv`: one indicator report per reporting unit and year.
    /// - Two of those at the root, and ten planted faults (`SampleInboxPlan`).
    ///
    /// Summaries and reports come in every encoding and layout real exports use. The same call always
    /// writes the same bytes. Existing files of these names are replaced; nothing else is touched.
    /// - Parameter tables: the engine's encoding tables (VNI files are written with its table).
    /// - Throws: `HouseholdSampleError.missingCommune` unless `communes` holds the 19 plan units;
    ///   file-system errors.
    public static func writeSampleInbox(to folder: String, communes: [SampleCommune], tables: EncodingTables) throws {
        let content = try SampleInboxContent(communes: communes, tables: tables)
        let root = URL(fileURLWithPath: folder, isDirectory: true)
        for file in content.files {
            let url = root.appendingPathComponent(file.path)
            try FileManager.default.createDirectory(at: url.deletingLastPathComponent(),
                                                    withIntermediateDirectories: true)
            try Data(file.bytes).write(to: url)
        }
    }
}
