/// An integer's decimal digits as bytes, for every writer that has one to write without a `String`: the
/// canonical rows (a line number and a dozen numbers a row), the anomaly files and lists, the samples.
enum DecimalDigits {
    /// Appends `number` in plain digits (`1250000`, `-5`): the digits are made right to left in a buffer on
    /// the stack and appended at once.
    @inline(__always)
    static func append<Output: ByteOutput & ~Copyable>(_ number: Int64, to out: inout Output) {
        if number < 0 { out.append(UInt8(ascii: "-")) }
        var magnitude = number.magnitude
        var digits: (UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8,
                     UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8) =
            (0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0)
        var count = 0
        withUnsafeMutableBytes(of: &digits) { scratch in
            repeat {
                scratch[19 - count] = UInt8(ascii: "0") + UInt8(magnitude % 10)
                magnitude /= 10
                count += 1
            } while magnitude > 0
            out.append(contentsOf: UnsafeBufferPointer(rebasing: scratch.assumingMemoryBound(to: UInt8.self)[(20 - count)...]))
        }
    }
}
