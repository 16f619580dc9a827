import Testing
@testable import CommuneETL

/// The household-key set: exact membership, first occurrence kept, growth, removal of a refused file's keys.
@Suite struct KeyTableTests {
    private static func insert(_ table: KeyTable, _ text: String, line: Int32, file: Int32 = 0) -> (entry: Int, inserted: Bool) {
        Array(text.utf8).withUnsafeBytes { table.insert($0, at: .init(file: file, line: line)) }
    }

    private static func find(_ table: KeyTable, _ text: String) -> Int? {
        Array(text.utf8).withUnsafeBytes { table.find($0) }
    }

    @Test func aRepeatedKeyKeepsItsFirstOccurrence() {
        let table = KeyTable()
        #expect(Self.insert(table, "02848-2023-00001", line: 2) == (0, true))
        #expect(Self.insert(table, "02848-2023-00002", line: 3) == (1, true))
        #expect(Self.insert(table, "02848-2023-00001", line: 9, file: 1) == (0, false))
        #expect(table.count == 2)
        #expect(table.occurrence(0) == .init(file: 0, line: 2))
        #expect(Array(table.key(1)) == Array("02848-2023-00002".utf8))
    }

    @Test(arguments: ["", "a", "abcdefg", "abcdefgh", "abcdefghi", String(repeating: "x", count: 300)])
    func keysOfAnyLengthAreFoundExactly(key: String) {
        let table = KeyTable()
        #expect(Self.find(table, key) == nil)
        #expect(Self.insert(table, key, line: 5).inserted)
        #expect(Self.find(table, key) == 0)
        // A prefix, an extension and a one-byte change are other keys.
        #expect(Self.find(table, key + "\u{1F}") == nil)
        if !key.isEmpty {
            #expect(Self.find(table, String(key.dropLast())) == nil)
            #expect(Self.find(table, String(key.dropLast()) + "!") == nil)
        }
    }

    /// With a constant seed every key hashes alike only by accident; with a table forced through many
    /// growths, every key is still found at its entry and no two entries share a key.
    @Test func growsThroughManyDoublingsWithoutLosingAKey() {
        let table = KeyTable(seed: 42)
        let count = 50_000
        for index in 0..<count {
            #expect(Self.insert(table, "k\(index)", line: Int32(index)).entry == index)
        }
        #expect(table.count == count)
        var found = 0
        for index in 0..<count where Self.find(table, "k\(index)") == index { found += 1 }
        #expect(found == count)
        #expect(Self.find(table, "k\(count)") == nil)
        for index in stride(from: 0, to: count, by: 997) {
            #expect(Self.insert(table, "k\(index)", line: -1) == (index, false))
        }
    }

    /// Reserving for the keys a file will bring sizes the slots once: inserting that many keys then re-places
    /// none (the slots stay as they are), and every key is still found.
    @Test func reservingMakesRoomOnceForTheKeysToCome() {
        let table = KeyTable(seed: 3)
        #expect(Self.insert(table, "first", line: 1).inserted)
        #expect(table.slotCount == 1024)
        table.reserve(additional: 10_000)
        // The least power of two that holds 10,002 entries at a load of ¾.
        #expect(table.slotCount == 16_384)
        for index in 0..<10_000 { _ = Self.insert(table, "k\(index)", line: Int32(index)) }
        #expect(table.slotCount == 16_384)
        #expect(Self.find(table, "first") == 0)
        #expect(Self.find(table, "k0") == 1)
        #expect(Self.find(table, "k9999") == 10_000)
        // Room enough already: nothing changes; past it, the table still grows by itself.
        table.reserve(additional: 100)
        #expect(table.slotCount == 16_384)
        for index in 10_000..<13_000 { _ = Self.insert(table, "k\(index)", line: Int32(index)) }
        #expect(table.slotCount == 32_768)
        #expect(Self.find(table, "k12999") == 13_000)
    }

    /// Keys whose hashes agree are told apart by their bytes: a table whose seed is fixed still keeps two
    /// different keys with the same home slot (the probe walks past the first).
    @Test func keysSharingAHomeSlotStayDistinct() {
        let table = KeyTable(seed: 7)
        // 2000 keys in a 1024-slot start: home slots necessarily repeat before the first growth.
        for index in 0..<2000 { _ = Self.insert(table, String(index), line: Int32(index)) }
        var found = 0
        for index in 0..<2000 where Self.find(table, String(index)) == index { found += 1 }
        #expect(found == 2000)
    }

    @Test func removingEntriesForgetsExactlyThoseKeys() {
        let table = KeyTable()
        for index in 0..<3000 { _ = Self.insert(table, "a\(index)", line: Int32(index)) }
        for index in 0..<3000 { _ = Self.insert(table, "b\(index)", line: Int32(index), file: 1) }
        table.removeEntries(from: 3000)
        #expect(table.count == 3000)
        var kept = 0, forgotten = 0
        for index in 0..<3000 {
            if Self.find(table, "a\(index)") == index { kept += 1 }
            if Self.find(table, "b\(index)") == nil { forgotten += 1 }
        }
        #expect(kept == 3000 && forgotten == 3000)
        // The removed keys can be registered again, by another file, as new entries.
        #expect(Self.insert(table, "b7", line: 70, file: 2) == (3000, true))
        #expect(table.occurrence(3000) == .init(file: 2, line: 70))
    }

