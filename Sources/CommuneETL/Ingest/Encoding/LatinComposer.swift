import Foundation

/// Brings decomposed Latin letters to NFC without Foundation, which normalises at about 10 MB/s.
///
/// Decomposed Vietnamese (from macOS, or UTF-16 exports) is a base letter followed by one or two combining
/// marks in canonical order (`e` U+0323 U+0302 for `ệ`). The composer looks each such sequence up in a
/// table of every precomposed letter of U+00C0–U+024F and U+1E00–U+1EFF (built once from Foundation's own
/// decompositions, keeping only letters that NFC produces), plus the half-composed forms (`ê` U+0301 for
/// `ế`). Anything else (marks out of canonical order, a mark with no composition, other scripts) makes it
/// give up, and the caller falls back to Foundation: the result is always Foundation's.
/// - Complexity: O(n), one table lookup per letter that carries marks.
enum LatinComposer {
    /// Decomposition (`key`) → precomposed scalar.
    static let table: [UInt64: UInt32] = {
        var table: [UInt64: UInt32] = [:]
        for value in Array(UInt32(0x00C0)...0x024F) + Array(UInt32(0x1E00)...0x1EFF) {
            guard let scalar = Unicode.Scalar(value) else { continue }
            let letter = String(scalar)
            let parts = letter.decomposedStringWithCanonicalMapping.unicodeScalars.map(\.value)
            guard (2...3).contains(parts.count), parts[0] < 0x300, parts.dropFirst().allSatisfy(isMark),
                letter.decomposedStringWithCanonicalMapping.precomposedStringWithCanonicalMapping == letter
            else { continue }
            table[key(parts[0], parts[1], parts.count > 2 ? parts[2] : 0)] = value
        }
        // Half-composed forms: the letter with its first mark, then the second mark.
        for (decomposition, letter) in table where decomposition >> 42 != 0 {
            let base = UInt32(decomposition & 0x1F_FFFF)
            let first = UInt32(decomposition >> 21 & 0x1F_FFFF), second = UInt32(decomposition >> 42)
            if let partial = table[key(base, first, 0)] { table[key(partial, second, 0)] = letter }
        }
        return table
    }()

    /// Appends the NFC form of `piece` (well-formed UTF-8) to `result` and returns true, or leaves `result`
    /// as it was and returns false when the piece holds something the table does not settle.
    static func compose(_ piece: UnsafeBufferPointer<UInt8>, into result: inout [UInt8]) -> Bool {
        let start = result.count
        var starter: UInt32?
        var first: UInt32 = 0, second: UInt32 = 0  // the marks after the starter; 0 for none
        var index = 0
        var settled = true
        while index < piece.count {
            let (value, length) = UTF8Decoder.scalar(inValid: piece, at: index)
            index += length
            if isMark(value) {
                guard starter != nil, second == 0 else { settled = false; break }
                if first == 0 { first = value } else { second = value }
                continue
            }
            guard isStableStarter(value) else { settled = false; break }
            if let base = starter, !emit(base, first, second, into: &result) { settled = false; break }
            starter = value
            first = 0
            second = 0
        }
        if settled, let base = starter, !emit(base, first, second, into: &result) { settled = false }
        if !settled { result.removeSubrange(start...) }
        return settled
    }

    /// Whether `bytes` hold only characters that NFC leaves as they are whatever surrounds them (see
    /// `isStableStarter`): then there is nothing to compose.
    /// - Complexity: O(n), one pass over the bytes.
    static func isStable(_ bytes: UnsafeBufferPointer<UInt8>) -> Bool {
        var index = 0
        while index < bytes.count {
            if bytes[index] < 0x80 {
                index += 1
                continue
            }
            let (value, length) = UTF8Decoder.scalar(inValid: bytes, at: index)
            guard isStableStarter(value) else { return false }
            index += length
        }
        return true
    }

    /// Appends `base` composed with its marks; false when no single character stands for them.
    private static func emit(_ base: UInt32, _ first: UInt32, _ second: UInt32, into result: inout [UInt8]) -> Bool {
        var value = base
        if first != 0 {
            guard let composed = table[key(base, first, second)] else { return false }
            value = composed
        }
        switch value {
        case 0..<0x80:
            result.append(UInt8(value))
        case 0x80..<0x800:
            result.append(UInt8(0xC0 | value >> 6))
            result.append(UInt8(0x80 | value & 0x3F))
        default:  // starters here are below U+10000
            result.append(UInt8(0xE0 | value >> 12))
            result.append(UInt8(0x80 | value >> 6 & 0x3F))
            result.append(UInt8(0x80 | value & 0x3F))
        }
        return true
    }

    private static func isMark(_ value: UInt32) -> Bool { (0x300...0x36F).contains(value) }

    /// Characters that NFC leaves as they are and that never compose with what precedes them: those
    /// `NFCBytes` treats as plain (ASCII, U+0080–U+024F, U+1E00–U+1EFF, U+2002–U+203F, U+20A0–U+20BF).
    private static func isStableStarter(_ value: UInt32) -> Bool {
        value < 0x250 || (0x1E00...0x1EFF).contains(value) || (0x2002...0x203F).contains(value)
            || (0x20A0...0x20BF).contains(value)
    }

    /// Base scalar and up to two marks, 21 bits each.
    private static func key(_ base: UInt32, _ first: UInt32, _ second: UInt32) -> UInt64 {
        UInt64(base) | UInt64(first) << 21 | UInt64(second) << 42
    }
}
