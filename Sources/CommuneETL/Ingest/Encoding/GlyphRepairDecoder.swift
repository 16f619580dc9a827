/// Repairs valid UTF-8 whose characters are really the glyphs of legacy bytes, and decodes those bytes.
///
/// Two mistakes produce such text. Typing in a legacy font inside a Unicode workbook stores the glyphs the
/// font draws for each byte: `Hoµng ThÞ Mû` is TCVN3 for `Hoàng Thị Mỷ`, `Hoaøng Thò Myû` is VNI. Reading
/// UTF-8 as Latin-1 or Windows-1252 and saving it again doubles the encoding: `HoÃ ng`. In both, each
/// character stands for exactly one byte. The repair decodes the UTF-8, takes every character back to its
/// byte (`Windows1252.byte(for:)`), and hands the bytes to `inner`: TCVN3 (`IconvDecoder(from: "TCVN5712-1")`),
/// VNI (`VNIDecoder`) or UTF-8 (`UTF8Decoder`, for double encoding).
///
/// A character that no single byte shows (`ạ`, `€` is fine, `ư` is not) means the text is not what the repair
/// assumes: it throws `noSingleByteForm` rather than guess. ASCII passes through unchanged; a leading
/// byte-order mark is dropped. Failures of `inner` are reported at the offset of the character in this
/// decoder's input.
/// - Complexity: O(n) per chunk; memory flat in the file size.
public final class GlyphRepairDecoder: StreamDecoder {
    private let inner: any StreamDecoder
    /// The start of a character cut by the end of the previous chunk.
    private var carry: [UInt8] = []
    /// Input bytes before `carry`: the base of failure offsets.
    private var consumed = 0
    private var atStart = true
    /// The bytes of the current chunk for `inner`, and the input offset of each relative to `batchBase`.
    private let bytes = ScratchBuffer<UInt8>()
    private let offsets = ScratchBuffer<Int32>()
    private var batchCount = 0
    private var batchBase = 0
    /// How many bytes `inner` had received before the current chunk's.
    private var innerBase = 0
    /// The input offsets of the last four bytes given to `inner` before the current chunk's (it may report a
    /// failure in a character it carried).
    private var previousOffsets: [Int] = []

    public init(inner: any StreamDecoder) {
        self.inner = inner
    }

    public func decode(_ chunk: UnsafeRawBufferPointer, into output: inout [UInt8]) throws {
        var input = chunk.assumingMemoryBound(to: UInt8.self)
        if batchCount > 0, let last = offsets.storage {
            let kept = (batchCount - min(4, batchCount)..<batchCount).map { batchBase + Int(last[$0]) }
            previousOffsets = Array((previousOffsets + kept).suffix(4))
        }
        let capacity = input.count + carry.count
        let out = bytes.reserve(capacity), origin = offsets.reserve(capacity)
        innerBase += batchCount
        batchCount = 0
        batchBase = consumed
        if !carry.isEmpty {
            let needed = UTF8Decoder.sequenceLength(lead: carry[0])
            let taken = min(needed - carry.count, input.count)
            carry.append(contentsOf: input[..<taken])
            input = UnsafeBufferPointer(rebasing: input[taken...])
            guard carry.count == needed else { return }
            try carry.withUnsafeBufferPointer { try map($0, into: out, offsets: origin) }
            carry.removeAll(keepingCapacity: true)
        }
        let end = UTF8Decoder.completeEnd(input)
        try map(UnsafeBufferPointer(rebasing: input[..<end]), into: out, offsets: origin)
        carry.append(contentsOf: input[end...])
        let batch = UnsafeRawBufferPointer(start: out, count: batchCount)
        try feedInner(into: &output) { inner, output in try inner.decode(batch, into: &output) }
    }

    public func finish(into output: inout [UInt8]) throws {
        if !carry.isEmpty { throw DecodingFailure(.truncated, at: consumed) }
        try feedInner(into: &output) { inner, output in try inner.finish(into: &output) }
    }

    /// Runs `body` on `inner`, moving the offset of a failure from the inner bytes to this input.
    private func feedInner(
        into output: inout [UInt8], _ body: (any StreamDecoder, inout [UInt8]) throws -> Void
    ) throws {
        do {
            try body(inner, &output)
        } catch let failure as DecodingFailure {
            throw DecodingFailure(failure.reason, at: inputOffset(ofInner: failure.offset))
        }
    }

    /// The input offset of the character behind inner byte `index`.
    private func inputOffset(ofInner index: Int) -> Int {
        let here = index - innerBase
        if here >= 0, here < batchCount, let batch = offsets.storage { return batchBase + Int(batch[here]) }
        let before = previousOffsets.count + here
        if before >= 0, before < previousOffsets.count { return previousOffsets[before] }
        return consumed
    }

    /// Takes the complete characters in `input` back to their single bytes, appended to the batch.
    private func map(
        _ input: UnsafeBufferPointer<UInt8>, into out: UnsafeMutablePointer<UInt8>, offsets origin: UnsafeMutablePointer<Int32>
    ) throws {
        let count = input.count
        let start = consumed, relative = Int32(consumed - batchBase)
        var written = batchCount
        var index = 0
        if atStart, count > 0 {
            atStart = false
            if input.starts(with: [0xEF, 0xBB, 0xBF]) { index = 3 }
        }
        while index < count {
            let lead = input[index]
            if lead < 0x80 {
                out[written] = lead
                origin[written] = relative + Int32(index)
                written += 1
                index += 1
                continue
            }
            let (scalar, length) = try Self.scalar(in: input, at: index, offset: start)
            guard let byte = Windows1252.byte(for: scalar) else {
                throw DecodingFailure(.noSingleByteForm, at: start + index)
            }
            out[written] = byte
            origin[written] = relative + Int32(index)
            written += 1
            index += length
        }
        batchCount = written
        consumed = start + count
    }
    /// Decodes the well-formed UTF-8 character at `index` (which the caller knows to be complete).
    /// - Throws: `invalidBytes` for ill-formed UTF-8 (overlong forms, surrogates, stray continuation bytes).
    static func scalar(in input: UnsafeBufferPointer<UInt8>, at index: Int, offset: Int) throws -> (UInt32, Int) {
        let lead = input[index]
        let length = UTF8Decoder.sequenceLength(lead: lead)
        if length == 1 {
            guard lead < 0x80 else { throw DecodingFailure(.invalidBytes, at: offset + index) }
            return (UInt32(lead), 1)
        }
        guard index + length <= input.count else { throw DecodingFailure(.invalidBytes, at: offset + index) }
        var value = UInt32(lead) & (0x7F >> length)
        for position in index + 1..<index + length {
            let byte = input[position]
            guard byte & 0xC0 == 0x80 else { throw DecodingFailure(.invalidBytes, at: offset + index) }
            value = value << 6 | UInt32(byte & 0x3F)
        }
        let smallest: UInt32 = length == 2 ? 0x80 : length == 3 ? 0x800 : 0x10000
        guard value >= smallest, value <= 0x10FFFF, !(0xD800...0xDFFF).contains(value) else {
            throw DecodingFailure(.invalidBytes, at: offset + index)
        }
        return (value, length)
    }
}
