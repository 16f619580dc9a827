/// Decodes VNI-Windows bytes (text typed in `VNI-Times` fonts), which no converter implements.
///
/// Greedy, as the VNI keyboard produced it: at each byte, a two-byte sequence from the table first, then the
/// byte alone (the table's one-byte letters, else Windows-1252). A chunk ending with a byte that may start a
/// sequence keeps that byte for the next call. The five bytes Windows-1252 leaves undefined (81, 8D, 8F, 90,
/// 9D) are no VNI text: they fail rather than being guessed.
///
/// Every character the table and Windows-1252 produce is precomposed and none is a combining mark, so the
/// output is NFC already; it still passes the NFC stage (one byte scan), as every decoder's does.
/// - Complexity: O(n) per chunk, two table reads per character; memory flat in the file size.
public final class VNIDecoder: StreamDecoder {
    private let table: VNITable
    private var stage = NFCOutputStage()
    /// A last byte that may start a two-byte sequence with the next chunk's first byte.
    private var carried: UInt8?
    /// Bytes fed before the current chunk: the base of failure offsets.
    private var offset = 0
    /// Decoded bytes of the current chunk (at most 3 per input byte), reused between calls.
    private var scratch = ScratchBuffer<UInt8>()

    public init(table: VNITable) {
        self.table = table
    }

    /// Loads the table from `vni_windows.tsv` at `tablePath` (prefer sharing one `VNITable`).
    public convenience init(tablePath: String) throws {
        self.init(table: try VNITable(contentsOf: tablePath))
    }

    public func decode(_ chunk: UnsafeRawBufferPointer, into output: inout [UInt8]) throws {
        let bytes = chunk.assumingMemoryBound(to: UInt8.self)
        guard !bytes.isEmpty else { return }
        let out = scratch.reserve(bytes.count * 3 + 3)
        var written = 0
        var index = 0
        let base = offset
        if let lead = carried {
            carried = nil
            let pair = table.pairs[Int(table.leadRow[Int(lead)]) * 256 + Int(bytes[0])]
            if pair != 0 {
                Self.append(pair, to: out, at: &written)
                index = 1
            } else {
                try Self.append(single: lead, of: table, to: out, at: &written, offset: base - 1)
            }
        }
        let count = bytes.count
        try table.single.withUnsafeBufferPointer { single in
            try table.leadRow.withUnsafeBufferPointer { leadRow in
                try table.pairs.withUnsafeBufferPointer { pairs in
                    while index < count {
                        let byte = bytes[index]
                        let row = leadRow[Int(byte)]
                        if row < 0 {
                            if byte < 0x80 {
                                out[written] = byte
                                written += 1
                            } else {
                                let packed = single[Int(byte)]
                                guard packed != 0 else { throw DecodingFailure(.invalidBytes, at: base + index) }
                                Self.append(packed, to: out, at: &written)
                            }
                            index += 1
                            continue
                        }
                        guard index + 1 < count else {
                            carried = byte
                            break
                        }
                        let pair = pairs[Int(row) * 256 + Int(bytes[index + 1])]
                        if pair != 0 {
                            Self.append(pair, to: out, at: &written)
                            index += 2
                        } else {
                            Self.append(single[Int(byte)], to: out, at: &written)
                            index += 1
                        }
                    }
                }
            }
        }
        offset = base + count
        stage.push(UnsafeBufferPointer(start: out, count: written), into: &output)
    }

    public func finish(into output: inout [UInt8]) throws {
        if let lead = carried {
            carried = nil
            let out = scratch.reserve(3)
            var written = 0
            try Self.append(single: lead, of: table, to: out, at: &written, offset: offset - 1)
            stage.push(UnsafeBufferPointer(start: out, count: written), into: &output)
        }
        stage.finish(into: &output)
    }

    private static func append(
        single byte: UInt8, of table: VNITable, to out: UnsafeMutablePointer<UInt8>, at written: inout Int, offset: Int
    ) throws {
        let packed = table.single[Int(byte)]
        guard packed != 0 else { throw DecodingFailure(.invalidBytes, at: offset) }
        append(packed, to: out, at: &written)
    }

    /// Writes a character stored as packed UTF-8 (see `VNITable.pack`). Lead bytes always have a single form.
    @inline(__always)
    private static func append(_ packed: UInt32, to out: UnsafeMutablePointer<UInt8>, at written: inout Int) {
        let length = Int(packed >> 24)
        out[written] = UInt8(truncatingIfNeeded: packed)
        if length > 1 { out[written + 1] = UInt8(truncatingIfNeeded: packed >> 8) }
        if length > 2 { out[written + 2] = UInt8(truncatingIfNeeded: packed >> 16) }
        written += length
    }
}
