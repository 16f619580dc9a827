import Foundation
import Testing
@testable import CommuneETL

/// `commune-etl check` run as an officer would, through the real binary: the exit code says whether the
/// file would be accepted.
@Suite(.serialized) struct CheckCommandTests {
    let fixtures = CheckTableTests.fixtures

    @Test(arguments: [
        ("household-review/clean.csv", Int32(0), "Tệp sẽ được nhận: 2 dòng, 0 cảnh báo.\n"),
        ("household-review/income-not-a-number-and-short-cccd.csv", 65,
         "Tệp sẽ được nhận một phần: 2/3 dòng, 1 lỗi, 1 cảnh báo — sửa các lỗi rồi gửi lại.\n"),
        ("no-header.csv", 65, "Tệp sẽ KHÔNG được nhận: lỗi FILE-ROUTE (cả tệp) bên trên giữ lại cả tệp; sửa rồi kiểm tra lại.\n"),
    ])
    func theExitCodeSaysWhetherTheFileWouldBeAccepted(file: String, status: Int32, lastLine: String) throws {
        let result = try CommandLineTests().run(["check", fixtures + "/" + file, "--pipelines", RunSandbox.pipelines])
        #expect(result.status == status)
        #expect(result.stdout.hasSuffix(lastLine))
        #expect(result.stderr == "")
    }

    @Test func pipedOutputIsTheWholeTableInEnglishWhenAsked() throws {
        let path = fixtures + "/household-review/income-not-a-number-and-short-cccd.csv"
        let result = try CommandLineTests().run(["check", path, "--lang", "en", "--pipelines", RunSandbox.pipelines])
        let expected = CheckTable.render(try CheckTableTests.result("household-review/income-not-a-number-and-short-cccd.csv"),
                                         language: .en, width: nil)
        #expect(result.stdout == expected)
    }

    @Test func aMissingFileExits66WithOneLine() throws {
        let result = try CommandLineTests().run(["check", "/nonexistent/xa.csv", "--pipelines", RunSandbox.pipelines])
        #expect(result.status == 66)
        #expect(result.stdout == "")
        #expect(result.stderr == "commune-etl: cannot read '/nonexistent/xa.csv': no such file; check the path and the file's permissions.\n")
    }

    @Test func aMalformedPipelinesFolderExits78() throws {
        let sandbox = try RunSandbox()
        let result = try CommandLineTests().run(["check", fixtures + "/household-review/clean.csv", "--pipelines", sandbox.inbox])
        #expect(result.status == 78)
        #expect(result.stderr.hasPrefix("commune-etl: "))
    }

    @Test func anUnknownLanguageIsAUsageError() throws {
        let result = try CommandLineTests().run(["check", fixtures + "/household-review/clean.csv", "--lang", "fr"])
        #expect(result.status == 64)
        #expect(result.stderr.contains("--lang 'fr' is unknown: use vi or en."))
    }

    @Test func helpDocumentsTheExitCodes() throws {
        let help = try CommandLineTests().run(["check", "--help"]).stdout.split(whereSeparator: \.isWhitespace).joined(separator: " ")
        for code in ["0 the file would be accepted", "65 it would be refused", "66 FILE is missing", "78 a file of Pipelines/"] {
            #expect(help.contains(code))
        }
    }
}
