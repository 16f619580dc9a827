import Foundation
import Testing
@testable import CommuneETL

/// Staff accept checked warnings in `inbox/acceptances.csv`; errors and malformed lines are reported.
@Suite(.serialized) struct AcceptanceTests {
    /// A night with a CCCD warning on line 2 and a size error on line 3; returns their ids.
    private func runFirstNight(_ sandbox: RunSandbox, cccd: String = "12345") throws -> (warning: String, error: String) {
        try sandbox.putList([householdRow(1, cccd: cccd), householdRow(2, cccd: "010123456789", size: "ba")])
        try sandbox.run(at: firstNight)
        let rows = try sandbox.anomalyRows()
        return (rows.first { $0["rule"] == "HR-CCCD" }!["anomaly_id"]!, rows.first { $0["rule"] == "HR-TYPE" }!["anomaly_id"]!)
    }

    private func acceptanceAnomalies(_ sandbox: RunSandbox) throws -> [String] {
        try sandbox.anomalyRows().filter { $0["source_file"] == "acceptances.csv" }.map { "\($0["source_line"]!):\($0["rule"]!):\($0["value"]!)" }
    }

    @Test func anAcceptedWarningIsAcceptedUntilItsValueChanges() throws {
        let sandbox = try RunSandbox()
        let (warning, _) = try runFirstNight(sandbox)
        // Vietnamese headers, a semicolon and a byte-order mark: as Excel saves it on a Vietnamese machine.
        try sandbox.put("acceptances.csv", [0xEF, 0xBB, 0xBF] + Array("Mã lỗi;Người chấp nhận;Ngày;Lý do\r\n\(warning);Vàng Thị Mai;19/11/2026;Đã kiểm tra với công an xã\r\n".utf8))
        try sandbox.run(at: firstNight.addingTimeInterval(86_400))
        #expect(try sandbox.flattenedState() == ["2:HR-CCCD:accepted:2026-11-18:2", "3:HR-TYPE:open:2026-11-18:2"])
        #expect(try acceptanceAnomalies(sandbox) == [])
        let state = try sandbox.csvRows("anomalies/state.csv").first { $0["anomaly_id"] == warning }!
        #expect([state["accepted_on"]!, state["accepted_by"]!, state["accepted_value"]!] == ["2026-11-19", "Vàng Thị Mai", "12345"])
        #expect(try sandbox.csvRows("anomalies/owners/ldtbxh.csv").first { $0["Mã lỗi"] == warning }?["Trạng thái"] == "Đã chấp nhận")

        try sandbox.putList([householdRow(1, cccd: "123456"), householdRow(2, cccd: "010123456789", size: "ba")])
        try sandbox.run(at: thirdNight)
        #expect(try sandbox.flattenedState() == ["2:HR-CCCD:new:2026-11-20:1", "3:HR-TYPE:open:2026-11-18:3"])
        try sandbox.run(at: thirdNight.addingTimeInterval(86_400))
        #expect(try sandbox.flattenedState() == ["2:HR-CCCD:open:2026-11-20:2", "3:HR-TYPE:open:2026-11-18:4"],
                "the old line no longer accepts the new value")
    }

    @Test func acceptingAnErrorIsReported() throws {
        let sandbox = try RunSandbox()
        let (_, error) = try runFirstNight(sandbox)
        try sandbox.put("acceptances.csv", "anomaly_id,who,date,reason\n\(error),Mai,2026-11-19,ok\n")
        try sandbox.run(at: thirdNight)
        #expect(try acceptanceAnomalies(sandbox) == ["2:ACCEPT-ERROR:\(error)"])
        #expect(try sandbox.flattenedState() == ["2:HR-CCCD:open:2026-11-18:3", "3:HR-TYPE:open:2026-11-18:3"])
        let row = try sandbox.anomalyRows().first { $0["rule"] == "ACCEPT-ERROR" }!
        #expect(row["message_en"] == "File acceptances.csv accepts the error \(error) (HR-TYPE), but only warnings can be accepted: "
            + "an error must be fixed in household-review/2023/lung-phinh.csv. Remove this line from acceptances.csv and fix the data.")
        #expect([row["severity"]!, row["commune_code"]!, row["owner"]!] == ["error", "02848", "ldtbxh"])
    }

    @Test(arguments: [
        ("{w},,2026-11-19,ok", "the cell 'who' is empty"),
        ("{w},Mai,31/02/2026,ok", "the date '31/02/2026' cannot be read"),
        ("0000000000000000,Mai,2026-11-19,ok", "no problem of tonight has the id '0000000000000000': fixed already, or mistyped; remove this line"),
        ("{w},Mai,2026-11-19,ok\n{w},Lan,2026-11-19,again", "the id '{w}' is already accepted on line 2"),
    ])
    func aMalformedLineIsReportedAndAcceptsNothing(_ lines: String, _ detail: String) throws {
        let sandbox = try RunSandbox()
        let (warning, _) = try runFirstNight(sandbox)
        let text = "anomaly_id,who,date,reason\n" + lines.replacingOccurrences(of: "{w}", with: warning) + "\n"
        try sandbox.put("acceptances.csv", text)
        try sandbox.run(at: thirdNight)
        let found = try sandbox.anomalyRows().filter { $0["rule"] == "ACCEPT-FORMAT" }
        #expect(found.map(\.["source_line"]) == [lines.contains("\n") ? "3" : "2"])
        #expect(found.first?["message_en"] == "File acceptances.csv has an entry that cannot be used ("
            + detail.replacingOccurrences(of: "{w}", with: warning) + "), so it accepts nothing. "
            + "Fix it to the template: anomaly id, who, date (dd/mm/yyyy), reason.")
        let accepted = lines.contains("\n") ? "accepted:2026-11-18:3" : "open:2026-11-18:3"
        #expect(try sandbox.flattenedState().first == "2:HR-CCCD:\(accepted)")
    }

    @Test func theAcceptanceFileIsInTheManifestAndNeverAnInput() throws {
        let sandbox = try RunSandbox()
        _ = try runFirstNight(sandbox)
        let text = "anomaly_id,who,date,reason\n"
        try sandbox.put("acceptances.csv", text)
        let summary = try sandbox.run(at: thirdNight)
        #expect(summary.files.map(\.input.relativePath) == [RunSandbox.listPath])
        let manifest = try JSONSerialization.jsonObject(with: Data(sandbox.bytes("manifest.json"))) as! [String: Any]
        let entry = manifest["acceptances"] as! [String: Any]
        #expect(entry["path"] as? String == "acceptances.csv")
        #expect(entry["sha256"] as? String == SHA256.hexDigest(Array(text.utf8)))
    }
}
