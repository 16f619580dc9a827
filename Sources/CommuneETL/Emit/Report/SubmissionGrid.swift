/// Which commune has not sent which sheet for which year: for each pipeline, a grid of the units (rows)
/// by the years 2021–2025 (columns).
///
/// The units expected in a year are those in force at some time in its second half, when the yearly
/// review is made (plan III.3): Tà Chải until 2024 (merged on 2024-11-01), the 19 units of the plan until
/// 2024, and the 6 communes of 2025-07-01 in 2025. A cell says whether the run holds that unit's data for
/// the year: all of it, some of it (rows left out for an error), or none. A file held back whole (its
/// commune no longer in force on its date, broken CSV…) gives no data: it is listed under the grids with
/// the reason, so the district knows the commune did send something.
struct SubmissionGrid {
    let catalog: PipelineCatalog
    let outcomes: [FileOutcome]

    enum Cell { case complete, partial, missing, notAUnit }

    func html() -> String {
        var out = "<section id=\"bieu-chua-nhan\"><h2>Biểu chưa nhận theo xã và năm</h2>"
        out += "<p class=\"legend\"><span class=\"cell complete\">✓ đã nhận đủ</span> <span class=\"cell partial\">◐ thiếu dòng (có lỗi)</span> "
        out += "<span class=\"cell missing\">✗ chưa nhận</span> <span class=\"cell notAUnit\">— không phải đơn vị hành chính năm đó</span></p>"
        out += "<p class=\"note\">(mới): xã thành lập từ 01/07/2025 sau sắp xếp đơn vị hành chính; năm 2025 chỉ tính các xã này.</p>"
        let rows = unitRows()
        for pipeline in catalog.pipelines {
            let cells = cells(pipeline)
            out += "<div class=\"scroll\"><table class=\"grid\"><caption>\(HTMLText.escape(pipeline.definition.title.vi))</caption>"
            out += "<thead><tr><th>Xã, thị trấn</th>" + RateChart.years.map { "<th>\($0)</th>" }.joined() + "</tr></thead><tbody>"
            for index in rows {
                let unit = catalog.registry.communes[index]
                out += "<tr><th scope=\"row\">\(HTMLText.escape(name(unit)))</th>"
                for year in RateChart.years {
                    let cell = Self.units(of: year, catalog.units).contains(index) ? cells["\(unit.code)|\(year)"] ?? .missing : .notAUnit
                    out += "<td class=\"cell \(cell)\">\(Self.symbol(cell))</td>"
                }
                out += "</tr>"
            }
            out += "</tbody></table></div>"
        }
        let refused = outcomes.filter(\.refused)
        if !refused.isEmpty {
            out += "<h3>Tệp bị giữ lại</h3><ul class=\"refused\">"
            for outcome in refused {
                let reason = outcome.anomalies.firstError?.messageVI ?? ""
                out += "<li><code>\(HTMLText.escape(outcome.input.relativePath))</code>: \(HTMLText.escape(reason))</li>"
            }
            out += "</ul>"
        }
        return out + "</section>"
    }

    /// Unit code and year → what the run holds, from the facts of the files it kept: complete when every
    /// group of rows (every indicator, for a report) reached the dataset, partial otherwise.
    private func cells(_ pipeline: CompiledPipeline) -> [String: Cell] {
        var cells: [String: Cell] = [:]
        for fact in CommuneYearFacts.collect(outcomes, pipeline: pipeline) where fact.group.rows > 0 {
            let key = "\(fact.code)|\(fact.year)"
            cells[key] = cells[key] == .partial || !fact.isComplete ? .partial : .complete
        }
        return cells
    }

    /// Every unit expected in some year, in the reference list's order.
    private func unitRows() -> [Int] {
        catalog.registry.communes.indices.filter { index in RateChart.years.contains { Self.units(of: $0, catalog.units).contains(index) } }
    }

    /// The units in force at some time from 1 July to 31 December of `year`.
    static func units(of year: Int, _ units: AdministrativeUnits) -> Set<Int> {
        Set(units.registry.communes.indices.filter { index in
            let unit = units.registry.communes[index]
            return unit.validFrom <= "\(year)-12-31" && (unit.validTo.isEmpty || unit.validTo >= "\(year)-07-01")
        })
    }

    private func name(_ unit: Commune) -> String {
        let base = (unit.type == "thi_tran" ? "Thị trấn " : "Xã ") + unit.name
        return unit.validFrom > CommuneRegistry.resolutionPeriod.to ? base + " (mới)" : base
    }

    static func symbol(_ cell: Cell) -> String {
        switch cell {
        case .complete: "<span aria-hidden=\"true\">✓</span><span class=\"sr\">đã nhận đủ</span>"
        case .partial: "<span aria-hidden=\"true\">◐</span><span class=\"sr\">thiếu dòng</span>"
        case .missing: "<span aria-hidden=\"true\">✗</span><span class=\"sr\">chưa nhận</span>"
        case .notAUnit: "<span aria-hidden=\"true\">—</span><span class=\"sr\">không phải đơn vị</span>"
        }
    }

    /// `2025-07-01` as `01/07/2025`.
    static func date(_ iso: String) -> String {
        let parts = iso.split(separator: "-")
        return parts.count == 3 ? "\(parts[2])/\(parts[1])/\(parts[0])" : iso
    }
}
