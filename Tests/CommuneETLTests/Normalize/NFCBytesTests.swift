@testable import CommuneETL
import Testing

struct NFCBytesTests {
    private func isNFC(_ text: String) -> Bool {
        NormalizeTestSupport.withBytes(text) { NFCBytes.isNFC($0) }
    }

    private func isNFC(_ bytes: [UInt8]) -> Bool {
        bytes.withUnsafeBufferPointer { NFCBytes.isNFC($0) }
    }

    private func isValid(_ bytes: [UInt8]) -> Bool {
        bytes.withUnsafeBufferPointer { NFCBytes.isValidUTF8($0) }
    }

    @Test(arguments: [
        ("", true),
        ("Lung Phinh", true),
        ("Nguyen Van An, thon Na Hoi", true),
        ("Lùng Phình", true),
        ("Nguyen Van An Lùng", true),  // first non-ASCII byte after the first eight
        ("Lu\u{300}ng Phi\u{300}nh", false),
        ("Nguyen Van An Lu\u{300}ng", false),
        ("q\u{300}", true),  // a combining mark with no precomposed form: NFC, though the quick check says maybe
        ("Ông “Nguyễn” – 1.250.000 ₫…", true),
        ("Ơn ưu đãi Ðức ǅ", true),
        ("Ωmega Κόσμε", true),  // outside the Latin blocks: decided by the standard library
        ("\u{212B}ngstrom", false),  // ANGSTROM SIGN: its NFC is U+00C5
        ("a\u{2000}b", false),  // EN QUAD: its NFC is U+2002
    ])
    func recognisesNFC(text: String, expected: Bool) {
        #expect(isNFC(text) == expected)
    }

    @Test func treatsInvalidUTF8AsNotNFC() {
        #expect(!isNFC([0x4C, 0xC3]))  // truncated sequence
        #expect(!isNFC([0xFF, 0x41]))
        #expect(!isNFC([0xC0, 0x80]))  // overlong NUL
    }

    @Test func validatesUTF8() {
        #expect(isValid(Array("Lùng Phình".utf8)))
        #expect(isValid(Array("Lu\u{300}ng".utf8)))
        #expect(isValid([]))
        #expect(!isValid([0x4C, 0xC3]))
        #expect(!isValid([0xFF, 0x41]))
        #expect(!isValid([0xED, 0xA0, 0x80]))  // a UTF-16 surrogate
        #expect(!isValid(Array("Hoàng ".utf8) + [0xE0]))
    }

    @Test(arguments: [
        ("Lu\u{300}ng Phi\u{300}nh", "Lùng Phình"),
        ("Nguye\u{302}\u{303}n Thi\u{323} My\u{309}", "Nguyễn Thị Mỷ"),
        ("Na\u{302}\u{323}m Đe\u{301}t", "Nậm Đét"),  // marks out of canonical order
        ("Ta\u{300} Cha\u{309}i", "Tà Chải"),
    ])
    func normalizesNFDToTheExactNFCBytes(nfd: String, nfc: String) {
        let result = NormalizeTestSupport.withBytes(nfd) { NFCBytes.normalized($0) }
        #expect(result == Array(nfc.utf8))
        #expect(result != Array(nfd.utf8))
        #expect(isNFC(result))
    }

    /// The one-scan check against its definition, for every byte after every lead byte ≥ 0x80, and every third
    /// byte after the leads of three-byte letters: plain exactly when the bytes are one well-formed UTF-8 letter
    /// in the plain ranges (U+00A0–U+024F, U+1E00–U+1EFF, U+2002–U+203F, U+20A0–U+20BF). Each sequence is read
    /// between letters (`ab…cd`, the path taken inside a text) and at the text's end (the last bytes' path).
    @Test func plainCheckAgreesWithItsDefinitionForEveryLetterOfTwoOrThreeBytes() {
        func plain(_ bytes: [UInt8]) -> Bool { bytes.withUnsafeBufferPointer { NFCBytes.isPlainNFCWithoutNUL($0) } }
        func expected(_ sequence: [UInt8]) -> Bool {
            guard let text = String(validating: sequence, as: UTF8.self), text.unicodeScalars.count == 1 else { return false }
            let value = text.unicodeScalars.first!.value
            return (0xA0...0x24F).contains(value) || (0x1E00...0x1EFF).contains(value)
                || (0x2002...0x203F).contains(value) || (0x20A0...0x20BF).contains(value)
        }
        var sequences: [[UInt8]] = []
        for lead in UInt8(0x80)...0xFF {
            for second in UInt8.min...UInt8.max { sequences.append([lead, second]) }
        }
        for lead in UInt8(0xE0)...0xEF {
            for second in UInt8(0x80)...0xBF {
                for third in UInt8.min...UInt8.max { sequences.append([lead, second, third]) }
            }
        }
        var disagreements = 0
        for sequence in sequences {
            // A sequence that begins a longer letter (a lead and too few bytes) is plain in neither place.
            let want = expected(sequence)
            for text in [Array("ab".utf8) + sequence + Array("cd".utf8), Array("ab".utf8) + sequence] where plain(text) != want {
                disagreements += 1
                if disagreements <= 3 { Issue.record("\(sequence.map { String($0, radix: 16) }) in \(text): expected \(want)") }
            }
        }
        #expect(disagreements == 0)
        #expect(sequences.count == 128 * 256 + 16 * 64 * 256)
    }

    /// The cell reader's one-scan check (`isPlainNFCWithoutNUL`) skips the ASCII run before a Vietnamese
    /// letter a word at a time: a NUL, a combining mark or a letter outside the plain ranges must be found
    /// wherever it falls in or across those words, and a plain name must pass at every length.
    @Test func plainCheckFindsWhatBreaksItAtEveryPosition() {
        let name = Array("Giàng Văn Sính, Thôn Nậm Lúc — Mông 2024".utf8)
        func plain(_ bytes: [UInt8]) -> Bool { bytes.withUnsafeBufferPointer { NFCBytes.isPlainNFCWithoutNUL($0) } }
        for length in 0...name.count where length == name.count || name[length] & 0xC0 != 0x80 {
            #expect(plain(Array(name.prefix(length))), "prefix of \(length) bytes")
        }
        for position in 0...name.count where position == name.count || name[position] & 0xC0 != 0x80 {
            var withNUL = name
            withNUL.insert(0, at: position)
            #expect(!plain(withNUL), "NUL at \(position)")
            var withMark = name
            withMark.insert(contentsOf: [0xCC, 0x81], at: position)  // U+0301, a combining acute
            #expect(!plain(withMark), "combining mark at \(position)")
            var withEmoji = name
            withEmoji.insert(contentsOf: Array("😀".utf8), at: position)
            #expect(!plain(withEmoji), "emoji at \(position)")
        }
    }
}
