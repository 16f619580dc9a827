/// How many problems the run found, by commune and by rule: errors and warnings counted apart, each row
/// with a bar drawn in CSS (red for errors, amber for warnings, the numbers written beside it).
enum AnomalySummary {
    typealias Count = AnomalyTally.Count

    static func html(_ tally: AnomalyTally, registry: CommuneRegistry) -> String {
        let (total, errors) = (tally.all.total, tally.all.errors)
        let (byCommune, byRule) = (tally.byCommune, tally.byRule)
        var out = "<section id=\"van-de\"><h2>Vấn đề trong số liệu</h2>"
        out += "<p>\(total) vấn đề: <strong>\(errors) lỗi</strong> (dòng không được nhận), \(total - errors) cảnh báo. "
        out += "Chi tiết từng dòng trong <code>anomalies/anomalies.csv</code>.</p><div class=\"pair\">"
        out += table("Theo xã", "Xã", byCommune) { code in
            guard !code.isEmpty else { return "Toàn huyện, hoặc không rõ xã" }
            let name = registry.communes.first { $0.code == code }?.name ?? ""
            return name.isEmpty ? code : "\(name) (\(code))"
        }
        out += table("Theo quy tắc", "Quy tắc", byRule) { $0 }
        return out + "</div></section>"
    }

    /// Rows by decreasing count, then by key, so equal inputs always give the same order.
    private static func table(_ caption: String, _ header: String, _ counts: [String: Count], label: (String) -> String) -> String {
        let rows = counts.sorted { ($1.value.total, $0.key) < ($0.value.total, $1.key) }
        let most = max(1, rows.first?.value.total ?? 1)
        var out = "<div class=\"scroll\"><table class=\"counts\"><caption>\(caption)</caption><thead><tr><th>\(header)</th>"
        out += "<th class=\"num\">Lỗi</th><th class=\"num\">Cảnh báo</th><th class=\"bar-cell\"><span class=\"sr\">Biểu đồ</span></th></tr></thead><tbody>"
        for (key, count) in rows {
            let errorWidth = HTMLText.coordinate(100 * Double(count.errors) / Double(most))
            let warningWidth = HTMLText.coordinate(100 * Double(count.warnings) / Double(most))
            out += "<tr><td>\(HTMLText.escape(label(key)))</td><td class=\"num\">\(count.errors)</td><td class=\"num\">\(count.warnings)</td>"
            out += "<td class=\"bar-cell\" aria-hidden=\"true\"><span class=\"bar error\" style=\"width:\(errorWidth)%\"></span>"
            out += "<span class=\"bar warning\" style=\"width:\(warningWidth)%\"></span></td></tr>"
        }
        if rows.isEmpty { out += "<tr><td colspan=\"4\">Không có vấn đề nào.</td></tr>" }
        return out + "</tbody></table></div>"
    }
}
