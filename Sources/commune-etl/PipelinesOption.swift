import ArgumentParser
import CommuneETL

/// `--pipelines DIR`, shared by every command that reads `Pipelines/`.
struct PipelinesOption: ParsableArguments {
    static let defaultFolder = "Pipelines"

    @Option(name: .customLong("pipelines"), help: "The folder of pipeline definitions and reference data. (default: Pipelines)")
    var folder: String?

    /// The catalog of the folder given, or of the default one; a malformed file exits 78 with one line.
    func loadCatalog(default fallback: String = defaultFolder) throws -> PipelineCatalog {
        try ExitStatus.mapping { try PipelineCatalog.load(from: folder ?? fallback) }
    }
}
