/// Why a cell could not be read as a number. The raw values are stable codes for `anomalies.csv`.
public enum NumberProblem: String, Sendable {
    /// Letters, signs or symbols that no number format explains (`abc`, `+5`, `25%`, `12 d`).
    case notANumber = "not_a_number"
    /// A spreadsheet error value such as `#DIV/0!`, `#N/A`, `#VALUE!`, `#REF!`, `#NAME?`.
    case spreadsheetError = "spreadsheet_error"
    /// Scientific notation (`1.23457E+11`): the spreadsheet has already rounded the digits away.
    case scientificNotation = "scientific_notation"
    /// A decimal with a nonzero fraction (`12,5`, `1.25`, `1.250,5`).
    case notAnInteger = "not_an_integer"
    /// `.`, `,` and spaces combined in a way no locale writes (`1.250,000.5`, `1,250 000`).
    case mixedSeparators = "mixed_separators"
    /// Thousands separators in the wrong places (`1.25.000`, `1234.567`, `1..250`, `1.250.`).
    case badGrouping = "bad_grouping"
    /// A minus sign before the digits; counts and amounts here are never negative.
    case negative = "negative"
    /// More than `Int64.max` (integers), or more than 18 significant or decimal digits (decimals).
    case tooLarge = "too_large"
    /// One `.` or `,` followed by exactly three digits (`1.250`): 1250 or 1.25, and nothing in the cell
    /// says which. Integers report it only below the caller's `ambiguousBelow`; decimals always do.
    case ambiguous = "ambiguous"
}

/// The outcome of reading one cell as a whole number.
public enum IntegerReading: Equatable, Sendable {
    /// Nothing but spaces: the caller decides whether a blank is allowed.
    case empty
    case value(Int64)
    case invalid(NumberProblem)
}

/// Reads whole numbers written by Vietnamese and English spreadsheets, straight from CSV field bytes.
///
/// The same column may hold `1.250.000` (Vietnamese grouping), `1,250,000` (English), `1 250 000`,
/// `1.250.000,00`, `1250000 đ` or `#DIV/0!`. The reader accepts every spelling that has exactly one
/// integer meaning and reports everything else as a `NumberProblem`: an ambiguous number is an anomaly,
/// never a guess. It parses in one pass over the buffer and allocates nothing.
///
/// Accepted, after trimming spaces, tabs and no-break spaces at both ends:
/// - digits, leading zeros allowed (`007` → 7);
/// - groups of three after a first group of 1–3 digits, separated by `.`, `,`, a space or U+00A0
///   (`850.000`, `1,250,000`, `1 250 000`);
/// - a decimal part of zeros after a single `.` or `,` (`1250000,0`, `1.250.000,00`, `1,250,000.00`);
///   a single separator followed by exactly three digits is grouping (`1.250` → 1250), unless the caller
///   passes `ambiguousBelow` (see `readInteger`);
/// - one trailing currency word, any case, with or without a space: `đ`, `đồng`, `VNĐ`, `VND`, `₫`
///   (`d` alone is not one);
/// - `-` alone, as zero, when `dashIsZero` (accounting formats show zero as a dash).
public enum NumberReader {
    /// Reads a whole number from `bytes` (see the type's documentation for the accepted forms).
    ///
    /// - Parameters:
    ///   - dashIsZero: whether a lone `-` means 0 (otherwise it is `.notANumber`).
    ///   - ambiguousBelow: when set, a value written with exactly one `.` or `,` followed by exactly three
    ///     digits (`1.250`, `12,500`) whose thousands reading is below this bound is `.ambiguous`: it may
    ///     be a decimal typed by hand (1.25). Above the bound the decimal reading is implausible for the
    ///     column (an income of `850.000` is 850 000 đồng, not 850 đồng), so the thousands reading
    ///     stands. Two separators (`1.250.000`), a space (`1 250`) or a decimal part (`1.250,00`) are
    ///     never ambiguous. Nil keeps the single separator as grouping, as before.
    /// - Complexity: O(n), no allocation.
    public static func readInteger(
        _ bytes: UnsafeBufferPointer<UInt8>, dashIsZero: Bool = false, ambiguousBelow: Int64? = nil
    ) -> IntegerReading {
        var low = 0
        var high = bytes.count
        trimSpaces(bytes, &low, &high)
        if low == high { return .empty }
        // Most cells are a few plain digits (`5`, `2024`): read them at once, as the scan below would.
        if high - low <= 18 {
            var value: Int64 = 0
            var index = low
            while index < high, isDigit(bytes[index]) {
                value = value &* 10 &+ Int64(bytes[index] &- UInt8(ascii: "0"))
                index &+= 1
            }
            if index == high { return .value(value) }
            if let value = thousands(bytes, low, high) { return .value(value) }
        }
        if bytes[low] == UInt8(ascii: "#") { return .invalid(.spreadsheetError) }
        if !isDigit(bytes[high - 1]), let end = CurrencyWords.strippingSuffix(bytes, low, high) {
            high = end
            trimSpaces(bytes, &low, &high)
            if low == high { return .invalid(.notANumber) }
        }
        return readDigits(bytes, low, high, dashIsZero: dashIsZero, ambiguousBelow: ambiguousBelow)
    }

