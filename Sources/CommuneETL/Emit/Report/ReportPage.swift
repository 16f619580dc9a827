import Foundation

/// `report.html`: the run for people who will not open a CSV — the poor-household rate against the plan,
/// where every target stands, what problems were found, and which sheets are still missing.
///
/// One self-contained file: inline CSS, inline SVG drawn here, no script, font, image or stylesheet from
/// anywhere, so it opens from a USB stick on a laptop or a phone with no network. Vietnamese (`lang="vi"`),
/// UTF-8, NFC. The bytes depend only on the inputs: no time but the run id, every list in a fixed order.
public enum ReportPage {
    public static func html(runID: String, catalog: PipelineCatalog, outcomes: [FileOutcome], tables: TableResults) -> [UInt8] {
        var tally = AnomalyTally(tables.anomalies)
        for outcome in outcomes { tally.add(outcome.anomalies.tally) }
        let rowsRead = outcomes.reduce(0) { $0 + $1.rowsRead }, rowsKept = outcomes.reduce(0) { $0 + $1.rowsKept }
        var page = """
            <!DOCTYPE html>
            <html lang="vi">
            <head>
            <meta charset="utf-8">
            <meta name="viewport" content="width=device-width, initial-scale=1">
            <title>Báo cáo số liệu giảm nghèo huyện Bắc Hà — lượt chạy \(HTMLText.escape(runID))</title>
            <style>\(css)</style>
            </head>
            <body>
            <header><h1>Số liệu giảm nghèo bền vững huyện Bắc Hà 2021–2025</h1>
            <p>Lượt chạy <strong>\(HTMLText.escape(runID))</strong> · \(outcomes.count) tệp, \(outcomes.count(where: \.refused)) tệp bị giữ lại · \
            \(HTMLText.number(Double(rowsRead))) dòng đọc, \(HTMLText.number(Double(rowsKept))) dòng được nhận</p>
            <nav><a href="#ty-le-ho-ngheo">Tỷ lệ hộ nghèo</a> <a href="#chi-tieu">Chỉ tiêu</a> <a href="#van-de">Vấn đề</a> \
            <a href="#bieu-chua-nhan">Biểu chưa nhận</a></nav></header>
            <main>

            """
        page += PovertySection(catalog: catalog, tables: tables).html() + "\n"
        page += TargetStatusTable.html(targets: catalog.targets.targets, progress: tables.progress) + "\n"
        page += AnomalySummary.html(tally, registry: catalog.registry) + "\n"
        page += SubmissionGrid(catalog: catalog, outcomes: outcomes).html() + "\n"
        page += """
            </main>
            <footer>Trang do CommuneETL tạo từ các tệp trong hộp thư đến; không cần mạng để xem. \
            Số liệu chi tiết: thư mục <code>data/</code> và <code>anomalies/anomalies.csv</code> cùng lượt chạy.</footer>
            </body>
            </html>

            """
        // Already NFC, but for a name that came decomposed: checked on the bytes first, since Foundation's
        // normalisation of the whole page cost ≈ 37 M instructions whatever it found.
        let bytes = Array(page.utf8)
        return bytes.withUnsafeBufferPointer(NFCBytes.isNFC) ? bytes : Array(page.precomposedStringWithCanonicalMapping.utf8)
    }

