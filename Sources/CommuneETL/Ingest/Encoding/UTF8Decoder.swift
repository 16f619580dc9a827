/// Passes UTF-8 through: drops a leading byte-order mark, checks that every byte is well-formed, and
/// (optionally) brings decomposed text to NFC.
///
/// A character cut by the end of a chunk (at most three bytes) is carried to the next call.
/// - Complexity: O(n) per chunk; allocates only to normalise text that is not NFC already.
public final class UTF8Decoder: StreamDecoder {
    private var stage: NFCOutputStage
    /// The start of a character cut by the end of the previous chunk.
    private var carry: [UInt8] = []
    /// Bytes of input before `carry`: the base of failure offsets.
    private var consumed = 0

    /// - Parameter normalizesToNFC: bring decomposed (NFD) text to NFC. The engine also normalises field by
    ///   field, so it may turn this off; the decoder is then a validating copy.
    public init(normalizesToNFC: Bool = true) {
        stage = NFCOutputStage(normalizes: normalizesToNFC)
    }

    public func decode(_ chunk: UnsafeRawBufferPointer, into output: inout [UInt8]) throws {
        var input = chunk.assumingMemoryBound(to: UInt8.self)
        if !carry.isEmpty {
            let needed = Self.sequenceLength(lead: carry[0])
            let taken = min(needed - carry.count, input.count)
            carry.append(contentsOf: input[..<taken])
            input = UnsafeBufferPointer(rebasing: input[taken...])
            guard carry.count == needed else { return }
            try carry.withUnsafeBufferPointer { try push($0, into: &output) }
            carry.removeAll(keepingCapacity: true)
        }
        let end = Self.completeEnd(input)
        try push(UnsafeBufferPointer(rebasing: input[..<end]), into: &output)
        carry.append(contentsOf: input[end...])
    }

    public func finish(into output: inout [UInt8]) throws {
        if !carry.isEmpty { throw DecodingFailure(.truncated, at: consumed) }
        stage.finish(into: &output)
    }

    /// Validates `bytes` (whole characters) and hands them to the output stage.
    private func push(_ bytes: UnsafeBufferPointer<UInt8>, into output: inout [UInt8]) throws {
        if let bad = Self.firstInvalidOffset(bytes) { throw DecodingFailure(.invalidBytes, at: consumed + bad) }
        stage.push(bytes, into: &output)
        consumed += bytes.count
    }

    /// The offset of the first ill-formed sequence in `bytes`, or nil when they are well-formed UTF-8.
    static func firstInvalidOffset(_ bytes: UnsafeBufferPointer<UInt8>) -> Int? {
        do {
            _ = try UTF8Span(validating: Span(_unsafeElements: bytes))
            return nil
        } catch {
            return error.byteOffsets.lowerBound
        }
    }

    /// The length of the sequence a lead byte announces (1 for bytes that cannot lead one: the validator
    /// then reports them).
    static func sequenceLength(lead: UInt8) -> Int {
        switch lead {
        case 0xC2...0xDF: 2
        case 0xE0...0xEF: 3
        case 0xF0...0xF4: 4
        default: 1
        }
    }

    /// The end of the last complete character in `bytes`: the count, unless the bytes end inside a character.
    static func completeEnd(_ bytes: UnsafeBufferPointer<UInt8>) -> Int {
        var index = bytes.count - 1
        let lowest = max(0, bytes.count - 4)
        while index >= lowest {
            let byte = bytes[index]
            if byte & 0xC0 != 0x80 {
                return index + sequenceLength(lead: byte) > bytes.count ? index : bytes.count
            }
            index -= 1
        }
        return bytes.count
    }

    /// The scalar at `index` of well-formed UTF-8, and its length in bytes.
    @inline(__always)
    static func scalar(inValid bytes: UnsafeBufferPointer<UInt8>, at index: Int) -> (UInt32, Int) {
        let lead = UInt32(bytes[index])
        if lead < 0x80 { return (lead, 1) }
        if lead < 0xE0 { return ((lead & 0x1F) << 6 | UInt32(bytes[index + 1] & 0x3F), 2) }
        if lead < 0xF0 {
            return ((lead & 0x0F) << 12 | UInt32(bytes[index + 1] & 0x3F) << 6 | UInt32(bytes[index + 2] & 0x3F), 3)
        }
        let value = (lead & 0x07) << 18 | UInt32(bytes[index + 1] & 0x3F) << 12
            | UInt32(bytes[index + 2] & 0x3F) << 6 | UInt32(bytes[index + 3] & 0x3F)
        return (value, 4)
    }

}
