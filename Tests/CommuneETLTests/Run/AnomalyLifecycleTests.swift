import Foundation
import Testing
@testable import CommuneETL

/// A household row of `householdRow`'s Lùng Phình list, with its citizen ID and size as given.
func householdRow(_ number: Int, cccd: String, size: String = "5") -> String {
    householdRow(number).replacingOccurrences(of: "010123456789", with: cccd)
        .replacingOccurrences(of: ",Lùng Phình,5,", with: ",Lùng Phình,\(size),")
}

/// Nights, as `RunSandbox.run(at:)` takes them: 2026-11-18 and two days later.
let firstNight = Date(timeIntervalSince1970: 1_795_000_000)
let thirdNight = firstNight.addingTimeInterval(2 * 86_400)

extension RunSandbox {
    static let listPath = "household-review/2023/lung-phinh.csv"

    func putList(_ rows: [String]) throws {
        try put(Self.listPath, ([householdHeader] + rows).joined(separator: "\n") + "\n")
    }

    /// `state.csv` rows of the file's anomalies, flattened to `line:rule:status:first_seen:nights_open`.
    func flattenedState(file: String = listPath) throws -> [String] {
        try csvRows("anomalies/state.csv").filter { $0["source_file"] == file }.map {
            "\($0["source_line"]!):\($0["rule"]!):\($0["status"]!):\($0["first_seen"]!):\($0["nights_open"]!)"
        }
    }
}

/// The life of a problem across nights: new, open, resolved.
@Suite(.serialized) struct AnomalyLifecycleTests {
    @Test func theFirstRunEverMarksEverythingNew() throws {
        let sandbox = try RunSandbox()
        try sandbox.putList([householdRow(1, cccd: "12345"), householdRow(2, cccd: "010123456789", size: "ba")])
        try sandbox.run(at: firstNight)
        #expect(try sandbox.flattenedState() == ["2:HR-CCCD:new:2026-11-18:1", "3:HR-TYPE:new:2026-11-18:1"])
        #expect(try sandbox.csvRows("anomalies/resolved.csv").isEmpty)
    }

    @Test func aFixedRowIsResolvedOnceANewFaultIsNewAndTheRestStayOpen() throws {
        let sandbox = try RunSandbox()
        try sandbox.putList([householdRow(1), householdRow(2, cccd: "12345"), householdRow(3, cccd: "010123456789", size: "ba"),
                             householdRow(4, cccd: "4444"), householdRow(5)])
        try sandbox.run(at: firstNight)
        let fixed = try sandbox.anomalyRows().first { $0["source_line"] == "3" }!["anomaly_id"]!
        try sandbox.putList([householdRow(1), householdRow(2), householdRow(3, cccd: "010123456789", size: "ba"),
                             householdRow(4, cccd: "4444"), householdRow(5, cccd: "999")])
        try sandbox.run(at: thirdNight)

        #expect(try sandbox.flattenedState() == [
            "4:HR-TYPE:open:2026-11-18:3", "5:HR-CCCD:open:2026-11-18:3", "6:HR-CCCD:new:2026-11-20:1",
        ])
        let resolved = try sandbox.csvRows("anomalies/resolved.csv")
        #expect(resolved.map { "\($0["Mã lỗi"]!):\($0["Dòng"]!):\($0["Quy tắc"]!):\($0["Trạng thái"]!):\($0["Lần đầu phát hiện"]!)" }
            == ["\(fixed):3:HR-CCCD:Đã khắc phục:2026-11-18"])
        let list = try sandbox.csvRows("anomalies/communes/02848-lung-phinh.csv")
        #expect(list.map { "\($0["Dòng"]!):\($0["Trạng thái"]!):\($0["Số đêm"]!)" } == ["4:Còn tồn tại:3", "5:Còn tồn tại:3", "6:Mới:1"])

        try sandbox.run(at: thirdNight)
        #expect(try sandbox.csvRows("anomalies/resolved.csv").isEmpty, "a problem is listed as resolved once")
    }

    @Test func problemsOfAFileNoLongerInTheInboxAreNotResolved() throws {
        let sandbox = try RunSandbox()
        try sandbox.putList([householdRow(1, cccd: "12345")])
        try sandbox.put("household-review/2023/other.csv", [householdHeader, householdRow(9, code: "02848-2023-00099")].joined(separator: "\n") + "\n")
        try sandbox.run(at: firstNight)
        try FileManager.default.removeItem(atPath: sandbox.inbox + "/" + RunSandbox.listPath)
        try sandbox.run(at: thirdNight)
        #expect(try sandbox.flattenedState() == ["2:HR-CCCD:not_checked:2026-11-18:1"])
        #expect(try sandbox.csvRows("anomalies/resolved.csv").isEmpty)

        try sandbox.putList([householdRow(1, cccd: "12345")])
        try sandbox.run(at: thirdNight.addingTimeInterval(86_400))
        #expect(try sandbox.flattenedState() == ["2:HR-CCCD:open:2026-11-18:4"], "back in the inbox: open since its first night")
    }
}