    /// The whole style sheet: system fonts only; one column on a phone, wider grids on a laptop; charts
    /// take their container's width and keep their `viewBox` proportions.
    static let css = """
        :root{--ink:#1d2430;--muted:#5b6472;--line:#d5dae1;--actual:#1f4e99;--path:#c25e00;--ok:#1e7b34;--on:#1f5fa8;--off:#b3261e;--none:#6b7280;--warn:#c98a00}
        *{box-sizing:border-box}
        body{margin:0;font-family:system-ui,"Segoe UI",Roboto,"Noto Sans",Arial,sans-serif;color:var(--ink);background:#f6f7f9;line-height:1.45}
        header,main,footer{max-width:1180px;margin:0 auto;padding:0 16px}
        header{padding-top:16px}
        h1{font-size:1.5rem;margin:.2em 0}
        h2{font-size:1.2rem;margin:1.6em 0 .4em;border-bottom:2px solid var(--line);padding-bottom:.2em}
        h3{font-size:1rem;margin:1.2em 0 .3em}
        nav a{margin-right:1em;color:var(--on)}
        section{background:#fff;border:1px solid var(--line);border-radius:8px;padding:4px 16px 16px;margin:16px 0}
        figure{margin:0}
        figcaption{font-size:.9rem;margin-bottom:4px}
        figcaption small,.note,footer{color:var(--muted)}
        .code{color:var(--muted);font-size:.8rem}
        svg.chart{width:100%;height:auto;display:block}
        .district{max-width:600px;margin-bottom:16px}
        .multiples{display:grid;grid-template-columns:repeat(auto-fill,minmax(230px,1fr));gap:14px}
        .commune{border:1px solid var(--line);border-radius:6px;padding:8px}
        .empty{color:var(--none);text-align:center;padding:2em 0;margin:0;background:#f3f4f6;border-radius:4px}
        line.grid{stroke:#e6e9ee;stroke-width:1}
        .axis-line{stroke:#9aa3af;stroke-width:1}
        text.axis{fill:var(--muted);font-family:inherit}
        polyline.actual,line.actual{fill:none;stroke:var(--actual);stroke-width:2.5}
        circle.actual{fill:var(--actual)}
        polyline.path,line.path{fill:none;stroke:var(--path);stroke-width:2;stroke-dasharray:6 4}
        .legend span{display:inline-flex;align-items:center;margin-right:1.2em;font-size:.9rem}
        .legend svg{width:30px;height:10px;margin-right:6px}
        .scroll{overflow-x:auto;-webkit-overflow-scrolling:touch}
        table{border-collapse:collapse;width:100%;font-size:.9rem}
        caption{text-align:left;font-weight:600;padding:.6em 0 .3em}
        th,td{border-bottom:1px solid var(--line);padding:5px 8px;text-align:left;vertical-align:top}
        thead th{background:#eef1f5;white-space:nowrap}
        .num{text-align:right;white-space:nowrap;font-variant-numeric:tabular-nums}
        td.id{white-space:nowrap;font-family:ui-monospace,Menlo,Consolas,monospace;font-size:.85rem}
        .sample{display:block;color:var(--warn);font-family:system-ui,sans-serif}
        .badge{display:inline-block;white-space:nowrap;border-radius:999px;padding:1px 9px;font-size:.85rem;font-weight:600;color:#fff}
        .badge.met{background:var(--ok)}.badge.on_track{background:var(--on)}.badge.off_track{background:var(--off)}.badge.no_data{background:#e5e7eb;color:#374151}
        .pair{display:grid;grid-template-columns:repeat(auto-fit,minmax(300px,1fr));gap:16px}
        .bar-cell{width:40%}
        .bar{display:inline-block;height:.8em}
        .bar.error{background:var(--off)}.bar.warning{background:var(--warn)}
        table.grid{width:auto;min-width:100%}
        table.grid td{text-align:center;min-width:3.2em}
        table.grid tbody th{font-weight:normal;white-space:nowrap}
        .cell{display:inline-block;padding:0 .4em;border-radius:4px}
        td.cell{display:table-cell}
        .cell.complete{background:#dcf2e1;color:var(--ok)}.cell.partial{background:#fdf0c8;color:#7a5200}
        .cell.missing{background:#fde2e0;color:var(--off);font-weight:700}.cell.notAUnit{background:#f3f4f6;color:#9ca3af}
        .refused li{margin-bottom:.4em}
        .sr{position:absolute;width:1px;height:1px;overflow:hidden;clip:rect(0 0 0 0);white-space:nowrap}
        footer{font-size:.85rem;padding-bottom:24px}
        @media (max-width:600px){h1{font-size:1.25rem}section{padding:2px 10px 12px}header,main,footer{padding:0 8px}
        .multiples{grid-template-columns:1fr;gap:10px}.bar-cell{width:22%}
        table.grid tbody th{white-space:normal;min-width:7em}table.grid td{min-width:2.2em;padding:5px 2px}table.grid thead th{padding:5px 3px;font-size:.8rem}
        table.targets thead{display:none}
        table.targets,table.targets tbody,table.targets tr,table.targets td{display:block;width:auto}
        table.targets tr{border-bottom:1px solid var(--line);padding:6px 0}
        table.targets td{border:0;padding:1px 0}
        table.targets td.id{display:inline-block;margin-right:.6em}.sample{display:inline}
        table.targets td.num{display:inline-block;margin-right:1em;text-align:left}
        table.targets td[data-label]::before{content:attr(data-label) ": ";color:var(--muted)}}
        """
}
