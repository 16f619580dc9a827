import Glibc

/// Takes one input through every stage: read its bytes (hashing them on the way), decide how to decode
/// them, route it to a pipeline when it lies at the inbox root, and hand its records to a `SheetReader`.
///
/// Never throws for a problem of the file itself: that becomes a file-level anomaly, and the rest of the
/// inbox goes on. It throws only when an output cannot be written.
public struct FileProcessor {
    static let chunkSize = 1 << 20
    let context: RunContext

    public init(context: RunContext) { self.context = context }

    /// - Parameter index: the file's position in the run, which names its part.
    public func process(_ input: InputFile, index: Int) throws -> FileOutcome {
        do {
            return try process(input, index: index, inSegments: context.readThreads > 1)
        } catch is SegmentedReading.FallBack {
            return try process(input, index: index, inSegments: false)
        }
    }

    /// - Parameter inSegments: whether a large file may be read on several threads (`SegmentedReading`).
    /// - Throws: `SegmentedReading.FallBack` when it was, and must be read again on one thread.
    private func process(_ input: InputFile, index: Int, inSegments: Bool) throws -> FileOutcome {
        var outcome = FileOutcome(input: input, anomalies: context.anomalyLog(forFile: index))
        let descriptor = open(input.absolutePath, O_RDONLY | O_CLOEXEC | O_NOFOLLOW)
        guard descriptor >= 0 else {
            outcome.refused = true
            outcome.anomalies.append(context.fileAnomaly(.read, input: input, pipeline: input.pipeline, detail: "os_error", values: ["reason": String(cString: strerror(errno))]))
            return outcome
        }
        defer { close(descriptor) }
        var info = stat()
        let hasSize = fstat(descriptor, &info) == 0
        if hasSize, Int(info.st_size) > context.limits.maxFileBytes {
            outcome.refused = true
            outcome.bytes = Int(info.st_size)
            outcome.anomalies.append(context.fileAnomaly(.limit, input: input, pipeline: input.pipeline, detail: "file_too_large",
                                                         values: ["size": String(info.st_size), "limit": String(context.limits.maxFileBytes)]))
            return outcome
        }
        let chunk = UnsafeMutableRawBufferPointer.allocate(byteCount: Self.chunkSize, alignment: 16)
        defer { chunk.deallocate() }
        var hash = SHA256()
        let firstCount: Int
        do {
            firstCount = try readChunk(descriptor, into: chunk)
        } catch {
            outcome.refused = true
            outcome.anomalies.append(context.fileAnomaly(.read, input: input, pipeline: input.pipeline, detail: "os_error", values: ["reason": error.reason]))
            return outcome
        }
        guard firstCount > 0 else {
            outcome.refused = true
            outcome.anomalies.append(context.fileAnomaly(.empty, input: input, pipeline: input.pipeline, detail: "zero_bytes"))
            outcome.sha256 = hash.finalize().lowercaseHex
            return outcome
        }
        let firstBytes = UnsafeRawBufferPointer(rebasing: UnsafeRawBufferPointer(chunk)[0..<firstCount])
        let isWholeFile = firstCount < Self.chunkSize
        let decoding: InputDecoding
        do {
            decoding = try InputDecoding.detect(firstChunk: firstBytes.assumingMemoryBound(to: UInt8.self),
                                                isWholeFile: isWholeFile, context: context)
        } catch {
            outcome.anomalies.append(context.fileAnomaly(.encoding, input: input, pipeline: input.pipeline, detail: error.detail, values: error.values))
            outcome.refused = true
            hashRest(descriptor, chunk: chunk, first: firstCount, hash: &hash, outcome: &outcome)
            return outcome
        }
        outcome.encoding = decoding.encoding.rawValue
        outcome.repair = decoding.encoding.repair
        let text = decoding.sample(of: firstBytes, isWholeFile: isWholeFile)
        let delimiter = text.withUnsafeBufferPointer(DelimiterSniffer.delimiter(in:))
        outcome.delimiter = delimiter == 9 ? "tab" : String(UnicodeScalar(delimiter))
        guard let pipeline = text.withUnsafeBytes({ route(input, sample: $0, delimiter: delimiter, outcome: &outcome) }) else {
            outcome.refused = true
            hashRest(descriptor, chunk: chunk, first: firstCount, hash: &hash, outcome: &outcome)
            return outcome
        }
        if isWholeFile { outcome.reportDate = FileDateScan.lastDate(in: text, delimiter: delimiter) }
        let partPath = context.partsFolder + "/" + zeroPadded(index) + ".gz"
        let sheet = SheetReader(pipeline: pipeline, context: context, input: input, partPath: partPath, outcome: outcome)
        if hasSize, !isWholeFile {
            sheet.expectRows(Self.expectedRows(fileBytes: Int(info.st_size), firstChunk: firstBytes))
        }
        let reader = CSVRecordReader(delimiter: delimiter, maxFieldBytes: context.limits.maxFieldBytes,
                                     maxColumns: context.limits.maxColumns)
        var rowError: (any Error)?
        let deliver: (CSVRecord) -> Void = { record in
            guard rowError == nil else { return }
            do { try sheet.consume(record) } catch { rowError = error }
        }
        let segments = inSegments && hasSize && Int(info.st_size) >= 4 * context.segmentBytes
            ? SegmentedReading(sheet: sheet, reader: reader, deliver: deliver, makeReaders: {
                try (0..<context.readThreads).map { _ in
                    SheetReader(segmentsOf: sheet, rules: try RuleSet(pipeline, indicators: context.catalog.indicators,
                                                                      units: context.catalog.units, probingKeys: true))
                }
            }, delimiter: delimiter, segmentBytes: context.segmentBytes)
            : nil
        do {
            return try readRows(descriptor, chunk: chunk, first: firstCount, hash: &hash, decoding: decoding, sheet: sheet,
                            reader: reader, deliver: deliver, segments: segments, rowError: { rowError }, input: input, pipeline: pipeline)
        } catch let fallBack as SegmentedReading.FallBack {
            segments?.abandon()
            sheet.abandon()
            throw fallBack
        }
    }

