import Foundation

/// A letter of the Vietnamese alphabet taken apart: its base letter, its tone, its case.
///
/// Detection judges a decoding by whether its words are Vietnamese syllables, which depends on the base
/// letters and on where the tone sits (`hoà`/`hòa` yes, `hoị` no), not on the precomposed character.
struct VietnameseLetter: Equatable, Sendable {
    /// The lower-case letter without tone, as one of the `Base` codes below.
    let base: UInt8
    /// 0 none, then `Tone` values.
    let tone: UInt8
    let isUpper: Bool
    /// The lower-case form of the letter, tone included (itself when lower case).
    var lowercase: Unicode.Scalar = " "

    /// Base letters beyond ASCII `a`–`z`: the letters with a shape mark, and `đ`.
    enum Base {
        static let aBreve: UInt8 = 1, aCircumflex: UInt8 = 2, eCircumflex: UInt8 = 3
        static let oCircumflex: UInt8 = 4, oHorn: UInt8 = 5, uHorn: UInt8 = 6, dStroke: UInt8 = 7
    }

    enum Tone {
        static let grave: UInt8 = 1, acute: UInt8 = 2, hook: UInt8 = 3, tilde: UInt8 = 4, dot: UInt8 = 5
    }

    var isVowel: Bool {
        switch base {
        case Base.aBreve, Base.aCircumflex, Base.eCircumflex, Base.oCircumflex, Base.oHorn, Base.uHorn: true
        case UInt8(ascii: "a"), UInt8(ascii: "e"), UInt8(ascii: "i"), UInt8(ascii: "o"), UInt8(ascii: "u"),
            UInt8(ascii: "y"):
            true
        default: false
        }
    }

    /// Whether the base carries a shape mark (`ă â ê ô ơ ư`): the tone goes on such a vowel.
    var hasShapeMark: Bool { (Base.aBreve...Base.uHorn).contains(base) }

    /// The letter an ASCII byte is, or nil for anything but `a`–`z` and `A`–`Z`.
    @inline(__always)
    static func ascii(_ byte: UInt8) -> VietnameseLetter? {
        switch byte {
        case 0x61...0x7A: VietnameseLetter(base: byte, tone: 0, isUpper: false)
        case 0x41...0x5A: VietnameseLetter(base: byte | 0x20, tone: 0, isUpper: true)
        default: nil
        }
    }

    /// The letter `scalar` is, when it is an ASCII letter or one of the 134 Vietnamese letters with
    /// diacritics (`à` … `ỹ`, `đ`, upper and lower case); nil for anything else.
    static func of(_ scalar: Unicode.Scalar) -> VietnameseLetter? {
        let value = scalar.value
        if value < 0x80 { return ascii(UInt8(value)) }
        return withDiacritics(value)
    }

    /// The Vietnamese letter with diacritics `value` is, from two flat tables (U+00C0–U+01B0 and
    /// U+1EA0–U+1EF9 hold all 134).
    @inline(__always)
    static func withDiacritics(_ value: UInt32) -> VietnameseLetter? {
        switch value {
        case 0xC0...0x1B0: latinTable[Int(value) - 0xC0]
        case 0x1EA0...0x1EF9: extendedTable[Int(value) - 0x1EA0]
        default: nil
        }
    }

    private static let latinTable = (UInt32(0xC0)...0x1B0).map { withDiacritics[$0] }
    private static let extendedTable = (UInt32(0x1EA0)...0x1EF9).map { withDiacritics[$0] }

    /// The 134 letters with diacritics: each base vowel with each tone, `đ`, and their capitals.
    static let withDiacritics: [UInt32: VietnameseLetter] = {
        let bases: [(String, UInt8)] = [
            ("a", UInt8(ascii: "a")), ("ă", Base.aBreve), ("â", Base.aCircumflex), ("e", UInt8(ascii: "e")),
            ("ê", Base.eCircumflex), ("i", UInt8(ascii: "i")), ("o", UInt8(ascii: "o")),
            ("ô", Base.oCircumflex), ("ơ", Base.oHorn), ("u", UInt8(ascii: "u")), ("ư", Base.uHorn),
            ("y", UInt8(ascii: "y")),
        ]
        let marks: [(String, UInt8)] = [
            ("", 0), ("\u{300}", Tone.grave), ("\u{301}", Tone.acute), ("\u{309}", Tone.hook),
            ("\u{303}", Tone.tilde), ("\u{323}", Tone.dot),
        ]
        var table: [UInt32: VietnameseLetter] = [:]
        func add(_ text: String, _ base: UInt8, _ tone: UInt8) {
            for (form, isUpper) in [(text, false), (text.uppercased(), true)] {
                let scalars = form.precomposedStringWithCanonicalMapping.unicodeScalars
                guard scalars.count == 1, let scalar = scalars.first, scalar.value >= 0x80 else { continue }
                let lower = form.lowercased().precomposedStringWithCanonicalMapping.unicodeScalars.first!
                table[scalar.value] = VietnameseLetter(base: base, tone: tone, isUpper: isUpper, lowercase: lower)
            }
        }
        for (letter, base) in bases {
            for (mark, tone) in marks { add(letter + mark, base, tone) }
        }
        add("đ", Base.dStroke, 0)
        return table
    }()

    /// Whether `scalar` is one of the Vietnamese letters Windows-1252 cannot hold (`ă đ ĩ ũ ơ ư ạ ả ấ …`):
    /// an English-locale export turns exactly these into `?`.
    static func isOutsideWindows1252(_ scalar: Unicode.Scalar) -> Bool {
        scalar.value >= 0x100 && withDiacritics(scalar.value) != nil
    }
}
