/// The anomaly lists made for people: one per commune, one per office, and the problems fixed tonight.
///
/// `anomalies.csv` is for tools; staff open these in Excel (`ExcelCSV`: BOM, CRLF, formulas neutralised),
/// with Vietnamese headers, sorted by file then line, each message ending with where to fix it
/// (`— sửa ở dòng 17 của tệp household-review/2023/lung-phinh.csv`; `— sửa tệp …` for a whole file;
/// nothing for a problem of the run as a whole, such as an off-track target).
///
/// - `communes/<code>-<name>.csv` (`02848-lung-phinh.csv`): every problem of the commune's records, for
///   each commune that has one. Problems with no commune (a whole file, a district target) are in the
///   offices' lists only.
/// - `owners/<office>.csv` (`ldtbxh.csv`): every problem the office must act on (`owner`; when empty, the
///   pipeline's owner; when neither, the `fallback` office of `offices.yaml`).
/// - `resolved.csv`: the problems of the previous night that are gone tonight, once.
public struct StaffAnomalyLists: Sendable {
    let catalog: PipelineCatalog
    /// Looked up once per list row: made once here, not searched in the catalog for each anomaly.
    private let communeNames: [String: String]
    private let columnLabels: [String: [String: String]]
    private let pipelineOwners: [String: String]

    public init(catalog: PipelineCatalog) {
        self.catalog = catalog
        var latest: [String: (validFrom: String, name: String)] = [:]
        for commune in catalog.registry.communes where latest[commune.code].map({ $0.validFrom < commune.validFrom }) ?? true {
            latest[commune.code] = (commune.validFrom, commune.name)
        }
        communeNames = latest.mapValues(\.name)
        var labels: [String: [String: String]] = [:]
        var owners: [String: String] = [:]
        for pipeline in catalog.pipelines {
            owners[pipeline.name] = pipeline.definition.owner
            for slot in pipeline.slots.reversed() { labels[pipeline.name, default: [:]][slot.name] = slot.labelVI }
        }
        columnLabels = labels
        pipelineOwners = owners
    }

    /// The columns, in order. The last three are left empty for a district officer: a value written in
    /// `Giá trị sửa (corrected_value)` and the list put in `inbox/corrections/` corrects the record
    /// (`CorrectionSet`).
    public static let header = [
        "Mã lỗi", "Mức độ", "Quy tắc", "Tệp", "Dòng", "Xã", "Bản ghi", "Cột", "Giá trị", "Giá trị đúng",
        "Nội dung", "Trạng thái", "Lần đầu phát hiện", "Số đêm", "Đơn vị xử lý", "Message (English)",
        "Giá trị sửa (corrected_value)", "Người sửa", "Ngày sửa",
    ]

    /// Every list, as paths inside `anomalies/` and their bytes, in path order.
    public func files(current: [AnomalyRecord], resolved: [AnomalyRecord]) -> [(path: String, bytes: [UInt8])] {
        var files: [(path: String, bytes: [UInt8])] = []
        // Encoding into memory cannot fail: only a sink that writes a file throws.
        try? write(current: current, resolved: resolved) { path, encode in
            var bytes: [UInt8] = []
            try? encode { bytes.append(contentsOf: $0) }
            files.append((path, bytes))
        }
        return files
    }

    /// Writes a list: hands each piece of its bytes, in order, to the function it is given.
    public typealias ListEncoder = ((UnsafeRawBufferPointer) throws -> Void) throws -> Void

    /// Every list of records held in memory (tests), as `write(_:resolved:to:)` does.
    public func write(current: [AnomalyRecord], resolved: [AnomalyRecord], to sink: (String, ListEncoder) throws -> Void) throws {
        var lists = Sorter(lists: self) { _ in SpillLog() }
        for record in current { lists.add(record) }
        var sorted = SpillLog<RecordsByFileAndLine>()
        for record in resolved { sorted.append(record) }
        try write(lists, resolved: sorted, to: sink)
    }

    /// Every list, handed to `sink` one at a time in path order (paths inside `anomalies/`) with the function
    /// that encodes it in pieces of about 1 MiB, so that a run writes each list as it is encoded: at 10M rows
    /// the lists together are hundreds of megabytes.
    /// - Parameter resolved: the records of `resolved.csv`, read back in the order of the lists.
    /// - Parameter including: which lists (by path) to write: a run writes the offices' lists on a second
    ///   thread, since the office of every household list holds as many records as all the communes' lists.
    func write<Format: SpillFormat>(_ lists: Sorter, resolved: SpillLog<Format>, including: (String) -> Bool = { _ in true },
                                    to sink: (String, ListEncoder) throws -> Void) throws where Format.Element == AnomalyRecord {
        for path in (lists.logs.keys + ["resolved.csv"]).sorted() where including(path) {
            if let log = lists.logs[path] {
                try sink(path) { pieces in try encode(log, to: pieces) }
            } else {
                try sink(path) { pieces in try encode(resolved, to: pieces) }
            }
        }
    }

