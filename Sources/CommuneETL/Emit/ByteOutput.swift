/// Where the encoders of values write their bytes: an `Array`, or a `FlatStorage` where every row counts.
///
/// Each append to an `[UInt8]` checks that the array is uniquely referenced before writing; the canonical row
/// encoder makes some forty appends a row, and those checks were a third of its time (callgrind). The
/// encoders are written once, generic over this protocol, and specialised for each output by the compiler.
protocol ByteOutput: ~Copyable {
    mutating func append(_ byte: UInt8)
    mutating func append(contentsOf bytes: UnsafeBufferPointer<UInt8>)
}

extension Array: ByteOutput where Element == UInt8 {}

extension FlatStorage: ByteOutput where Element == UInt8 {}
