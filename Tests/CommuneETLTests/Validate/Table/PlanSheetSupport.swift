@testable import CommuneETL

/// Builders for small commune summaries and indicator reports, one fault each, as a commune exports them.
enum PlanSheet {
    static let summaryHeader = "STT,Thôn/Bản,Tổng số hộ,Số hộ nghèo,Tỷ lệ hộ nghèo (%),Số hộ cận nghèo,Tỷ lệ hộ cận nghèo (%),Số hộ thoát nghèo,Số hộ nghèo phát sinh"

    /// A village row: households, poor, near-poor, left poverty, newly poor; rates computed unless given.
    static func village(_ number: Int, _ name: String, _ households: Int, _ poor: Int, _ nearPoor: Int,
                        left: Int = 0, new: Int = 0, poorRate: String? = nil) -> String {
        let rate = poorRate ?? percent(poor, households)
        return "\(number),\(name),\(households),\(poor),\"\(rate)\",\(nearPoor),\"\(percent(nearPoor, households))\",\(left),\(new)"
    }

    /// `25,93`: count ÷ base × 100 with two decimals and a decimal comma.
    static func percent(_ count: Int, _ base: Int) -> String {
        let hundredths = (count * 10_000 + base / 2) / base
        let decimals = hundredths % 100
        return "\(hundredths / 100),\(decimals < 10 ? "0" : "")\(decimals)"
    }

    /// The total row as a summary writes it: sums, rates recomputed from them.
    static func total(_ households: Int, _ poor: Int, _ nearPoor: Int, left: Int = 0, new: Int = 0) -> String {
        ",Tổng cộng,\(households),\(poor),\"\(percent(poor, households))\",\(nearPoor),\"\(percent(nearPoor, households))\",\(left),\(new)"
    }

    static func summary(commune: String, year: Int, rows: [String], date: String? = nil) -> String {
        var lines = ["UBND \(commune.uppercased())", "KẾT QUẢ RÀ SOÁT HỘ NGHÈO, HỘ CẬN NGHÈO NĂM \(year)", summaryHeader] + rows
        if let date { lines.append(",\"\(date)\",,,,,,,") }
        return lines.joined(separator: "\r\n") + "\r\n"
    }

    static let reportHeader = "STT,Chỉ tiêu,Đơn vị tính,Kế hoạch năm,Thực hiện,So sánh (%),Ghi chú"

    static func report(commune: String, year: Int, rows: [String]) -> String {
        (["UBND \(commune.uppercased())", "BÁO CÁO KẾT QUẢ THỰC HIỆN CÁC CHỈ TIÊU NĂM \(year)", reportHeader] + rows)
            .joined(separator: "\r\n") + "\r\n"
    }
}
