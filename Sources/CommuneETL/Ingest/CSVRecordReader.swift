internal import CLibCSV

/// One record of a CSV file. It points into the reader's arena: use it only inside the callback that
/// receives it, never store it.
///
/// Fields are byte ranges in the reader's arena: nothing is copied into a `String`.
public struct CSVRecord {
    /// The line a person sees in a spreadsheet: every record and every blank line counts one, a quoted
    /// line break inside a cell does not.
    public let line: Int
    public let fieldCount: Int
    @usableFromInline let bytes: UnsafeBufferPointer<UInt8>
    @usableFromInline let ends: UnsafeBufferPointer<Int>

    init(line: Int, bytes: UnsafeBufferPointer<UInt8>, ends: UnsafeBufferPointer<Int>) {
        self.line = line
        self.fieldCount = ends.count
        self.bytes = bytes
        self.ends = ends
    }

    /// The bytes of field `index`, or an empty buffer past the last field.
    @inlinable
    public func field(_ index: Int) -> UnsafeBufferPointer<UInt8> {
        guard index < fieldCount else { return UnsafeBufferPointer(start: bytes.baseAddress, count: 0) }
        let start = index == 0 ? 0 : ends[index - 1]
        return UnsafeBufferPointer(rebasing: bytes[start..<ends[index]])
    }

    /// Whether every field is empty (a row of bare delimiters counts as blank).
    public var isBlank: Bool { (ends.last ?? 0) == 0 }

    /// The field as a `String`, for the few places that need one (headers, messages).
    public func string(_ index: Int) -> String { String(decoding: field(index), as: UTF8.self) }
}

/// Where parsing stopped on malformed CSV, or on a record past the reader's limits.
public struct CSVSyntaxError: Error, Equatable, Sendable {
    /// The spreadsheet line of the record that could not be read.
    public let line: Int
    /// `stray_quote` or `unclosed_quote` (FILE-CSV), `field_too_large` or `too_many_columns` (FILE-LIMIT):
    /// the texts are in `file-rules.yaml`.
    public let detail: String

    /// Whether a limit stopped the reader, rather than broken CSV.
    public var isLimit: Bool { detail == "field_too_large" || detail == "too_many_columns" }
}

/// Streams CSV bytes through libcsv (strict mode) and hands each record to a closure.
///
/// libcsv's callbacks are C functions; they reach the reader's state through the `void *` context. Field bytes
/// are appended to one reused arena, so the cost per field is a copy and no allocation.
/// - Complexity: O(n) in the input; memory is one record, whatever the file size.
public final class CSVRecordReader {
    private var parser = csv_parser()
    /// What the callbacks write to, behind a stable pointer (see `RecordAssembly`).
    private let assembly: UnsafeMutablePointer<RecordAssembly>
    private var failed = false

    /// - Parameters:
    ///   - delimiter: `,` `;` or tab.
    ///   - maxFieldBytes, maxColumns: a record past these stops the reader (a hostile or broken file).
    ///   - firstLine: the lines before the text this reader is given (a segment of a file starts after them).
    public init(delimiter: UInt8 = UInt8(ascii: ","), maxFieldBytes: Int = .max, maxColumns: Int = .max, firstLine: Int = 0) {
        assembly = .allocate(capacity: 1)
        assembly.initialize(to: RecordAssembly(maxFieldBytes: maxFieldBytes, maxColumns: maxColumns))
        assembly.pointee.line = firstLine
        let options = CSV_STRICT | CSV_STRICT_FINI | CSV_REPALL_NL
        _ = csv_init(&parser, UInt8(options))
        csv_set_delim(&parser, delimiter)
        // Long cells (notes) would otherwise grow the entry buffer 128 bytes at a time.
        csv_set_blk_size(&parser, 64 * 1024)
        if delimiter == UInt8(ascii: "\t") {
            // libcsv trims tabs as spaces before checking the delimiter: make only the space a space.
            csv_set_space_func(&parser, { $0 == 0x20 ? 1 : 0 })
        }
    }

    deinit {
        csv_free(&parser)
        assembly.deinitialize(count: 1)
        assembly.deallocate()
    }

    /// The spreadsheet lines read so far (the last record's line, or a later blank line).
    public var line: Int { assembly.pointee.line }

    /// Whether the text so far ended with a whole record: no field or record is waiting for more bytes.
    /// A segment of a file must end so, or its lines would not be where the next segment starts.
    public var isBetweenRecords: Bool {
        parser.pstate == 0 && parser.entry_pos == 0 && assembly.pointee.ends.count == 0
    }