    /// Reads, decodes and parses the file from its first chunk on, and ends its sheet.
    private func readRows(_ descriptor: Int32, chunk: UnsafeMutableRawBufferPointer, first firstCount: Int, hash: inout SHA256,
                      decoding: InputDecoding, sheet: SheetReader, reader: CSVRecordReader, deliver: @escaping (CSVRecord) -> Void,
                      segments: SegmentedReading?, rowError: () -> (any Error)?, input: InputFile,
                      pipeline: CompiledPipeline) throws -> FileOutcome {
        /// Decodes and parses; a file-level problem refuses the sheet, an output failure is rethrown.
        func parse(_ step: ((UnsafeRawBufferPointer) throws -> Void) throws -> Void) throws {
            guard !sheet.isRefused else { return }
            do {
                if let segments {
                    try step { text in try segments.feed(text) }
                } else {
                    try step { text in try reader.parse(text, onRecord: deliver) }
                }
            } catch let error as CSVSyntaxError {
                sheet.refuse(context.csvFailure(error, input: input, pipeline: pipeline))
            } catch let refusal as InputDecoding.Refusal {
                if segments?.isSegmented == true { throw SegmentedReading.FallBack() }
                sheet.refuse(context.fileAnomaly(.encoding, input: input, pipeline: pipeline.name, detail: refusal.detail, values: refusal.values))
            }
            if let rowError = rowError() { throw rowError }
        }
        var count = firstCount, total = 0
        while count > 0 {
            let bytes = UnsafeRawBufferPointer(rebasing: UnsafeRawBufferPointer(chunk)[0..<count])
            total += count
            hash.update(bytes)
            try parse { consume in try decoding.decode(bytes, consume) }
            do {
                count = try readChunk(descriptor, into: chunk)
            } catch {
                if segments?.isSegmented == true { throw SegmentedReading.FallBack() }
                if !sheet.isRefused { sheet.refuse(context.fileAnomaly(.read, input: input, pipeline: pipeline.name, detail: "os_error", values: ["reason": error.reason])) }
                count = 0
            }
        }
        try parse { consume in try decoding.finish(consume) }
        if let segments, segments.isSegmented {
            try segments.finish()
        } else if !sheet.isRefused {
            do {
                try reader.finish(onRecord: deliver)
            } catch {
                sheet.refuse(context.csvFailure(error, input: input, pipeline: pipeline))
            }
        }
        if let rowError = rowError() { throw rowError }
        var result = try sheet.finish()
        result.bytes = total
        result.sha256 = hash.finalize().lowercaseHex
        return result
    }

