import Testing
@testable import CommuneETL

/// `AnomalyHistory.day` counts days by arithmetic (no `Calendar` per anomaly): the same numbers as
/// `Calendar`, including its roll-over of out-of-range months and days.
struct AnomalyHistoryDateTests {
    @Test(arguments: [
        ("1970-01-01", 0), ("1969-12-31", -1), ("2000-02-29", 11_016), ("2000-03-01", 11_017),
        ("2024-02-29", 19_782), ("2026-11-18", 20_775), ("2100-03-01", 47_541),
        ("2025-02-30", 20_149), ("2025-13-01", 20_454), ("2025-03-00", 20_147),
    ])
    func daysSinceEpoch(iso: String, days: Int) {
        #expect(AnomalyHistory.day(iso) == days)
    }

    @Test func unreadableDates() {
        #expect(AnomalyHistory.day("") == nil)
        #expect(AnomalyHistory.day("2025-11") == nil)
        #expect(AnomalyHistory.nights(from: "abc", to: "2026-11-18") == 1)
    }

    @Test func nightsCountBothEnds() {
        #expect(AnomalyHistory.nights(from: "2026-11-18", to: "2026-11-18") == 1)
        #expect(AnomalyHistory.nights(from: "2026-11-18", to: "2026-11-20") == 3)
        #expect(AnomalyHistory.nights(from: "2024-12-31", to: "2025-03-01") == 61)
        #expect(AnomalyHistory.nights(from: "2026-11-20", to: "2026-11-18") == 1)
    }
}
