/// Derives the stable identifier of an anomaly.
///
/// The id names the problem, not the night it was seen: the same rule failing on the same field of the same
/// record gives the same id in every run, whatever the file is called or on which line the row moved to.
/// A record is named by its pipeline's key parts as written (commune, year, record key); a row without a
/// usable key falls back to its file and line.
public enum AnomalyID {
    /// 16 hex digits of SHA-256 over the identifying parts joined by U+001F (a byte no cell holds).
    public static func make(rule: String, pipeline: String, field: String, recordParts: [String]) -> String {
        // The parts' bytes joined directly, and only the eight bytes shown turned into hex: every anomaly of a
        // run gets an id, and joining `String`s then hexing the whole digest cost more than the hash.
        var text: [UInt8] = []
        text.reserveCapacity(128)
        for (index, part) in ([rule, pipeline, field] + recordParts).enumerated() {
            if index > 0 { text.append(0x1F) }
            text += part.utf8
        }
        var hash = SHA256()
        text.withUnsafeBytes { hash.update($0) }
        return Array(hash.finalize().prefix(8)).lowercaseHex
    }
}
