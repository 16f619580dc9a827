/// The table of every target of the plan with where it stands: the latest year with a value for the
/// district, the value expected that year, the 2025 target, and a status badge.
///
/// A badge carries its word and a sign (✓ ▲ ▼ ·) as well as its colour, so the status can be read without
/// telling colours apart. A target with no row at all in `target_progress` is shown as without data.
enum TargetStatusTable {
    static func html(targets: [TargetDefinition], progress: [TargetProgress]) -> String {
        var out = "<section id=\"chi-tieu\"><h2>Tiến độ các chỉ tiêu của Kế hoạch</h2>"
        out += "<p class=\"note\">Cấp huyện, năm gần nhất có số liệu. Giá trị, dự kiến và mục tiêu theo cách đo của từng chỉ tiêu "
        out += "(bảng <code>target_progress</code>); “dự kiến” là điểm trên lộ trình thẳng đến mục tiêu năm 2025.</p>"
        out += "<div class=\"scroll\"><table class=\"targets\"><thead><tr><th>Mã</th><th>Chỉ tiêu</th><th class=\"num\">Năm</th>"
        out += "<th class=\"num\">Giá trị</th><th class=\"num\">Dự kiến</th><th class=\"num\">Mục tiêu</th><th>Trạng thái</th></tr></thead><tbody>"
        var byTarget: [String: [TargetProgress]] = [:]
        for row in progress where row.unit.isEmpty { byTarget[row.targetID, default: []].append(row) }
        for target in targets {
            let rows = (byTarget[target.id] ?? []).sorted { $0.year < $1.year }
            let row = rows.last { $0.value != nil } ?? rows.last
            let sample = target.sample ? " <small class=\"sample\">số mẫu</small>" : ""
            out += "<tr><td class=\"id\">\(HTMLText.escape(target.id))\(sample)</td><td>\(HTMLText.escape(target.title.vi))</td>"
            out += "<td class=\"num\" data-label=\"Năm\">\(row?.value == nil ? "—" : String(row!.year))</td>"
            out += "<td class=\"num\" data-label=\"Giá trị\">\(HTMLText.number(row?.value))</td>"
            out += "<td class=\"num\" data-label=\"Dự kiến\">\(HTMLText.number(row?.expected))</td>"
            out += "<td class=\"num\" data-label=\"Mục tiêu\">\(HTMLText.number(row?.target ?? target.value))</td>"
            out += "<td>\(badge(row?.status ?? .noData))</td></tr>"
        }
        return out + "</tbody></table></div></section>"
    }

    static func badge(_ status: ProgressStatus) -> String {
        let (sign, word) = switch status {
        case .met: ("✓", "Đạt")
        case .onTrack: ("▲", "Đúng tiến độ")
        case .offTrack: ("▼", "Chậm tiến độ")
        case .noData: ("·", "Chưa có số liệu")
        }
        return "<span class=\"badge \(status.rawValue)\"><span aria-hidden=\"true\">\(sign)</span> \(word)</span>"
    }
}
