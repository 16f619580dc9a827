import CLibCSV
@testable import CommuneETL

/// libcsv itself, in the mode `CSVRecordReader` reproduces (`CSV_STRICT | CSV_STRICT_FINI | CSV_REPALL_NL`),
/// with the same line counting and limits: the reference the reader is compared with
/// (`CSVRecordReaderAgreementTests`). It was the reader of the job until libcsv's per-byte copies showed in
/// the profile; its callbacks are kept here as they were.
final class LibCSVReference {
    /// What a run of the reference gave: the records, the error if one stopped it, and after each chunk
    /// the line reached and whether the text ended between records.
    struct Outcome: Equatable, CustomStringConvertible {
        var records: [ReadRecord] = []
        var error: CSVSyntaxError?
        var afterChunks: [String] = []

        var description: String {
            "records: \(records)\nerror: \(error.map { "\($0.line) \($0.detail)" } ?? "none")\nafter chunks: \(afterChunks)"
        }
    }

    private var parser = csv_parser()
    private let assembly: UnsafeMutablePointer<Assembly>

    init(delimiter: UInt8, maxFieldBytes: Int, maxColumns: Int) {
        assembly = .allocate(capacity: 1)
        assembly.initialize(to: Assembly(maxFieldBytes: maxFieldBytes, maxColumns: maxColumns))
        _ = csv_init(&parser, UInt8(CSV_STRICT | CSV_STRICT_FINI | CSV_REPALL_NL))
        csv_set_delim(&parser, delimiter)
        if delimiter == UInt8(ascii: "\t") {
            csv_set_space_func(&parser, { $0 == 0x20 ? 1 : 0 })
        }
    }

    deinit {
        csv_free(&parser)
        assembly.deinitialize(count: 1)
        assembly.deallocate()
    }

    /// Reads `bytes` cut at `splits`, then ends the input.
    static func read(_ bytes: [UInt8], delimiter: UInt8, maxFieldBytes: Int = .max, maxColumns: Int = .max,
                     splits: [Int]) -> Outcome {
        let reference = LibCSVReference(delimiter: delimiter, maxFieldBytes: maxFieldBytes, maxColumns: maxColumns)
        var outcome = Outcome()
        var start = 0
        for end in splits + [bytes.count] {
            let chunk = Array(bytes[start..<end])
            start = end
            if let error = chunk.withUnsafeBytes({ reference.parse($0, into: &outcome.records) }) {
                outcome.error = error
                return outcome
            }
            outcome.afterChunks.append("\(reference.assembly.pointee.line) \(reference.isBetweenRecords)")
        }
        outcome.error = reference.finish(into: &outcome.records)
        return outcome
    }

    /// The same run through `CSVRecordReader`.
    static func readWithReader(_ bytes: [UInt8], delimiter: UInt8, maxFieldBytes: Int = .max, maxColumns: Int = .max,
                               splits: [Int]) -> Outcome {
        let reader = CSVRecordReader(delimiter: delimiter, maxFieldBytes: maxFieldBytes, maxColumns: maxColumns)
        var outcome = Outcome()
        var records: [ReadRecord] = []
        let collect: (CSVRecord) -> Void = { records.append(ReadRecord($0)) }
        var start = 0
        do {
            for end in splits + [bytes.count] {
                let chunk = Array(bytes[start..<end])
                start = end
                try chunk.withUnsafeBytes { try reader.parse($0, onRecord: collect) }
                outcome.afterChunks.append("\(reader.line) \(reader.isBetweenRecords)")
            }
            try reader.finish(onRecord: collect)
        } catch {
            outcome.error = error as? CSVSyntaxError
        }
        outcome.records = records
        return outcome
    }

    private var isBetweenRecords: Bool {
        parser.pstate == 0 && parser.entry_pos == 0 && assembly.pointee.ends.isEmpty
    }

    private func parse(_ chunk: UnsafeRawBufferPointer, into records: inout [ReadRecord]) -> CSVSyntaxError? {
        guard chunk.count > 0 else { return nil }
        var delivered: [ReadRecord] = []
        let consumed = withoutActuallyEscaping({ (record: CSVRecord) in delivered.append(ReadRecord(record)) }) { handler in
            assembly.pointee.handler = handler
            defer { assembly.pointee.handler = nil }
            return csv_parse(&parser, chunk.baseAddress, chunk.count, referenceField, referenceRow, UnsafeMutableRawPointer(assembly))
        }
        records += delivered
        if let limitExceeded = assembly.pointee.limitExceeded { return limitExceeded }
        if consumed != chunk.count { return CSVSyntaxError(line: assembly.pointee.line + 1, detail: "stray_quote") }
        return nil
    }

    private func finish(into records: inout [ReadRecord]) -> CSVSyntaxError? {
        var delivered: [ReadRecord] = []
        let status = withoutActuallyEscaping({ (record: CSVRecord) in delivered.append(ReadRecord(record)) }) { handler in
            assembly.pointee.handler = handler
            defer { assembly.pointee.handler = nil }
            return csv_fini(&parser, referenceField, referenceRow, UnsafeMutableRawPointer(assembly))
        }
        records += delivered
        if let limitExceeded = assembly.pointee.limitExceeded { return limitExceeded }
        if status != 0 { return CSVSyntaxError(line: assembly.pointee.line + 1, detail: "unclosed_quote") }
        return nil
    }

    /// The record assembled from libcsv's callbacks, as the job's reader did it.
    fileprivate struct Assembly {
        var arena: [UInt8] = []
        var ends: [Int] = []
        var line = 0
        var lastTerminator: Int32 = -1
        var handler: ((CSVRecord) -> Void)?
        let maxFieldBytes: Int
        let maxColumns: Int
        var limitExceeded: CSVSyntaxError?

        mutating func addField(_ field: UnsafeMutableRawPointer?, length: Int) {
            guard limitExceeded == nil else { return }
            if length > maxFieldBytes || ends.count >= maxColumns {
                limitExceeded = CSVSyntaxError(line: line + 1, detail: length > maxFieldBytes ? "field_too_large" : "too_many_columns")
                arena = []
                ends = []
                return
            }
            if length > 0, let field {
                arena.append(contentsOf: UnsafeBufferPointer(start: field.assumingMemoryBound(to: UInt8.self), count: length))
            }
            ends.append(arena.count)
        }

        mutating func endRecord(terminator: Int32) {
            if ends.isEmpty {
                let isSecondHalfOfCRLF = terminator == 0x0A && lastTerminator == 0x0D
                lastTerminator = terminator
                if !isSecondHalfOfCRLF { line += 1 }
                return
            }
            line += 1
            lastTerminator = terminator
            guard limitExceeded == nil else { return }
            arena.withUnsafeBufferPointer { bytes in
                ends.withUnsafeBufferPointer { ends in handler?(CSVRecord(line: line, bytes: bytes, ends: ends)) }
            }
            arena = []
            ends = []
        }
    }
}

private func referenceField(_ field: UnsafeMutableRawPointer?, _ length: Int, _ context: UnsafeMutableRawPointer?) {
    context!.assumingMemoryBound(to: LibCSVReference.Assembly.self).pointee.addField(field, length: length)
}

private func referenceRow(_ terminator: Int32, _ context: UnsafeMutableRawPointer?) {
    context!.assumingMemoryBound(to: LibCSVReference.Assembly.self).pointee.endRecord(terminator: terminator)
}
