/// Writes a pipeline's facts table (`poverty_communes`): one row per commune and year, its sums as integers
/// or plain decimals, the rates recomputed from them, whether it agreed with the household list, and the
/// file it came from.
enum FactsTable {
    static func columns(_ pipeline: CompiledPipeline) -> [String] {
        guard let facts = pipeline.definition.facts else { return [] }
        return ["commune_code", "year", "rows"] + (facts.sum ?? []) + (facts.rates ?? []).map(\.name) + ["reconciled", "source_file"]
    }

    static func csv(_ pipeline: CompiledPipeline, rows: [CommuneTotals]) -> [UInt8] {
        var out = Array(columns(pipeline).joined(separator: ",").utf8)
        out.append(0x0A)
        let facts = pipeline.definition.facts!
        for row in rows.sorted(by: { ($0.code, $0.year) < ($1.code, $1.year) }) {
            var cells = [row.code, String(row.year), String(row.rows)]
            cells += (facts.sum ?? []).map { RateRule.plain(row.sums[$0] ?? 0) }
            cells += (facts.rates ?? []).map { rate in
                let base = row.sums[rate.base] ?? 0
                return base == 0 ? "" : RateRule.twoDecimals((row.sums[rate.count] ?? 0) / base * 100)
            }
            cells += [row.reconciled.map { $0 ? "true" : "false" } ?? "", row.file]
            for (index, cell) in cells.enumerated() {
                if index > 0 { out.append(UInt8(ascii: ",")) }
                CSVQuoting.append(field: cell, to: &out)
            }
            out.append(0x0A)
        }
        return out
    }

    static func schema(_ pipeline: CompiledPipeline) -> [String: Any] {
        let facts = pipeline.definition.facts!
        var fields: [[String: Any]] = [
            ["name": "commune_code", "type": "string", "description": "Official 5-digit GSO code of the commune.",
             "constraints": ["required": true, "pattern": "[0-9]{5}"]],
            ["name": "year", "type": "integer", "constraints": ["required": true]],
            ["name": "rows", "type": "integer", "description": "Rows of the sheet the sums cover (villages).",
             "constraints": ["required": true, "minimum": 1]],
        ]
        for name in facts.sum ?? [] {
            let slot = pipeline.slot(named: name).map { pipeline.slots[$0] }
            let isInteger = slot?.type == .integer
            fields.append(["name": name, "type": isInteger ? "integer" : "number",
                           "description": "Sum over the rows: " + (slot?.description ?? name),
                           "constraints": ["required": true, "minimum": 0]])
        }
        for rate in facts.rates ?? [] {
            fields.append(["name": rate.name, "type": "number", "description": rate.description ?? "",
                           "constraints": ["minimum": 0, "maximum": 100]])
        }
        fields.append(["name": "reconciled", "type": "boolean",
                       "description": "Whether the figures agree with the household list of the same commune and year; empty when there is none."])
        fields.append(["name": "source_file", "type": "string", "description": "The input file, as a path inside the inbox.",
                       "constraints": ["required": true]])
        return [
            "fields": fields,
            "primaryKey": ["commune_code", "year"],
            "missingValues": [""],
            "foreignKeys": [["fields": ["commune_code"], "reference": ["resource": "communes", "fields": ["code"]]]],
        ]
    }
}
