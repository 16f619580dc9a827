import Foundation

/// Checks and produces Unicode NFC on raw UTF-8 field bytes.
///
/// Every output must be UTF-8 NFC, but decomposed (NFD) text arrives from some exports. Normalizing with
/// Foundation costs about 1 µs a field, so the row path first asks `isNFC` (a cheap check that is true for
/// almost every field) and calls `normalized` only for the rare field that fails it. Swift's `==` treats NFC
/// and NFD as equal, but bytes, hashes and output files do not: that is why this works on bytes.
public enum NFCBytes {
    /// Whether `bytes` is valid UTF-8 already in NFC. Invalid UTF-8 is reported as not NFC.
    ///
    /// Text made only of ASCII, precomposed Latin letters (Vietnamese included) and common punctuation is
    /// answered by one byte scan (`isPlainNFC`). Otherwise the standard library's NFC quick check runs; when
    /// it cannot decide (some combining marks are "maybe" in NFC), the full check decides, so a `false`
    /// here always means that `normalized` would change the bytes or that they are not UTF-8.
    /// - Complexity: O(n), no allocation.
    public static func isNFC(_ bytes: UnsafeBufferPointer<UInt8>) -> Bool {
        if isPlainNFC(bytes) { return true }
        guard var span = try? UTF8Span(validating: Span(_unsafeElements: bytes)) else { return false }
        if span.checkForNFC(quickCheck: true) { return true }
        return span.checkForNFC(quickCheck: false)
    }

    /// Whether `bytes` is well-formed UTF-8 (no stray continuation bytes, overlong forms or surrogates).
    /// - Complexity: O(n), no allocation.
    public static func isValidUTF8(_ bytes: UnsafeBufferPointer<UInt8>) -> Bool {
        if isPlainNFC(bytes) { return true }
        return (try? UTF8Span(validating: Span(_unsafeElements: bytes))) != nil
    }

    /// The UTF-8 bytes of the NFC form of `bytes`.
    ///
    /// Meant for fields where `isNFC` is false; it allocates a String and an array. Ill-formed UTF-8
    /// sequences become U+FFFD, so check `isValidUTF8` first when that matters.
    /// - Complexity: O(n), allocates.
    public static func normalized(_ bytes: UnsafeBufferPointer<UInt8>) -> [UInt8] {
        Array(String(decoding: bytes, as: UTF8.self).precomposedStringWithCanonicalMapping.utf8)
    }

    /// Whether `bytes` are well-formed UTF-8 made only of characters that are NFC whatever surrounds them.
    ///
    /// Those are ASCII, U+00A0–U+024F (Latin-1 and Latin Extended-A/B, with `đ`, `ơ`, `ư`, `à`…),
    /// U+1E00–U+1EFF (Latin Extended Additional: `ậ`, `ể`, `ỷ`…), U+2002–U+203F (dashes, quotes, `…`) and
    /// U+20A0–U+20BF (currency signs, `₫`): each has NFC quick-check "yes", combining class 0, and is never
    /// the second half of a canonical composition (checked against Unicode's data). `false` means only
    /// "not decided here". ASCII runs are skipped eight bytes at a time.
    /// - Complexity: O(n), no allocation.
    private static func isPlainNFC(_ bytes: UnsafeBufferPointer<UInt8>) -> Bool {
        isPlainNFC(bytes, rejectingNUL: false)
    }

    /// `isPlainNFC`, and no NUL byte: a cell's text that can be kept as it is, in one scan (a NUL is no text a
    /// spreadsheet writes, so the cell reader looked for one in a pass of its own).
    static func isPlainNFCWithoutNUL(_ bytes: UnsafeBufferPointer<UInt8>) -> Bool {
        isPlainNFC(bytes, rejectingNUL: true)
    }

    @inline(__always)
    private static func isPlainNFC(_ bytes: UnsafeBufferPointer<UInt8>, rejectingNUL: Bool) -> Bool {
        guard let base = bytes.baseAddress else { return true }
        let count = bytes.count
        var index = 0
        while index < count {
            if index + 8 <= count {
                // Little-endian whatever the machine: the first byte in memory is the lowest.
                let word = UInt64(littleEndian: UnsafeRawPointer(base + index).loadUnaligned(as: UInt64.self))
                // The bytes ≥ 0x80 and, when asked, the zero bytes (the usual bit trick, exact for the first
                // one, the lowest).
                let high = word & 0x8080_8080_8080_8080
                let zero = rejectingNUL ? (word &- 0x0101_0101_0101_0101) & ~word & 0x8080_8080_8080_8080 : 0
                if high | zero == 0 {
                    index += 8
                    continue
                }
                // Skip the ASCII bytes before the first byte ≥ 0x80 at once: a Vietnamese name has one every
                // few letters, and testing the word again after each ASCII letter cost most of the scan.
                let ascii = high.trailingZeroBitCount / 8
                if zero != 0, zero.trailingZeroBitCount / 8 < ascii { return false }
                index += ascii
            }
            let lead = base[index]
            switch lead {
            case 0x00..<0x80:
                if rejectingNUL, lead == 0 { return false }
                index += 1
            case 0xC2...0xC9:  // U+00A0–U+024F
                guard index + 1 < count else { return false }
                let next = base[index + 1]
                guard next >= (lead == 0xC2 ? 0xA0 : 0x80), next <= (lead == 0xC9 ? 0x8F : 0xBF) else { return false }
                index += 2
            case 0xE1, 0xE2:  // U+1E00–U+1EFF; U+2002–U+203F and U+20A0–U+20BF
                guard index + 2 < count else { return false }
                let second = base[index + 1]
                let third = base[index + 2]
                guard third & 0xC0 == 0x80 else { return false }
                let allowed = lead == 0xE1
                    ? (0xB8...0xBB).contains(second)
                    : (second == 0x80 && third >= 0x82) || (second == 0x82 && third >= 0xA0)
                guard allowed else { return false }
                index += 3
            default:
                return false
            }
        }
        return true
    }
}
