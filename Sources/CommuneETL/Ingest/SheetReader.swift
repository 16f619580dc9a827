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
    /// The bound header's column count, 0 until a header is bound (read per row: a copy of the binding
    /// would retain its arrays).
    private var columnCount = 0
    private var isBound: Bool { columnCount > 0 }
    /// What tells data rows from title, total and signature rows.
    private let layout: LayoutRules
    private var row: RowState!
    private var cells: CellReader!
    private var derived: DerivedFields!
    private var encoder: CanonicalRowEncoder!
    /// The same four, unretained, for the row path (`readChecked`), set with them. A call through one of the
    /// properties above retained and released its object on every row (these are `var`s, which a call could
    /// change: ≈ 3 % of a run's CPU at a million rows, perf); the properties keep the objects alive.
    private var rowPath: (row: Unmanaged<RowState>, cells: Unmanaged<CellReader>, derived: Unmanaged<DerivedFields>,
                          encoder: Unmanaged<CanonicalRowEncoder>)?
    private var writer: ParallelGzipWriter?
    private var buffer: [UInt8] = []
    private var inFooter = false
    private var facts: FactAccumulator? {
        didSet { unretainedFacts = facts.map(Unmanaged.passUnretained) }
    }
    /// `facts` for the row path, unretained (see `rowPath`).
    private var unretainedFacts: Unmanaged<FactAccumulator>?
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
    /// The context values and file date the cells are read with, for the readers of later segments.
    private var cellDefaults: [Int: FieldValue] = [:]
    private var cellsFileDate: String?
    /// Set in a reader of one segment on a worker thread (`readSegment`): what it found, row by row.
    private var segment: SegmentResult? {
        didSet { unretainedSegment = segment.map(Unmanaged.passUnretained) }
    }
    /// `segment` for the row path, unretained (see `rowPath`).
    private var unretainedSegment: Unmanaged<SegmentResult>?

    init(pipeline: CompiledPipeline, context: RunContext, input: InputFile, partPath: String, outcome: FileOutcome) {
        self.pipeline = pipeline
        self.rules = context.ruleSets[pipeline.name]!
        self.context = context
        self.input = input
        self.partPath = partPath
        self.locator = HeaderLocator(pipeline: pipeline)
        layout = context.catalog.layout
        self.outcome = outcome
        self.outcome.pipeline = pipeline.name
        self.facts = FactAccumulator(pipeline: pipeline)
        unretainedFacts = facts.map(Unmanaged.passUnretained)
        corrections = context.corrections.corrections(for: input.relativePath)
        indicatorSlot = pipeline.slots.firstIndex { $0.type == .indicator }
        indicatorOwners = context.catalog.indicators.indicators.map(\.owner)
    }

    /// A reader for the segments of `main`'s file after its first rows, on a worker thread: the same header
    /// and cell readers, its own rules (`rules` probes keys instead of registering them: `UniqueKeyProbe`).
    init(segmentsOf main: SheetReader, rules: RuleSet) {
        pipeline = main.pipeline
        self.rules = rules
        context = main.context
        input = main.input
        partPath = main.partPath
        locator = HeaderLocator(pipeline: main.pipeline)
        layout = main.layout
        outcome = FileOutcome(input: main.input)
        facts = FactAccumulator(pipeline: main.pipeline)
        unretainedFacts = facts.map(Unmanaged.passUnretained)
        corrections = [:]
        indicatorSlot = main.indicatorSlot
        indicatorOwners = main.indicatorOwners
        buildRowReaders(for: main.binding!, defaults: main.cellDefaults, fileDate: main.cellsFileDate)
    }

    func consume(_ record: CSVRecord) throws {
        guard !isRefused, !record.isBlank else { return }
        segment?.recordsSeen += 1
        guard isBound else {
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
        switch LayoutRow.classify(record, rules: layout, beforeFirstData: outcome.rowsRead == 0 && segment == nil) {
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
            if let date = Self.date(in: record.trimmedField(column)) {
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
            // Not synced: a part is an intermediate. The published table is a copy of it that is synced, and
            // the cache checks a part's SHA-256 before it reuses one, so a part a crash truncated costs a
            // full read of its file, never a wrong table. (Syncing it kept the run waiting ≈ 16 ms a 24 MB part.)
            try writer?.finish(syncing: false)
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
        for (column, name) in header.unknownColumns {
            outcome.anomalies.append(context.fileAnomaly(
                .unknownColumn, input: input, pipeline: pipeline.name, line: header.headerLine,
                value: name, field: "column \(column + 1)"))
        }
        buildRowReaders(for: header, defaults: defaults, fileDate: outcome.reportDate)
    }

    private func buildRowReaders(for header: HeaderBinding, defaults: [Int: FieldValue], fileDate: String?) {
        binding = header
        columnCount = header.columnCount
        cellDefaults = defaults
        cellsFileDate = fileDate
        let registry = context.catalog.registry
        row = RowState(pipeline: pipeline, registry: registry, sourceFile: input.relativePath, columnOfSlot: header.columnOfSlot,
                       profile: context.profile, pseudonymizer: context.pseudonymizer)
        cells = CellReader(pipeline: pipeline, registry: registry, columnOfSlot: header.columnOfSlot, defaults: defaults,
                           fileDate: fileDate,
                           countsWholeThings: Self.countsWholeThings(pipeline, context.catalog.indicators))
        derived = DerivedFields(pipeline: pipeline, registry: registry)
        encoder = CanonicalRowEncoder(pipeline: pipeline, registry: registry, sourceFile: input.relativePath,
                                      profile: context.profile, pseudonymizer: context.pseudonymizer)
        rowPath = (.passUnretained(row), .passUnretained(cells), .passUnretained(derived), .passUnretained(encoder))
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
        let columns = columnCount
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
        // The row's readers are passed as arguments for the whole row, unretained (`rowPath`): each use of a
        // property of `self` would load and retain it again (≈ 40 atomic reference counts a row when they were
        // read from `self`, six when held in locals, one now).
        let path = rowPath!, rules = self.rules
        let written = path.row._withUnsafeGuaranteedRef { row in
            path.cells._withUnsafeGuaranteedRef { cells in
                path.derived._withUnsafeGuaranteedRef { derived in
                    path.encoder._withUnsafeGuaranteedRef { encoder in
                        readChecked(record, applying: applied, row: row, cells: cells, derived: derived, encoder: encoder, rules: rules)
                    }
                }
            }
        }
        if written && segment == nil { try flush(force: false) }
    }

    /// `readChecked(_:applying:)` with the readers in hand; false when the row refused the file instead.
    private func readChecked(_ record: CSVRecord, applying applied: [Correction], row: RowState, cells: CellReader,
                             derived: DerivedFields, encoder: CanonicalRowEncoder, rules: RuleSet) -> Bool {
        row.reset(for: record)
        if !applied.isEmpty { row.corrections = applied }
        cells.read(into: row)
        if let slot = indicatorSlot {
            if case let .choice(index) = row.values[slot] { row.owner = indicatorOwners[index] } else { row.owner = pipeline.definition.owner }
        }
        if let broken = row.values.firstIndex(of: .invalid(.invalidUTF8)) {
            refuse(context.fileAnomaly(.encoding, input: input, pipeline: pipeline.name, line: record.line,
                                       detail: "invalid_utf8_in_column", values: ["column": pipeline.slots[broken].labelVI]))
            return false
        }
        let probes = rules.keyProbes
        rules.cellChain?.check(row)
        derived.compute(row)
        rules.recordChain?.check(row)
        let findingsStart = outcome.anomalies.count
        if !row.findings.isEmpty { outcome.anomalies.append(contentsOf: row.findings) }
        let kept = !row.hasError
        let contribution = unretainedFacts?._withUnsafeGuaranteedRef { $0.add(row, kept: kept) }
        if kept {
            outcome.rowsKept += 1
            encoder.append(row, to: &buffer)
        }
        unretainedSegment?._withUnsafeGuaranteedRef { segment in
            let firstKey = segment.keyRanges.count
            // Read unretained: the rules own the probes, and `for probe in probes` retained each one a row.
            for index in probes.indices {
                segment.keyRanges.append(Unmanaged.passUnretained(probes[index])._withUnsafeGuaranteedRef(\.rowKey))
            }
            segment.rows.append(SegmentResult.Row(
                line: record.line, anomalies: findingsStart..<outcome.anomalies.count, outputEnd: buffer.count,
                kept: kept, facts: contribution, firstKey: firstKey))
        }
        return true
    }

    // MARK: - Segments (a large file read on several threads)

    /// Whether the rest of the file may be read in segments by other readers (`init(segmentsOf:)`): its
    /// header is bound, rows have begun (so no title row can follow), no signature block has started, and
    /// its pipeline's rules judge rows alone.
    var canReadRestInSegments: Bool {
        isBound && outcome.rowsRead > 0 && !inFooter && !isRefused && corrections.isEmpty
            && rules.readsSegments && (facts?.canRetract ?? true)
    }

    /// On a worker's reader: reads one segment of the file as this reader would read it within the whole
    /// file, and returns what it found for `merge`.
    /// - Parameters:
    ///   - firstLine: the lines of the file before the segment.
    ///   - endLine: the line the splitter counted at the segment's end (its reader must agree).
    ///   - isLast: the segment ends the file (it may end without a line break).
    ///   - output: where to write the segment's canonical rows (a buffer of an earlier segment, emptied, so
    ///     that no segment allocates one of its own); it is taken, and becomes the result's `output`.
    func readSegment(_ text: UnsafeRawBufferPointer, firstLine: Int, endLine: Int, isLast: Bool, delimiter: UInt8,
                     output: inout [UInt8]) -> SegmentResult {
        let result = SegmentResult()
        // A row a line, nearly always: the arrays then grow once, not a dozen times a segment.
        result.rows.reserveCapacity(endLine - firstLine)
        result.keyRanges.reserveCapacity((endLine - firstLine) * rules.keyProbes.count)
        result.firstLine = firstLine
        result.delimiter = delimiter
        segment = result
        outcome = FileOutcome(input: input)
        isRefused = false
        inFooter = false
        footerDateSeen = false
        buffer = []
        swap(&buffer, &output)
        buffer.removeAll(keepingCapacity: true)
        let reader = CSVRecordReader(delimiter: delimiter, maxFieldBytes: context.limits.maxFieldBytes,
                                     maxColumns: context.limits.maxColumns, firstLine: firstLine)
        var rowError: (any Error)?
        let deliver: (CSVRecord) -> Void = { record in
            guard rowError == nil else { return }
            do { try self.consume(record) } catch { rowError = error }
        }
        do {
            try reader.parse(text, onRecord: deliver)
            if isLast { try reader.finish(onRecord: deliver) }
        } catch {
            refuse(context.csvFailure(error, input: input, pipeline: pipeline))
        }
        // A segment's reader writes nothing: `rowError` (an output failure) cannot happen here.
        assert(rowError == nil)
        result.endsWhereExpected = isRefused || isLast || (reader.line == endLine && reader.isBetweenRecords)
        result.anomalies = (try? outcome.anomalies.take()) ?? []  // a worker's log never spills
        result.output = buffer
        buffer = []
        result.keys = rules.keyProbes.map { $0.takeKeys() }
        if facts != nil {
            result.facts = facts
            facts = FactAccumulator(pipeline: pipeline)
        }
        result.rowsRead = outcome.rowsRead
        result.layoutRows = outcome.layoutRows
        result.footerStarted = inFooter
        result.footerDate = footerDateSeen ? outcome.reportDate : nil
        result.refused = isRefused
        segment = nil
        return result
    }

    /// On the file's own reader: adds what a worker found in the segment that follows everything merged so
    /// far, so that the outcome, the canonical rows and the rules' state are what reading the segment here
    /// would have made them. A row whose key repeats an earlier one is read again here (the worker could
    /// not know), from the segment's text, and the uniqueness rule reports it.
    /// - Returns: false when the segment cannot be taken as read — its reader did not end where the
    ///   splitter said, it holds records after a signature block that began in an earlier segment, or a
    ///   repeated row is not where the splitter's line ends say. The file must then be read again from its
    ///   start, on one thread.
    /// - Throws: only when the canonical rows cannot be written.
    func merge(_ result: SegmentResult) throws -> Bool {
        guard !isRefused else { return true }  // Later records of a refused file are ignored.
        guard result.endsWhereExpected, !(inFooter && result.recordsSeen > 0) else { return false }
        outcome.segments = (outcome.segments ?? 0) + 1
        let groups = result.facts.map { facts!.absorb($0) } ?? []
        var anomalyCursor = 0, written = 0, rowStart = 0, readAgain = 0
        let unique = rules.uniqueRules.map { $0.registrar(file: input.relativePath) }
        // The probes' keys back to back (one probe, the usual case: its array as it is), read in place.
        let keyBytes = result.keys.count == 1 ? result.keys[0] : Array(result.keys.joined())
        let keyStarts = result.keys.reduce(into: [0]) { starts, keys in starts.append(starts.last! + keys.count) }
        let merged = try keyBytes.withUnsafeBytes { keyBytes in try result.output.withUnsafeBytes { output -> Bool in
            let rows = result.rows, keys = SegmentKeys(bytes: keyBytes, starts: keyStarts, ranges: result.keyRanges)
            for (index, entry) in rows.enumerated() {
                if index + Self.keyLookahead < rows.count { prefetchKeys(rows[index + Self.keyLookahead], keys, with: unique) }
                if anomalyCursor < entry.anomalies.lowerBound {
                    outcome.anomalies.append(contentsOf: result.anomalies[anomalyCursor..<entry.anomalies.lowerBound])
                }
                anomalyCursor = entry.anomalies.upperBound
                defer { rowStart = entry.outputEnd }
                if register(entry, keys, with: unique) {
                    if !entry.anomalies.isEmpty { outcome.anomalies.append(contentsOf: result.anomalies[entry.anomalies]) }
                    if entry.kept { outcome.rowsKept += 1 }
                    continue
                }
                try writeRows(UnsafeRawBufferPointer(rebasing: output[written..<rowStart]))
                written = entry.outputEnd
                if let contribution = entry.facts {
                    var mapped = contribution
                    mapped.group = contribution.group.map { groups[$0] }
                    facts!.retract(mapped)
                }
                readAgain += 1
                let reread: Void? = try result.withRecord(line: entry.line, limits: context.limits) { try readRow($0) }
                guard reread != nil else { return false }
            }
            try writeRows(UnsafeRawBufferPointer(rebasing: output[written...]))
            return true
        } }
        guard merged else { return false }
        outcome.anomalies.append(contentsOf: result.anomalies[anomalyCursor...])
        outcome.rowsRead += result.rowsRead - readAgain
        for (kind, count) in result.layoutRows { outcome.layoutRows[kind, default: 0] += count }
        if result.footerStarted { inFooter = true }
        if let date = result.footerDate, !footerDateSeen {
            outcome.reportDate = date
            footerDateSeen = true
        }
        if result.refused {
            outcome.refused = true
            isRefused = true
        }
        return true
    }

    /// How many rows ahead of the one being registered the merge hints the key table at: far enough for the
    /// slot to arrive from memory meanwhile (a row's merge is ≈ 0.1 µs), near enough to stay in cache.
    private static let keyLookahead = 16

    /// A segment's keys (`SegmentResult.keys`, `keyRanges`), taken out of the result once per merge rather
    /// than once per row and probe, as plain memory: each access to the class's arrays, or to an array
    /// within an array, cost a retain and a release.
    private struct SegmentKeys {
        /// The probes' keys back to back; probe `p`'s start at `starts[p]`.
        let bytes: UnsafeRawBufferPointer
        let starts: [Int]
        let ranges: [Range<Int>?]

        /// The key of `probe` for the row whose keys start at `firstKey`; nil when the row has none.
        func withKey<T>(_ firstKey: Int, _ probe: Int, _ body: (UnsafeRawBufferPointer) -> T) -> T? {
            guard let range = ranges[firstKey + probe] else { return nil }
            let start = starts[probe]
            return body(UnsafeRawBufferPointer(rebasing: bytes[(start + range.lowerBound)..<(start + range.upperBound)]))
        }
    }

    /// Hints the uniqueness rules at the keys of a row about to be registered (`KeyTable.prefetch`).
    private func prefetchKeys(_ entry: SegmentResult.Row, _ keys: SegmentKeys, with unique: [UniqueRule.Registrar]) {
        for probe in unique.indices { _ = keys.withKey(entry.firstKey, probe, unique[probe].prefetch) }
    }

    /// Registers a segment row's keys with the uniqueness rules, as checking the row here would; false (and
    /// nothing registered) when one of them is there already.
    private func register(_ entry: SegmentResult.Row, _ keys: SegmentKeys, with unique: [UniqueRule.Registrar]) -> Bool {
        if unique.count > 1, unique.indices.contains(where: { keys.withKey(entry.firstKey, $0, unique[$0].contains) == true }) { return false }
        for probe in unique.indices {
            // With one key, a repeat leaves the table as it was; with several, none is there (checked above).
            if keys.withKey(entry.firstKey, probe, { unique[probe].register($0, line: entry.line) }) == false { return false }
        }
        return true
    }

    /// Writes canonical rows a segment's reader encoded, after the rows this reader holds.
    private func writeRows(_ bytes: UnsafeRawBufferPointer) throws {
        try flush(force: true)
        guard !bytes.isEmpty else { return }
        if writer == nil {
            writer = try ParallelGzipWriter(creatingAt: partPath, level: context.compressionLevel)
            outcome.partPath = partPath
        }
        try writer!.write(bytes)
    }

    /// Tells the rules that about `rows` rows are coming (`FileProcessor.expectedRows`), so that their key
    /// tables make room once.
    func expectRows(_ rows: Int) {
        for rule in rules.uniqueRules { rule.reserve(keys: rows) }
    }

    /// Before segments are merged: the rows read here so far go to the part first.
    func flushBeforeSegments() throws { try flush(force: true) }

    /// Gives up what was read, before the file is read again from its start: the part is removed and the
    /// rules forget the file's keys.
    func abandon() {
        writer = nil
        if outcome.partPath != nil { try? DurableFileSystem.removeTree(partPath) }
        rules.endFile(accepted: false)
    }

    private func trailingCellsAreEmpty(_ record: CSVRecord, from column: Int) -> Bool {
        (column..<record.fieldCount).allSatisfy { record.trimmedField($0).isEmpty }
    }

    private func flush(force: Bool) throws {
        // A segment's rows wait in the buffer for the merge, which writes them in file order.
        guard segment == nil, force ? !buffer.isEmpty : buffer.count >= 256 * 1024 else { return }
        if writer == nil {
            writer = try ParallelGzipWriter(creatingAt: partPath, level: context.compressionLevel)
            outcome.partPath = partPath
        }
        try buffer.withUnsafeBytes { try writer!.write($0) }
        buffer.removeAll(keepingCapacity: true)
    }
}
