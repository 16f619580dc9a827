import CByteScan
import Glibc

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
    /// Whether no field begins or ends with a space, so that `trimmedField` need not look. The reader trims
    /// an unquoted field as libcsv does; only a quoted one keeps the spaces inside its quotes, so a record
    /// with no quoted field is trimmed (nearly every record: a row costs 25 trims less).
    let fieldsAreTrimmed: Bool

    init(line: Int, bytes: UnsafeBufferPointer<UInt8>, ends: UnsafeBufferPointer<Int>, fieldsAreTrimmed: Bool = false) {
        self.line = line
        self.fieldCount = ends.count
        self.bytes = bytes
        self.ends = ends
        self.fieldsAreTrimmed = fieldsAreTrimmed
        assert(!fieldsAreTrimmed || (0..<ends.count).allSatisfy { field($0).trimmedOfSpaces.count == field($0).count })
    }

    /// The bytes of field `index`, or an empty buffer past the last field.
    @inlinable
    public func field(_ index: Int) -> UnsafeBufferPointer<UInt8> {
        guard index < fieldCount else { return UnsafeBufferPointer(start: bytes.baseAddress, count: 0) }
        let start = index == 0 ? 0 : ends[index - 1]
        return UnsafeBufferPointer(rebasing: bytes[start..<ends[index]])
    }

    /// The bytes of field `index` without the spaces around them (a cell's value, as a person sees it).
    func trimmedField(_ index: Int) -> UnsafeBufferPointer<UInt8> {
        fieldsAreTrimmed ? field(index) : field(index).trimmedOfSpaces
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

/// Streams CSV bytes and hands each record to a closure: the grammar of libcsv in strict mode
/// (`CSV_STRICT | CSV_STRICT_FINI | CSV_REPALL_NL`), read in one loop of our own.
///
/// **Why not libcsv itself.** libcsv copies each byte into its entry buffer, then calls back per field, and
/// the callback copied the field again into the record: ≈ 22 % of a worker's time on a 1M-row file (perf).
/// This loop writes each byte once, into the record's arena, and finds the end of a field sixteen bytes a
/// compare (`cbytescan_first_of4`; `memchr` for the next quote of a quoted field), then copies the field's
/// bytes at once. A line with no quote, whole in the loop's window — nearly every line of a sheet — is
/// split at once (`cbytescan_split_plain_line`: its delimiters from one compare per sixteen bytes, no state
/// per byte), which took reading a 24-column row from ≈ 2,000 to ≈ 1,650 instructions (callgrind, 100k
/// rows). It keeps libcsv's behaviour exactly, down to its quirks, because the meaning of a file must not
/// change with the reader: spaces and tabs around unquoted fields are trimmed (only spaces when tab is the
/// delimiter), spaces after a closing quote too; a quote inside an unquoted field, or anything but spaces,
/// a delimiter or a line break after a closing quote is a syntax error; a file ending inside a quoted field
/// is an error; CR, LF and CRLF each end a record, and an empty line is a blank line. libcsv stays the
/// reference: `CSVRecordReaderAgreementTests` and `make fuzz` parse generated inputs with both, in random chunks, and
/// compare every record and error.
///
/// - Complexity: O(n) in the input; memory is one record (and one chunk), whatever the file size.
public final class CSVRecordReader {
    /// Where the reader is within a record (libcsv's `pstate`).
    private enum Position {
        case rowNotBegun, fieldNotBegun, fieldBegun, fieldMightHaveEnded
    }

    /// What a byte means to the grammar, looked up in `classes`.
    private enum ByteClass {
        static let plain: UInt8 = 0, space: UInt8 = 1, delimiter: UInt8 = 2, quote: UInt8 = 3, lineBreak: UInt8 = 4
    }

    private static let quote = UInt8(ascii: "\"")
    private static let carriageReturn: UInt8 = 0x0D, lineFeed: UInt8 = 0x0A

    /// The class of each byte value (256 entries).
    private let classes: UnsafeMutablePointer<UInt8>
    private let delimiter: UInt8
    private let maxFieldBytes: Int
    private let maxColumns: Int

    private var position = Position.rowNotBegun
    private var quoted = false
    /// Whether a field of the current record was quoted (see `CSVRecord.fieldsAreTrimmed`).
    private var recordHasQuotedField = false
    /// Spaces at the end of the field so far: trimmed when an unquoted field ends, dropped with the closing
    /// quote when a quoted one does.
    private var spaces = 0
    /// The current record's field bytes, one after another (`arenaCount` used of `arenaCapacity`).
    private var arena: UnsafeMutablePointer<UInt8>
    private var arenaCount = 0
    private var arenaCapacity: Int
    /// Where each field of the current record ends in the arena.
    private var ends: UnsafeMutablePointer<Int>
    private var endsCount = 0
    private var endsCapacity: Int
    /// The terminator of the last row, to count the LF of a CRLF once (−1: none, or the end of input).
    private var lastTerminator: Int32 = -1
    private var failed = false
    /// The spreadsheet lines read so far (the last record's line, or a later blank line).
    public private(set) var line: Int

    /// - Parameters:
    ///   - delimiter: `,` `;` or tab.
    ///   - maxFieldBytes, maxColumns: a record past these stops the reader (a hostile or broken file).
    ///   - firstLine: the lines before the text this reader is given (a segment of a file starts after them).
    public init(delimiter: UInt8 = UInt8(ascii: ","), maxFieldBytes: Int = .max, maxColumns: Int = .max, firstLine: Int = 0) {
        self.delimiter = delimiter
        self.maxFieldBytes = maxFieldBytes
        self.maxColumns = maxColumns
        line = firstLine
        classes = .allocate(capacity: 256)
        classes.initialize(repeating: ByteClass.plain, count: 256)
        // A tab is a space to trim, except where it separates the fields.
        classes[0x20] = ByteClass.space
        classes[0x09] = ByteClass.space
        classes[Int(delimiter)] = ByteClass.delimiter
        classes[Int(Self.quote)] = ByteClass.quote
        classes[Int(Self.carriageReturn)] = ByteClass.lineBreak
        classes[Int(Self.lineFeed)] = ByteClass.lineBreak
        arenaCapacity = 64 * 1024
        arena = .allocate(capacity: arenaCapacity)
        endsCapacity = 64
        ends = .allocate(capacity: endsCapacity)
    }

    deinit {
        classes.deallocate()
        arena.deallocate()
        ends.deallocate()
    }

    /// Whether the text so far ended with a whole record: no field or record is waiting for more bytes.
    /// A segment of a file must end so, or its lines would not be where the next segment starts.
    public var isBetweenRecords: Bool {
        position == .rowNotBegun && arenaCount == 0 && endsCount == 0
    }

    /// Parses one chunk, calling `onRecord` for each complete record.
    /// - Throws: `CSVSyntaxError` at the first malformed record; the reader is unusable afterwards.
    public func parse(_ chunk: UnsafeRawBufferPointer, onRecord: (CSVRecord) -> Void) throws(CSVSyntaxError) {
        guard !failed, let start = chunk.baseAddress, chunk.count > 0 else { return }
        let input = start.assumingMemoryBound(to: UInt8.self)
        let classes = self.classes, quote = Self.quote, delimiter = self.delimiter
        var position = self.position, quoted = self.quoted, spaces = self.spaces, used = arenaCount
        var index = 0

        /// Ends the field being read; false when it passes a limit.
        func endField() -> Bool {
            if !quoted { used -= spaces }
            guard closeField(at: used) else { return false }
            position = .fieldNotBegun
            quoted = false
            spaces = 0
            return true
        }
        func endRow(_ terminator: UInt8) {
            arenaCount = used
            deliverRow(terminator: Int32(terminator), onRecord: onRecord)
            used = 0
            position = .rowNotBegun
            quoted = false
            spaces = 0
        }
        func fail(_ detail: String) -> CSVSyntaxError {
            failed = true
            return CSVSyntaxError(line: line + 1, detail: detail)
        }
        /// Copies the rest of an unquoted field, up to (not including) a delimiter, quote or line break and at
        /// most to `end`; `spaces` becomes the spaces and tabs the field now ends with.
        func readUnquotedRun(to end: Int) {
            // Scanned and copied in one pass: the arena has room for the rest of the window.
            let run = cbytescan_copy_until4(self.arena + used, input + index, end - index, delimiter, quote,
                                            Self.carriageReturn, Self.lineFeed)
            guard run > 0 else { return }
            var trailing = 0
            while trailing < run, classes[Int(input[index + run - 1 - trailing])] == ByteClass.space { trailing &+= 1 }
            spaces = trailing == run ? spaces &+ run : trailing
            used &+= run
            index &+= run
        }

        // The input is read in windows of at most `window` bytes: a field's bytes come from the input, so
        // an arena with room for one more window needs no check per byte (and the counts below, bounded by
        // the arena, no overflow check: `&+=`).
        let window = 64 * 1024
        while index < chunk.count {
            let count = min(chunk.count, index + window)
            arenaCount = used
            reserveArena(used + (count - index) + 32)  // 32: a line's short fields are moved as two 16-byte blocks
            let arena = self.arena
            while index < count {
                // The usual line, whole in the window and without a quote, split at once; any other goes
                // through the grammar below, a byte at a time.
                if position == .rowNotBegun {
                    let end = index + cbytescan_first_of3(input + index, count - index, quote, Self.carriageReturn, Self.lineFeed)
                    if end < count, end > index, input[end] != quote {
                        let fields = cbytescan_split_plain_line(input + index, end - index, chunk.count - index, delimiter,
                                                                maxFieldBytes, maxColumns, arena, ends, endsCapacity)
                        if fields > 0 {
                            used = ends[fields - 1]
                            endsCount = fields
                            index = end &+ 1
                            endRow(input[end])
                            continue
                        }
                    }
                }
                let byte = input[index]
                let kind = classes[Int(byte)]
                index &+= 1
                switch position {
                case .rowNotBegun, .fieldNotBegun:
                    switch kind {
                    case ByteClass.space:
                        continue
                    case ByteClass.lineBreak:
                        if position == .fieldNotBegun, !endField() { throw fail(limitDetail(used)) }
                        endRow(byte)
                    case ByteClass.delimiter:
                        guard endField() else { throw fail(limitDetail(used)) }
                    case ByteClass.quote:
                        position = .fieldBegun
                        quoted = true
                        recordHasQuotedField = true
                    default:
                        position = .fieldBegun
                        quoted = false
                        arena[used] = byte
                        used &+= 1
                        spaces = 0
                        readUnquotedRun(to: count)
                        // The usual end of a field, its delimiter, taken here rather than by another turn of
                        // the loop (exactly what that turn would do: `.fieldBegun`, unquoted, a delimiter).
                        if index < count, input[index] == delimiter {
                            index &+= 1
                            guard endField() else { throw fail(limitDetail(used)) }
                        }
                    }
                case .fieldBegun:
                    if quoted {
                        if kind == ByteClass.quote {
                            arena[used] = byte  // kept until the next byte shows whether it closes the field
                            used &+= 1
                            position = .fieldMightHaveEnded
                        } else {
                            // The rest of a quoted field: everything up to the next quote, line breaks included.
                            arena[used] = byte
                            used &+= 1
                            let rest = memchr(input + index, Int32(quote), count - index)
                                .map { UnsafeRawPointer($0) - UnsafeRawPointer(input + index) } ?? (count - index)
                            (arena + used).update(from: input + index, count: rest)
                            used &+= rest
                            index &+= rest
                        }
                        continue
                    }
                    switch kind {
                    case ByteClass.quote:
                        throw fail("stray_quote")
                    case ByteClass.delimiter:
                        guard endField() else { throw fail(limitDetail(used)) }
                    case ByteClass.lineBreak:
                        guard endField() else { throw fail(limitDetail(used)) }
                        endRow(byte)
                    default:
                        arena[used] = byte
                        used &+= 1
                        spaces = kind == ByteClass.space ? spaces &+ 1 : 0
                        readUnquotedRun(to: count)
                    }
                case .fieldMightHaveEnded:
                    switch kind {
                    case ByteClass.delimiter:
                        used -= spaces + 1  // the spaces and the closing quote
                        guard endField() else { throw fail(limitDetail(used)) }
                    case ByteClass.lineBreak:
                        used -= spaces + 1
                        guard endField() else { throw fail(limitDetail(used)) }
                        endRow(byte)
                    case ByteClass.space:
                        arena[used] = byte
                        used &+= 1
                        spaces &+= 1
                    case ByteClass.quote where spaces == 0:
                        position = .fieldBegun  // "" inside a quoted field: the quote kept above stands for both
                    default:
                        throw fail("stray_quote")
                    }
                }
            }
        }
        self.position = position
        self.quoted = quoted
        self.spaces = spaces
        arenaCount = used
    }

    /// Ends the input: delivers a last record without a line break, and reports an unclosed quote.
    public func finish(onRecord: (CSVRecord) -> Void) throws(CSVSyntaxError) {
        guard !failed else { return }
        defer {
            position = .rowNotBegun
            quoted = false
            spaces = 0
        }
        switch position {
        case .rowNotBegun:
            return
        case .fieldBegun where quoted:
            failed = true
            throw CSVSyntaxError(line: line + 1, detail: "unclosed_quote")
        case .fieldMightHaveEnded:
            arenaCount -= spaces + 1
        case .fieldNotBegun, .fieldBegun:
            if !quoted { arenaCount -= spaces }
        }
        guard closeField(at: arenaCount) else {
            failed = true
            throw CSVSyntaxError(line: line + 1, detail: limitDetail(arenaCount))
        }
        deliverRow(terminator: -1, onRecord: onRecord)
    }

    /// Ends a row: a record when it has fields, else an empty line (or the LF of a CRLF, which is not one).
    private func deliverRow(terminator: Int32, onRecord: (CSVRecord) -> Void) {
        if endsCount == 0 {
            let isSecondHalfOfCRLF = terminator == Int32(Self.lineFeed) && lastTerminator == Int32(Self.carriageReturn)
            lastTerminator = terminator
            if !isSecondHalfOfCRLF { line += 1 }
            return
        }
        line += 1
        lastTerminator = terminator
        onRecord(CSVRecord(line: line, bytes: UnsafeBufferPointer(start: arena, count: arenaCount),
                           ends: UnsafeBufferPointer(start: ends, count: endsCount), fieldsAreTrimmed: !recordHasQuotedField))
        arenaCount = 0
        endsCount = 0
        recordHasQuotedField = false
    }

    /// Records that the current field ends at arena offset `end`; false (and nothing recorded) when the field
    /// is longer than `maxFieldBytes` or the record already has `maxColumns` fields.
    private func closeField(at end: Int) -> Bool {
        let fieldStart = endsCount == 0 ? 0 : ends[endsCount - 1]
        if end - fieldStart > maxFieldBytes || endsCount >= maxColumns { return false }
        if endsCount == endsCapacity { growEnds() }
        ends[endsCount] = end
        endsCount += 1
        return true
    }

    /// Which limit the field that just ended passes (called only when it passes one).
    private func limitDetail(_ used: Int) -> String {
        let fieldStart = endsCount == 0 ? 0 : ends[endsCount - 1]
        return used - fieldStart > maxFieldBytes ? "field_too_large" : "too_many_columns"
    }

    private func reserveArena(_ needed: Int) {
        guard needed > arenaCapacity else { return }
        var capacity = arenaCapacity
        while capacity < needed { capacity *= 2 }
        let grown = UnsafeMutablePointer<UInt8>.allocate(capacity: capacity)
        grown.update(from: arena, count: arenaCount)
        arena.deallocate()
        arena = grown
        arenaCapacity = capacity
    }

    private func growEnds() {
        let grown = UnsafeMutablePointer<Int>.allocate(capacity: endsCapacity * 2)
        grown.update(from: ends, count: endsCount)
        ends.deallocate()
        ends = grown
        endsCapacity *= 2
    }
}
