/// Turns a file's bytes, fed in chunks, into UTF-8 NFC bytes.
///
/// The job reads files of many gigabytes in 1 MiB chunks, so a decoder keeps only what it must carry from one
/// chunk to the next (a character cut by the chunk end, a letter that may still take a combining mark): its
/// memory does not grow with the file. Feed the file from its first byte: every decoder strips a leading
/// byte-order mark itself, and the offsets in its failures are offsets in the file.
///
/// A decoder is single-use and not thread-safe. After it throws, its state is undefined: stop using it.
public protocol StreamDecoder: AnyObject {
    /// Appends to `output` the UTF-8 NFC bytes of `chunk`, keeping back what may continue in the next chunk.
    /// - Throws: `DecodingFailure` at the first byte that cannot be decoded.
    func decode(_ chunk: UnsafeRawBufferPointer, into output: inout [UInt8]) throws

    /// Appends whatever was kept back; call once, after the last chunk.
    /// - Throws: `DecodingFailure` when the file ends inside a character.
    func finish(into output: inout [UInt8]) throws
}

/// Why a decoder stopped, and where: the byte offset counts from the first byte fed to the decoder.
public struct DecodingFailure: Error, Equatable, Sendable, CustomStringConvertible {
    public enum Reason: String, Equatable, Sendable {
        /// Bytes that are not a character of the encoding (iconv's EILSEQ, ill-formed UTF-8).
        case invalidBytes = "invalid_bytes"
        /// The file ends in the middle of a character.
        case truncated = "truncated"
        /// A glyph repair met a character that no single byte stands for: the text is not what the repair
        /// assumes, and guessing would corrupt it.
        case noSingleByteForm = "no_single_byte_form"
        /// The system converter for the encoding could not be opened (`iconv_open` failed).
        case converterUnavailable = "converter_unavailable"
    }

    public let reason: Reason
    /// Offset of the first byte of the offending character in the decoder's input.
    public let offset: Int

    public init(_ reason: Reason, at offset: Int) {
        self.reason = reason
        self.offset = offset
    }

    public var description: String { "\(reason.rawValue) at byte \(offset)" }
}
