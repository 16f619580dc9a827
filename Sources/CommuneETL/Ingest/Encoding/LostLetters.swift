/// Recognises text that went through Windows-1252 on an English-locale Windows (Excel "CSV"): every
/// Vietnamese letter the code page lacks became `?` (`Ho?ng Th? M?`, `L?ng Ph?nh`, `Nguy?n V?n`).
///
/// The signs are question marks glued to letters, with at least two *inside* a word (`nh?p`, `C?c`, which
/// English text almost never has: `Married?` has its mark at the end), and many of them compared with the
/// letters the code page kept (`à ê ù ì`): at least one `?` for every three non-ASCII characters. Real
/// Vietnamese text has several non-ASCII letters per line and a `?` now and then, so it stays far below.
/// A query string (`page?id=5`) is not counted.
/// - Complexity: O(n), no allocation.
enum LostLetters {
    /// Fewest `?` inside words, and fewest `?` glued to letters in all.
    static let minimumInside = 2, minimumGlued = 3

    /// - Parameter isUTF8: the bytes are UTF-8 (then a non-ASCII character is counted once, not per byte).
    static func areLost(in bytes: UnsafeBufferPointer<UInt8>, isUTF8: Bool) -> Bool {
        let question = UInt8(ascii: "?")
        var inside = 0, glued = 0, nonASCII = 0
        var index = 0
        let count = bytes.count
        while index < count {
            let byte = bytes[index]
            guard byte == question else {
                if byte >= 0x80, !isUTF8 || byte >= 0xC0 { nonASCII += 1 }
                index += 1
                continue
            }
            var end = index
            while end < count, bytes[end] == question { end += 1 }
            let before = index > 0 && isLetter(bytes[index - 1])
            let after = end < count && isLetter(bytes[end])
            if before || after, !startsQuery(bytes, at: end) {
                glued += 1
                if before, after { inside += 1 }
            }
            index = end
        }
        return inside >= minimumInside && glued >= minimumGlued && 4 * glued >= glued + nonASCII
    }

    /// An ASCII letter, or any byte of a non-ASCII character (a letter in every encoding considered).
    private static func isLetter(_ byte: UInt8) -> Bool {
        byte >= 0x80 || (byte | 0x20 >= UInt8(ascii: "a") && byte | 0x20 <= UInt8(ascii: "z"))
    }

    /// Whether the letters from `index` on end with `=`, as a URL's query string does.
    private static func startsQuery(_ bytes: UnsafeBufferPointer<UInt8>, at index: Int) -> Bool {
        var position = index
        while position < bytes.count, isLetter(bytes[position]) || bytes[position] == UInt8(ascii: "_") {
            position += 1
        }
        return position > index && position < bytes.count && bytes[position] == UInt8(ascii: "=")
    }
}
