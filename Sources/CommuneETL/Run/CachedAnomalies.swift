/// The binary form of one file's anomalies in the incremental cache (`anomalies.bin`), beside `entry.json`.
///
/// Why not inside `entry.json`: a file of a million rows has some 20,000 anomalies, and `JSONEncoder`
/// builds its whole tree before writing a byte (≈ 45 MB at that size, the run's memory peak). This form is
/// written in pieces of about 1 MiB as it is encoded, and read back without an intermediate tree.
///
/// Layout: `CEAN`, the format version (UInt32 little-endian), the anomaly count (varint), then per anomaly
/// its `Anomaly.columns` in order: `source_line` as a varint of line + 1 (0 when the anomaly has no line),
/// every other column as a varint byte length and its UTF-8 bytes. Varints are unsigned LEB128. Another
/// version is refused (the file is read again), never misread.
enum CachedAnomalies {
    static let magic: [UInt8] = Array("CEAN".utf8)
    static let formatVersion: UInt32 = 1

    /// Streams the encoding of `anomalies` to `sink`, in pieces of about 1 MiB. O(total bytes).
    static func encode(_ anomalies: [Anomaly], to sink: (UnsafeRawBufferPointer) throws -> Void) rethrows {
        var out: [UInt8] = []
        out.reserveCapacity(1 << 20)
        out += magic
        withUnsafeBytes(of: formatVersion.littleEndian) { out.append(contentsOf: $0) }
        appendVarint(UInt64(anomalies.count), to: &out)
        for anomaly in anomalies {
            for text in [anomaly.anomalyID, anomaly.severity.rawValue, anomaly.rule, anomaly.pipeline, anomaly.sourceFile] {
                append(text, to: &out)
            }
            appendVarint(anomaly.sourceLine.map { UInt64($0) + 1 } ?? 0, to: &out)
            for text in [anomaly.communeCode, anomaly.recordKey, anomaly.field, anomaly.value, anomaly.expected,
                         anomaly.messageVI, anomaly.messageEN, anomaly.owner] {
                append(text, to: &out)
            }
            if out.count >= 1 << 20 {
                try out.withUnsafeBytes(sink)
                out.removeAll(keepingCapacity: true)
            }
        }
        try out.withUnsafeBytes(sink)
    }

    /// The encoding of `anomalies` as one array (tests).
    static func encode(_ anomalies: [Anomaly]) -> [UInt8] {
        var out: [UInt8] = []
        encode(anomalies) { out.append(contentsOf: $0) }
        return out
    }

    /// Reads what `encode` wrote; nil when the bytes are not a whole file of this version.
    static func decode(_ bytes: [UInt8]) -> [Anomaly]? {
        guard bytes.count >= 8, bytes.starts(with: magic),
              bytes[4..<8].enumerated().reduce(UInt32(0), { $0 | UInt32($1.element) << (8 * UInt32($1.offset)) }) == formatVersion
        else { return nil }
        var offset = 8
        func varint() -> UInt64? {
            var value: UInt64 = 0
            var shift: UInt64 = 0
            while offset < bytes.count, shift < 64 {
                let byte = bytes[offset]
                offset += 1
                value |= UInt64(byte & 0x7F) << shift
                if byte < 0x80 { return value }
                shift += 7
            }
            return nil
        }
        func text() -> String? {
            guard let count = varint(), count <= UInt64(bytes.count - offset) else { return nil }
            defer { offset += Int(count) }
            return String(decoding: bytes[offset..<(offset + Int(count))], as: UTF8.self)
        }
        guard let count = varint(), count <= UInt64(bytes.count) else { return nil }
        var anomalies: [Anomaly] = []
        anomalies.reserveCapacity(Int(count))
        for _ in 0..<count {
            guard let id = text(), let severity = text().flatMap(Severity.init(rawValue:)), let rule = text(),
                  let pipeline = text(), let file = text(), let line = varint(), let commune = text(), let key = text(),
                  let field = text(), let value = text(), let expected = text(), let vi = text(), let en = text(),
                  let owner = text(), line <= UInt64(Int32.max) + 1
            else { return nil }
            anomalies.append(Anomaly(anomalyID: id, severity: severity, rule: rule, pipeline: pipeline, sourceFile: file,
                                     sourceLine: line == 0 ? nil : Int(line) - 1, communeCode: commune, recordKey: key,
                                     field: field, value: value, expected: expected, messageVI: vi, messageEN: en, owner: owner))
        }
        return offset == bytes.count ? anomalies : nil
    }

    private static func appendVarint(_ value: UInt64, to out: inout [UInt8]) {
        var rest = value
        while rest >= 0x80 {
            out.append(UInt8(truncatingIfNeeded: rest) | 0x80)
            rest >>= 7
        }
        out.append(UInt8(rest))
    }

    private static func append(_ text: String, to out: inout [UInt8]) {
        var text = text
        text.withUTF8 { utf8 in
            appendVarint(UInt64(utf8.count), to: &out)
            out.append(contentsOf: utf8)
        }
    }
}
