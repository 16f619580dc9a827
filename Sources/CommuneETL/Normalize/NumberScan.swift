/// One pass over the digits and separators of a number cell, shared by `readInteger` and `readDecimal`.
///
/// Both readers accept the same alphabet (digits, `.`, `,`, a space, U+00A0) and reject scientific notation
/// the same way; they differ only in what the separators mean. So the scan records facts about the groups
/// and leaves the meaning to the reader: whether the last separator is grouping or a decimal mark, and what
/// is ambiguous, is decided there.
struct NumberScan {
    /// Separator kinds as bits, so the kinds seen so far fit in one byte.
    enum Separator {
        static let dot: UInt8 = 1
        static let comma: UInt8 = 2
        static let space: UInt8 = 4
    }

    /// How a scan ended: with the facts about the groups, or at a byte no number format explains.
    enum Outcome {
        case scanned(NumberScan)
        /// `.scientificNotation` (`1.23457E+11`) or `.notANumber` (any other stray byte).
        case invalid(NumberProblem)
    }

    /// All digits read as one integer, separators ignored; `overflow` once it passed `Int64.max`.
    var value: Int64 = 0
    var overflow = false
    /// `value` and `overflow` as they were at the last separator: the integer part when it is a decimal mark.
    var valueBeforeLastSeparator: Int64 = 0
    var overflowBeforeLastSeparator = false
    var digitCount = 0
    var separatorCount = 0
    /// Digits before the first separator (0 when there is none).
    var firstGroupLength = 0
    /// Digits after the last separator (all digits when there is none).
    var lastGroupLength = 0
    /// Every group between the first and the last separator has exactly three digits.
    var innerGroupsHaveThree = true
    /// No leading, doubled or trailing separator.
    var separatorsAreSingle = true
    /// The kind of the last separator, and the kinds of all those before it, as `Separator` bits.
    var lastKind: UInt8 = 0
    var kindsBeforeLast: UInt8 = 0

    /// Scans `bytes[low..<high]`, already trimmed, stripped of any suffix and sign.
    /// Inlined into each reader: a call returning the whole scan through memory cost ~40 % on short cells.
    /// - Complexity: O(n), no allocation.
    @inline(__always)
    static func scan(_ bytes: UnsafeBufferPointer<UInt8>, _ low: Int, _ high: Int) -> Outcome {
        var scan = NumberScan()
        var index = low
        while index < high {
            let byte = bytes[index]
            if NumberReader.isDigit(byte) {
                let (product, overflowed1) = scan.value.multipliedReportingOverflow(by: 10)
                let (sum, overflowed2) = product.addingReportingOverflow(Int64(byte &- 0x30))
                scan.value = sum
                scan.overflow = scan.overflow || overflowed1 || overflowed2
                scan.digitCount += 1
                scan.lastGroupLength += 1
                index += 1
                continue
            }
            let kind: UInt8
            switch byte {
            case UInt8(ascii: "."): kind = Separator.dot; index += 1
            case UInt8(ascii: ","): kind = Separator.comma; index += 1
            case UInt8(ascii: " "): kind = Separator.space; index += 1
            case 0xC2 where index + 1 < high && bytes[index + 1] == 0xA0: kind = Separator.space; index += 2
            case UInt8(ascii: "e"), UInt8(ascii: "E"):
                let isScientific = scan.digitCount > 0 && isExponent(bytes, index + 1, high)
                return .invalid(isScientific ? .scientificNotation : .notANumber)
            default:
                return .invalid(.notANumber)
            }
            scan.close(kind)
        }
        if scan.separatorCount > 0 && scan.lastGroupLength == 0 { scan.separatorsAreSingle = false }
        return .scanned(scan)
    }

    /// Ends the current group at a separator of `kind`.
    @inline(__always)
    private mutating func close(_ kind: UInt8) {
        if lastGroupLength == 0 { separatorsAreSingle = false }
        if separatorCount == 0 {
            firstGroupLength = lastGroupLength
        } else if lastGroupLength != 3 {
            innerGroupsHaveThree = false
        }
        kindsBeforeLast |= lastKind
        lastKind = kind
        separatorCount += 1
        valueBeforeLastSeparator = value
        overflowBeforeLastSeparator = overflow
        lastGroupLength = 0
    }

    // MARK: - Facts both readers interpret the same way

    /// The digits before the last separator group by three: a first group of 1–3, then groups of three.
    var integerPartIsGrouped: Bool {
        (1...3).contains(firstGroupLength) && innerGroupsHaveThree
    }

    /// All separators are of one kind (or there is at most one).
    var hasOneSeparatorKind: Bool {
        kindsBeforeLast == 0 || kindsBeforeLast == lastKind
    }

    /// With two kinds of separator, the last must be a decimal mark, used once, after grouping by exactly
    /// one other kind: `1.250.000,5`. Why it is not (`.mixedSeparators`, `.badGrouping`), or nil.
    var decimalMarkProblem: NumberProblem? {
        if lastKind == Separator.space || kindsBeforeLast & lastKind != 0 || kindsBeforeLast.nonzeroBitCount > 1 {
            return .mixedSeparators
        }
        return integerPartIsGrouped ? nil : .badGrouping
    }

    /// Whether `bytes[start..<high]` is an exponent: an optional sign, then one or more digits, then the end.
    private static func isExponent(_ bytes: UnsafeBufferPointer<UInt8>, _ start: Int, _ high: Int) -> Bool {
        var index = start
        if index < high, bytes[index] == UInt8(ascii: "+") || bytes[index] == UInt8(ascii: "-") { index += 1 }
        guard index < high else { return false }
        while index < high {
            if !NumberReader.isDigit(bytes[index]) { return false }
            index += 1
        }
        return true
    }
}
