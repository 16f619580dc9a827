import Foundation
import Testing
@testable import CommuneETL

/// A district officer fixes a value from a commune's anomaly list (`inbox/corrections/`).
@Suite struct CorrectionTests {
    /// A correction list as the lists for people are written (BOM, CRLF, Vietnamese headers), one row filled.
    private func correctionList(line: Int, field: String, value: String, corrected: String) -> [UInt8] {
        [0xEF, 0xBB, 0xBF] + Array(("Mã lỗi,Tệp,Dòng,Cột,Giá trị,Giá trị sửa,Người sửa,Ngày sửa\r\n"
            + "x,household-review/2023/lung-phinh.csv,\(line),\(field),\(value),\(corrected),Nguyễn Văn An,28/11/2026\r\n").utf8)
    }

    private func sandboxWithAFault() throws -> RunSandbox {
        let sandbox = try RunSandbox()
        let faulty = householdRow(2).replacingOccurrences(of: "Thôn Sín Chải,Lùng Phình,5,", with: "Thôn Sín Chải,Lùng Phình,0,")
        try sandbox.put("household-review/2023/lung-phinh.csv", householdHeader + "\n" + householdRow(1) + "\n" + faulty + "\n")
        return sandbox
    }

    @Test func aCorrectionFixesItsRowAndRecordsWhoAndWhen() throws {
        let sandbox = try sandboxWithAFault()
        try sandbox.run()
        #expect(try sandbox.flattenedAnomalies() == ["3:HR-TYPE:household_size"])
        try sandbox.put("corrections/02848-lung-phinh.csv", correctionList(line: 3, field: "Số nhân khẩu", value: "0", corrected: "5"))
        try sandbox.run(at: Date(timeIntervalSince1970: 1_795_100_000))
        #expect(try sandbox.flattenedAnomalies() == [])
        let rows = try sandbox.table("households").split(separator: "\n")
        #expect(rows.count == 3)
        #expect(rows[2].hasSuffix(",5,1200000,1,1,1,0,0,0,0,0,0,0,0,0,3,poor,household-review/2023/lung-phinh.csv,3,household_size,Nguyễn Văn An,2026-11-28"))
        #expect(rows[1].hasSuffix(",household-review/2023/lung-phinh.csv,2,,,"))
        let original = try String(contentsOfFile: sandbox.inbox + "/household-review/2023/lung-phinh.csv", encoding: .utf8)
        #expect(original.contains("Lùng Phình,0,"), "the commune's file is never changed")
        let manifest = try JSONSerialization.jsonObject(with: Data(sandbox.bytes("manifest.json"))) as! [String: Any]
        let inputs = manifest["inputs"] as! [[String: Any]]
        let applied = inputs.flatMap { $0["corrections"] as! [[String: Any]] }
        #expect(applied.map { "\($0["field"]!):\($0["from"]!)→\($0["to"]!):\($0["by"]!)" } == ["household_size:0→5:Nguyễn Văn An"])
    }

    @Test func aCorrectionOfAValueTheCommuneAlreadyChangedIsStale() throws {
        let sandbox = try sandboxWithAFault()
        // The commune sends the file again with 6 where 0 was: its own value wins.
        try sandbox.put("household-review/2023/lung-phinh.csv", householdHeader + "\n" + householdRow(1) + "\n"
                        + householdRow(2).replacingOccurrences(of: "Lùng Phình,5,", with: "Lùng Phình,6,") + "\n")
        try sandbox.put("corrections/02848-lung-phinh.csv", correctionList(line: 3, field: "household_size", value: "0", corrected: "5"))
        try sandbox.run()
        let rows = try sandbox.anomalyRows().filter { $0["pipeline"] != "targets" }
        #expect(rows.map { "\($0["rule"]!):\($0["source_file"]!):\($0["source_line"]!)" } == ["CORR-STALE:corrections/02848-lung-phinh.csv:2"])
        #expect(rows.first?["message_en"] == "The correction on line 2 of corrections/02848-lung-phinh.csv was not applied: line 3 of household-review/2023/lung-phinh.csv now says '6', no longer '0' (the commune's own file wins). Check the new anomaly list and drop this correction.")
        #expect(try sandbox.table("households").contains(",6,1200000,"))
    }

    @Test func aCorrectionOfAFileNotInTheInboxIsReported() throws {
        let sandbox = try RunSandbox()
        try sandbox.put("household-review/2023/other.csv", householdHeader + "\n" + householdRow(1) + "\n")
        try sandbox.put("corrections/list.csv", correctionList(line: 3, field: "household_size", value: "0", corrected: "5"))
        try sandbox.run()
        #expect(try sandbox.anomalyRows().filter { $0["pipeline"] != "targets" }.map { $0["rule"]! } == ["CORR-STALE"])
    }

    @Test func aFilledRowWithoutALineIsReported() throws {
        let sandbox = try RunSandbox()
        try sandbox.put("household-review/2023/other.csv", householdHeader + "\n" + householdRow(1) + "\n")
        try sandbox.put("corrections/list.csv", Array("source_file,source_line,field,value,corrected_value\nhousehold-review/2023/other.csv,,household_size,0,5\n".utf8))
        try sandbox.run()
        #expect(try sandbox.flattenedAnomalies() == ["2:CORR-FORMAT:"])
    }
}

/// The round trip staff make: the commune's list from one night, a value written in its correction column,
/// the list put in `inbox/corrections/`, and the next night.
@Suite struct CorrectionRoundTripTests {
    @Test func aCommunesListWithACorrectedValueFixesTheRowTheNextNight() throws {
        let sandbox = try RunSandbox()
        let faulty = householdRow(2).replacingOccurrences(of: "Thôn Sín Chải,Lùng Phình,5,", with: "Thôn Sín Chải,Lùng Phình,0,")
        try sandbox.put("household-review/2023/lung-phinh.csv", householdHeader + "\n" + householdRow(1) + "\n" + faulty + "\n")
        try sandbox.run()
        let list = try sandbox.bytes("anomalies/communes/02848-lung-phinh.csv")
        var text = String(decoding: list, as: UTF8.self)
        let lines = text.components(separatedBy: "\r\n")
        #expect(lines.count == 3, "header, one anomaly, end")
        // The officer fills the three last cells of the anomaly's row (corrected value, who, when).
        text = lines[0] + "\r\n" + lines[1].dropLast(3) + ",5,Nguyễn Văn An,28/11/2026\r\n"
        try sandbox.put("corrections/02848-lung-phinh.csv", Array(text.utf8))
        try sandbox.run(at: Date(timeIntervalSince1970: 1_795_100_000))
        #expect(try sandbox.flattenedAnomalies() == [])
        #expect(try sandbox.table("households").contains(",3,household_size,Nguyễn Văn An,2026-11-28\n"))
    }
}