    /// `1.250.000` or `1,250,000`: two or more of one separator, each followed by exactly three digits, after
    /// a first group of one to three — grouping, whatever `ambiguousBelow` says (only one separator can be
    /// read two ways), as `readGroups` decides. Read at once, since a household list has an income a row;
    /// nil for anything else (`readGroups` then decides).
    @inline(__always)
    private static func thousands(_ bytes: UnsafeBufferPointer<UInt8>, _ low: Int, _ high: Int) -> Int64? {
        let count = high - low, lead = count % 4
        // At least `d.ddd.ddd`; at most 18 digits, which an Int64 holds.
        guard count >= 9, count <= 23, lead != 0, bytes[low] != UInt8(ascii: "0") else { return nil }
        let separator = bytes[low + lead]
        guard separator == UInt8(ascii: ".") || separator == UInt8(ascii: ",") else { return nil }
        var value: Int64 = 0
        for index in low..<high {
            let byte = bytes[index]
            if index - low >= lead, (index - low - lead) % 4 == 0 {
                guard byte == separator else { return nil }
            } else {
                guard isDigit(byte) else { return nil }
                value = value &* 10 &+ Int64(byte &- UInt8(ascii: "0"))
            }
        }
        return value
    }

    // MARK: - Sign and digits

    /// Reads `bytes[low..<high]`, already trimmed and stripped of a currency word.
    private static func readDigits(
        _ bytes: UnsafeBufferPointer<UInt8>, _ low: Int, _ high: Int, dashIsZero: Bool, ambiguousBelow: Int64?
    ) -> IntegerReading {
        if bytes[low] == UInt8(ascii: "-") {
            var rest = low + 1
            var end = high
            trimSpaces(bytes, &rest, &end)
            if rest == end { return dashIsZero ? .value(0) : .invalid(.notANumber) }
            return isDigit(bytes[rest]) ? .invalid(.negative) : .invalid(.notANumber)
        }
        return readGroups(bytes, low, high, ambiguousBelow: ambiguousBelow)
    }

    /// Scans the digits once (`NumberScan`), then decides whether the last separator was grouping or a
    /// decimal point.
    private static func readGroups(
        _ bytes: UnsafeBufferPointer<UInt8>, _ low: Int, _ high: Int, ambiguousBelow: Int64?
    ) -> IntegerReading {
        let scan: NumberScan
        switch NumberScan.scan(bytes, low, high) {
        case .scanned(let result): scan = result
        case .invalid(let problem): return .invalid(problem)
        }
        if scan.separatorCount == 0 { return integer(scan.value, scan.overflow) }
        if !scan.separatorsAreSingle { return .invalid(.badGrouping) }
        let isSpace = scan.lastKind == NumberScan.Separator.space

        if scan.hasOneSeparatorKind {
            // Three digits after it, or a space, can only be grouping.
            if scan.lastGroupLength == 3 || isSpace {
                guard scan.integerPartIsGrouped && scan.lastGroupLength == 3 else { return .invalid(.badGrouping) }
                // `0.000` is 0 both ways, so only a nonzero value can be ambiguous.
                if scan.separatorCount == 1, !isSpace, let bound = ambiguousBelow, scan.value != 0, scan.value < bound {
                    return .invalid(.ambiguous)
                }
                return integer(scan.value, scan.overflow)
            }
            // `12,5`, `1.2500`, `1250000,0`: a decimal point, unless there were several (`1.250.00`).
            guard scan.separatorCount == 1 else { return .invalid(.badGrouping) }
        } else if let problem = scan.decimalMarkProblem {
            return .invalid(problem)
        }
        // The last separator is a decimal point: only a zero fraction leaves an integer.
        guard isZeros(bytes, high - scan.lastGroupLength, high) else { return .invalid(.notAnInteger) }
        return integer(scan.valueBeforeLastSeparator, scan.overflowBeforeLastSeparator)
    }