    /// The night's records sorted into the lists as they come (a record goes to its commune's list and to its
    /// office's), each list a `SpillLog` read back by file then line.
    struct Sorter: Sendable {
        let lists: StaffAnomalyLists
        /// A new, empty list, named for its spill file.
        let makeLog: @Sendable (String) -> SpillLog<ListRowsByFileAndLine>
        /// Path inside `anomalies/` → its rows.
        private(set) var logs: [String: SpillLog<ListRowsByFileAndLine>] = [:]
        /// Commune code, or office, → the path of its list: a file name is made once per list, not per record.
        private var communePaths: [String: String] = [:]
        private var officePaths: [String: String] = [:]
        /// The office of the last record's owner and pipeline: records come in runs of one file's anomalies.
        private var lastOwner: String?
        private var lastPipeline: String?
        private var lastOffice: String?
        /// The text of the cell being encoded, reused from cell to cell.
        private var cell: [UInt8] = []

        init(lists: StaffAnomalyLists, makeLog: @escaping @Sendable (String) -> SpillLog<ListRowsByFileAndLine>) {
            self.lists = lists
            self.makeLog = makeLog
        }

        /// Adds the record to its commune's list and its office's. Its row is encoded here, once for both
        /// lists: the logs keep the bytes to write, not the record (a record spilled, read back and encoded
        /// for each list cost ≈ 10 µs; 0.2 s of a night with 20,000 problems).
        mutating func add(_ record: AnomalyRecord) {
            let lists = lists, anomaly = record.anomaly
            let code = anomaly.communeCode
            let communePath = code.isEmpty ? nil : Self.path(code, in: &communePaths) {
                "communes/" + SafeFileName.make([code, lists.communeName(code) ?? ""], extension: "csv")
            }
            if anomaly.owner != lastOwner || anomaly.pipeline != lastPipeline {
                (lastOwner, lastPipeline, lastOffice) = (anomaly.owner, anomaly.pipeline, lists.office(of: anomaly))
            }
            let officePath = lastOffice.map { office in
                Self.path(office, in: &officePaths) { "owners/" + SafeFileName.make([office], extension: "csv") }
            }
            guard communePath != nil || officePath != nil else { return }
            var bytes: [UInt8] = []
            // Room for the row at once (its two messages and their places, and the short cells), rather
            // than six reallocations as it grows.
            bytes.reserveCapacity(anomaly.messageVI.utf8.count + anomaly.messageEN.utf8.count + 2 * anomaly.sourceFile.utf8.count + 384)
            lists.appendRow(record, office: lastOffice, to: &bytes, cell: &cell)
            let row = ListRow(sourceFile: anomaly.sourceFile, sourceLine: anomaly.sourceLine, bytes: bytes)
            if let communePath { add(row, to: communePath) }
            if let officePath { add(row, to: officePath) }
        }

        private static func path(_ key: String, in paths: inout [String: String], _ make: () -> String) -> String {
            if let known = paths[key] { return known }
            let path = make()
            paths[key] = path
            return path
        }

        private mutating func add(_ row: ListRow, to path: String) {
            let count = logs.count
            logs[path, default: makeLog("list-" + String(count))].append(row)
        }

        /// Spills what the lists hold in memory.
        mutating func flush() {
            for path in logs.keys { logs[path]!.flush() }
        }
    }

    /// One row of a list, encoded (`ExcelCSV`), with the file and line it sorts by.
    struct ListRow: Sendable, Equatable {
        var sourceFile: String
        var sourceLine: Int?
        var bytes: [UInt8]
    }

    /// One list: the records sorted by file then line, one row each.
    public func encode(_ records: [AnomalyRecord]) -> [UInt8] {
        EncodedPieces.collect { encode(records, to: $0) }
    }

    /// One list, handed to `sink` in pieces of about 1 MiB: each row is made just before it is written.
    public func encode(_ records: [AnomalyRecord], to sink: (UnsafeRawBufferPointer) -> Void) {
        var sorted = SpillLog<RecordsByFileAndLine>()
        for record in records { sorted.append(record) }
        // Nothing can fail: the list is in memory and the sink does not throw.
        try? encode(sorted, to: sink)
    }

    /// One list of rows the `Sorter` encoded, read back by file then line, streamed to `sink` in pieces of
    /// about 1 MiB.
    func encode(_ rows: SpillLog<ListRowsByFileAndLine>, to sink: (UnsafeRawBufferPointer) throws -> Void) throws {
        var out = EncodedPieces()
        out.bytes += ExcelCSV.byteOrderMark
        ExcelCSV.appendRow(Self.header, to: &out.bytes)
        try rows.forEachInOrder { row in
            out.bytes += row.bytes
            try out.flushIfFull(to: sink)
        }
        try out.flush(to: sink)
    }

