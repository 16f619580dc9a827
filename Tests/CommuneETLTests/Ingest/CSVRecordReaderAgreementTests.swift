import Testing
@testable import CommuneETL

/// `CSVRecordReader` reads CSV as libcsv does: the same records, lines, errors and limits, however the input
/// is cut into chunks. Inputs are generated from the bytes that matter to the grammar (delimiters, quotes,
/// spaces, tabs, CR, LF) and a few that do not (letters, a two-byte UTF-8 letter).
struct CSVRecordReaderAgreementTests {
    /// The bytes inputs are made of, repeated to weigh the common ones more.
    static let alphabet: [[UInt8]] = [
        [0x61], [0x61], [0x62], [0xC3, 0xA9], [0x20], [0x20], [0x09], [0x2C], [0x2C], [0x3B],
        [0x22], [0x22], [0x22], [0x0D], [0x0A], [0x0A], [0x0D, 0x0A],
    ]

    /// A seeded generator (SplitMix64): the same cases on every run and machine.
    struct Generator {
        var state: UInt64
        mutating func next(_ bound: Int) -> Int {
            state &+= 0x9E37_79B9_7F4A_7C15
            var z = state
            z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
            z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
            return Int((z ^ (z >> 31)) % UInt64(bound))
        }
    }

    struct Case: CustomStringConvertible {
        var bytes: [UInt8]
        var delimiter: UInt8
        var maxFieldBytes: Int
        var maxColumns: Int
        var splits: [Int]
        var description: String {
            "\(String(decoding: bytes, as: UTF8.self).debugDescription) delimiter \(delimiter) limits \(maxFieldBytes)/\(maxColumns) splits \(splits)"
        }
    }

    /// Mostly letters: longer fields and records, as in real sheets, between the same delimiters and quotes.
    static let wordyAlphabet: [[UInt8]] = Array(repeating: [0x61], count: 12) + [[0xC3, 0xA9], [0x31]] + alphabet

    /// Without quotes: every line is one the reader splits at once (`cbytescan_split_plain_line`), unless a
    /// chunk or its window ends inside it, or it holds spaces only.
    static let plainAlphabet: [[UInt8]] = wordyAlphabet.filter { $0 != [0x22] }

    /// Without quotes and with few line breaks: lines of tens to hundreds of bytes, split 64 bytes of
    /// delimiters at a time, with the line's last bytes in a word, a block or one byte at a time depending on
    /// how much of the window follows (`cbytescan_split_plain_line`).
    static let longPlainAlphabet: [[UInt8]] =
        Array(repeating: [0x61], count: 40) + [[0xC3, 0xA9], [0x31], [0x20], [0x20], [0x09], [0x2C], [0x2C], [0x3B], [0x0A], [0x0D, 0x0A]]

    static func cases(count: Int, seed: UInt64, alphabet: [[UInt8]] = alphabet, length: Int = 40) -> [Case] {
        var random = Generator(state: seed)
        return (0..<count).map { _ in
            var bytes: [UInt8] = []
            for _ in 0..<random.next(length) { bytes += alphabet[random.next(alphabet.count)] }
            let delimiter: UInt8 = [0x2C, 0x3B, 0x09][random.next(3)]
            let limited = random.next(4) == 0
            let splits = (0..<random.next(4)).map { _ in random.next(bytes.count + 1) }.sorted()
            return Case(bytes: bytes, delimiter: delimiter, maxFieldBytes: limited ? 1 + random.next(6) : .max,
                        maxColumns: limited ? 1 + random.next(5) : .max, splits: splits)
        }
    }

