import CByteScan

/// Where the encoders of values write their bytes: an `Array`, or a `FlatStorage` where every row counts.
///
/// Each append to an `[UInt8]` checks that the array is uniquely referenced before writing; the canonical row
/// encoder makes some forty appends a row, and those checks were a third of its time (callgrind). The
/// encoders are written once, generic over this protocol, and specialised for each output by the compiler.
protocol ByteOutput: ~Copyable {
    mutating func append(_ byte: UInt8)
    mutating func append(contentsOf bytes: UnsafeBufferPointer<UInt8>)
    /// Appends `field` when none of its bytes needs CSV quoting (comma, double quote, CR, LF) and returns
    /// true; appends nothing and returns false otherwise (`CSVQuoting` then writes it quoted).
    mutating func appendUnquotedField(_ field: UnsafeBufferPointer<UInt8>) -> Bool
}

extension Array: ByteOutput where Element == UInt8 {
    mutating func appendUnquotedField(_ field: UnsafeBufferPointer<UInt8>) -> Bool {
        guard let start = field.baseAddress else { return true }
        guard cbytescan_first_of4(start, field.count, CSVQuoting.comma, CSVQuoting.quote, CSVQuoting.lineFeed,
                                  CSVQuoting.carriageReturn) == field.count else { return false }
        append(contentsOf: field)
        return true
    }
}

extension FlatStorage: ByteOutput where Element == UInt8 {
    /// The field is copied to the end and checked in the same pass (`cbytescan_copy_finding4`); the copy
    /// is kept only when it needs no quotes.
    mutating func appendUnquotedField(_ field: UnsafeBufferPointer<UInt8>) -> Bool {
        guard let source = field.baseAddress, !field.isEmpty else { return true }
        var plain = false
        append(upTo: field.count) { destination in
            plain = cbytescan_copy_finding4(destination, source, field.count, CSVQuoting.comma, CSVQuoting.quote,
                                            CSVQuoting.lineFeed, CSVQuoting.carriageReturn) == 0
            return plain ? field.count : 0
        }
        return plain
    }
}
