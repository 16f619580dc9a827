/// The section on the poor-household rate: one large chart for the district, then one small chart per
/// commune (small multiples, the same scale rules for all), each against the path to its 2025 target.
///
/// The rates are recomputed from the `poverty_communes` sums (poor ÷ households × 100; for the district
/// Σ poor ÷ Σ households over the communes that reported), never averaged from rates. The paths come from
/// `target_progress`: POV-RATE for the district; for a commune POV-HIGH where it applies (baseline of 40 %
/// or more), else the commune's own plan, POV-RATE-PLAN.
struct PovertySection {
    let catalog: PipelineCatalog
    let tables: TableResults

    static let poor = "poor_households", households = "total_households"

    func html() -> String {
        let totals = communeTotals()
        var out = "<section id=\"ty-le-ho-ngheo\"><h2>Tỷ lệ hộ nghèo qua các năm</h2>" + RateChart.legend
        let district = RateSeries(title: "toàn huyện", caption: "Lộ trình: giảm bình quân trên 7 điểm %/năm (POV-RATE).",
                                  actual: districtRates(totals), path: path("POV-RATE", unit: ""))
        out += "<figure class=\"district\"><figcaption><strong>Toàn huyện Bắc Hà</strong> — \(HTMLText.escape(district.caption))</figcaption>"
        out += RateChart.svg(district, size: .large) + "</figure>"
        out += "<div class=\"multiples\">"
        for index in planUnits() {
            let unit = catalog.registry.communes[index]
            let actual = rates(totals.filter { $0.code == unit.code })
            let high = path("POV-HIGH", unit: unit.code)
            let series = RateSeries(title: unitName(unit), caption: high.isEmpty ? "Lộ trình: kế hoạch của xã (POV-RATE-PLAN)." : "Lộ trình: giảm từ 9 điểm %/năm (POV-HIGH).",
                                    actual: actual, path: high.isEmpty ? path("POV-RATE-PLAN", unit: unit.code) : high)
            out += "<figure class=\"commune\"><figcaption><strong>\(HTMLText.escape(series.title))</strong> <span class=\"code\">\(unit.code)</span>"
            out += "<br><small>\(HTMLText.escape(series.caption))\(HTMLText.escape(laterNote(unit)))</small></figcaption>"
            out += actual.isEmpty ? "<p class=\"empty\">Chưa có số liệu</p>" : RateChart.svg(series, size: .small)
            out += "</figure>"
        }
        return out + "</div></section>"
    }

    // MARK: - Data

    /// The summaries' sums: the pipeline whose facts make `poverty_communes`.
    private func communeTotals() -> [CommuneTotals] {
        let pipeline = catalog.pipelines.first { $0.definition.facts?.table == "poverty_communes" }
        return pipeline.flatMap { tables.totals[$0.name] } ?? []
    }

    private func rates(_ totals: [CommuneTotals]) -> [Int: Double] {
        var rates: [Int: Double] = [:]
        for year in RateChart.years {
            let rows = totals.filter { $0.year == year }
            let households = rows.reduce(0) { $0 + ($1.sums[Self.households] ?? 0) }
            let poor = rows.reduce(0) { $0 + ($1.sums[Self.poor] ?? 0) }
            if households > 0 { rates[year] = poor / households * 100 }
        }
        return rates
    }

    private func districtRates(_ totals: [CommuneTotals]) -> [Int: Double] { rates(totals) }

    private func path(_ target: String, unit: String) -> [Int: Double] {
        var path: [Int: Double] = [:]
        for row in tables.progress where row.targetID == target && row.unit == unit {
            if let expected = row.expected { path[row.year] = expected }
        }
        return path
    }

    /// The 19 units of the plan (in force on 2021-01-01), in the reference list's order.
    private func planUnits() -> [Int] {
        catalog.registry.communes.indices.filter { catalog.units.isInForce($0, on: "2021-01-01") }
    }

    /// "Thị trấn Bắc Hà", "Xã Lùng Phình".
    private func unitName(_ unit: Commune) -> String {
        (unit.type == "thi_tran" ? "Thị trấn " : "Xã ") + unit.name
    }

    /// A code the 2025 regrouping gave to a new, larger commune: its 2025 point is that commune's.
    private func laterNote(_ unit: Commune) -> String {
        guard !unit.validTo.isEmpty,
              let later = catalog.registry.communes.first(where: { $0.code == unit.code && $0.validFrom > unit.validTo }) else { return "" }
        return " Năm 2025 là \(later.type == "thi_tran" ? "thị trấn" : "xã") \(later.name) mới (từ \(SubmissionGrid.date(later.validFrom))) sau sắp xếp."
    }
}
