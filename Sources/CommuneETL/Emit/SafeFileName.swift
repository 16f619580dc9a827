/// A file name made from names nobody controls (a commune's, an office's), safe to create anywhere.
///
/// Each part is folded to an ASCII slug (`TextFolding.asciiSlug`: `Xã Lùng Phình` → `xa-lung-phinh`), so
/// the name holds only `a`–`z`, `0`–`9` and single `-`: never `/`, `..`, a dot file, a space or a control
/// character. A name longer than `maxLength` is cut and ends with eight hex digits of the SHA-256 of the
/// whole slug, so two long names that share a beginning still get different files. The same parts always
/// give the same name.
///
/// ```swift
/// SafeFileName.make(["02848", "Lùng Phình"], extension: "csv")  // "02848-lung-phinh.csv"
/// SafeFileName.make(["../x"], extension: "csv")                   // "x.csv"
/// ```
public enum SafeFileName {
    /// Characters before the extension, at most: far below any file system's limit of 255 bytes.
    public static let maxLength = 64

    public static func make(_ parts: [String], extension suffix: String) -> String {
        let slug = parts.map(TextFolding.asciiSlug).filter { !$0.isEmpty }.joined(separator: "-")
        guard !slug.isEmpty else { return "unnamed." + suffix }
        guard slug.utf8.count > maxLength else { return slug + "." + suffix }
        let hash = String(SHA256.hexDigest(Array(slug.utf8)).prefix(8))
        var head = String(slug.prefix(maxLength - hash.count - 1))
        while head.hasSuffix("-") { head.removeLast() }
        return head + "-" + hash + "." + suffix
    }
}