    @Test func theHashDependsOnEveryByteAndTheSeed() {
        let key: [UInt8] = Array("02848-2023-00001\u{1F}".utf8)
        let base = key.withUnsafeBytes { KeyTable.hash($0, seed: 1) }
        for index in key.indices {
            var changed = key
            changed[index] ^= 1
            #expect(changed.withUnsafeBytes { KeyTable.hash($0, seed: 1) } != base)
        }
        #expect(key.withUnsafeBytes { KeyTable.hash($0, seed: 2) } != base)
    }

    @Test func ledgersRoundTripThroughTheirBinaryForm() throws {
        let table = KeyTable()
        for index in 0..<100 { _ = Self.insert(table, "h\(index)", line: Int32(index + 2)) }
        var ledger = RuleLedger()
        ledger.registered = .init(table: table, entries: 40..<100)
        ledger.repeatedFromEarlierFiles = [.init(key: Array("h3".utf8), firstFile: "a.csv", firstLine: 5)]
        let bytes = RuleLedger.encode(["HR-UNIQUE": ledger])
        var streamed: [UInt8] = []
        RuleLedger.encode(["HR-UNIQUE": ledger]) { streamed += $0 }
        #expect(streamed == bytes)
        let decoded = try #require(RuleLedger.decode(bytes))
        #expect(decoded == ["HR-UNIQUE": ledger])
        #expect(decoded["HR-UNIQUE"]?.registered.count == 60)
        #expect(RuleLedger.decode(Array(bytes.dropLast())) == nil)
    }

    /// The exact bytes of a small ledger file: header, one rule, its keys laid out flat, no repeat.
    @Test func ledgerFileStartsWithItsMagicAndVersion() {
        let table = KeyTable()
        _ = Self.insert(table, "k", line: 7)
        _ = Self.insert(table, "xy", line: 9)
        var ledger = RuleLedger()
        ledger.registered = .init(table: table, entries: 0..<2)
        ledger.repeatedFromEarlierFiles = [.init(key: [0x41], firstFile: "a", firstLine: 4)]
        var expected: [UInt8] = Array("CELG".utf8)
        expected += [4, 0, 0, 0, 1, 0, 0, 0]  // version 4, one rule
        expected += [1, 0, 0, 0, 0x55, 2, 0, 0, 0]  // its id "U", two registered keys
        expected += [1, 0, 0, 0, 2, 0, 0, 0]  // their lengths
        expected += [7, 0, 0, 0, 9, 0, 0, 0]  // their lines
        expected += [0x6B, 0x78, 0x79]  // "k", "xy" back to back
        expected += [1, 0, 0, 0, 1, 0, 0, 0, 0x41, 1, 0, 0, 0, 0x61, 4, 0, 0, 0]  // one repeat: "A", first in "a" line 4
        #expect(RuleLedger.encode(["U": ledger]) == expected)
        #expect(RuleLedger.decode(expected) == ["U": ledger])
    }

    /// A ledger's keys are one slice of the table, whichever entries it names.
    @Test func ledgerKeysAreOneSliceOfTheTable() {
        let table = KeyTable()
        for text in ["a", "bc", "def", "g"] { _ = Self.insert(table, text, line: 1) }
        #expect(Array(table.keys(1..<3)) == Array("bcdef".utf8))
        #expect(Array(table.keys(0..<1)) == Array("a".utf8))
        #expect(table.keys(2..<2).isEmpty)
    }

    /// A ledger of more keys than one piece holds streams in several pieces and reads back the same.
    @Test func largeLedgersStreamInPiecesAndRoundTrip() throws {
        let table = KeyTable()
        for index in 0..<300_000 { _ = Self.insert(table, "household-\(index)", line: Int32(index)) }
        var ledger = RuleLedger()
        ledger.registered = .init(table: table, entries: 1..<300_000)
        var pieces = 0
        var streamed: [UInt8] = []
        RuleLedger.encode(["HR-UNIQUE": ledger]) { pieces += 1; streamed += $0 }
        #expect(pieces > 2)
        #expect(streamed == RuleLedger.encode(["HR-UNIQUE": ledger]))
        #expect(try #require(RuleLedger.decode(streamed)) == ["HR-UNIQUE": ledger])
    }

