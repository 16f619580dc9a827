/// The Windows-1252 code page, both ways: what legacy-font bytes look like once a Western program has read
/// them, and how to take such text back to its bytes.
///
/// Bytes 00–7F and A0–FF are Latin-1. Of 80–9F, 27 are typographic characters (`€ ‚ ƒ „ … † ‡ ˆ ‰ Š ‹ Œ Ž
/// ‘ ’ “ ” • – — ˜ ™ š › œ ž Ÿ`) and five (81, 8D, 8F, 90, 9D) are undefined.
enum Windows1252 {
    /// The characters of bytes 80–9F; 0 where the code page leaves the byte undefined.
    static let highControls: [UInt32] = [
        0x20AC, 0, 0x201A, 0x0192, 0x201E, 0x2026, 0x2020, 0x2021,
        0x02C6, 0x2030, 0x0160, 0x2039, 0x0152, 0, 0x017D, 0,
        0, 0x2018, 0x2019, 0x201C, 0x201D, 0x2022, 0x2013, 0x2014,
        0x02DC, 0x2122, 0x0161, 0x203A, 0x0153, 0, 0x017E, 0x0178,
    ]

    /// The character Windows-1252 shows for `byte`, or nil for the five undefined bytes.
    static func scalar(for byte: UInt8) -> UInt32? {
        guard (0x80...0x9F).contains(byte) else { return UInt32(byte) }
        let value = highControls[Int(byte) - 0x80]
        return value == 0 ? nil : value
    }

    /// The byte behind a character that a Windows-1252 or Latin-1 reading produced, or nil when no single
    /// byte shows as `scalar`.
    ///
    /// Both readings are accepted: U+0080–U+009F (Latin-1's C1 controls) map to their own byte, which covers
    /// the bytes Windows-1252 leaves undefined (TCVN3 uses 81, 8D, 8F, 90, 9D for capitals, and they come
    /// through UTF-8 as U+0081 …) and text that went through a Latin-1 decoder. No two bytes share a
    /// character, so the answer is never a guess.
    static func byte(for scalar: UInt32) -> UInt8? {
        if scalar < 0x100 { return UInt8(scalar) }
        guard let index = highControls.firstIndex(of: scalar) else { return nil }
        return UInt8(0x80 + index)
    }
}
