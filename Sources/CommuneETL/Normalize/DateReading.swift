/// Why a cell could not be read as a date. The raw values are stable codes for `anomalies.csv`.
public enum DateProblem: String, Sendable {
    /// No date form explains the text (`abc`, `15/12/23` with a two-digit year, `ngày … tháng … năm 2023`).
    case notADate = "not_a_date"
    /// A date form whose parts name no day, whichever way round they are read (`31/02/2023`, `15/13/2023`).
    case impossible = "impossible_date"
    /// Impossible day first but a real date month first (`12/25/2023`): the file was written in another
    /// convention, so its other dates (`3/5/2021`) may be month first too. Refused, never flipped.
    case ambiguous = "ambiguous_date"
    /// A bare five-digit number (`44270`, `44270,5`): a date the spreadsheet exported as its serial number.
    /// Not converted, since the 1900 and 1904 date systems give different days.
    case serialNumber = "serial_number"
}

/// The outcome of reading one cell as a calendar date.
public enum DateReading: Equatable, Sendable {
    /// Nothing but spaces: the caller decides whether a blank is allowed.
    case empty
    case value(year: Int16, month: UInt8, day: UInt8)
    case invalid(DateProblem)

    /// Appends `yyyy-mm-dd` (ISO 8601) for a value; appends nothing when the reading is not a value.
    func appendISO<Output: ByteOutput & ~Copyable>(to output: inout Output) {
        guard case .value(let year, let month, let day) = self else { return }
        let zero = UInt8(ascii: "0")
        let y = UInt16(year)
        output.append(zero + UInt8(y / 1000 % 10))
        output.append(zero + UInt8(y / 100 % 10))
        output.append(zero + UInt8(y / 10 % 10))
        output.append(zero + UInt8(y % 10))
        output.append(UInt8(ascii: "-"))
        output.append(zero + month / 10)
        output.append(zero + month % 10)
        output.append(UInt8(ascii: "-"))
        output.append(zero + day / 10)
        output.append(zero + day % 10)
    }
}

/// Reads dates written by Vietnamese spreadsheets and reports, straight from field bytes.
///
/// Accepted, after trimming spaces, tabs and no-break spaces at both ends:
/// - `dd/mm/yyyy` and `d/m/yyyy`, also with `-` or `.` (`15/12/2023`, `5/3/2021`, `15-12-2023`, `15.12.2023`);
/// - ISO `yyyy-mm-dd` (`2023-12-15`, also `2023-1-5`) from software exports;
/// - `ngày 15 tháng 12 năm 2023` in any letter case, with or without diacritics, NFC or NFD, with any
///   spaces (or none) between words and numbers, optionally after a place and a comma
///   (`Lùng Phình, ngày 15 tháng 12 năm 2023`, the date line of a report's signature block).
///
/// Day first is the only order read: the files come from Vietnamese-locale spreadsheets, whose short date
/// is `%d/%m/%Y` (glibc `vi_VN`), so `3/5/2021` is 3 May 2021. A cell cannot show that it came from a
/// US-locale machine unless its day-first reading is impossible and its month-first one is not
/// (`12/25/2023`): that cell is `.ambiguous` and never flipped, and the caller may treat the column's
/// other dates as suspect. Years need four digits (`15/12/23` is `.notADate`); any year from 1 to 9999 is
/// a date here, and whether it is plausible for the report is the caller's rule.
public enum DateReader {
    /// Reads a date from `bytes` (see the type's documentation for the accepted forms).
    /// - Complexity: O(n), no allocation.
    public static func read(_ bytes: UnsafeBufferPointer<UInt8>) -> DateReading {
        var low = 0
        var high = bytes.count
        NumberReader.trimSpaces(bytes, &low, &high)
        if low == high { return .empty }
        return NumberReader.isDigit(bytes[low]) ? readNumeric(bytes, low, high) : readWords(bytes, low, high)
    }

    // MARK: - Numeric forms

    /// `d/m/yyyy` with `/`, `-` or `.`; `yyyy-m-d`; or a bare serial number.
    private static func readNumeric(_ bytes: UnsafeBufferPointer<UInt8>, _ low: Int, _ high: Int) -> DateReading {
        var index = low
        let first = readDigits(bytes, &index, high)
        guard index < high else { return first.count == 5 ? .invalid(.serialNumber) : .invalid(.notADate) }
        let separator = bytes[index]
        index += 1
        let second = readDigits(bytes, &index, high)
        if index == high {  // `44270,5`: a serial number with the time of day as its fraction
            let isSerial = first.count == 5 && second.count > 0
                && (separator == UInt8(ascii: ",") || separator == UInt8(ascii: "."))
            return .invalid(isSerial ? .serialNumber : .notADate)
        }
        guard bytes[index] == separator, isDateSeparator(separator) else { return .invalid(.notADate) }
        index += 1
        let third = readDigits(bytes, &index, high)
        guard index == high, (1...2).contains(second.count) else { return .invalid(.notADate) }

        if first.count == 4 && separator == UInt8(ascii: "-") && (1...2).contains(third.count) {
            return date(year: first.value, month: second.value, day: third.value) ?? .invalid(.impossible)
        }
        guard (1...2).contains(first.count), third.count == 4 else { return .invalid(.notADate) }
        if let dayFirst = date(year: third.value, month: second.value, day: first.value) { return dayFirst }
        let monthFirst = date(year: third.value, month: first.value, day: second.value)
        return .invalid(monthFirst == nil ? .impossible : .ambiguous)
    }