    /// One list from a log read back in its order, streamed to `sink` in pieces of about 1 MiB.
    func encode<Format: SpillFormat>(_ records: SpillLog<Format>, to sink: (UnsafeRawBufferPointer) throws -> Void) throws
    where Format.Element == AnomalyRecord {
        var out = EncodedPieces()
        out.bytes += ExcelCSV.byteOrderMark
        ExcelCSV.appendRow(Self.header, to: &out.bytes)
        var cell: [UInt8] = []
        try records.forEachInOrder { record in
            appendRow(record, office: office(of: record.anomaly), to: &out.bytes, cell: &cell)
            try out.flushIfFull(to: sink)
        }
        try out.flush(to: sink)
    }

    /// Appends the record's row (the columns of `header`, then CRLF) to `out`: each cell's text is put
    /// together in `cell` (reused from row to row), then neutralised and quoted (`ExcelCSV.appendCell`).
    /// Why bytes and not nineteen `String`s: the lists are encoded on the run's tail, one row per problem,
    /// and building each row as strings cost ≈ 30,000 instructions a problem (callgrind).
    /// - Parameter office: the anomaly's office (`office(of:)`), which the caller may know already.
    func appendRow(_ record: AnomalyRecord, office: String?, to out: inout [UInt8], cell: inout [UInt8]) {
        let anomaly = record.anomaly
        var isFirst = true
        func put(_ build: (inout [UInt8]) -> Void) {
            if !isFirst { out.append(UInt8(ascii: ",")) }
            isFirst = false
            cell.removeAll(keepingCapacity: true)
            build(&cell)
            cell.withUnsafeBufferPointer { ExcelCSV.appendCell($0, to: &out) }
        }
        /// A cell that is one string: straight from its bytes, not copied into `cell` first.
        func put(_ text: String) {
            if !isFirst { out.append(UInt8(ascii: ",")) }
            isFirst = false
            var text = text
            text.withUTF8 { ExcelCSV.appendCell($0, to: &out) }
        }
        put(anomaly.anomalyID)
        put(anomaly.severity == .error ? "Lỗi" : "Cảnh báo")
        put(anomaly.rule)
        put(anomaly.sourceFile)
        put { text in if let line = anomaly.sourceLine { DecimalDigits.append(Int64(line), to: &text) } }
        put { text in  // `Lùng Phình (02848)`, or the code alone when the registry has no name for it
            guard !anomaly.communeCode.isEmpty else { return }
            guard let name = communeName(anomaly.communeCode) else { return text += anomaly.communeCode.utf8 }
            text += name.utf8
            text += " (".utf8
            text += anomaly.communeCode.utf8
            text.append(UInt8(ascii: ")"))
        }
        put(anomaly.recordKey)
        put(columnLabel(anomaly))
        put(anomaly.value)
        put(anomaly.expected)
        put { text in
            text += anomaly.messageVI.utf8
            Self.appendLocation(of: anomaly, english: false, to: &text)
        }
        put(record.status.vietnamese)
        put(record.firstSeen)
        put { DecimalDigits.append(Int64(record.nightsOpen), to: &$0) }
        put(office.flatMap({ catalog.indicators.office($0)?.name.vi }) ?? "")
        put { text in
            text += anomaly.messageEN.utf8
            Self.appendLocation(of: anomaly, english: true, to: &text)
        }
        out += ",,,\r\n".utf8  // the three columns left empty for a district officer, then the line end
    }

    /// Where to fix the problem, appended to its message: the line of the file (` — sửa ở dòng 17 của tệp
    /// f.csv`, ` — fix line 17 of the file f.csv`), or the file; nothing for a problem of the run as a
    /// whole, nor for an empty file (there is nothing in it to fix: it is sent again).
    static func appendLocation(of anomaly: Anomaly, english: Bool, to text: inout [UInt8]) {
        let file = anomaly.sourceFile
        guard !file.isEmpty, anomaly.rule != FileRule.empty.rawValue else { return }
        if let line = anomaly.sourceLine {
            text += (english ? " — fix line " : " — sửa ở dòng ").utf8
            text += String(line).utf8
            text += (english ? " of the file " : " của tệp ").utf8
        } else {
            text += (english ? " — fix the file " : " — sửa tệp ").utf8
        }
        text += file.utf8
    }

    /// The office whose list holds the anomaly: its owner, else its pipeline's, else the fallback office;
    /// nil when none of them is an office of `offices.yaml`.
    func office(of anomaly: Anomaly) -> String? {
        let indicators = catalog.indicators
        let candidates = [anomaly.owner, pipelineOwners[anomaly.pipeline] ?? "", indicators.fallbackOffice ?? ""]
        return candidates.first { !$0.isEmpty && indicators.office($0) != nil }
    }

    /// The commune's name today (the latest unit with that code): `Lùng Phình`.
    func communeName(_ code: String) -> String? {
        communeNames[code]
    }

    /// The column as the template heads it (the field's Vietnamese label), else the field's name.
    func columnLabel(_ anomaly: Anomaly) -> String {
        columnLabels[anomaly.pipeline]?[anomaly.field] ?? anomaly.field
    }
}
