/// The outcome of reading one cell as a decimal number (a rate, a percentage, a planned or achieved value).
///
/// A value is a scaled integer, `units × 10^-scale`, exactly as written: `25,93` is units 2593, scale 2, and
/// `25,90` is units 2590, scale 2 (the written precision is kept; compare values through `doubleValue` or
/// the canonical text, not with `==`, when `25,9` and `25,90` should be equal). No Foundation `Decimal`:
/// reading allocates nothing.
public enum DecimalReading: Equatable, Sendable {
    /// Nothing but spaces: the caller decides whether a blank is allowed.
    case empty
    /// `units × 10^-scale`; at most 18 significant digits and 18 decimals, so `units` never overflows.
    case value(units: Int64, scale: UInt8)
    case invalid(NumberProblem)

    /// The value as a `Double`, or nil when the reading is not a value. Correctly rounded up to 15 digits
    /// (`units` below 2^53 and every 10^scale are exact, so one division rounds once): `25,93` → 25.93.
    public var doubleValue: Double? {
        guard case .value(let units, let scale) = self else { return nil }
        return Double(units) / Double(powersOfTen[Int(scale)])
    }

    /// Appends the canonical text of a value to `output`; appends nothing when the reading is not a value.
    ///
    /// Canonical text is plain `-123.45`: dot as the decimal mark, no grouping, no `+`, no exponent, and
    /// trailing zeros of the fraction removed along with a dot left bare (`25,90` → `25.9`, `100,00` →
    /// `100`, `0,0` → `0`, `-0,5` → `-0.5`). So the text names the number, not the way it was typed, and
    /// two spellings of one number give the same text.
    /// - Complexity: O(digits); allocates only when `output` must grow.
    func appendCanonical<Output: ByteOutput & ~Copyable>(to output: inout Output) {
        guard case .value(var units, var scale) = self else { return }
        while scale > 0 && units % 10 == 0 {
            units /= 10
            scale -= 1
        }
        // Written backwards into a stack buffer (at most a sign, 19 digits and a dot), then appended at once.
        withUnsafeTemporaryAllocation(of: UInt8.self, capacity: 24) { buffer in
            var start = buffer.count
            var magnitude = units.magnitude
            var written = 0
            repeat {
                if written == Int(scale) && scale > 0 {
                    start -= 1
                    buffer[start] = UInt8(ascii: ".")
                }
                start -= 1
                buffer[start] = UInt8(ascii: "0") + UInt8(magnitude % 10)
                magnitude /= 10
                written += 1
            } while magnitude > 0 || written <= Int(scale)  // at least one digit before the dot: `0.05`
            if units < 0 {
                start -= 1
                buffer[start] = UInt8(ascii: "-")
            }
            output.append(contentsOf: UnsafeBufferPointer(rebasing: buffer[start...]))
        }
    }
}

/// 10^0 … 10^18, the divisors of `doubleValue` (all exact as Doubles).
private let powersOfTen: [UInt64] = (0...18).map { exponent in
    (0..<exponent).reduce(1) { value, _ in value * 10 }
}

