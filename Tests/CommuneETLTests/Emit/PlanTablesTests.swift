import Foundation
import Testing
@testable import CommuneETL

/// The plan's tables are described in `datapackage.json` with the keys that tie them together.
@Suite struct PlanTablesTests {
    @Test func everyPlanTableReferencesTheTablesItNames() throws {
        let sandbox = try RunSandbox()
        try sandbox.put("poverty-summary/2023/lung-phinh.csv", PlanSheet.summary(commune: "xã Lùng Phình", year: 2023, rows: [
            PlanSheet.village(1, "Thôn Một", 100, 20, 10),
        ]))
        try sandbox.run()
        let package = try JSONSerialization.jsonObject(with: Data(sandbox.bytes("datapackage.json"))) as! [String: Any]
        var references: [String: [String]] = [:]
        for resource in package["resources"] as! [[String: Any]] {
            let schema = resource["schema"] as! [String: Any]
            let keys = schema["foreignKeys"] as? [[String: Any]] ?? []
            references[resource["name"] as! String] = keys.map { key in
                let reference = key["reference"] as! [String: Any]
                return "\((key["fields"] as! [String]).joined(separator: "+"))→\(reference["resource"]!)"
            }.sorted()
        }
        #expect(references["poverty_villages"] == ["commune_code→communes"])
        #expect(references["poverty_communes"] == ["commune_code→communes"])
        #expect(references["indicator_values"] == ["commune_code→communes", "indicator→indicators"])
        #expect(references["targets"] == ["indicator→indicators"])
        #expect(references["target_progress"] == ["commune_code→communes", "target_id→targets"])
    }
}
