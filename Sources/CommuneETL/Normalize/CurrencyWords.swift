/// The currency words a Vietnamese spreadsheet may write after an amount, matched as UTF-8 bytes.
///
/// `đ`, `đồng`, `VNĐ`, `VND` and `₫`, in any letter case and with `ồ` either precomposed (NFC) or decomposed
/// (NFD), since a field may reach the number reader before NFC normalization. `d` alone is deliberately not
/// a currency word: `12 d` is more likely a typo than a price.
enum CurrencyWords {
    /// One letter: the byte sequences that spell it.
    private typealias Letter = [[UInt8]]

    private static let dStroke: Letter = [[0xC4, 0x91], [0xC4, 0x90]]  // đ Đ
    private static let oCircumflexGrave: Letter = [
        [0xE1, 0xBB, 0x93], [0xE1, 0xBB, 0x92],  // ồ Ồ (NFC)
        [0x6F, 0xCC, 0x82, 0xCC, 0x80], [0x4F, 0xCC, 0x82, 0xCC, 0x80],  // o/O + U+0302 + U+0300 (NFD)
        [0xC3, 0xB4, 0xCC, 0x80], [0xC3, 0x94, 0xCC, 0x80],  // ô/Ô + U+0300 (partly composed)
    ]
    private static func ascii(_ character: Unicode.Scalar) -> Letter {
        let byte = UInt8(ascii: character)
        return [[byte | 0x20], [byte & ~0x20]]
    }

    /// Longest first where one word ends another: `VNĐ` must be tried before `đ`.
    private static let words: [[Letter]] = [
        [dStroke, oCircumflexGrave, ascii("n"), ascii("g")],  // đồng
        [ascii("v"), ascii("n"), dStroke],  // VNĐ
        [ascii("v"), ascii("n"), ascii("d")],  // VND
        [dStroke],  // đ
        [[[0xE2, 0x82, 0xAB]]],  // ₫ U+20AB
    ]

    /// The end of `bytes[low..<high]` without its trailing currency word, or nil when it has none.
    /// - Complexity: O(1): a few byte comparisons at the end of the buffer.
    static func strippingSuffix(_ bytes: UnsafeBufferPointer<UInt8>, _ low: Int, _ high: Int) -> Int? {
        for word in words {
            if let end = matchingSuffix(word, bytes, low, high) { return end }
        }
        return nil
    }

    /// Matches `word` backwards from `high`; returns where the word starts.
    private static func matchingSuffix(
        _ word: [Letter], _ bytes: UnsafeBufferPointer<UInt8>, _ low: Int, _ high: Int
    ) -> Int? {
        var end = high
        for letter in word.reversed() {
            guard let spelling = letter.first(where: { endsWith($0, bytes, low, end) }) else { return nil }
            end -= spelling.count
        }
        return end
    }

    private static func endsWith(
        _ spelling: [UInt8], _ bytes: UnsafeBufferPointer<UInt8>, _ low: Int, _ end: Int
    ) -> Bool {
        guard end - low >= spelling.count else { return false }
        let start = end - spelling.count
        for offset in 0..<spelling.count where bytes[start + offset] != spelling[offset] { return false }
        return true
    }
}
