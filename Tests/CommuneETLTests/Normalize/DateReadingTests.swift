@testable import CommuneETL
import Testing

struct DateReadingTests {
    private func read(_ text: String) -> DateReading {
        NormalizeTestSupport.withBytes(text) { DateReader.read($0) }
    }

    private func iso(_ reading: DateReading, after prefix: String = "") -> String {
        var output = Array(prefix.utf8)
        reading.appendISO(to: &output)
        return String(decoding: output, as: UTF8.self)
    }

    @Test(arguments: [
        // Day first, with `/`, `-` or `.`, padded or not.
        ("15/12/2023", 2023, 12, 15), ("5/3/2021", 2021, 3, 5), ("05/03/2021", 2021, 3, 5),
        ("3/5/2021", 2021, 5, 3), ("15-12-2023", 2023, 12, 15), ("15.12.2023", 2023, 12, 15),
        (" 15/12/2023\u{A0}", 2023, 12, 15), ("31/12/2023", 2023, 12, 31), ("1/1/2025", 2025, 1, 1),
        ("29/02/2024", 2024, 2, 29), ("29/02/2000", 2000, 2, 29), ("30/4/2023", 2023, 4, 30),
        // ISO.
        ("2023-12-15", 2023, 12, 15), ("2023-1-5", 2023, 1, 5), ("2024-02-29", 2024, 2, 29),
        // Words, any case, with or without diacritics.
        ("ngày 15 tháng 12 năm 2023", 2023, 12, 15), ("Ngày 15 Tháng 12 Năm 2023", 2023, 12, 15),
        ("NGÀY 15 THÁNG 12 NĂM 2023", 2023, 12, 15), ("ngay 15 thang 12 nam 2023", 2023, 12, 15),
        ("NGAY 15 THANG 12 NAM 2023", 2023, 12, 15), ("ngày 05 tháng 01 năm 2021", 2021, 1, 5),
        ("ngày 27 tháng 1 năm 2021", 2021, 1, 27),
        // Words, decomposed (NFD).
        ("nga\u{300}y 15 tha\u{301}ng 12 na\u{306}m 2023", 2023, 12, 15),
        ("NGA\u{300}Y 15 THA\u{301}NG 12 NA\u{306}M 2023", 2023, 12, 15),
        ("Nga\u{300}y 15 tháng 12 năm 2023", 2023, 12, 15),
        // Words, flexible spaces.
        ("ngày  15   tháng\t12  năm 2023", 2023, 12, 15), ("ngày15tháng12năm2023", 2023, 12, 15),
        ("ngày\u{A0}15 tháng 12 năm\u{A0}2023", 2023, 12, 15),
        // After a place and a comma: the signature line.
        ("Lùng Phình, ngày 15 tháng 12 năm 2023", 2023, 12, 15),
        ("Lu\u{300}ng Phi\u{300}nh, nga\u{300}y 15 tha\u{301}ng 12 na\u{306}m 2023", 2023, 12, 15),
        ("Xã Lùng Phình, huyện Bắc Hà, ngày 27 tháng 01 năm 2021", 2021, 1, 27),
        ("Bắc Hà,ngày 1 tháng 7 năm 2025", 2025, 7, 1), ("  Bắc Hà , ngày 1 tháng 7 năm 2025  ", 2025, 7, 1),
    ] as [(String, Int16, UInt8, UInt8)])
    func readsDates(text: String, year: Int16, month: UInt8, day: UInt8) {
        #expect(read(text) == .value(year: year, month: month, day: day))
    }

