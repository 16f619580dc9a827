/// How one file's bytes become UTF-8 text for the CSV reader: decided from a sample by content
/// (`EncodingDetector`), then applied chunk by chunk.
///
/// Clean UTF-8 (by far the most common) takes the fast path: its bytes go to libcsv as they are, past the
/// byte-order mark, and text cells are NFC-checked one by one. Any other encoding or repair runs through a
/// streaming decoder into one reused buffer, so memory stays flat whatever the file size.
final class InputDecoding {
    /// Why a file cannot be decoded: a `FILE-ENCODING` detail code and its values.
    struct Refusal: Error {
        var detail: String
        var values: [String: String] = [:]
    }

    let encoding: TextEncoding
    private var decoder: (any StreamDecoder)?
    private let makeDecoder: () throws -> any StreamDecoder
    private var skip: Int
    private var output: [UInt8] = []
    /// Raw bytes fed so far, to turn a decoder's offset into a place in the file.
    private var fed = 0

    /// Detects the encoding of a file from its first chunk.
    static func detect(firstChunk: UnsafeBufferPointer<UInt8>, isWholeFile: Bool, context: RunContext) throws(Refusal) -> InputDecoding {
        let sampleCount = min(firstChunk.count, EncodingDetector.sampleSize)
        let sample = UnsafeBufferPointer(rebasing: firstChunk[0..<sampleCount])
        let verdict = EncodingDetector.detect(sample, isWholeFile: isWholeFile && sampleCount == firstChunk.count,
                                              knownWords: context.knownWords, tables: context.catalog.encodingTables)
        switch verdict {
        case .binary: throw Refusal(detail: "binary")
        case .lettersLost: throw Refusal(detail: "letters_lost")
        case let .uncertain(candidates):
            throw Refusal(detail: "uncertain", values: ["candidates": candidates.isEmpty ? "—" : candidates.map(\.rawValue).joined(separator: ", ")])
        case let .decoded(encoding):
            let tables = context.catalog.encodingTables
            let fastPath = encoding == .utf8 || encoding == .utf8BOM
            let bom = firstChunk.starts(with: [0xEF, 0xBB, 0xBF]) ? 3 : 0
            do {
                return try InputDecoding(encoding: encoding, fastPath: fastPath, skip: fastPath ? bom : 0) {
                    try encoding.makeDecoder(tables: tables)
                }
            } catch {
                throw Refusal(detail: "converter_unavailable", values: ["encoding": encoding.rawValue])
            }
        }
    }

    private init(encoding: TextEncoding, fastPath: Bool, skip: Int, makeDecoder: @escaping () throws -> any StreamDecoder) throws {
        self.encoding = encoding
        self.skip = skip
        self.makeDecoder = makeDecoder
        decoder = fastPath ? nil : try makeDecoder()
    }

    /// The text of the first chunk, decoded by a decoder of its own: for the delimiter and the routing.
    func sample(of firstChunk: UnsafeRawBufferPointer, isWholeFile: Bool) -> [UInt8] {
        guard decoder != nil else { return Array(firstChunk[skip...]) }
        var text: [UInt8] = []
        guard let fresh = try? makeDecoder() else { return [] }
        try? fresh.decode(firstChunk, into: &text)
        if isWholeFile { try? fresh.finish(into: &text) }
        return text
    }

    /// Hands the UTF-8 text of `chunk` to `body`.
    /// - Throws: `Refusal` (`invalid_bytes`) when the bytes are not of the detected encoding after all.
    func decode(_ chunk: UnsafeRawBufferPointer, _ body: (UnsafeRawBufferPointer) throws -> Void) throws {
        defer { fed += chunk.count }
        guard let decoder else {
            let start = min(skip, chunk.count)
            skip -= start
            return try body(UnsafeRawBufferPointer(rebasing: chunk[start...]))
        }
        output.removeAll(keepingCapacity: true)
        do {
            try decoder.decode(chunk, into: &output)
        } catch let failure as DecodingFailure {
            throw refusal(failure)
        }
        try output.withUnsafeBytes(body)
    }

    /// Flushes what the decoder held back at the end of the file.
    func finish(_ body: (UnsafeRawBufferPointer) throws -> Void) throws {
        guard let decoder else { return }
        output.removeAll(keepingCapacity: true)
        do {
            try decoder.finish(into: &output)
        } catch let failure as DecodingFailure {
            throw refusal(failure)
        }
        try output.withUnsafeBytes(body)
    }

    private func refusal(_ failure: DecodingFailure) -> Refusal {
        Refusal(detail: "invalid_bytes", values: ["offset": String(failure.offset), "encoding": encoding.rawValue])
    }
}