    /// A ledger of an older format (no header; or version 2, a key at a time) is refused, not misread.
    @Test func ledgerOfAnOlderFormatIsRefused() {
        let versionOne: [UInt8] = [1, 0, 0, 0] + [1, 0, 0, 0, UInt8(ascii: "U")] + [0, 0, 0, 0] + [0, 0, 0, 0]
        #expect(RuleLedger.decode(versionOne) == nil)
        #expect(RuleLedger.decode(Array("CELG".utf8) + [1, 0, 0, 0] + [0, 0, 0, 0]) == nil)
        #expect(RuleLedger.decode(Array("CELG".utf8) + [2, 0, 0, 0] + [0, 0, 0, 0]) == nil)
        #expect(RuleLedger.decode(Array("CELG".utf8) + [4, 0, 0, 0] + [0, 0, 0, 0]) == [:])
        // A key count larger than the file could hold is refused before anything is read.
        #expect(RuleLedger.decode(Array("CELG".utf8) + [4, 0, 0, 0, 1, 0, 0, 0, 1, 0, 0, 0, 0x55, 0xFF, 0xFF, 0, 0]) == nil)
    }
}

/// The compact spelling of key values: exact bytes, and distinct values give distinct keys.
@Suite struct KeyEncodingTests {
    static let varints: [(Int64, [UInt8])] = [
        (0, [0]), (-1, [1]), (1, [2]), (63, [126]), (-64, [127]), (64, [0x80, 0x01]), (2023, [0xCE, 0x1F]),
        (Int64.max, [0xFE, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0x01]),
        (Int64.min, [0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0x01]),
    ]

    @Test(arguments: varints)
    func varintsAreZigzagLEB128(value: Int64, bytes: [UInt8]) {
        var key: [UInt8] = []
        KeyEncoding.appendVarint(value, to: &key)
        #expect(key == bytes)
    }

    /// The household key of the sample (commune index 9, year 2023, code `02848-2023-00017`): 13 bytes, the
    /// code packed two characters a byte.
    @Test func householdKeyIsThirteenBytes() {
        var key: [UInt8] = []
        KeyEncoding.appendVarint(9, to: &key)
        KeyEncoding.appendVarint(2023, to: &key)
        KeyEncoding.appendText(Array("02848-2023-00017".utf8), to: &key)
        #expect(key == [18, 0xCE, 0x1F, 0x1E, 0x02, 0x84, 0x8A, 0x20, 0x23, 0xA0, 0x00, 0x17, 0xFF])
        #expect(key.count == 13)
    }

    @Test func otherTextIsKeptAsWrittenBetweenMarks() {
        var key: [UInt8] = []
        KeyEncoding.appendText(Array("HN-01a".utf8), to: &key)
        KeyEncoding.appendText(Array("123".utf8), to: &key)
        #expect(key == [0x1D, 12] + Array("HN-01a".utf8) + [0x1E, 0x12, 0x3F])
    }

    /// The packing eight characters at a time gives the bytes of the format as documented, one pair at a
    /// time, for every length to 64 and every character at every place (a seeded random sweep), and texts
    /// with one character outside `-./0-9` are kept as written.
    @Test func packsEveryTextAsTheFormatSays() {
        let alphabet = Array("-./0123456789".utf8)
        func code(_ byte: UInt8) -> UInt8 { byte >= 0x30 ? byte - 0x30 : byte - 0x23 }
        func expected(_ text: [UInt8]) -> [UInt8] {
            guard !text.isEmpty, text.count <= 64, text.allSatisfy(alphabet.contains) else {
                var plain: [UInt8] = [0x1D]
                KeyEncoding.appendVarint(Int64(text.count), to: &plain)
                return plain + text
            }
            var packed: [UInt8] = [0x1E]
            for start in stride(from: 0, to: text.count, by: 2) {
                packed.append(code(text[start]) << 4 | (start + 1 < text.count ? code(text[start + 1]) : 0x0F))
            }
            return text.count % 2 == 0 ? packed + [0xFF] : packed
        }
        var random = SampleRandom(seed: 7)
        for length in 0...66 {
            for round in 0..<40 {
                var text = (0..<length).map { _ in alphabet[random.below(alphabet.count)] }
                if round % 4 == 3, length > 0 { text[random.below(length)] = [0x2C, 0x3A, 0x41, 0x20, 0xC3][round % 5] }
                var key: [UInt8] = []
                KeyEncoding.appendText(text, to: &key)
                #expect(key == expected(text), "\(String(decoding: text, as: UTF8.self))")
            }
        }
    }

    @Test func packedAndPlainTextsNeverMeet() {
        let texts = ["", "0", "00", "000", "1-2", "1.2", "1/2", "12", "21", "a", "0a", "1E", "\u{1E}", "-", "--", "0-", "-0",
                     String(repeating: "9", count: 64), String(repeating: "9", count: 65)]
        var keys = Set<[UInt8]>()
        for first in texts {
            for second in texts {
                var key: [UInt8] = []
                KeyEncoding.appendText(Array(first.utf8), to: &key)
                KeyEncoding.appendText(Array(second.utf8), to: &key)
                keys.insert(key)
            }
        }
        #expect(keys.count == texts.count * texts.count)
    }

    @Test func distinctIntegersGiveDistinctKeys() {
        var seen = Set<[UInt8]>()
        for value in Int64(-5000)...5000 {
            var key: [UInt8] = []
            KeyEncoding.appendVarint(value, to: &key)
            KeyEncoding.appendVarint(value &* 7, to: &key)
            seen.insert(key)
        }
        #expect(seen.count == 10_001)
    }
}
