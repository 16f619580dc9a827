/// Reads the records of one file of a known pipeline: finds the header below any title rows, then runs
/// each data row through the stages — read cells, cell rules, derived fields, record rules, canonical row.
///
/// Rows with an `error` finding are left out of the canonical table; their anomalies, and every warning,
/// are collected for the anomaly list. A file-level error (`FILE-…`) refuses the whole file.
final class SheetReader {
    private let pipeline: CompiledPipeline
    private let rules: RuleSet
    private let context: RunContext
    private let input: InputFile
    private let partPath: String
    private var locator: HeaderLocator
    private var binding: HeaderBinding?
    private var row: RowState!
    private var cells: CellReader!
    private var derived: DerivedFields!
    private var encoder: CanonicalRowEncoder!
    private var writer: ParallelGzipWriter?
    private var buffer: [UInt8] = []
    private var inFooter = false
    private let facts: FactAccumulator?
    private var footerDateSeen = false
    /// Corrections of this file from `inbox/corrections/`, by line, and the lines met so far.
    private let corrections: [Int: [Correction]]
    private var correctedLines = Set<Int>()
    /// A sheet of indicators routes each row's anomalies to the office that owns its indicator.
    private let indicatorSlot: Int?
    private let indicatorOwners: [String]
    private(set) var outcome: FileOutcome
    /// Set once the file is refused: later records are ignored.
    private(set) var isRefused = false

    init(pipeline: CompiledPipeline, context: RunContext, input: InputFile, partPath: String, outcome: FileOutcome) {
        self.pipeline = pipeline
        self.rules = context.ruleSets[pipeline.name]!
        self.context = context
        self.input = input
        self.partPath = partPath
        self.locator = HeaderLocator(pipeline: pipeline)
        self.outcome = outcome
        self.outcome.pipeline = pipeline.name
        self.facts = FactAccumulator(pipeline: pipeline)
        corrections = context.corrections.corrections(for: input.relativePath)
        indicatorSlot = pipeline.slots.firstIndex { $0.type == .indicator }
        indicatorOwners = context.catalog.indicators.indicators.map(\.owner)
    }

    func consume(_ record: CSVRecord) throws {
        guard !isRefused, !record.isBlank else { return }
        guard binding != nil else {
            switch locator.consume(record) {
            case .keepLooking: return
            case let .notFound(best): return refuseForHeader(best)
            case let .found(header, consumedRecord):
                bind(header)
                if consumedRecord || isRefused { return }
            }
            return try consume(record)
        }
        guard !inFooter else { return noteDate(in: record) }
        switch LayoutRow.classify(record, rules: context.catalog.layout, beforeFirstData: outcome.rowsRead == 0) {
        case .data: try readRow(record)
        case .footer:
            inFooter = true
            outcome.layoutRows["footer", default: 0] += 1
            noteDate(in: record)
        case .total:
            outcome.layoutRows["total", default: 0] += 1
            checkTotalRow(record)
        case let other: outcome.layoutRows[String(describing: other), default: 0] += 1
        }
    }

    /// Keeps the date of the signature block (`Lùng Phình, ngày 15 tháng 12 năm 2023`): the file's date,
    /// with which the commune it names must be in force.
    /// A date in the title rows is kept only when the signature block gives none.
    private func noteDate(in record: CSVRecord) {
        guard !footerDateSeen else { return }
        for column in 0..<record.fieldCount {
            if let date = Self.date(in: record.field(column).trimmedOfSpaces) {
                outcome.reportDate = date
                footerDateSeen = true
                return
            }
        }
    }

    /// The ISO date a cell spells out, if it holds one (`ngày 15 tháng 12 năm 2023`, `15/12/2023`).
    static func date(in cell: UnsafeBufferPointer<UInt8>) -> String? {
        guard cell.count >= 8, case let .value(year, month, day) = DateReader.read(cell) else { return nil }
        var iso: [UInt8] = []
        DateReading.value(year: year, month: month, day: day).appendISO(to: &iso)
        return String(decoding: iso, as: UTF8.self)
    }

