import Foundation
import Testing
@testable import CommuneETL

/// The indicator report (annex tables 05–09): indicators matched by name, and each fault gives its anomaly.
@Suite struct IndicatorReportTests {
    private func run(_ rows: [String]) throws -> RunSandbox {
        let sandbox = try RunSandbox()
        try sandbox.put("indicator-report/2023/ban-pho.csv", PlanSheet.report(commune: "xã Bản Phố", year: 2023, rows: rows))
        try sandbox.run()
        return sandbox
    }

    @Test func aCleanReportGivesOneValuePerIndicatorWithCountsReadWhole() throws {
        let sandbox = try run([
            "I,Đào tạo nghề và việc làm,,,,,",
            "1,Số lao động được đào tạo nghề,người,120,130,\"108,3\",",
            "-,\"Số lao động được cấp văn bằng, chứng chỉ\",người,50,48,96,",
            "2,Tỷ lệ người dân tham gia bảo hiểm y tế,%,92,\"93,5\",\"101,6\",",
            "3,Số lượt khách đến tham quan du lịch,lượt khách,\"1.250\",\"1.300\",104,",
        ])
        #expect(try sandbox.flattenedAnomalies() == [])
        #expect(try sandbox.table("indicator_values") == """
            commune_code,year,indicator,unit,planned,achieved,source_file,source_line,corrected_fields,corrected_by,corrected_on
            02866,2023,labour_trained,người,120,130,indicator-report/2023/ban-pho.csv,5,,,
            02866,2023,labour_certified,người,50,48,indicator-report/2023/ban-pho.csv,6,,,
            02866,2023,health_insurance_rate,%,92,93.5,indicator-report/2023/ban-pho.csv,7,,,
            02866,2023,tourist_arrivals,lượt khách,1250,1300,indicator-report/2023/ban-pho.csv,8,,,

            """)
    }

    @Test func certifiedLabourersAboveTrainedLabourersAreReported() throws {
        let sandbox = try run([
            "1,Số lao động được đào tạo nghề,người,120,130,\"108,3\",",
            "-,\"Số lao động được cấp văn bằng, chứng chỉ\",người,50,140,280,",
        ])
        #expect(try sandbox.flattenedAnomalies() == ["5:IR-PART:achieved"])
        #expect(try sandbox.anomalyRows().first?["expected"] == "at most 130 (Labourers trained)")
    }

    @Test func aWrongRatioColumnIsAWarning() throws {
        let sandbox = try run(["1,Số lao động được đào tạo nghề,người,120,130,\"118,3\","])
        #expect(try sandbox.flattenedAnomalies() == ["4:IR-RATIO:ratio"])
        #expect(try sandbox.anomalyRows().first?["expected"] == "108.33 (= 130 ÷ 120 × 100)")
    }

    @Test func aRatioRoundedToWholePointsIsAccepted() throws {
        let sandbox = try run(["1,Số lao động được đào tạo nghề,người,120,130,108,"])
        #expect(try sandbox.flattenedAnomalies() == [])
    }

    @Test func aUnitThatIsNotTheCataloguesIsAnError() throws {
        let sandbox = try run(["1,Tỷ lệ người dân tham gia bảo hiểm y tế,người,92,\"93,5\",,"])
        #expect(try sandbox.flattenedAnomalies() == ["4:IR-UNIT:unit"])
        #expect(try sandbox.anomalyRows().first?["message_en"] == "Unit 'người' does not fit the indicator 'Health-insurance coverage': it must be '%'. Check the figure and its unit.")
    }

    @Test func aRateAbove100IsAnError() throws {
        let sandbox = try run(["1,Tỷ lệ người dân tham gia bảo hiểm y tế,%,92,916,,"])
        #expect(try sandbox.flattenedAnomalies() == ["4:IR-PERCENT:achieved"])
    }

    @Test func fundingSourcesThatDoNotAddUpToTheTotalAreReportedOnTheTotal() throws {
        let sandbox = try run([
            "1,Tổng nguồn vốn thực hiện,triệu đồng,\"10.000,0\",\"9.500,0\",95,",
            "-,Ngân sách nhà nước,triệu đồng,\"1.000,0\",\"1.000,0\",100,",
            "-,Vốn tín dụng,triệu đồng,\"9.000,0\",\"8.000,0\",\"88,9\",",
        ])
        #expect(try sandbox.flattenedAnomalies() == ["4:IR-PARTS:achieved"])
        #expect(try sandbox.anomalyRows().first?["expected"] == "9000 (= State-budget funding + Credit funding + Other funding)")
    }

    @Test func anUnknownIndicatorIsReportedAndLeftOut() throws {
        let sandbox = try run(["1,Số con gà được tiêm phòng,con,100,100,100,"])
        #expect(try sandbox.flattenedAnomalies() == ["4:IR-INDICATOR:indicator"])
        #expect(try sandbox.table("indicator_values").split(separator: "\n").count == 1)
    }

    @Test func anAmbiguousNumberOfAnAmountIsReportedNotGuessed() throws {
        let sandbox = try run(["1,Tổng nguồn vốn thực hiện,triệu đồng,\"1.250\",\"1.300\",104,"])
        #expect(try sandbox.flattenedAnomalies() == ["4:IR-TYPE:planned", "4:IR-TYPE:achieved"])
    }
}