    private static func isDateSeparator(_ byte: UInt8) -> Bool {
        byte == UInt8(ascii: "/") || byte == UInt8(ascii: "-") || byte == UInt8(ascii: ".")
    }

    // MARK: - ngày … tháng … năm …

    /// `[place,] ngày D tháng M năm YYYY`.
    private static func readWords(_ bytes: UnsafeBufferPointer<UInt8>, _ low: Int, _ high: Int) -> DateReading {
        var index = low
        var comma = high
        while comma > low {  // the last comma ends the place: `Xã Lùng Phình, huyện Bắc Hà, ngày …`
            comma -= 1
            if bytes[comma] == UInt8(ascii: ",") {
                index = comma + 1
                break
            }
        }
        guard let afterDayWord = matchWord(bytes, skippingSpaces(bytes, index, high), high, "ng", .grave, "y")
        else { return .invalid(.notADate) }
        index = skippingSpaces(bytes, afterDayWord, high)
        let day = readDigits(bytes, &index, high)
        guard (1...2).contains(day.count),
            let afterMonthWord = matchWord(bytes, skippingSpaces(bytes, index, high), high, "th", .acute, "ng")
        else { return .invalid(.notADate) }
        index = skippingSpaces(bytes, afterMonthWord, high)
        let month = readDigits(bytes, &index, high)
        guard (1...2).contains(month.count),
            let afterYearWord = matchWord(bytes, skippingSpaces(bytes, index, high), high, "n", .breve, "m")
        else { return .invalid(.notADate) }
        index = skippingSpaces(bytes, afterYearWord, high)
        let year = readDigits(bytes, &index, high)
        guard year.count == 4, index == high else { return .invalid(.notADate) }
        return date(year: year.value, month: month.value, day: day.value) ?? .invalid(.impossible)
    }

    /// The letter `a` with one diacritic: its precomposed spellings (lead byte, lower and upper second byte)
    /// and the second byte of its combining mark (U+03xx is CC xx).
    private struct MarkedA {
        let lead: UInt8, lower: UInt8, upper: UInt8, combining: UInt8
        static let grave = MarkedA(lead: 0xC3, lower: 0xA0, upper: 0x80, combining: 0x80)  // à À, U+0300
        static let acute = MarkedA(lead: 0xC3, lower: 0xA1, upper: 0x81, combining: 0x81)  // á Á, U+0301
        static let breve = MarkedA(lead: 0xC4, lower: 0x83, upper: 0x82, combining: 0x86)  // ă Ă, U+0306
    }

    /// Matches `head`, the letter a (with `mark`, decomposed or not, or bare), then `tail`, any case, at
    /// `index`; returns the index after the word. `head` and `tail` are lowercase ASCII letters.
    private static func matchWord(
        _ bytes: UnsafeBufferPointer<UInt8>, _ index: Int, _ high: Int,
        _ head: StaticString, _ mark: MarkedA, _ tail: StaticString
    ) -> Int? {
        guard var index = matchLetters(bytes, index, high, head), index < high else { return nil }
        if bytes[index] | 0x20 == UInt8(ascii: "a") {
            index += 1
            if index + 1 < high && bytes[index] == 0xCC && bytes[index + 1] == mark.combining { index += 2 }
        } else if index + 1 < high && bytes[index] == mark.lead
            && (bytes[index + 1] == mark.lower || bytes[index + 1] == mark.upper)
        {
            index += 2
        } else {
            return nil
        }
        return matchLetters(bytes, index, high, tail)
    }

    private static func matchLetters(
        _ bytes: UnsafeBufferPointer<UInt8>, _ index: Int, _ high: Int, _ letters: StaticString
    ) -> Int? {
        letters.withUTF8Buffer { letters in
            guard high - index >= letters.count else { return nil }
            for offset in 0..<letters.count where bytes[index + offset] | 0x20 != letters[offset] { return nil }
            return index + letters.count
        }
    }

    // MARK: - Small pieces

    /// Reads a run of digits at `index` and moves past it. `value` wraps past 18 digits; callers check
    /// `count` before using it.
    private static func readDigits(
        _ bytes: UnsafeBufferPointer<UInt8>, _ index: inout Int, _ high: Int
    ) -> (value: Int, count: Int) {
        let start = index
        var value = 0
        while index < high, NumberReader.isDigit(bytes[index]) {
            value = value &* 10 &+ Int(bytes[index] &- 0x30)
            index += 1
        }
        return (value, index - start)
    }

    private static func skippingSpaces(_ bytes: UnsafeBufferPointer<UInt8>, _ index: Int, _ high: Int) -> Int {
        var low = index
        var end = high
        NumberReader.trimSpaces(bytes, &low, &end)
        return low
    }

    /// The date, or nil when the year, month or day does not exist in the proleptic Gregorian calendar.
    private static func date(year: Int, month: Int, day: Int) -> DateReading? {
        guard (1...9999).contains(year), (1...12).contains(month), day >= 1 else { return nil }
        let isLeap = year % 4 == 0 && (year % 100 != 0 || year % 400 == 0)
        let days = switch month {
        case 2: isLeap ? 29 : 28
        case 4, 6, 9, 11: 30
        default: 31
        }
        guard day <= days else { return nil }
        return .value(year: Int16(year), month: UInt8(month), day: UInt8(day))
    }
}
