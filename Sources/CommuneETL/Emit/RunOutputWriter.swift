import Foundation

/// Writes the contents of a run folder besides the anomaly outputs: the canonical tables, the report page,
/// the data package descriptor, then the manifest and the log.
///
/// In parts, because the tables and the report do not depend on the anomaly outputs: `joinCanonicalTables`
/// and `writeOtherTablesAndReport` run on the second core while the anomaly outputs are written,
/// `writeManifest` once both are done. Every output
/// is hashed as it is written (the manifest and the data package need its SHA-256), never read back.
struct RunOutputWriter: Sendable {
    let folder: String
    let catalog: PipelineCatalog
    let options: RunOptions

    /// The canonical tables as joined: their data package resources, and the checksum of each part joined
    /// (by path), which the incremental cache records (`CacheChecksum`).
    struct CanonicalTables {
        var resources: [DataPackageDescriptor.Resource]
        var partCRC32: [String: String]
    }

    /// Joins each pipeline's parts into `data/<table>.csv.gz`. The parts stay (the cache links them, and the
    /// anomaly outputs read the anomalies spilled beside them) until the run removes them before archiving.
    func joinCanonicalTables(outcomes: [FileOutcome]) throws -> CanonicalTables {
        try DurableFileSystem.makeDirectory(folder + "/data")
        var joined = CanonicalTables(resources: [], partCRC32: [:])
        for pipeline in catalog.pipelines {
            let path = "data/\(pipeline.definition.table).csv.gz"
            let parts = outcomes.filter { $0.pipeline == pipeline.name }.compactMap(\.partPath)
            let (written, partCRC32) = try joinTable(header: CanonicalRowEncoder.headerLine(pipeline, profile: options.profile),
                                                      parts: parts, to: path)
            joined.resources.append(DataPackageDescriptor.Resource(
                name: pipeline.definition.table, path: path, bytes: written.bytes, sha256: written.sha256,
                title: pipeline.definition.title.en, schema: DataPackageDescriptor.schema(of: pipeline, profile: options.profile)))
            joined.partCRC32.merge(partCRC32) { first, _ in first }
        }
        return joined
    }

    /// Writes the other tables of `data/`, `report.html` and `datapackage.json`.
    ///
    /// - Returns: what the manifest lists of every file of `data/` and those two: each path, size and SHA-256.
    func writeOtherTablesAndReport(runID: String, outcomes: [FileOutcome], tables: TableResults,
                                   canonical: CanonicalTables) throws -> [ManifestBuilder.Output] {
        var resources = canonical.resources
        func add(_ name: String, path: String, title: String, schema: [String: Any], written: ManifestBuilder.Output) {
            resources.append(DataPackageDescriptor.Resource(name: name, path: path, bytes: written.bytes, sha256: written.sha256,
                                                            title: title, schema: schema))
        }
        for pipeline in catalog.pipelines {
            guard let facts = pipeline.definition.facts, let table = facts.table else { continue }
            let path = "data/\(table).csv.gz"
            let bytes = GzipWriter.compress(FactsTable.csv(pipeline, rows: tables.totals[pipeline.name] ?? []), level: options.compressionLevel)
            add(table, path: path, title: facts.title?.en ?? table, schema: FactsTable.schema(pipeline), written: try write(bytes, to: path))
        }
        let planTables: [(name: String, title: String, bytes: [UInt8], schema: [String: Any])] = [
            ("indicators", "Indicators of the plan (Pipelines/indicators.yaml)", PlanTables.indicatorsCSV(catalog.indicators), PlanTables.indicatorsSchema),
            ("targets", "Targets of the plan 2021–2025 (Pipelines/targets.yaml)", PlanTables.targetsCSV(catalog.targets), PlanTables.targetsSchema),
            ("target_progress", "Progress towards each target, by unit and year", PlanTables.progressCSV(tables.progress), PlanTables.progressSchema),
        ]
        for table in planTables {
            let path = "data/\(table.name).csv.gz"
            let written = try write(GzipWriter.compress(table.bytes, level: options.compressionLevel), to: path)
            add(table.name, path: path, title: table.title, schema: table.schema, written: written)
        }
        let communesPath = "data/communes.csv.gz"
        add("communes", path: communesPath, title: "Communes of Bắc Hà district (GSO codes)", schema: DataPackageDescriptor.communesSchema,
            written: try write(GzipWriter.compress(DataPackageDescriptor.communesCSV(catalog.registry)), to: communesPath))

        let page = try write(ReportPage.html(runID: runID, catalog: catalog, outcomes: outcomes, tables: tables), to: "report.html")
        let package = DataPackageDescriptor.descriptor(runID: runID, resources: resources.sorted { $0.name < $1.name })
        let descriptor = try write(try JSONOutput.encode(package), to: "datapackage.json")
        return resources.map { ManifestBuilder.Output(path: $0.path, bytes: $0.bytes, sha256: $0.sha256) } + [page, descriptor]
    }

    /// Writes `manifest.json` (listing `written` and the anomaly outputs) and `run.log`, then syncs the run
    /// folder: after it returns, the folder is whole on disk and ready to publish.
    func writeManifest(runID: String, outcomes: [FileOutcome], report: AnomalyReport, written: [ManifestBuilder.Output],
                       skipped: [String], log: RunLog, started: Date, finished: Date) throws {
        let manifest = ManifestBuilder.manifest(
            runID: runID, options: options, fingerprint: catalog.fingerprint, outcomes: outcomes, skipped: skipped,
            acceptances: report.acceptanceFile, outputs: (report.outputs + written).sorted { $0.path < $1.path },
            started: started, finished: finished)
        try DurableFileSystem.writeAtomically(try JSONOutput.encode(manifest), to: folder + "/manifest.json")
        log.log(.info, "wrote \(outcomes.count) files' results: \(outcomes.reduce(0) { $0 + $1.rowsKept }) rows kept", at: finished)
        try DurableFileSystem.writeAtomically(log.bytes, to: folder + "/run.log")
        try DurableFileSystem.fsyncDirectory(folder)
    }

    /// Writes `bytes` at `path` (inside the run folder) and returns its entry for the manifest.
    private func write(_ bytes: [UInt8], to path: String) throws -> ManifestBuilder.Output {
        try DurableFileSystem.writeAtomically(bytes, to: folder + "/" + path)
        return ManifestBuilder.Output(path: path, bytes: bytes.count, sha256: SHA256.hexDigest(bytes))
    }

    /// Joins a header member and each file's gzip member into one gzip file (members concatenate into one
    /// valid stream), so files are compressed once, as they are read; hashes the table (SHA-256) and checksums
    /// each part (`CacheChecksum`) as they are copied (nothing is read back).
    private func joinTable(header: [UInt8], parts: [String], to path: String) throws -> (ManifestBuilder.Output, [String: String]) {
        let out = try OutputFile(creatingAt: folder + "/" + path)
        var hash = SHA256()
        let headerMember = GzipWriter.compress(header, level: options.compressionLevel)
        hash.update(headerMember)
        try out.write(headerMember)
        var partCRC32: [String: String] = [:]
        for part in parts {
            var partChecksum = CacheChecksum()
            try FileChunks.forEach(ofFileAt: part) { chunk in
                hash.update(chunk)
                partChecksum.update(chunk)
                try out.write(chunk)
            }
            partCRC32[part] = partChecksum.hex
        }
        try out.close()
        return (ManifestBuilder.Output(path: path, bytes: out.bytesWritten, sha256: hash.finalize().lowercaseHex), partCRC32)
    }
}
