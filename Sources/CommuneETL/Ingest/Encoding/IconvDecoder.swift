import Glibc

/// Decodes UTF-16, Windows-1258, TCVN3 (`TCVN5712-1`, a superset that reads TCVN3 files correctly) and
/// VISCII with glibc's iconv.
///
/// Three iconv behaviours shape this type:
/// - `EINVAL`: the chunk ends inside a character (half a UTF-16 code unit or surrogate pair). The tail is
///   carried and completed from the next chunk's first bytes.
/// - `EILSEQ`: a byte that is no character of the encoding (`81` in Windows-1258). It becomes a
///   `DecodingFailure` at its offset; a converter is never asked to skip or replace.
/// - The CP1258 and TCVN converters hold back the last letter, waiting for a combining mark: `finish` flushes
///   them with null input pointers.
///
/// iconv's output goes through a 64 KiB staging buffer to the NFC stage (UTF-16 text may be decomposed; the
/// legacy converters already compose). Memory is flat in the file size.
public final class IconvDecoder: StreamDecoder {
    private static let stagingSize = 1 << 16
    private let converter: iconv_t
    private let staging: UnsafeMutablePointer<CChar>
    private var stage = NFCOutputStage()
    /// The start of a character cut by the end of the previous chunk.
    private var carry: [UInt8] = []
    /// Bytes of input iconv has consumed: the base of failure offsets.
    private var consumed = 0

    /// - Parameter encoding: an iconv name: `UTF-16LE`, `UTF-16BE`, `CP1258`, `TCVN5712-1`, `VISCII`.
    /// - Throws: `DecodingFailure(.converterUnavailable)` when iconv does not know the encoding.
    public init(from encoding: String) throws {
        let converter = iconv_open("UTF-8", encoding)
        guard converter != iconv_t(bitPattern: -1), let converter else {
            throw DecodingFailure(.converterUnavailable, at: 0)
        }
        self.converter = converter
        staging = .allocate(capacity: Self.stagingSize)
    }

    deinit {
        iconv_close(converter)
        staging.deallocate()
    }

    public func decode(_ chunk: UnsafeRawBufferPointer, into output: inout [UInt8]) throws {
        var input = chunk
        if !carry.isEmpty {
            // Complete the carried character with the next few bytes (a character is at most 4 bytes).
            let taken = min(input.count, 8)
            let joined = carry + UnsafeRawBufferPointer(rebasing: input[..<taken])
            let used = try joined.withUnsafeBytes { try convert($0, into: &output) }
            if used < carry.count {
                guard taken == input.count else { throw DecodingFailure(.invalidBytes, at: consumed) }
                carry = Array(joined[used...])
                consumed += used
                return
            }
            consumed += used
            input = UnsafeRawBufferPointer(rebasing: input[(used - carry.count)...])
            carry.removeAll(keepingCapacity: true)
        }
        let used = try convert(input, into: &output)
        consumed += used
        carry.append(contentsOf: input[used...])
    }

    public func finish(into output: inout [UInt8]) throws {
        if !carry.isEmpty { throw DecodingFailure(.truncated, at: consumed) }
        while true {
            var target: UnsafeMutablePointer<CChar>? = staging
            var room = Self.stagingSize
            let result = iconv(converter, nil, nil, &target, &room)
            let code = errno
            emit(Self.stagingSize - room, into: &output)
            if result == -1, code == E2BIG { continue }
            if result == -1 { throw DecodingFailure(.truncated, at: consumed) }
            break
        }
        stage.finish(into: &output)
    }

    /// Converts as much of `input` as forms whole characters; returns how many bytes iconv consumed.
    /// - Throws: `DecodingFailure(.invalidBytes)` at the offset of an invalid byte.
    private func convert(_ input: UnsafeRawBufferPointer, into output: inout [UInt8]) throws -> Int {
        guard let base = input.baseAddress, !input.isEmpty else { return 0 }
        var source: UnsafeMutablePointer<CChar>? = UnsafeMutablePointer(mutating: base.assumingMemoryBound(to: CChar.self))
        var left = input.count
        while left > 0 {
            var target: UnsafeMutablePointer<CChar>? = staging
            var room = Self.stagingSize
            let result = iconv(converter, &source, &left, &target, &room)
            let code = errno
            emit(Self.stagingSize - room, into: &output)
            guard result == -1 else { continue }
            switch code {
            case E2BIG: continue
            case EINVAL: return input.count - left
            default: throw DecodingFailure(.invalidBytes, at: consumed + input.count - left)
            }
        }
        return input.count
    }

    private func emit(_ count: Int, into output: inout [UInt8]) {
        guard count > 0 else { return }
        staging.withMemoryRebound(to: UInt8.self, capacity: count) {
            stage.push(UnsafeBufferPointer(start: $0, count: count), into: &output)
        }
    }
}
