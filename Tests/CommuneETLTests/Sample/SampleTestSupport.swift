import CommuneETL
import Foundation
import Testing

/// The 19 units of `reference/communes.csv` (2020-03-01 to 2025-06-30) with their aliases from
/// `reference/commune-aliases.csv`, copied here so the tests need no file.
enum SampleFixtures {
    static let communes: [SampleCommune] = [
        SampleCommune(code: "02839", name: "Bắc Hà", type: "thi_tran",
                      aliases: ["Thị trấn Bắc Hà", "Bac Ha", "TT Bắc Hà", "TT. Bắc Hà"]),
        SampleCommune(code: "02842", name: "Lùng Cải", type: "xa", aliases: ["Xã Lùng Cải", "Lung Cai"]),
        SampleCommune(code: "02848", name: "Lùng Phình", type: "xa",
                      aliases: ["Xã Lùng Phình", "Lung Phinh", "Lũng Phình", "Lùng Phìn"]),
        SampleCommune(code: "02851", name: "Tả Van Chư", type: "xa",
                      aliases: ["Xã Tả Van Chư", "Ta Van Chu", "Tả Văn Chư", "Tả Văn Chur", "Tả Van Chur"]),
        SampleCommune(code: "02854", name: "Tả Củ Tỷ", type: "xa", aliases: ["Xã Tả Củ Tỷ", "Ta Cu Ty", "Tả Củ Tỉ"]),
        SampleCommune(code: "02857", name: "Thải Giàng Phố", type: "xa", aliases: ["Xã Thải Giàng Phố", "Thai Giang Pho"]),
        SampleCommune(code: "02863", name: "Hoàng Thu Phố", type: "xa", aliases: ["Xã Hoàng Thu Phố", "Hoang Thu Pho"]),
        SampleCommune(code: "02866", name: "Bản Phố", type: "xa", aliases: ["Xã Bản Phố", "Ban Pho"]),
        SampleCommune(code: "02869", name: "Bản Liền", type: "xa", aliases: ["Xã Bản Liền", "Ban Lien"]),
        SampleCommune(code: "02872", name: "Tà Chải", type: "xa", aliases: ["Xã Tà Chải", "Ta Chai"]),
        SampleCommune(code: "02875", name: "Na Hối", type: "xa", aliases: ["Xã Na Hối", "Na Hoi"]),
        SampleCommune(code: "02878", name: "Cốc Ly", type: "xa", aliases: ["Xã Cốc Ly", "Coc Ly", "Cốc Li"]),
        SampleCommune(code: "02881", name: "Nậm Mòn", type: "xa", aliases: ["Xã Nậm Mòn", "Nam Mon"]),
        SampleCommune(code: "02884", name: "Nậm Đét", type: "xa", aliases: ["Xã Nậm Đét", "Nam Det"]),
        SampleCommune(code: "02887", name: "Nậm Khánh", type: "xa", aliases: ["Xã Nậm Khánh", "Nam Khanh"]),
        SampleCommune(code: "02890", name: "Bảo Nhai", type: "xa", aliases: ["Xã Bảo Nhai", "Bao Nhai"]),
        SampleCommune(code: "02893", name: "Nậm Lúc", type: "xa", aliases: ["Xã Nậm Lúc", "Nam Luc"]),
        SampleCommune(code: "02896", name: "Cốc Lầu", type: "xa", aliases: ["Xã Cốc Lầu", "Coc Lau"]),
        SampleCommune(code: "02899", name: "Bản Cái", type: "xa", aliases: ["Xã Bản Cái", "Ban Cai"]),
    ]

    static func options(rows: Int, seed: UInt64) -> HouseholdSampleOptions {
        HouseholdSampleOptions(rows: rows, seed: seed, communes: communes)
    }

    static let rules = ["HR-REQUIRED", "HR-TYPE", "HR-COMMUNE", "HR-UNIQUE", "HR-CCCD", "HR-COUNT", "HR-CLASS"]

    /// The data rows of a generated CSV split naively: the generator writes no quoted field.
    static func rows(_ csv: [UInt8], lineEnding: String = "\r\n") -> (header: String, rows: [[String]]) {
        var text = String(decoding: csv, as: UTF8.self)
        if text.hasPrefix("\u{FEFF}") { text.removeFirst() }
        var lines = text.components(separatedBy: lineEnding)
        #expect(lines.last == "")
        lines.removeLast()
        let header = lines.removeFirst()
        return (header, lines.map { $0.components(separatedBy: ",") })
    }

    /// Income written `1.250.000` → 1250000; nil if not in that form.
    static func income(_ text: String) -> Int? {
        guard text.range(of: #"^\d{1,3}(\.\d{3})*$"#, options: .regularExpression) != nil else { return nil }
        return Int(text.replacingOccurrences(of: ".", with: ""))
    }

    /// The decree's class, re-derived: income ≤ line → poor (≥ 3 marks) or near_poor; above → average up
    /// to 1.5 × line, not_poor beyond.
    static func decreeClass(income: Int, marks: Int, town: Bool) -> String {
        let line = town ? 2_000_000 : 1_500_000
        if income <= line { return marks >= 3 ? "poor" : "near_poor" }
        return Double(income) <= 1.5 * Double(line) ? "average" : "not_poor"
    }

    static let labels = ["Hộ nghèo": "poor", "Hộ cận nghèo": "near_poor",
                         "Hộ có mức sống trung bình": "average", "Không nghèo": "not_poor"]
}
