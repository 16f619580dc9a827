/// Derives the stable identifier of an anomaly.
///
/// The id names the problem, not the night it was seen: the same rule failing on the same field of the same
/// record gives the same id in every run, whatever the file is called or on which line the row moved to.
/// A record is named by its pipeline's key parts as written (commune, year, record key); a row without a
/// usable key falls back to its file and line.
public enum AnomalyID {
    /// 16 hex digits of SHA-256 over the identifying parts joined by U+001F (a byte no cell holds).
    public static func make(rule: String, pipeline: String, field: String, recordParts: [String]) -> String {
        let text = ([rule, pipeline, field] + recordParts).joined(separator: "\u{1F}")
        return String(SHA256.hexDigest(Array(text.utf8)).prefix(16))
    }
}
