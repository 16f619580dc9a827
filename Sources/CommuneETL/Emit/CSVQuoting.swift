import Glibc

/// RFC 4180 minimal quoting for the canonical CSVs.
///
/// A field is quoted only when it contains a comma, a double quote, CR or LF; quotes inside are
/// doubled. Everything else, leading spaces and non-ASCII UTF-8 included, is copied as is, so the
/// common case is one pass that copies and checks (`ByteOutput.appendUnquotedField`). Separators and line
/// ends are the caller's job.
public enum CSVQuoting {
    static let comma: UInt8 = 0x2C
    static let quote: UInt8 = 0x22
    static let carriageReturn: UInt8 = 0x0D
    static let lineFeed: UInt8 = 0x0A

    /// Appends `field`, quoted if needed, to `buffer`. O(n) in the field's length.
    @inline(__always)  // the plain field, nearly every one, without a call; quoting is the call
    static func append<Output: ByteOutput & ~Copyable>(field: UnsafeBufferPointer<UInt8>, to buffer: inout Output) {
        guard !buffer.appendUnquotedField(field) else { return }
        appendQuoted(field: field, to: &buffer)
    }

    /// Appends `field` between quotes, its quotes doubled.
    private static func appendQuoted<Output: ByteOutput & ~Copyable>(field: UnsafeBufferPointer<UInt8>, to buffer: inout Output) {
        buffer.append(quote)
        // Copy the runs between quotes in bulk (`memchr` finds each quote); each quote is written twice.
        // Messages with a comma are quoted, so the staff lists take this path for most of their cells.
        let start = field.baseAddress!
        var runStart = 0
        while let found = memchr(start + runStart, Int32(quote), field.count - runStart) {
            let index = UnsafePointer<UInt8>(found.assumingMemoryBound(to: UInt8.self)) - start
            buffer.append(contentsOf: UnsafeBufferPointer(rebasing: field[runStart...index]))
            buffer.append(quote)
            runStart = index + 1
        }
        buffer.append(contentsOf: UnsafeBufferPointer(rebasing: field[runStart...]))
        buffer.append(quote)
    }

    /// Appends `field`, quoted if needed, to `buffer`.
    static func append<Output: ByteOutput & ~Copyable>(field: [UInt8], to buffer: inout Output) {
        field.withUnsafeBufferPointer { append(field: $0, to: &buffer) }
    }

    /// Appends the UTF-8 of `field`, quoted if needed, to `buffer`.
    static func append<Output: ByteOutput & ~Copyable>(field: String, to buffer: inout Output) {
        var text = field
        text.withUTF8 { append(field: $0, to: &buffer) }
    }
}
