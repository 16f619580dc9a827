import Foundation

/// Folds Vietnamese text into ASCII keys for matching headers and names.
///
/// Spreadsheet headers and names vary in case, diacritics, spacing, punctuation and line breaks
/// (`THU NHẬP BQ`, `Thu nhap binh quan`, `Thu nhập bình quân\n(đồng/người/tháng)`). Comparing folded keys
/// makes all of these spellings meet. The folding, for every key:
/// 1. canonical decomposition (NFD), so NFC and NFD input give the same key: `ế` becomes `e` + U+0302 +
///    U+0301 whatever form it arrived in (this makes a separate NFC step unnecessary);
/// 2. combining marks U+0300–U+036F are dropped;
/// 3. `đ`/`Đ` (and the look-alike `Ð` U+00D0 that legacy converters produce) become `d`;
/// 4. ASCII letters are lowercased;
/// 5. apostrophes (`'`, `’`, `‘`, `ʼ`, `` ` ``) are dropped, so `H’Mông`, `H'Mông` and `HMông` agree;
/// 6. everything else that is not an ASCII letter or digit is a separator.
///
/// The keys differ only in what a separator becomes. These functions allocate Strings: call them once per
/// header or per distinct name, never per row.
public enum TextFolding {
    /// The key used to match spreadsheet headers: folded letters and digits only, separators removed.
    ///
    /// `"Thu nhập BQ\n(đồng/người/tháng)"` → `"thunhapbqdongnguoithang"`, `"Thôn/Bản"` → `"thonban"`.
    /// - Complexity: O(n) in the length of `text`.
    public static func matchKey(_ text: String) -> String {
        fold(text, separator: nil)
    }

    /// The key used to match names (communes, villages, enum labels): separators become one space.
    ///
    /// Runs of whitespace and punctuation collapse to one space and the ends are trimmed:
    /// `"  Xã  Lùng-Phình "` → `"xa lung phinh"`, `"Hộ cận nghèo"` → `"ho can ngheo"`.
    /// - Complexity: O(n) in the length of `text`.
    public static func nameKey(_ text: String) -> String {
        fold(text, separator: UInt8(ascii: " "))
    }

    /// A file-name-safe slug: the name key with `-` between words (`"Tả Van Chư"` → `"ta-van-chu"`).
    /// - Complexity: O(n) in the length of `text`.
    public static func asciiSlug(_ text: String) -> String {
        fold(text, separator: UInt8(ascii: "-"))
    }

    // MARK: - Folding

    /// Folds `text`; each run of separators becomes one `separator` byte (none when nil), never at the ends.
    private static func fold(_ text: String, separator: UInt8?) -> String {
        var output: [UInt8] = []
        output.reserveCapacity(text.utf8.count)
        var pendingSeparator = false

        func emit(_ byte: UInt8) {
            if pendingSeparator, let separator, !output.isEmpty { output.append(separator) }
            pendingSeparator = false
            output.append(byte)
        }

        // Pure ASCII needs no decomposition; most headers and names typed without diacritics take this path.
        let isASCII = text.utf8.allSatisfy { $0 < 0x80 }
        let scalars = isASCII ? text.unicodeScalars : text.decomposedStringWithCanonicalMapping.unicodeScalars
        for scalar in scalars {
            switch scalar.value {
            case 0x30...0x39, 0x61...0x7A:
                emit(UInt8(scalar.value))
            case 0x41...0x5A:
                emit(UInt8(scalar.value) | 0x20)
            case 0x0110, 0x0111, 0x00D0:
                emit(UInt8(ascii: "d"))
            case 0x0300...0x036F, 0x27, 0x60, 0x2018, 0x2019, 0x02BC:
                continue
            default:
                pendingSeparator = true
            }
        }
        return String(decoding: output, as: UTF8.self)
    }
}
