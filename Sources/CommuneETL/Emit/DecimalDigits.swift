/// An integer's decimal digits as bytes, for every writer that has one to write without a `String`: the
/// canonical rows (a line number and a dozen numbers a row), the anomaly files and lists, the samples.
enum DecimalDigits {
    /// "00" "01" … "99": two digits a division, half the divisions of one digit at a time (a row's line
    /// number and income are six and seven digits).
    private static let pairs: StaticString =
        "00010203040506070809101112131415161718192021222324252627282930313233343536373839404142434445464748495051525354555657585960616263646566676869707172737475767778798081828384858687888990919293949596979899"

    /// Appends `number` in plain digits (`1250000`, `-5`): the digits are made right to left in a buffer on
    /// the stack and appended at once.
    @inline(__always)
    static func append<Output: ByteOutput & ~Copyable>(_ number: Int64, to out: inout Output) {
        if number < 0 { out.append(UInt8(ascii: "-")) }
        var magnitude = number.magnitude
        var digits: (UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8,
                     UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8) =
            (0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0)
        var start = 20
        let pairs = Self.pairs.utf8Start
        withUnsafeMutableBytes(of: &digits) { scratch in
            while magnitude >= 100 {
                let pair = Int(magnitude % 100) &* 2
                magnitude /= 100
                start &-= 2
                scratch[start] = pairs[pair]
                scratch[start &+ 1] = pairs[pair &+ 1]
            }
            if magnitude >= 10 {
                let pair = Int(magnitude) &* 2
                start &-= 2
                scratch[start] = pairs[pair]
                scratch[start &+ 1] = pairs[pair &+ 1]
            } else {
                start &-= 1
                scratch[start] = UInt8(ascii: "0") &+ UInt8(magnitude)
            }
            out.append(contentsOf: UnsafeBufferPointer(rebasing: scratch.assumingMemoryBound(to: UInt8.self)[start...]))
        }
    }
}
