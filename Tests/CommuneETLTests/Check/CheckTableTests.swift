import Foundation
import Testing
@testable import CommuneETL

/// The table `commune-etl check` prints, compared whole: what a commune officer reads, in both languages,
/// piped (nothing cut) and on a 60-column terminal (cells cut, messages wrapped).
struct CheckTableTests {
    static let fixtures = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .appendingPathComponent("Fixtures/check").path

    static func result(_ name: String) throws -> FileCheckResult {
        try FileCheck.check(path: fixtures + "/" + name, catalog: PipelineCatalog.load(from: RunSandbox.pipelines))
    }

    @Test(arguments: [
        (.vi, nil, """
        Dòng  Mức       Cột                             Giá trị đã ghi  Cần làm
        ----  --------  ------------------------------  --------------  --------------------------------------------------------------------------------------------------
        3     lỗi       Thu nhập BQ (đồng/người/tháng)  một triệu hai   Thu nhập BQ (đồng/người/tháng) 'một triệu hai' không hợp lệ: cần một số nguyên từ 0 đến 100000000.
        4     cảnh báo  Số CCCD                         12345           Số CCCD '12345' phải có đúng 12 chữ số (định dạng ô là Văn bản để giữ số 0 đầu).
        Tệp sẽ được nhận một phần: 2/3 dòng, 1 lỗi, 1 cảnh báo — sửa các lỗi rồi gửi lại.

        """),
        (.en, nil, """
        Line  Level    Column      Value as written  What to do
        ----  -------  ----------  ----------------  -----------------------------------------------------------------------------------------------
        3     error    income vnd  một triệu hai     Income vnd 'một triệu hai' is not valid: expected a whole number from 0 to 100000000.
        4     warning  citizen id  12345             Citizen ID '12345' must have exactly 12 digits (format the cell as Text to keep leading zeros).
        The file would be accepted in part: 2 of 3 rows, 1 error, 1 warning — fix the errors and send it again.

        """),
        (.vi, 60, """
        Dòng  Mức       Cột       Giá trị đã ghi  Cần làm
        ----  --------  --------  --------------  ------------------------
        3     lỗi       Thu nhậ…  một tri…        Thu nhập BQ
                                                  (đồng/người/tháng) 'một
                                                  triệu hai' không hợp lệ:
                                                  cần một số nguyên từ 0
                                                  đến 100000000.
        4     cảnh báo  Số CCCD   12345           Số CCCD '12345' phải có
                                                  đúng 12 chữ số (định
                                                  dạng ô là Văn bản để giữ
                                                  số 0 đầu).
        Tệp sẽ được nhận một phần: 2/3 dòng, 1 lỗi, 1 cảnh báo — sửa các lỗi rồi gửi lại.

        """),
        (.en, 60, """
        Line  Level    Column    Value as written  What to do
        ----  -------  --------  ----------------  ------------------------
        3     error    income …  một tri…          Income vnd 'một triệu
                                                   hai' is not valid:
                                                   expected a whole number
                                                   from 0 to 100000000.
        4     warning  citizen…  12345             Citizen ID '12345' must
                                                   have exactly 12 digits
                                                   (format the cell as Text
                                                   to keep leading zeros).
        The file would be accepted in part: 2 of 3 rows, 1 error, 1 warning — fix the errors and send it again.

        """),
    ] as [(CheckLanguage, Int?, String)])
    func drawsTheProblemsAndTheVerdict(language: CheckLanguage, width: Int?, expected: String) throws {
        let result = try Self.result("household-review/income-not-a-number-and-short-cccd.csv")
        #expect(CheckTable.render(result, language: language, width: width) == expected)
    }

    @Test func aCleanFileGivesOnlyTheVerdict() throws {
        let result = try Self.result("household-review/clean.csv")
        #expect(result.verdict == .accepted)
        #expect(CheckTable.render(result, language: .vi, width: nil) == "Tệp sẽ được nhận: 2 dòng, 0 cảnh báo.\n")
        #expect(CheckTable.render(result, language: .en, width: nil) == "The file would be accepted: 2 rows, 0 warnings.\n")
    }

    @Test func aFileNoPipelineRecognisesIsRefused() throws {
        let result = try Self.result("no-header.csv")
        #expect(result.verdict == .refused)
        #expect(result.anomalies.map(\.rule) == ["FILE-ROUTE"])
        #expect(CheckTable.verdict(result, language: .vi)
            == "Tệp sẽ KHÔNG được nhận: lỗi FILE-ROUTE (cả tệp) bên trên giữ lại cả tệp; sửa rồi kiểm tra lại.")
    }

    @Test func aFileUnderAPipelineFolderKeepsItsPathFromThatFolder() {
        let input = FileCheck.inputFile("/home/can-bo/gui/poverty-summary/2024/ta-chai.csv", pipelines: ["household-review", "poverty-summary"])
        #expect(input.pipeline == "poverty-summary")
        #expect(input.relativePath == "poverty-summary/2024/ta-chai.csv")
        #expect(FileCheck.inputFile("/tmp/bao-cao.csv", pipelines: ["poverty-summary"]) == InputFile(
            relativePath: "bao-cao.csv", absolutePath: "/tmp/bao-cao.csv", pipeline: nil))
    }

    @Test func aMissingFileIsAnOperationalError() throws {
        #expect(throws: FileCheck.Unreadable.self) { try Self.result("no-such-file.csv") }
    }

    @Test(arguments: [("một hai ba bốn", 7, ["một hai", "ba bốn"]), ("abcdefghij", 4, ["abcd", "efgh", "ij"]), ("", 5, [""])])
    func wrapsAtSpacesAndCutsLongWords(text: String, width: Int, lines: [String]) {
        #expect(CheckTable.wrap(text, to: width) == lines)
    }
}