    /// Parses one chunk, calling `onRecord` for each complete record.
    /// - Throws: `CSVSyntaxError` at the first malformed record; the reader is unusable afterwards.
    public func parse(_ chunk: UnsafeRawBufferPointer, onRecord: (CSVRecord) -> Void) throws(CSVSyntaxError) {
        guard !failed, chunk.count > 0 else { return }
        let consumed = withoutActuallyEscaping(onRecord) { handler in
            assembly.pointee.handler = handler
            defer { assembly.pointee.handler = nil }
            return csv_parse(&parser, chunk.baseAddress, chunk.count, fieldCallback, rowCallback, UnsafeMutableRawPointer(assembly))
        }
        if let limitExceeded = assembly.pointee.limitExceeded {
            failed = true
            throw limitExceeded
        }
        if consumed != chunk.count {
            failed = true
            throw CSVSyntaxError(line: assembly.pointee.line + 1, detail: "stray_quote")
        }
    }

    /// Ends the input: delivers a last record without a line break, and reports an unclosed quote.
    public func finish(onRecord: (CSVRecord) -> Void) throws(CSVSyntaxError) {
        guard !failed else { return }
        let status = withoutActuallyEscaping(onRecord) { handler in
            assembly.pointee.handler = handler
            defer { assembly.pointee.handler = nil }
            return csv_fini(&parser, fieldCallback, rowCallback, UnsafeMutableRawPointer(assembly))
        }
        if let limitExceeded = assembly.pointee.limitExceeded {
            failed = true
            throw limitExceeded
        }
        if status != 0 {
            failed = true
            throw CSVSyntaxError(line: assembly.pointee.line + 1, detail: "unclosed_quote")
        }
    }
}

/// The record being assembled from libcsv's callbacks: plain memory behind a pointer rather than the
/// reader's properties, so a field costs a copy and nothing else — no reference counting of the reader,
/// no exclusivity check (a class's stored properties are checked on every access) — across the 25
/// million fields of a million-row file.
private struct RecordAssembly: ~Copyable {
    var arena = FlatStorage<UInt8>(capacity: 64 * 1024)
    var ends = FlatStorage<Int>(capacity: 64)
    var line = 0
    var lastTerminator: Int32 = -1
    var handler: ((CSVRecord) -> Void)?
    let maxFieldBytes: Int
    let maxColumns: Int
    /// Set when a record passes a limit; records are no longer delivered.
    var limitExceeded: CSVSyntaxError?

    init(maxFieldBytes: Int, maxColumns: Int) {
        self.maxFieldBytes = maxFieldBytes
        self.maxColumns = maxColumns
    }

    mutating func addField(_ field: UnsafeMutableRawPointer?, length: Int) {
        guard limitExceeded == nil else { return }
        if length > maxFieldBytes || ends.count >= maxColumns {
            let detail = length > maxFieldBytes ? "field_too_large" : "too_many_columns"
            limitExceeded = CSVSyntaxError(line: line + 1, detail: detail)
            arena.truncate(to: 0)
            ends.truncate(to: 0)
            return
        }
        if length > 0, let field {
            arena.append(contentsOf: UnsafeBufferPointer(start: field.assumingMemoryBound(to: UInt8.self), count: length))
        }
        ends.append(arena.count)
    }

    mutating func endRecord(terminator: Int32) {
        if ends.count == 0 {
            // An empty row from CSV_REPALL_NL: either a blank line, or the LF of a CRLF.
            let isSecondHalfOfCRLF = terminator == 0x0A && lastTerminator == 0x0D
            lastTerminator = terminator
            if !isSecondHalfOfCRLF { line += 1 }
            return
        }
        line += 1
        lastTerminator = terminator
        guard limitExceeded == nil else { return }
        handler?(CSVRecord(line: line, bytes: arena.buffer(0..<arena.count), ends: ends.buffer(0..<ends.count)))
        arena.truncate(to: 0)
        ends.truncate(to: 0)
    }
}

private func fieldCallback(_ field: UnsafeMutableRawPointer?, _ length: Int, _ context: UnsafeMutableRawPointer?) {
    context!.assumingMemoryBound(to: RecordAssembly.self).pointee.addField(field, length: length)
}

private func rowCallback(_ terminator: Int32, _ context: UnsafeMutableRawPointer?) {
    context!.assumingMemoryBound(to: RecordAssembly.self).pointee.endRecord(terminator: terminator)
}
