public import Foundation

/// Names a run by its start time in UTC, in a form safe for file names: `2026-11-28T19-00-00Z`.
public enum RunID {
    /// - Parameter folder: where earlier runs lie; a second run within the same second gets `-2`, `-3`….
    public static func make(_ date: Date, existingIn folder: String) -> String {
        let formatter = DateFormatter()
        formatter.locale = Locale(identifier: "en_US_POSIX")
        formatter.timeZone = TimeZone(identifier: "UTC")
        formatter.dateFormat = "yyyy-MM-dd'T'HH-mm-ss'Z'"
        let base = formatter.string(from: date)
        var candidate = base
        var suffix = 2
        while FileManager.default.fileExists(atPath: folder + "/" + candidate) {
            candidate = "\(base)-\(suffix)"
            suffix += 1
        }
        return candidate
    }

    static func parseISO8601(_ text: String) -> Date? {
        let formatter = ISO8601DateFormatter()
        formatter.formatOptions = [.withInternetDateTime, .withFractionalSeconds]
        return formatter.date(from: text)
    }

    static func iso8601(_ date: Date) -> String {
        let formatter = ISO8601DateFormatter()
        formatter.formatOptions = [.withInternetDateTime, .withFractionalSeconds]
        return formatter.string(from: date)
    }
}