    @Test(arguments: [(alphabet: alphabet, length: 40), (alphabet: wordyAlphabet, length: 120), (alphabet: plainAlphabet, length: 120),
                       (alphabet: longPlainAlphabet, length: 400)])
    func generatedInputsReadAsLibCSVReadsThem(alphabet: [[UInt8]], length: Int) {
        var disagreements = 0
        for item in Self.cases(count: 20_000, seed: 2021, alphabet: alphabet, length: length) {
            let expected = LibCSVReference.read(item.bytes, delimiter: item.delimiter, maxFieldBytes: item.maxFieldBytes,
                                                maxColumns: item.maxColumns, splits: item.splits)
            let read = LibCSVReference.readWithReader(item.bytes, delimiter: item.delimiter, maxFieldBytes: item.maxFieldBytes,
                                                      maxColumns: item.maxColumns, splits: item.splits)
            if read != expected {
                disagreements += 1
                if disagreements <= 3 { Issue.record("\(item)\nlibcsv:\n\(expected)\nreader:\n\(read)") }
            }
        }
        #expect(disagreements == 0)
    }

    /// The generated cases reach every outcome the grammar has, so the comparison above means something.
    @Test func generatedInputsCoverEveryOutcome() {
        var details: Set<String> = []
        var quotedRecords = 0, blankLines = 0
        for item in Self.cases(count: 20_000, seed: 2021) {
            let outcome = LibCSVReference.read(item.bytes, delimiter: item.delimiter, maxFieldBytes: item.maxFieldBytes,
                                               maxColumns: item.maxColumns, splits: item.splits)
            if let error = outcome.error { details.insert(error.detail) }
            if outcome.records.contains(where: { $0.fields.contains { $0.contains(0x22) || $0.contains(0x0A) } }) { quotedRecords += 1 }
            if let first = outcome.records.first, first.line > 1 { blankLines += 1 }
        }
        #expect(details == ["stray_quote", "unclosed_quote", "field_too_large", "too_many_columns"])
        #expect(quotedRecords > 100)
        #expect(blankLines > 100)
    }

    /// Long fields cross the reader's 64 KiB windows and the arena grows.
    @Test func longFieldsAcrossWindowsReadAsLibCSVReadsThem() {
        var random = Generator(state: 7)
        var longFields = 0
        for _ in 0..<20 {
            var bytes: [UInt8] = []
            while bytes.count < 300_000 {
                let length = random.next(100_000)
                let quoted = random.next(2) == 0
                if quoted { bytes.append(0x22) }
                for _ in 0..<length { bytes += Self.alphabet[random.next(5)] }
                if quoted { bytes += [0x22, 0x22, 0x22] }
                bytes.append([0x2C, 0x0A, 0x0D][random.next(3)])
            }
            let splits = [random.next(bytes.count)].sorted()
            let expected = LibCSVReference.read(bytes, delimiter: 0x2C, splits: splits)
            let read = LibCSVReference.readWithReader(bytes, delimiter: 0x2C, splits: splits)
            #expect(read == expected)
            longFields += expected.records.reduce(0) { $0 + $1.fields.filter { $0.count > 64 * 1024 }.count }
        }
        #expect(longFields > 10)
    }

    /// Lines without quotes, split at once, between lines the grammar reads, across the reader's windows.
    @Test func plainLinesAcrossWindowsReadAsLibCSVReadsThem() {
        var random = Generator(state: 11)
        var records = 0
        for _ in 0..<10 {
            let delimiter: UInt8 = [0x2C, 0x3B, 0x09][random.next(3)]
            var bytes: [UInt8] = []
            while bytes.count < 200_000 {
                if random.next(50) == 0 { bytes += [0x22, 0x61, 0x2C, 0x0A, 0x22, delimiter] }  // now and then a quoted cell
                for _ in 0..<random.next(40) { bytes += Self.plainAlphabet[random.next(Self.plainAlphabet.count)] }
                bytes += [[0x0A], [0x0D, 0x0A], [0x0D]][random.next(3)]
            }
            let splits = [random.next(bytes.count), random.next(bytes.count)].sorted()
            let expected = LibCSVReference.read(bytes, delimiter: delimiter, splits: splits)
            let read = LibCSVReference.readWithReader(bytes, delimiter: delimiter, splits: splits)
            #expect(read == expected)
            records += expected.records.count
        }
        #expect(records > 50_000)
    }
}