    @Test(arguments: [
        // No day, whichever way round.
        ("31/02/2023", .impossible), ("29/02/2023", .impossible), ("29/02/1900", .impossible),
        ("15/13/2023", .impossible), ("0/5/2023", .impossible), ("32/01/2023", .impossible),
        ("13/13/2023", .impossible), ("00/00/0000", .impossible), ("02/31/2023", .impossible),
        ("15/12/0000", .impossible), ("2023-02-30", .impossible), ("2023-13-01", .impossible),
        ("2023-25-12", .impossible), ("ngày 31 tháng 4 năm 2023", .impossible),
        ("ngày 15 tháng 13 năm 2023", .impossible), ("ngày 0 tháng 1 năm 2023", .impossible),
        // A real date only month first: refused, not flipped.
        ("12/25/2023", .ambiguous), ("1/13/2023", .ambiguous), ("12-25-2023", .ambiguous),
        ("2/29/2024", .ambiguous), ("12.31.2023", .ambiguous),
        // Serial numbers.
        ("44270", .serialNumber), ("45291", .serialNumber), ("44270,5", .serialNumber),
        ("44270.4375", .serialNumber), (" 44270 ", .serialNumber),
        // Not a date.
        ("abc", .notADate), ("-", .notADate), ("15/12/23", .notADate), ("15/12/223", .notADate),
        ("15/12/20233", .notADate), ("2023", .notADate), ("4427", .notADate), ("442700", .notADate),
        ("20231215", .notADate), ("15/12-2023", .notADate), ("15//12/2023", .notADate),
        ("15/12/2023 10:30", .notADate), ("2023/12/15", .notADate), ("123/1/2023", .notADate),
        ("15/12/2023/1", .notADate), ("15/123/2023", .notADate), ("2023-123-1", .notADate), ("4427,5", .notADate),
        ("ngày 15 tháng 12 năm 23", .notADate), ("ngày  tháng  năm 2023", .notADate),
        ("Lùng Phình, ngày ... tháng ... năm 2023", .notADate), ("ngày 15 tháng 12", .notADate),
        ("ngáy 15 tháng 12 năm 2023", .notADate), ("nga\u{301}y 15 tháng 12 năm 2023", .notADate),
        ("ngày 15 tháng 12 năm 2023.", .notADate), ("Lùng Phình ngày 15 tháng 12 năm 2023", .notADate),
        ("15 tháng 12 năm 2023", .notADate), ("ngày 15 tháng 12 năm 2023, Lùng Phình", .notADate),
        ("ngày 115 tháng 12 năm 2023", .notADate), ("tháng 12 năm 2023", .notADate),
    ] as [(String, DateProblem)])
    func reportsWhatIsWrong(text: String, problem: DateProblem) {
        #expect(read(text) == .invalid(problem))
    }

    @Test func readsABlankAsEmpty() {
        #expect(read("") == .empty)
        #expect(read(" \t ") == .empty)
    }

    @Test func decomposedSamplesReallyAreDecomposed() {
        // Guards the NFD rows above: Swift keeps a literal's scalars, so the bytes are a + U+0300 (CC 80).
        #expect(Array("nga\u{300}y".utf8) == [0x6E, 0x67, 0x61, 0xCC, 0x80, 0x79])
        #expect(Array("ngày".utf8) == [0x6E, 0x67, 0xC3, 0xA0, 0x79])
    }

    @Test(arguments: [
        ("15/12/2023", "2023-12-15"), ("5/3/2021", "2021-03-05"), ("ngày 1 tháng 7 năm 2025", "2025-07-01"),
        ("1/1/0001", "0001-01-01"), ("31.12.9999", "9999-12-31"),
    ] as [(String, String)])
    func writesISODates(text: String, expected: String) {
        #expect(iso(read(text)) == expected)
    }

    @Test func isoWriterAppendsAndSkipsNonValues() {
        #expect(iso(read("15/12/2023"), after: "d=") == "d=2023-12-15")
        #expect(iso(.empty, after: "d=") == "d=")
        #expect(iso(.invalid(.serialNumber), after: "d=") == "d=")
    }

    @Test func problemCodesAreStable() {
        #expect(DateProblem.notADate.rawValue == "not_a_date")
        #expect(DateProblem.impossible.rawValue == "impossible_date")
        #expect(DateProblem.ambiguous.rawValue == "ambiguous_date")
        #expect(DateProblem.serialNumber.rawValue == "serial_number")
    }
}
