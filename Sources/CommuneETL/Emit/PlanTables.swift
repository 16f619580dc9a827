/// The plan's tables in the dataset: `indicators` (the catalogue), `targets` (every target of the plan)
/// and `target_progress` (each target, unit and year judged), with the schemas that tie them together.
enum PlanTables {
    static func indicatorsCSV(_ catalogue: IndicatorCatalogue) -> [UInt8] {
        rows(["code", "name_vi", "name_en", "unit", "owner", "section", "measure", "district", "parent"],
             catalogue.indicators.map { [$0.code, $0.name.vi, $0.name.en, $0.unit, $0.owner, $0.section,
                                         $0.measure.rawValue, $0.district.rawValue, $0.parent ?? ""] })
    }

    static func targetsCSV(_ targets: TargetCatalogue) -> [UInt8] {
        rows(["id", "section", "title_vi", "title_en", "indicator", "kind", "comparison", "value", "level", "sample"],
             targets.targets.map { [$0.id, $0.section, $0.title.vi, $0.title.en, $0.indicator, $0.kind.rawValue,
                                    $0.comparison.rawValue, $0.value.map(RateRule.plain) ?? "", $0.level.rawValue,
                                    $0.sample ? "true" : "false"] })
    }

    static func progressCSV(_ progress: [TargetProgress]) -> [UInt8] {
        rows(["target_id", "commune_code", "year", "value", "expected", "target", "baseline_year", "status"],
             progress.map { [$0.targetID, $0.unit, String($0.year), $0.value.map(number) ?? "", $0.expected.map(number) ?? "",
                              number($0.target), $0.baselineYear.map(String.init) ?? "", $0.status.rawValue] })
    }

    /// At most two decimals, no trailing zeros: `25.93`, `1500`.
    static func number(_ value: Double) -> String {
        let rounded = (value * 100).rounded() / 100
        return RateRule.plain(rounded)
    }

    static var indicatorsSchema: [String: Any] { [
        "fields": [
            field("code", "string", "Stable id of the indicator.", required: true),
            field("name_vi", "string", "Name as the plan writes it.", required: true),
            field("name_en", "string", "Name in English.", required: true),
            field("unit", "string", "Unit as reports write it.", required: true),
            field("owner", "string", "Office of plan section VI responsible for it (offices.yaml).", required: true),
            field("section", "string", "Plan section it comes from.", required: true),
            field("measure", "string", "count (a yearly flow), rate (a % level) or amount (a level).", required: true),
            field("district", "string", "How the communes' values make the district's.", required: true),
            field("parent", "string", "For an 'of which' item: the indicator it is part of."),
        ] as [[String: Any]],
        "primaryKey": ["code"],
        "missingValues": [""],
    ] }

    static var targetsSchema: [String: Any] { [
        "fields": [
            field("id", "string", "Stable id of the target (plan-targets.md).", required: true),
            field("section", "string", "Plan section it comes from.", required: true),
            field("title_vi", "string", "The target as the plan states it.", required: true),
            field("title_en", "string", "The target in English.", required: true),
            field("indicator", "string", "The indicator it reads.", required: true),
            field("kind", "string", "average_reduction, cumulative, level, band, share, ratio or commune_plan.", required: true),
            field("comparison", "string", "How the value is compared with the target.", required: true),
            ["name": "value", "type": "number", "description": "The plan's number."],
            field("level", "string", "district or commune.", required: true),
            ["name": "sample", "type": "boolean", "description": "Whether the value is a sample of ours, not the plan's.",
             "constraints": ["required": true]],
        ] as [[String: Any]],
        "primaryKey": ["id"],
        "missingValues": [""],
        "foreignKeys": [["fields": ["indicator"], "reference": ["resource": "indicators", "fields": ["code"]]]],
    ] }

    static var progressSchema: [String: Any] { [
        "fields": [
            field("target_id", "string", "The target judged (targets.csv.gz).", required: true),
            ["name": "commune_code", "type": "string", "description": "The unit judged; empty for the district.",
             "constraints": ["pattern": "[0-9]{5}"]],
            ["name": "year", "type": "integer", "constraints": ["required": true]],
            ["name": "value", "type": "number", "description": "The year's value, running total, share or ratio; empty without data."],
            ["name": "expected", "type": "number", "description": "Where the straight path from the baseline to the 2025 target says the value should be."],
            ["name": "target", "type": "number", "description": "The plan's number for this row.", "constraints": ["required": true]],
            ["name": "baseline_year", "type": "integer", "description": "The first year with data, from which the path starts."],
            field("status", "string", "met, on_track, off_track or no_data.", required: true,
                  extra: ["enum": ["met", "on_track", "off_track", "no_data"]]),
        ] as [[String: Any]],
        "primaryKey": ["target_id", "commune_code", "year"],
        "missingValues": [""],
        "foreignKeys": [
            ["fields": ["target_id"], "reference": ["resource": "targets", "fields": ["id"]]],
            ["fields": ["commune_code"], "reference": ["resource": "communes", "fields": ["code"]]],
        ],
    ] }

    private static func field(_ name: String, _ type: String, _ description: String, required: Bool = false,
                              extra: [String: Any] = [:]) -> [String: Any] {
        var constraints = extra
        if required { constraints["required"] = true }
        var field: [String: Any] = ["name": name, "type": type, "description": description]
        if !constraints.isEmpty { field["constraints"] = constraints }
        return field
    }

    private static func rows(_ header: [String], _ rows: [[String]]) -> [UInt8] {
        var out = Array(header.joined(separator: ",").utf8)
        out.append(0x0A)
        for row in rows {
            for (index, cell) in row.enumerated() {
                if index > 0 { out.append(UInt8(ascii: ",")) }
                CSVQuoting.append(field: cell, to: &out)
            }
            out.append(0x0A)
        }
        return out
    }
}