    /// About how many rows a file holds: its size over its first chunk's bytes per line (a household list's
    /// lines are alike; a quoted line break or a title row only makes it a little more). What the rules'
    /// key tables reserve for, so they are sized once rather than doubled as the rows come.
    static func expectedRows(fileBytes: Int, firstChunk: UnsafeRawBufferPointer) -> Int {
        guard let base = firstChunk.baseAddress, !firstChunk.isEmpty else { return 0 }
        var lines = 0, offset = 0
        while offset < firstChunk.count, let found = memchr(base + offset, 0x0A, firstChunk.count - offset) {
            lines += 1
            offset = UnsafeRawPointer(found) - base + 1
        }
        return Int((Double(fileBytes) * Double(lines) / Double(firstChunk.count)).rounded(.up))
    }

    /// The pipeline of a file: its folder's, or the one whose header its first lines carry.
    private func route(_ input: InputFile, sample: UnsafeRawBufferPointer, delimiter: UInt8, outcome: inout FileOutcome) -> CompiledPipeline? {
        if let name = input.pipeline { return context.catalog.pipeline(named: name) }
        var locators = context.catalog.pipelines.map(HeaderLocator.init)
        var found: [(pipeline: CompiledPipeline, matched: Int)] = []
        let look: (CSVRecord) -> Void = { record in
            guard !record.isBlank else { return }
            for index in locators.indices where !found.contains(where: { $0.pipeline.name == locators[index].pipeline.name }) {
                if case let .found(header, _) = locators[index].consume(record) {
                    found.append((locators[index].pipeline, header.matchedCount))
                }
            }
        }
        let reader = CSVRecordReader(delimiter: delimiter)
        try? reader.parse(sample, onRecord: look)
        for index in locators.indices where !found.contains(where: { $0.pipeline.name == locators[index].pipeline.name }) {
            if case let .found(header, _) = locators[index].finish() { found.append((locators[index].pipeline, header.matchedCount)) }
        }
        if let best = found.max(by: { $0.matched < $1.matched }) { return best.pipeline }
        outcome.anomalies.append(context.fileAnomaly(
            .route, input: input, pipeline: nil,
            detail: "no_match", values: ["pipelines": context.catalog.pipelines.map(\.name).joined(separator: ", ")]))
        return nil
    }

    private struct ReadFailure: Error {
        let reason: String
    }

    /// Fills the chunk from the file; returns how many bytes it holds (0 at the end of the file).
    private func readChunk(_ descriptor: Int32, into chunk: UnsafeMutableRawBufferPointer) throws(ReadFailure) -> Int {
        var filled = 0
        while filled < chunk.count {
            let count = read(descriptor, chunk.baseAddress! + filled, chunk.count - filled)
            if count < 0 {
                if errno == EINTR { continue }
                throw ReadFailure(reason: String(cString: strerror(errno)))
            }
            if count == 0 { break }
            filled += count
        }
        return filled
    }

    /// Hashes what is left of a refused file, so the manifest still identifies what was received.
    private func hashRest(_ descriptor: Int32, chunk: UnsafeMutableRawBufferPointer, first: Int, hash: inout SHA256, outcome: inout FileOutcome) {
        var count = first, total = 0
        while count > 0 {
            total += count
            hash.update(UnsafeRawBufferPointer(rebasing: UnsafeRawBufferPointer(chunk)[0..<count]))
            count = (try? readChunk(descriptor, into: chunk)) ?? 0
        }
        outcome.bytes = total
        outcome.sha256 = hash.finalize().lowercaseHex
    }

    private func zeroPadded(_ index: Int) -> String {
        let digits = String(index)
        return String(repeating: "0", count: max(0, 6 - digits.count)) + digits
    }
}
