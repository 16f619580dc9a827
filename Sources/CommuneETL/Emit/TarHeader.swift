/// The 512-byte header blocks of one tar entry, in POSIX ustar form with a pax extended header when needed.
///
/// Every field that could vary between machines or runs is fixed: uid/gid 0, empty uname/gname, the
/// caller's mtime, a mode chosen by entry kind, empty device numbers. So the same entry always gives the same
/// bytes. A pax header (`typeflag 'x'`) is added only for what ustar cannot hold: a name longer than its
/// 100 + 155 split, a link target over 100 bytes, or a size of 8 GiB or more.
struct TarHeader {
    enum Kind {
        case file(size: Int)
        case folder
        case symlink(target: [UInt8])
    }

    static let blockSize = 512
    /// Largest value of an 11-digit octal field (size, mtime): 8 GiB − 1.
    static let octalFieldLimit = 0o77777777777

    /// The entry's name as stored: a folder's name ends with "/".
    let name: [UInt8]
    let kind: Kind
    let mtime: Int
    /// Name of the pax header entry, inside the archive's prefix so no entry lies outside it.
    let paxName: [UInt8]

    /// The header blocks (512 or, with a pax header, 1536+ bytes) that precede the entry's data.
    func encoded() -> [UInt8] {
        var records: [(String, [UInt8])] = []
        let split = Self.split(name)
        if split == nil { records.append(("path", name)) }
        var linkTarget: [UInt8] = []
        var size = 0
        switch kind {
        case let .file(fileSize):
            size = fileSize
            if size > Self.octalFieldLimit { records.append(("size", Array(String(size).utf8))) }
        case .folder:
            break
        case let .symlink(target):
            linkTarget = target
            if target.count > 100 { records.append(("linkpath", target)) }
        }

        var result: [UInt8] = []
        if !records.isEmpty {
            let body = Self.paxBody(records)
            let paxSplit = Self.split(paxName) ?? (prefix: [], name: Array(paxName.prefix(100)))
            result += Self.block(name: paxSplit, mode: 0o644, size: body.count, mtime: mtime, type: UInt8(ascii: "x"), link: [])
            result += body
            result += [UInt8](repeating: 0, count: Self.padding(body.count))
        }
        let ustarName = split ?? (prefix: [], name: Self.truncated(name, to: 100))
        let (mode, type): (Int, UInt8) = switch kind {
        case .file: (0o644, UInt8(ascii: "0"))
        case .folder: (0o755, UInt8(ascii: "5"))
        case .symlink: (0o777, UInt8(ascii: "2"))
        }
        let headerSize = size > Self.octalFieldLimit ? 0 : size
        result += Self.block(name: ustarName, mode: mode, size: headerSize, mtime: mtime, type: type,
                             link: Self.truncated(linkTarget, to: 100))
        return result
    }

    /// Zero bytes that round `count` up to a whole block.
    static func padding(_ count: Int) -> Int {
        (blockSize - count % blockSize) % blockSize
    }

    /// Splits a name into ustar's prefix (≤ 155 bytes) and name (≤ 100 bytes, not empty) at a "/",
    /// choosing the shortest prefix that works; nil when no split fits. O(n).
    static func split(_ path: [UInt8]) -> (prefix: [UInt8], name: [UInt8])? {
        if path.count <= 100 { return (prefix: [], name: path) }
        for index in path.indices where path[index] == UInt8(ascii: "/") {
            let rest = path.count - index - 1
            if rest > 100 { continue }
            if index > 155 || rest == 0 { return nil }
            return (prefix: Array(path[..<index]), name: Array(path[(index + 1)...]))
        }
        return nil
    }

    /// pax records `"<length> <key>=<value>\n"`, where the length counts the whole record, its own digits included.
    static func paxBody(_ records: [(String, [UInt8])]) -> [UInt8] {
        var body: [UInt8] = []
        for (key, value) in records {
            let rest = 1 + key.utf8.count + 1 + value.count + 1  // " key=value\n"
            var length = rest + 1
            while String(length).utf8.count + rest != length { length = String(length).utf8.count + rest }
            body += Array("\(length) \(key)=".utf8) + value + [UInt8(ascii: "\n")]
        }
        return body
    }

    /// The first `limit` bytes, cut back so a UTF-8 sequence is never split (the pax record holds the
    /// full value; this is only what ustar-only readers see).
    static func truncated(_ bytes: [UInt8], to limit: Int) -> [UInt8] {
        guard bytes.count > limit else { return bytes }
        var end = limit
        while end > 0, bytes[end] & 0xC0 == 0x80 { end -= 1 }
        return Array(bytes[..<end])
    }

    /// One ustar header block with its checksum.
    private static func block(
        name: (prefix: [UInt8], name: [UInt8]), mode: Int, size: Int, mtime: Int, type: UInt8, link: [UInt8]
    ) -> [UInt8] {
        var block = [UInt8](repeating: 0, count: blockSize)
        func put(_ bytes: [UInt8], at offset: Int) {
            block.replaceSubrange(offset..<(offset + bytes.count), with: bytes)
        }
        put(name.name, at: 0)
        put(octal(mode, digits: 7), at: 100)
        put(octal(0, digits: 7), at: 108)  // uid
        put(octal(0, digits: 7), at: 116)  // gid
        put(octal(size, digits: 11), at: 124)
        put(octal(mtime, digits: 11), at: 136)
        put([UInt8](repeating: UInt8(ascii: " "), count: 8), at: 148)  // checksum counts as spaces
        block[156] = type
        put(link, at: 157)
        put(Array("ustar\0".utf8) + Array("00".utf8), at: 257)
        // uname (265), gname (297), devmajor (329) and devminor (337) stay empty, as Python's tarfile writes them.
        put(name.prefix, at: 345)
        let checksum = block.reduce(0) { $0 + Int($1) }
        put(octal(checksum, digits: 6) + [0, UInt8(ascii: " ")], at: 148)
        return block
    }

    /// `value` as zero-padded octal digits followed by NUL (the checksum adds its own terminator).
    private static func octal(_ value: Int, digits: Int) -> [UInt8] {
        let text = String(value, radix: 8)
        precondition(text.utf8.count <= digits, "\(value) does not fit \(digits) octal digits")
        let padded = [UInt8](repeating: UInt8(ascii: "0"), count: digits - text.utf8.count) + Array(text.utf8)
        return digits == 6 ? padded : padded + [0]
    }
}
