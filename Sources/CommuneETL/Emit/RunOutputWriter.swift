import Foundation

/// Writes the contents of a run folder: the canonical tables, the anomaly list, the report page, the data
/// package descriptor and the manifest.
struct RunOutputWriter {
    let folder: String
    let catalog: PipelineCatalog
    let options: RunOptions

    func write(runID: String, outcomes: [FileOutcome], tables: TableResults, report: AnomalyReport, skipped: [String], log: RunLog,
               started: Date, finished: Date) throws {
        try DurableFileSystem.makeDirectory(folder + "/data")
        try DurableFileSystem.makeDirectory(folder + "/anomalies")
        var resources: [DataPackageDescriptor.Resource] = []
        for pipeline in catalog.pipelines {
            let path = "data/\(pipeline.definition.table).csv.gz"
            let parts = outcomes.filter { $0.pipeline == pipeline.name }.compactMap(\.partPath)
            try joinTable(header: CanonicalRowEncoder.headerLine(pipeline, profile: options.profile), parts: parts, to: folder + "/" + path)
            resources.append(try resource(pipeline.definition.table, path: path, title: pipeline.definition.title.en,
                                          schema: DataPackageDescriptor.schema(of: pipeline, profile: options.profile)))
        }
        for pipeline in catalog.pipelines {
            guard let facts = pipeline.definition.facts, let table = facts.table else { continue }
            let path = "data/\(table).csv.gz"
            try DurableFileSystem.writeAtomically(
                GzipWriter.compress(FactsTable.csv(pipeline, rows: tables.totals[pipeline.name] ?? []), level: options.compressionLevel),
                to: folder + "/" + path)
            resources.append(try resource(table, path: path, title: facts.title?.en ?? table, schema: FactsTable.schema(pipeline)))
        }
        let planTables: [(name: String, title: String, bytes: [UInt8], schema: [String: Any])] = [
            ("indicators", "Indicators of the plan (Pipelines/indicators.yaml)", PlanTables.indicatorsCSV(catalog.indicators), PlanTables.indicatorsSchema),
            ("targets", "Targets of the plan 2021–2025 (Pipelines/targets.yaml)", PlanTables.targetsCSV(catalog.targets), PlanTables.targetsSchema),
            ("target_progress", "Progress towards each target, by unit and year", PlanTables.progressCSV(tables.progress), PlanTables.progressSchema),
        ]
        for table in planTables {
            let path = "data/\(table.name).csv.gz"
            try DurableFileSystem.writeAtomically(GzipWriter.compress(table.bytes, level: options.compressionLevel), to: folder + "/" + path)
            resources.append(try resource(table.name, path: path, title: table.title, schema: table.schema))
        }
        let communesPath = "data/communes.csv.gz"
        try DurableFileSystem.writeAtomically(GzipWriter.compress(DataPackageDescriptor.communesCSV(catalog.registry)), to: folder + "/" + communesPath)
        resources.append(try resource("communes", path: communesPath, title: "Communes of Bắc Hà district (GSO codes)",
                                      schema: DataPackageDescriptor.communesSchema))
        try DurableFileSystem.removeTree(folder + "/parts")

        try DurableFileSystem.writeAtomically(ReportPage.html(runID: runID, catalog: catalog, outcomes: outcomes, tables: tables),
                                              to: folder + "/report.html")
        let package = DataPackageDescriptor.descriptor(runID: runID, resources: resources.sorted { $0.name < $1.name })
        try DurableFileSystem.writeAtomically(try JSONOutput.encode(package), to: folder + "/datapackage.json")

        let outputs = try (report.paths + ["datapackage.json", "report.html"]).map { path in
            ManifestBuilder.Output(path: path, bytes: try fileSize(folder + "/" + path), sha256: try SHA256.hexDigest(ofFileAt: folder + "/" + path))
        } + resources.map { ManifestBuilder.Output(path: $0.path, bytes: $0.bytes, sha256: $0.sha256) }
        let manifest = ManifestBuilder.manifest(
            runID: runID, options: options, fingerprint: catalog.fingerprint, outcomes: outcomes,
            skipped: skipped, acceptances: report.acceptanceFile, outputs: outputs.sorted { $0.path < $1.path }, started: started, finished: finished)
        try DurableFileSystem.writeAtomically(try JSONOutput.encode(manifest), to: folder + "/manifest.json")
        log.log(.info, "wrote \(outcomes.count) files' results: \(outcomes.reduce(0) { $0 + $1.rowsKept }) rows kept", at: finished)
        try DurableFileSystem.writeAtomically(log.bytes, to: folder + "/run.log")
        try DurableFileSystem.fsyncDirectory(folder)
    }

    /// Joins a header member and each file's gzip member into one gzip file (members concatenate into one
    /// valid stream), so files are compressed once, as they are read.
    private func joinTable(header: [UInt8], parts: [String], to path: String) throws {
        let out = try OutputFile(creatingAt: path)
        try out.write(GzipWriter.compress(header, level: options.compressionLevel))
        let buffer = UnsafeMutableRawBufferPointer.allocate(byteCount: 1 << 20, alignment: 16)
        defer { buffer.deallocate() }
        for part in parts {
            let descriptor = open(part, O_RDONLY | O_CLOEXEC)
            guard descriptor >= 0 else { throw OutputError.read(path: part, errno: errno) }
            defer { close(descriptor) }
            while true {
                let count = read(descriptor, buffer.baseAddress, buffer.count)
                if count < 0, errno == EINTR { continue }
                guard count >= 0 else { throw OutputError.read(path: part, errno: errno) }
                if count == 0 { break }
                try out.write(UnsafeRawBufferPointer(rebasing: UnsafeRawBufferPointer(buffer)[0..<count]))
            }
        }
        try out.close()
    }

    private func resource(_ name: String, path: String, title: String, schema: [String: Any]) throws -> DataPackageDescriptor.Resource {
        let full = folder + "/" + path
        return DataPackageDescriptor.Resource(name: name, path: path, bytes: try fileSize(full),
                                              sha256: try SHA256.hexDigest(ofFileAt: full), title: title, schema: schema)
    }

    private func fileSize(_ path: String) throws -> Int {
        var info = stat()
        guard stat(path, &info) == 0 else { throw OutputError.read(path: path, errno: errno) }
        return Int(info.st_size)
    }
}
