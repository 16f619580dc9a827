import Foundation
import Testing
@testable import CommuneETL

/// `report.html` of a run over the demo inbox: self-contained, complete, and the same bytes every time.
@Suite(.serialized) struct ReportPageTests {
    /// One run over the repository's demo inbox, shared by the tests (a run takes a few seconds).
    static let page: (html: String, catalog: PipelineCatalog, tables: TableResults) = {
        let sandbox = demoRun()
        let html = String(decoding: try! sandbox.bytes("report.html"), as: UTF8.self)
        let catalog = try! PipelineCatalog.load(from: RunSandbox.pipelines)
        var outcomes = try! InboxScanner.scan(inbox: sandbox.inbox, pipelines: catalog.pipelines.map(\.name)).inputs.enumerated().map { index, input in
            try! FileProcessor(context: RunContext(catalog: catalog, partsFolder: sandbox.root)).process(input, index: index)
        }
        let tables = TableChecks(catalog: catalog).run(&outcomes)
        return (html, catalog, tables)
    }()

    static func demoRun() -> RunSandbox {
        let sandbox = try! RunSandbox()
        let demo = URL(fileURLWithPath: RunSandbox.pipelines).deletingLastPathComponent().appendingPathComponent("SampleData/inbox").path
        try! FileManager.default.removeItem(atPath: sandbox.inbox)
        try! FileManager.default.copyItem(atPath: demo, toPath: sandbox.inbox)
        try! sandbox.run()
        return sandbox
    }

    @Test func isOneVietnamesePageThatNeedsNoNetwork() {
        let html = Self.page.html
        #expect(html.hasPrefix("<!DOCTYPE html>\n<html lang=\"vi\">"))
        #expect(html.contains("<meta charset=\"utf-8\">"))
        #expect(html.contains("<meta name=\"viewport\""))
        for forbidden in ["<script", "http://", "https://", "@import", "url(", "<link", "<img", "<iframe", "src="] {
            #expect(!html.lowercased().contains(forbidden), "report.html must not hold \(forbidden)")
        }
        #expect(html == html.precomposedStringWithCanonicalMapping, "the page is NFC")
    }

    @Test func drawsTheDistrictAndEveryCommuneWithData() {
        let html = Self.page.html
        let charts = html.components(separatedBy: "<svg class=\"chart\"").count - 1
        let communesWithData = Set(Self.page.tables.totals.values.flatMap { $0 }.map(\.code))
        #expect(charts == 1 + communesWithData.count)
        for code in communesWithData.sorted() {
            #expect(html.contains("<span class=\"code\">\(code)</span></figcaption>") || html.contains("<span class=\"code\">\(code)</span><br>"))
        }
        #expect(html.contains("Thực tế"))
        #expect(html.contains("Lộ trình thẳng đến mục tiêu 2025"))
    }

    @Test func listsEveryTargetWithAWordedStatus() {
        let html = Self.page.html
        for target in Self.page.catalog.targets.targets {
            #expect(html.contains("<td class=\"id\">\(target.id)"), "target \(target.id)")
        }
        for word in ["✓</span> Đạt", "Chậm tiến độ", "Chưa có số liệu"] { #expect(html.contains(word)) }
    }

    @Test func showsWhichSheetsAreMissingAndWhichFileWasHeldBack() {
        let html = Self.page.html
        #expect(html.contains("Biểu chưa nhận theo xã và năm"))
        #expect(html.contains("Xã Tà Chải"))
        #expect(html.contains("Xã Bắc Hà (mới)"))
        #expect(html.contains("<code>poverty-summary/2024/ta-chai.csv</code>"))
    }

    @Test func theSameInputsGiveTheSameBytes() throws {
        let again = Self.demoRun()
        #expect(String(decoding: try again.bytes("report.html"), as: UTF8.self) == Self.page.html)
    }

    @Test(arguments: [(38.98, "38,98"), (7.0, "7"), (1_000_000.0, "1.000.000"), (12.5, "12,5"), (-0.001, "0"), (194_127.0, "194.127")])
    func writesNumbersTheVietnameseWay(value: Double, text: String) {
        #expect(HTMLText.number(value) == text)
    }

    @Test func escapesWhatTheCommunesWrote() {
        #expect(HTMLText.escape("<b>Bản \"Già\" & 'Phố'</b>") == "&lt;b&gt;Bản &quot;Già&quot; &amp; &#39;Phố&#39;&lt;/b&gt;")
    }
}