    @inline(__always)
    private static func integer(_ value: Int64, _ overflow: Bool) -> IntegerReading {
        overflow ? .invalid(.tooLarge) : .value(value)
    }

    // MARK: - Small pieces

    @inline(__always)
    static func isDigit(_ byte: UInt8) -> Bool {
        byte &- UInt8(ascii: "0") < 10
    }

    /// Whether `bytes[start..<high]` holds only `0`s (the digits after a decimal point).
    private static func isZeros(_ bytes: UnsafeBufferPointer<UInt8>, _ start: Int, _ high: Int) -> Bool {
        for index in start..<high where bytes[index] != UInt8(ascii: "0") { return false }
        return true
    }

    /// Moves `low` and `high` inwards past spaces, tabs and no-break spaces (C2 A0).
    @inline(__always)
    static func trimSpaces(_ bytes: UnsafeBufferPointer<UInt8>, _ low: inout Int, _ high: inout Int) {
        while low < high {
            let byte = bytes[low]
            if byte == 0x20 || byte == 0x09 {
                low += 1
            } else if byte == 0xC2, low + 1 < high, bytes[low + 1] == 0xA0 {
                low += 2
            } else {
                break
            }
        }
        while low < high {
            let byte = bytes[high - 1]
            if byte == 0x20 || byte == 0x09 {
                high -= 1
            } else if byte == 0xA0, high - 2 >= low, bytes[high - 2] == 0xC2 {
                high -= 2
            } else {
                break
            }
        }
    }
}

// MARK: - Flags

/// The outcome of reading one indicator cell (deprived or not).
public enum FlagReading: Equatable, Sendable {
    case yes, no, invalid
}

extension NumberReader {
    /// Reads a yes/no mark from `bytes`, after trimming spaces, tabs and no-break spaces.
    ///
    /// Yes: `x`, `X`, `1`, `✓` (U+2713), `✔` (U+2714), `có` in any case (NFC or NFD). No: empty, `0`.
    /// Anything else is `.invalid`, so a stray value is reported rather than read as "not deprived".
    /// - Complexity: O(n), no allocation.
    public static func readFlag(_ bytes: UnsafeBufferPointer<UInt8>) -> FlagReading {
        var low = 0
        var high = bytes.count
        trimSpaces(bytes, &low, &high)
        switch high - low {
        case 0:
            return .no
        case 1:
            switch bytes[low] {
            case UInt8(ascii: "x"), UInt8(ascii: "X"), UInt8(ascii: "1"): return .yes
            case UInt8(ascii: "0"): return .no
            default: return .invalid
            }
        case 3 where bytes[low] == 0xE2 && bytes[low + 1] == 0x9C && (bytes[low + 2] == 0x93 || bytes[low + 2] == 0x94):
            return .yes  // ✓ ✔
        case 3, 4:
            return isCo(bytes, low, high) ? .yes : .invalid
        default:
            return .invalid
        }
    }

    /// Whether `bytes[low..<high]` is `có`: `c`/`C`, then `ó`/`Ó` (C3 B3 / C3 93) or `o`/`O` + U+0301 (CC 81).
    private static func isCo(_ bytes: UnsafeBufferPointer<UInt8>, _ low: Int, _ high: Int) -> Bool {
        guard bytes[low] | 0x20 == UInt8(ascii: "c") else { return false }
        if high - low == 3 {
            return bytes[low + 1] == 0xC3 && (bytes[low + 2] == 0xB3 || bytes[low + 2] == 0x93)
        }
        return bytes[low + 1] | 0x20 == UInt8(ascii: "o") && bytes[low + 2] == 0xCC && bytes[low + 3] == 0x81
    }
}