    /// Reads a total row like a data row, never publishes it, and compares it with the rows above.
    private func checkTotalRow(_ record: CSVRecord) {
        let rules = self.rules
        guard !rules.totalRules.isEmpty, let binding, record.fieldCount >= min(binding.columnCount, record.fieldCount) else { return }
        row.reset(for: record)
        cells.read(into: row)
        for rule in rules.totalRowRules { rule.check(row) }
        for rule in rules.totalRules where !rule.checkTotal(row) { outcome.totalRowDisagrees = true }
        outcome.anomalies.append(contentsOf: row.findings)
    }

    /// Ends the file: reports a file with no header or no rows, and closes or discards its part.
    func finish() throws -> FileOutcome {
        if !isRefused, binding == nil {
            switch locator.finish() {
            case let .found(header, _): bind(header)
            case let .notFound(best): refuseForHeader(best)
            case .keepLooking: break
            }
        }
        if !isRefused, outcome.rowsRead == 0 {
            refuse(context.fileAnomaly(.empty, input: input, pipeline: pipeline.name, detail: "header_only"))
        }
        if !isRefused {
            outcome.anomalies.append(contentsOf: rules.findingsAtEnd())
            for line in corrections.keys.sorted() where !correctedLines.contains(line) {
                for correction in corrections[line]! { reportStale(correction, detail: "no_row") }
            }
        }
        rules.endFile(accepted: !isRefused)
        outcome.unkeyedRows = isRefused ? 0 : facts?.unkeyedRows ?? 0
        outcome.facts = isRefused ? [] : facts?.take() ?? []
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

    private func bind(_ candidate: HeaderBinding) {
        var header = candidate
        for line in locator.titleLines where outcome.reportDate == nil {
            outcome.reportDate = Array(line.utf8).withUnsafeBufferPointer(Self.date(in:))
        }
        let defaults = contextDefaults(for: header)
        header.missingRequiredSlots.removeAll { defaults[$0] != nil }
        let unresolved = header.missingRequiredSlots.filter { pipeline.slots[$0].context != nil }
        if !unresolved.isEmpty, unresolved.count == header.missingRequiredSlots.count {
            let kinds = Set(unresolved.compactMap { pipeline.slots[$0].context })
            let detail = kinds.count > 1 ? "commune_and_year" : kinds.first!.rawValue
            return refuse(context.fileAnomaly(.context, input: input, pipeline: pipeline.name, line: header.headerLine, detail: detail))
        }
        guard header.missingRequiredSlots.isEmpty else { return refuseForHeader(header) }
        binding = header
        for (column, name) in header.unknownColumns {
            outcome.anomalies.append(context.fileAnomaly(
                .unknownColumn, input: input, pipeline: pipeline.name, line: header.headerLine,
                value: name, field: "column \(column + 1)"))
        }
        let registry = context.catalog.registry
        row = RowState(pipeline: pipeline, registry: registry, sourceFile: input.relativePath, columnOfSlot: header.columnOfSlot,
                       profile: context.profile, pseudonymizer: context.pseudonymizer)
        cells = CellReader(pipeline: pipeline, registry: registry, columnOfSlot: header.columnOfSlot, defaults: defaults,
                           fileDate: outcome.reportDate,
                           countsWholeThings: Self.countsWholeThings(pipeline, context.catalog.indicators))
        derived = DerivedFields(pipeline: pipeline, registry: registry)
        encoder = CanonicalRowEncoder(pipeline: pipeline, registry: registry, sourceFile: input.relativePath,
                                      profile: context.profile, pseudonymizer: context.pseudonymizer)
        buffer.reserveCapacity(256 * 1024)
    }

    /// Values for context fields (commune, year) the file has no column for, from its title rows or path.
    private func contextDefaults(for header: HeaderBinding) -> [Int: FieldValue] {
        let wanted = pipeline.slots.indices.filter { pipeline.slots[$0].context != nil && header.columnOfSlot[$0] == nil }
        guard !wanted.isEmpty else { return [:] }
        let found = FileContext.find(titleLines: locator.titleLines, path: input.relativePath,
                                     registry: context.catalog.registry, layout: context.catalog.layout,
                                     titleDate: outcome.reportDate)
        var defaults: [Int: FieldValue] = [:]
        for slot in wanted {
            switch pipeline.slots[slot].context {
            case .commune:
                if let commune = found.commune { defaults[slot] = .choice(commune) }
                outcome.context["commune"] = found.communeSource
            case .year:
                if let year = found.year { defaults[slot] = .integer(year) }
                outcome.context["year"] = found.yearSource
            case nil: break
            }
        }
        return defaults
    }

    /// Per catalogue indicator, whether its unit is one a field of the pipeline reads as whole things.
    private static func countsWholeThings(_ pipeline: CompiledPipeline, _ indicators: IndicatorCatalogue) -> [Bool] {
        let units = Set(pipeline.definition.fields.flatMap { $0.wholeInUnits ?? [] })
        return indicators.indicators.map { units.contains($0.unit) }
    }

    /// Refuses the file for its header: the required columns the best candidate row lacks, and what it has.
    private func refuseForHeader(_ candidate: HeaderBinding?) {
        guard let candidate, candidate.matchedCount > 0 else {
            refuse(context.fileAnomaly(.header, input: input, pipeline: pipeline.name, detail: "no_header",
                                       values: ["lines": String(HeaderLocator.searchLines)]))
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
        if !corrections.isEmpty, let pending = corrections[record.line] {
            correctedLines.insert(record.line)
            return try readCorrected(record, pending)
        }
        try readChecked(record, applying: [])
    }

    /// Applies the corrections that still fit the record and reads the corrected record; the others are
    /// reported as stale.
    private func readCorrected(_ record: CSVRecord, _ pending: [Correction]) throws {
        let corrected = CorrectedRecord(record, corrections: pending, pipeline: pipeline, columnOfSlot: binding!.columnOfSlot)
        for (correction, detail, found) in corrected.stale { reportStale(correction, detail: detail, found: found) }
        guard !corrected.applied.isEmpty else { return try readChecked(record, applying: []) }
        outcome.corrections += corrected.applied
        try corrected.withRecord(line: record.line) { try readChecked($0, applying: corrected.applied) }
    }

    private func reportStale(_ correction: Correction, detail: String, found: String = "") {
        let file = InputFile(relativePath: correction.correctionFile, absolutePath: "", pipeline: nil)
        outcome.anomalies.append(context.fileAnomaly(
            .correctionStale, input: file, pipeline: pipeline.name, line: correction.correctionLine, detail: detail,
            values: ["source_file": correction.sourceFile, "source_line": String(correction.sourceLine),
                     "flagged": correction.flaggedValue, "found": found, "field": correction.field],
            value: correction.correctedValue, field: correction.field))
    }

    /// Reads, checks and writes one data row.
    private func readChecked(_ record: CSVRecord, applying applied: [Correction]) throws {
        row.reset(for: record)
        row.corrections = applied
        cells.read(into: row)
        if let slot = indicatorSlot {
            if case let .choice(index) = row.values[slot] { row.owner = indicatorOwners[index] } else { row.owner = pipeline.definition.owner }
        }
        if let broken = row.values.firstIndex(of: .invalid(.invalidUTF8)) {
            refuse(context.fileAnomaly(.encoding, input: input, pipeline: pipeline.name, line: record.line,
                                       detail: "invalid_utf8_in_column", values: ["column": pipeline.slots[broken].labelVI]))
            return
        }
        for rule in rules.cellRules { rule.check(row) }
        derived.compute(row)
        for rule in rules.recordRules { rule.check(row) }
        outcome.anomalies.append(contentsOf: row.findings)
        facts?.add(row, kept: !row.hasError)
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
            writer = try ParallelGzipWriter(creatingAt: partPath, level: context.compressionLevel)
            outcome.partPath = partPath
        }
        try buffer.withUnsafeBytes { try writer!.write($0) }
        buffer.removeAll(keepingCapacity: true)
    }
}
