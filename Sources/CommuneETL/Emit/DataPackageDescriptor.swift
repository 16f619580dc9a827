/// Builds `datapackage.json`: a Frictionless Data Package (v2) describing every file under `data/`.
///
/// The schema is derived from the pipeline, so types, ranges, required fields and patterns declared in the
/// YAML reach the analyst without being written twice.
public enum DataPackageDescriptor {
    public struct Resource {
        public var name: String
        public var path: String
        public var bytes: Int
        public var sha256: String
        public var title: String
        public var schema: [String: Any]
    }

    public static func descriptor(runID: String, resources: [Resource]) -> [String: Any] {
        [
            "$schema": "https://datapackage.org/profiles/2.0/datapackage.json",
            "name": "commune-etl-bac-ha",
            "title": "Bắc Hà district poverty-reduction data 2021–2025 (CommuneETL)",
            "version": runID,
            "licenses": [["name": "other-closed", "title": "Internal use of the People's Committee of Bắc Hà district"]],
            "resources": resources.map { resource in
                [
                    "name": resource.name, "path": resource.path, "title": resource.title,
                    "type": "table", "format": "csv", "mediatype": "text/csv", "encoding": "utf-8",
                    "compression": "gz", "bytes": resource.bytes, "hash": "sha256:" + resource.sha256,
                    "dialect": ["$schema": "https://datapackage.org/profiles/2.0/tabledialect.json",
                                "delimiter": ",", "lineTerminator": "\n", "quoteChar": "\"", "header": true],
                    "schema": resource.schema,
                ] as [String: Any]
            },
        ]
    }

    /// The table schema of a pipeline's canonical table.
    public static func schema(of pipeline: CompiledPipeline, profile: OutputProfile) -> [String: Any] {
        var required = Set<String>()
        var digits: [String: Int] = [:]
        for rule in pipeline.definition.rules {
            if rule.check == .required { required.formUnion(rule.fields) }
            if rule.check == .pattern, let count = rule.digits { for field in rule.fields { digits[field] = count } }
        }
        var hasCommune = false
        let fields: [[String: Any]] = pipeline.outputColumns(for: profile).map { column in
            switch column {
            case .sourceFile:
                return ["name": "source_file", "type": "string", "description": "The input file, as a path inside the inbox.",
                        "constraints": ["required": true]]
            case .correctedFields:
                return ["name": "corrected_fields", "type": "string",
                        "description": "Fields whose value came from a correction in inbox/corrections/ (separated by ';'); empty when none."]
            case .correctedBy:
                return ["name": "corrected_by", "type": "string", "description": "Who wrote the correction."]
            case .correctedOn:
                return ["name": "corrected_on", "type": "string", "description": "When the correction was written, as given (ISO date)."]
            case .sourceLine:
                return ["name": "source_line", "type": "integer", "description": "The line of the row in the spreadsheet.",
                        "constraints": ["required": true, "minimum": 1]]
            case let .slot(index):
                let slot = pipeline.slots[index]
                var field: [String: Any] = ["name": slot.name, "description": slot.description]
                var constraints: [String: Any] = [:]
                if required.contains(slot.name) || slot.isDerived { constraints["required"] = true }
                switch slot.type {
                case .text where profile == .public && slot.personal == .pseudonymize:
                    field["type"] = "string"
                    field["description"] = slot.description + " Keyed hash (HMAC-SHA-256, 32 hex digits) in this public dataset."
                    constraints["pattern"] = "[0-9a-f]{32}"
                case .text:
                    field["type"] = "string"
                    if let count = digits[slot.name] { constraints["pattern"] = "[0-9]{\(count)}" }
                case .integer:
                    field["type"] = "integer"
                    if let min = slot.min { constraints["minimum"] = min }
                    if let max = slot.max { constraints["maximum"] = max }
                    if let derived = pipeline.derived.first(where: { $0.name == slot.name }), derived.compute == .countFlags {
                        constraints["minimum"] = 0
                        constraints["maximum"] = derived.of?.count ?? 0
                    }
                case .decimal:
                    field["type"] = "number"
                    if let min = slot.min { constraints["minimum"] = min }
                    if let max = slot.max { constraints["maximum"] = max }
                case .date:
                    field["type"] = "date"
                case .flag:
                    field["type"] = "boolean"
                    field["trueValues"] = ["1"]
                    field["falseValues"] = ["0"]
                case .enum, .indicator:
                    field["type"] = "string"
                    constraints["enum"] = slot.choices
                case .commune:
                    field["type"] = "string"
                    constraints["pattern"] = "[0-9]{5}"
                    hasCommune = true
                }
                if !constraints.isEmpty { field["constraints"] = constraints }
                return field
            }
        }
        var schema: [String: Any] = [
            "fields": fields,
            "primaryKey": pipeline.definition.primaryKey,
            "missingValues": [""],
        ]
        var foreignKeys: [[String: Any]] = []
        if hasCommune, let commune = pipeline.slots.first(where: { $0.type == .commune && !$0.isDerived }) {
            foreignKeys.append(["fields": [commune.name], "reference": ["resource": "communes", "fields": ["code"]]])
        }
        if let indicator = pipeline.slots.first(where: { $0.type == .indicator }) {
            foreignKeys.append(["fields": [indicator.name], "reference": ["resource": "indicators", "fields": ["code"]]])
        }
        if !foreignKeys.isEmpty { schema["foreignKeys"] = foreignKeys }
        return schema
    }

    /// The schema of `communes`, the reference table every commune code points to.
    public static var communesSchema: [String: Any] { [
        "fields": [
            ["name": "code", "type": "string", "description": "5-digit GSO code (reused by a different unit from 2025-07-01).",
             "constraints": ["required": true, "pattern": "[0-9]{5}"]],
            ["name": "name", "type": "string", "constraints": ["required": true]],
            ["name": "type", "type": "string", "constraints": ["required": true, "enum": ["xa", "thi_tran"]]],
            ["name": "valid_from", "type": "date", "constraints": ["required": true]],
            ["name": "valid_to", "type": "date"],
        ] as [[String: Any]],
        "primaryKey": ["code", "valid_from"],
        "missingValues": [""],
    ] }

    /// The rows of `communes.csv.gz`.
    public static func communesCSV(_ registry: CommuneRegistry) -> [UInt8] {
        var out = Array("code,name,type,valid_from,valid_to\n".utf8)
        for commune in registry.communes {
            for (index, cell) in [commune.code, commune.name, commune.type, commune.validFrom, commune.validTo].enumerated() {
                if index > 0 { out.append(UInt8(ascii: ",")) }
                CSVQuoting.append(field: cell, to: &out)
            }
            out.append(0x0A)
        }
        return out
    }
}