extension NumberReader {
    /// Reads a decimal number or percentage from field bytes, as Vietnamese and English spreadsheets write it.
    ///
    /// Accepted, after trimming spaces, tabs and no-break spaces at both ends:
    /// - digits with an optional decimal part: Vietnamese `25,93`, English `25.93`, `0,5`, `3.14159`;
    /// - grouping by three with `.`, `,`, a space or U+00A0 (`1.250.000`, `1,250,000`, `1 250 000`), and with
    ///   a decimal part after the other mark (`1.250.000,5`, `1,250,000.5`, `1 250 000,5`): when two kinds of
    ///   separator appear, the last one is the decimal mark, used once, and the rest group by three;
    /// - a minus sign (`-2,5`, `- 2,5`): rates can fall;
    /// - a trailing `%`, with or without a space, when `allowPercent`; the value is the number written
    ///   (`25,93%` → 25.93), since the caller knows the column's unit;
    /// - otherwise one trailing currency word, as `NumberReader.readInteger` accepts;
    /// - `-` alone as zero when `dashIsZero`.
    ///
    /// Never guessed: a single `.` or `,` followed by exactly three digits after a first group of 1–3 digits
    /// not starting with 0 (`1.250`, `1,250`, `12.500`) reads as 1250 or as 1.25, so it is `.ambiguous`.
    /// A single mark followed by 1, 2 or 4+ digits, or after 4+ digits or a leading 0 (`1234,567`, `0,500`),
    /// can only be a decimal mark, since grouping needs three digits on both sides and never starts with 0.
    /// Scientific notation (`1,5E+03`) is reported, not computed; spreadsheet errors (`#DIV/0!`) too.
    /// A leading mark (`,5`) is `.badGrouping`, as no spreadsheet writes it. More than 18 digits from the first
    /// nonzero one (written trailing zeros count: they are kept in `units`), or more than 18 decimals, is
    /// `.tooLarge`, so `units` always fits an `Int64`.
    ///
    /// - Parameters:
    ///   - dashIsZero: whether a lone `-` means 0 (otherwise it is `.notANumber`).
    ///   - allowPercent: whether a trailing `%` is accepted (otherwise it is `.notANumber`).
    /// - Complexity: O(n), no allocation.
    public static func readDecimal(
        _ bytes: UnsafeBufferPointer<UInt8>, dashIsZero: Bool = false, allowPercent: Bool = true
    ) -> DecimalReading {
        var low = 0
        var high = bytes.count
        trimSpaces(bytes, &low, &high)
        if low == high { return .empty }
        if bytes[low] == UInt8(ascii: "#") { return .invalid(.spreadsheetError) }
        if bytes[high - 1] == UInt8(ascii: "%") {
            guard allowPercent else { return .invalid(.notANumber) }
            high -= 1
            trimSpaces(bytes, &low, &high)
            if low == high { return .invalid(.notANumber) }
        } else if !isDigit(bytes[high - 1]), let end = CurrencyWords.strippingSuffix(bytes, low, high) {
            high = end
            trimSpaces(bytes, &low, &high)
            if low == high { return .invalid(.notANumber) }
        }
        let negative = bytes[low] == UInt8(ascii: "-")
        if negative {
            low += 1
            trimSpaces(bytes, &low, &high)
            if low == high { return dashIsZero ? .value(units: 0, scale: 0) : .invalid(.notANumber) }
            guard isDigit(bytes[low]) else { return .invalid(.notANumber) }
        }
        return readPlainDecimal(bytes, low, high, negative: negative)
            ?? readDecimalDigits(bytes, low, high, negative: negative)
    }

    /// The common shapes, `2593`, `25,93`, `0.5`, in a tight loop; nil leaves the cell to the general
    /// reader (grouping, three decimals, more than 18 digits, anything else).
    @inline(__always)
    private static func readPlainDecimal(
        _ bytes: UnsafeBufferPointer<UInt8>, _ low: Int, _ high: Int, negative: Bool
    ) -> DecimalReading? {
        guard high - low <= 18 else { return nil }
        var units: Int64 = 0
        var mark = -1
        for index in low..<high {
            let byte = bytes[index]
            if isDigit(byte) {
                units = units &* 10 &+ Int64(byte &- 0x30)
            } else if (byte == UInt8(ascii: ",") || byte == UInt8(ascii: ".")) && mark < 0 {
                mark = index
            } else {
                return nil
            }
        }
        if mark < 0 { return .value(units: negative ? -units : units, scale: 0) }
        let scale = high - mark - 1
        guard mark > low, scale > 0, scale != 3 else { return nil }
        return .value(units: negative ? -units : units, scale: UInt8(scale))
    }

    /// Scans the digits once (`NumberScan`; `bytes[low]` is a digit or a separator), then decides which
    /// separator, if any, was the decimal mark.
    private static func readDecimalDigits(
        _ bytes: UnsafeBufferPointer<UInt8>, _ low: Int, _ high: Int, negative: Bool
    ) -> DecimalReading {
        let scan: NumberScan
        switch NumberScan.scan(bytes, low, high) {
        case .scanned(let result): scan = result
        case .invalid(let problem): return .invalid(problem)
        }
        // Decide how many of the digits are decimals.
        var scale = 0
        if scan.separatorCount > 0 {
            if !scan.separatorsAreSingle { return .invalid(.badGrouping) }
            if scan.hasOneSeparatorKind {
                if scan.separatorCount == 1 && scan.lastKind != NumberScan.Separator.space {
                    // `25,93`, `3.14159`, `1234,567`, `0,500` are decimals; `1.250` is 1250 or 1.25.
                    let firstDigitIsZero = bytes[low] == UInt8(ascii: "0")
                    if scan.lastGroupLength == 3 && scan.firstGroupLength <= 3 && !firstDigitIsZero {
                        return .invalid(.ambiguous)
                    }
                    scale = scan.lastGroupLength
                } else if !(scan.integerPartIsGrouped && scan.lastGroupLength == 3) {
                    return .invalid(.badGrouping)  // grouping only: `1.250.000`, `1 250`
                }
            } else {
                if let problem = scan.decimalMarkProblem { return .invalid(problem) }
                scale = scan.lastGroupLength
            }
        }
        // More than 18 digits from the first nonzero one is exactly a value of 10^18 or more.
        if scan.overflow || scan.value >= 1_000_000_000_000_000_000 || scale > 18 { return .invalid(.tooLarge) }
        return .value(units: negative ? -scan.value : scan.value, scale: UInt8(scale))
    }
}
