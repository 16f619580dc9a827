@testable import CommuneETL

enum CSVReading {
    /// Reads `bytes` fed to one reader in the chunks that `splits` (ascending offsets) cut, then finishes.
    static func records(
        _ bytes: [UInt8], delimiter: UInt8 = UInt8(ascii: ","), splits: [Int] = []
    ) throws -> [ReadRecord] {
        let reader = CSVRecordReader(delimiter: delimiter)
        var result: [ReadRecord] = []
        let collect: (CSVRecord) -> Void = { result.append(ReadRecord($0)) }
        var start = 0
        for end in splits + [bytes.count] {
            let chunk = Array(bytes[start..<end])
            try chunk.withUnsafeBytes { try reader.parse($0, onRecord: collect) }
            start = end
        }
        try reader.finish(onRecord: collect)
        return result
    }

    static func records(_ text: String, delimiter: UInt8 = UInt8(ascii: ","), splits: [Int] = []) throws -> [ReadRecord] {
        try records(Array(text.utf8), delimiter: delimiter, splits: splits)
    }

    /// Reads `bytes` one byte at a time.
    static func recordsByteByByte(_ bytes: [UInt8]) throws -> [ReadRecord] {
        try records(bytes, splits: Array(bytes.indices.dropFirst()))
    }

    /// The header binding of the first record of `text` against `pipeline`.
    static func binding(_ text: String, _ pipeline: CompiledPipeline) throws -> HeaderBinding? {
        let reader = CSVRecordReader()
        var binding: HeaderBinding?
        let bind: (CSVRecord) -> Void = { record in
            if binding == nil { binding = HeaderBinding(record: record, pipeline: pipeline) }
        }
        try Array(text.utf8).withUnsafeBytes { try reader.parse($0, onRecord: bind) }
        try reader.finish(onRecord: bind)
        return binding
    }
}
