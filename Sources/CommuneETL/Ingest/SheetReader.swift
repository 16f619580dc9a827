/// Reads the records of one file of a known pipeline: finds the header below any title rows, then runs
/// each data row through the stages — read cells, cell rules, derived fields, record rules, canonical row.
///
/// Rows with an `error` finding are left out of the canonical table; their anomalies, and every warning,
/// are collected for the anomaly list. A file-level error (`FILE-…`) refuses the whole file.
final class SheetReader {
    /// How many lines may stand above the header (titles, blank lines, a unit row).
    static let headerSearchLines = 30

    private let pipeline: CompiledPipeline
    private let rules: RuleSet
    private let context: RunContext
    private let input: InputFile
    private let partPath: String
    private var binding: HeaderBinding?
    private var bestCandidate: HeaderBinding?
    private var row: RowState!
    private var cells: CellReader!
    private var derived: DerivedFields!
    private var encoder: CanonicalRowEncoder!
    private var writer: GzipWriter?
    private var buffer: [UInt8] = []
    private(set) var outcome: FileOutcome
    /// Set once the file is refused: later records are ignored.
    private(set) var isRefused = false

    init(pipeline: CompiledPipeline, context: RunContext, input: InputFile, partPath: String, outcome: FileOutcome) {
        self.pipeline = pipeline
        self.rules = context.ruleSets[pipeline.name]!
        self.context = context
        self.input = input
        self.partPath = partPath
        self.outcome = outcome
        self.outcome.pipeline = pipeline.name
    }

    func consume(_ record: CSVRecord) throws {
        guard !isRefused else { return }
        if binding == nil {
            findHeader(record)
        } else if !record.isBlank {
            try readRow(record)
        }
    }

    /// Ends the file: reports a file with no header or no rows, and closes or discards its part.
    func finish() throws -> FileOutcome {
        if !isRefused {
            if binding == nil {
                refuseForHeader(bestCandidate)
            } else if outcome.rowsRead == 0 {
                refuse(context.fileAnomaly(.empty, input: input, pipeline: pipeline.name, detail: "header_only"))
            }
        }
        rules.endFile(accepted: !isRefused)
        if isRefused {
            outcome.rowsKept = 0
            writer = nil
            if outcome.partPath != nil { try? DurableFileSystem.removeTree(partPath) }
            outcome.partPath = nil
        } else {
            try flush(force: true)
            try writer?.finish()
        }
        return outcome
    }

    /// Refuses the file with a file-level anomaly.
    func refuse(_ anomaly: Anomaly) {
        outcome.anomalies.append(anomaly)
        outcome.refused = true
        isRefused = true
    }

    // MARK: - Header

    private func findHeader(_ record: CSVRecord) {
        let candidate = HeaderBinding(record: record, pipeline: pipeline)
        if candidate.looksLikeHeader {
            bind(candidate)
        } else {
            if candidate.matchedCount > (bestCandidate?.matchedCount ?? 0) { bestCandidate = candidate }
            if record.line >= Self.headerSearchLines {
                refuseForHeader(bestCandidate)
            }
        }
    }

    private func bind(_ candidate: HeaderBinding) {
        guard candidate.missingRequiredSlots.isEmpty else {
            refuseForHeader(candidate)
            return
        }
        binding = candidate
        for (column, header) in candidate.unknownColumns {
            outcome.anomalies.append(context.fileAnomaly(
                .unknownColumn, input: input, pipeline: pipeline.name, line: candidate.headerLine,
                value: header, field: "column \(column + 1)"))
        }
        let registry = context.catalog.registry
        row = RowState(pipeline: pipeline, registry: registry, sourceFile: input.relativePath, columnOfSlot: candidate.columnOfSlot)
        cells = CellReader(pipeline: pipeline, registry: registry, columnOfSlot: candidate.columnOfSlot)
        derived = DerivedFields(pipeline: pipeline, registry: registry)
        encoder = CanonicalRowEncoder(pipeline: pipeline, registry: registry, sourceFile: input.relativePath)
        buffer.reserveCapacity(256 * 1024)
    }

    /// Refuses the file for its header: the required columns the best candidate row lacks, and what it has.
    private func refuseForHeader(_ candidate: HeaderBinding?) {
        guard let candidate, candidate.matchedCount > 0 else {
            refuse(context.fileAnomaly(.header, input: input, pipeline: pipeline.name, detail: "no_header",
                                       values: ["lines": String(Self.headerSearchLines)]))
            return
        }
        let missing = candidate.missingRequiredSlots.map { "'\(pipeline.slots[$0].labelVI)'" }.joined(separator: ", ")
        refuse(context.fileAnomaly(.header, input: input, pipeline: pipeline.name, line: candidate.headerLine, detail: "missing_columns", values: [
            "missing": missing, "header_line": String(candidate.headerLine), "found": candidate.headers.joined(separator: " | "),
        ]))
    }

    // MARK: - Rows

    private func readRow(_ record: CSVRecord) throws {
        outcome.rowsRead += 1
        let columns = binding!.columnCount
        if record.fieldCount != columns && !(record.fieldCount > columns && trailingCellsAreEmpty(record, from: columns)) {
            outcome.anomalies.append(context.fileAnomaly(
                .rowCells, input: input, pipeline: pipeline.name, line: record.line,
                values: ["count": String(record.fieldCount), "expected": String(columns)]))
            return
        }
        row.reset(for: record)
        cells.read(into: row)
        if let broken = row.values.firstIndex(of: .invalid(.invalidUTF8)) {
            refuse(context.fileAnomaly(.encoding, input: input, pipeline: pipeline.name, line: record.line,
                                       detail: "invalid_utf8_in_column", values: ["column": pipeline.slots[broken].labelVI]))
            return
        }
        for rule in rules.cellRules { rule.check(row) }
        derived.compute(row)
        for rule in rules.recordRules { rule.check(row) }
        outcome.anomalies.append(contentsOf: row.findings)
        guard !row.hasError else { return }
        outcome.rowsKept += 1
        encoder.append(row, to: &buffer)
        try flush(force: false)
    }

    private func trailingCellsAreEmpty(_ record: CSVRecord, from column: Int) -> Bool {
        (column..<record.fieldCount).allSatisfy { record.field($0).trimmedOfSpaces.isEmpty }
    }

    private func flush(force: Bool) throws {
        guard force ? !buffer.isEmpty : buffer.count >= 256 * 1024 else { return }
        if writer == nil {
            writer = try GzipWriter(creatingAt: partPath, level: context.compressionLevel)
            outcome.partPath = partPath
        }
        try buffer.withUnsafeBytes { try writer!.write($0) }
        buffer.removeAll(keepingCapacity: true)
    }
}
