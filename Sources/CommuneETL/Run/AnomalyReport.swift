import Foundation

/// Everything a run writes under `anomalies/`, made once every file and table check is done: the tools'
/// list, the state for the next night, the lists for people and the problems fixed tonight.
///
/// The acceptance file is read here, every night, and never cached with the inputs: what it accepts
/// depends on the night's anomalies, and its hash is in the manifest as part of what made the result.
///
/// Each file is written into the run folder in pieces of about 1 MiB as it is encoded (`EncodedPieces`):
/// encoded whole, one list and its cells were the run's peak of memory (~50 MB at 1M rows, ten times that at 10M).
/// The anomalies themselves are read back from the files' logs (`NightAnomalies`) and never gathered: one
/// pass, on a thread of its own, writes `anomalies.csv`; another writes `state.csv` and sorts the records
/// into the lists for people, which spill like the logs.
struct AnomalyReport {
    /// `inbox/acceptances.csv` as read tonight (nil when there is none), for the manifest.
    var acceptanceFile: ManifestBuilder.Output?
    /// The files written (paths inside the run folder, sizes, SHA-256 hashed as they were written), in path order.
    var outputs: [ManifestBuilder.Output]

    static func make(outcomes: [FileOutcome], tables: TableResults, context: RunContext, options: RunOptions,
                     runID: String, folder: String, log: RunLog) throws -> AnomalyReport {
        var night = NightAnomalies(outcomes: outcomes, ofTheRun: tables.anomalies)
        let acceptancePath = options.inbox + "/" + AcceptanceList.fileName
        let acceptanceBytes = readRegularFile(acceptancePath)
        let (valid, acceptanceAnomalies) = try AcceptanceList(bytes: acceptanceBytes).judge(against: night, context: context, inbox: options.inbox)
        night.ofTheRun += acceptanceAnomalies

        let catalog = context.catalog
        let checked = Set(outcomes.filter { !$0.refused }.map(\.input.relativePath) + [AcceptanceList.fileName])
        let knownRules = Set(RuleExplanation.all(in: catalog).map(\.id) + catalog.targets.targets.map(\.id))
        var history = AnomalyHistory(runDate: String(runID.prefix(10)), checkedFiles: checked, knownRules: knownRules, acceptances: valid)
        let statePath = options.output + "/current/anomalies/state.csv"
        if !history.readPrevious(statePath: statePath) {
            log.log(.warning, "the previous run's anomalies/state.csv cannot be read: every anomaly of tonight is new")
        }

        var outputs: [ManifestBuilder.Output] = []
        // Some forty files, synced together once all are written (`DeferredSync`), not one by one.
        let sync = DeferredSync()
        func write(_ path: String, _ encode: StaffAnomalyLists.ListEncoder) throws {
            outputs.append(try writeFile(path, in: folder, sync: sync, encode))
        }
        try DurableFileSystem.makeDirectory(folder + "/anomalies")
        let staff = StaffAnomalyLists(catalog: catalog)
        // Some thirty lists fill at once: each keeps a share of one buffer in memory. A list keeps encoded rows
        // (≈ 0.5 KB), a third of a record, so an eighth of the buffer costs what a thirty-second of records did,
        // and a list spills every 128 rows rather than every 32 (each spill opens its file).
        // The records are sorted into the lists on a thread of their own as the pass below hands them on: the
        // pass is the run's last stretch on one core (at 20,000 problems, ≈ 0.1 s with the lists, which cost
        // as much as the rest of it).
        let handoff = Handoff<AnomalyRecord>()
        let listLog: @Sendable (String) -> SpillLog<ListRowsByFileAndLine> = context.recordLogMaker(share: 8)
        let sorting = BackgroundJob("anomalies/lists") { [handoff] in
            var lists = StaffAnomalyLists.Sorter(lists: staff, makeLog: listLog)
            while let batch = handoff.next() {
                for record in batch { lists.add(record) }
            }
            lists.flush()
            return lists
        }
        defer {
            handoff.close()
            _ = try? sorting.join()
        }
        var resolved: SpillLog<RecordsByFileLineAndID> = context.recordLog("resolved")
        // One pass over the night's anomalies writes `anomalies.csv` and the state. A row of `state.csv` begins
        // with the anomaly's row of `anomalies.csv`: its cells are encoded once, for both (each anomaly read
        // back from its log and encoded in a second pass, on a thread of its own, cost ≈ 70 ms of CPU at 20,000
        // problems, on a tail where both cores are busy).
        var toolsList: ManifestBuilder.Output?
        try write("state.csv") { stateSink in
            var state = EncodedPieces()
            AnomalyStateFile.appendHeader(to: &state.bytes)
            toolsList = try writeFile("anomalies.csv", in: folder, sync: sync) { toolsSink in
                var tools = EncodedPieces()
                AnomalyCSVWriter.appendHeader(to: &tools.bytes)
                try night.forEach { anomaly in
                    let cells = tools.bytes.count
                    AnomalyCSVWriter.appendCells(anomaly, to: &tools.bytes)
                    let (record, isFirst) = history.record(for: anomaly)
                    if isFirst {
                        state.bytes += tools.bytes[cells...]
                        AnomalyStateFile.appendStatusCells(record, to: &state.bytes)
                        try state.flushIfFull(to: stateSink)
                    }
                    tools.bytes.append(0x0A)
                    try tools.flushIfFull(to: toolsSink)
                    handoff.put(record)
                }
                try tools.flush(to: toolsSink)
            }
            var carried: SpillLog<RecordsByFileLineAndID> = context.recordLog("carried")
            let dropped = history.gone(statePath: statePath, resolved: { resolved.append($0) }, carried: { carried.append($0) })
            if dropped > 0 {
                log.log(.notice, "\(dropped) problems of rules no longer in the configuration were dropped (not resolved)")
            }
            try carried.forEachInOrder { record in
                AnomalyStateFile.appendRow(record, to: &state.bytes)
                try state.flushIfFull(to: stateSink)
            }
            try state.flush(to: stateSink)
        }
        outputs += toolsList.map { [$0] } ?? []
        handoff.close()
        let lists = try sorting.join()
        // The offices' lists hold as many records as the communes' together: they are written on a second
        // thread, while this one writes the communes' lists and `resolved.csv`.
        let officeLists = lists.logs.filter { $0.key.hasPrefix("owners/") }
        let offices = BackgroundJob("anomalies/owners") {
            try officeLists.keys.sorted().map { path in
                try writeFile(path, in: folder, sync: sync) { pieces in try staff.encode(officeLists[path]!, to: pieces) }
            }
        }
        defer { _ = try? offices.join() }
        try staff.write(lists, resolved: resolved, including: { !$0.hasPrefix("owners/") }, to: write)
        outputs += try offices.join()
        try sync.syncAll()
        let acceptanceFile = acceptanceBytes.map {
            ManifestBuilder.Output(path: AcceptanceList.fileName, bytes: $0.count, sha256: SHA256.hexDigest($0))
        }
        return AnomalyReport(acceptanceFile: acceptanceFile, outputs: outputs.sorted { $0.path < $1.path })
    }

    /// Writes `anomalies/<path>` from the pieces `encode` hands on, hashing them on the way; `sync` makes it
    /// durable with the others.
    private static func writeFile(_ path: String, in folder: String, sync: DeferredSync,
                                  _ encode: StaffAnomalyLists.ListEncoder) throws -> ManifestBuilder.Output {
        let full = folder + "/anomalies/" + path
        if let slash = full.lastIndex(of: "/") { try DurableFileSystem.makeDirectory(String(full[..<slash])) }
        var hash = SHA256()
        var bytes = 0
        try DurableFileSystem.writeAtomically(to: full, deferredSync: sync) { file in
            try encode { piece in
                hash.update(piece)
                bytes += piece.count
                try file.write(piece)
            }
        }
        return ManifestBuilder.Output(path: "anomalies/" + path, bytes: bytes, sha256: hash.finalize().lowercaseHex)
    }

    /// The bytes of a regular file; nil when it is missing, a symbolic link (never followed) or unreadable.
    private static func readRegularFile(_ path: String) -> [UInt8]? {
        var info = stat()
        guard lstat(path, &info) == 0, info.st_mode & S_IFMT == S_IFREG else { return nil }
        return FileManager.default.contents(atPath: path).map(Array.init)
    }
}
