import Foundation

/// Loads `Pipelines/reference/`: the commune registry and its aliases, read with the same CSV reader as
/// the inputs.
public enum ReferenceData {
    public static func loadRegistry(from folder: String, hashInto hashed: inout [UInt8]) throws -> CommuneRegistry {
        let communesPath = folder + "/communes.csv", aliasesPath = folder + "/commune-aliases.csv"
        let communeRows = try rows(of: communesPath, hashInto: &hashed)
        let aliasRows = try rows(of: aliasesPath, hashInto: &hashed)
        let communeColumns = ["code", "name", "type", "valid_from", "valid_to"]
        let c = try columns(communeColumns, in: communeRows, file: communesPath)
        let communes = communeRows.dropFirst().map { row in
            Commune(code: row[c[0]], name: row[c[1]], type: row[c[2]], validFrom: row[c[3]], validTo: row[c[4]])
        }
        let a = try columns(["code", "alias"], in: aliasRows, file: aliasesPath)
        let aliases = aliasRows.dropFirst().map { (code: $0[a[0]], alias: $0[a[1]]) }
        do {
            return try CommuneRegistry(communes: communes, aliases: aliases)
        } catch {
            throw ETLError.configuration(file: aliasesPath, location: "", problem: "\(error)")
        }
    }

    /// Reads `commune-successors.csv`; every code it names must be a unit of `registry`.
    public static func loadSuccessions(from folder: String, registry: CommuneRegistry, hashInto hashed: inout [UInt8]) throws -> [Succession] {
        let path = folder + "/commune-successors.csv"
        let rows = try rows(of: path, hashInto: &hashed)
        let c = try columns(["old_code", "new_code", "effective", "note"], in: rows, file: path)
        let codes = Set(registry.communes.map(\.code))
        return try rows.dropFirst().enumerated().map { offset, row in
            for code in [row[c[0]], row[c[1]]] where !codes.contains(code) {
                throw ETLError.configuration(file: path, location: "line \(offset + 2)", problem: "the code \(code) is not in communes.csv")
            }
            return Succession(oldCode: row[c[0]], newCode: row[c[1]], effective: row[c[2]], note: row[c[3]])
        }
    }

    private static func columns(_ names: [String], in rows: [[String]], file: String) throws -> [Int] {
        guard let header = rows.first else { throw ETLError.configuration(file: file, location: "", problem: "the file is empty") }
        let width = header.count
        for (index, row) in rows.enumerated() where row.count != width {
            throw ETLError.configuration(file: file, location: "line \(index + 1)", problem: "\(row.count) cells where the header has \(width)")
        }
        return try names.map { name in
            guard let index = header.firstIndex(of: name) else {
                throw ETLError.configuration(file: file, location: "header", problem: "the column '\(name)' is missing")
            }
            return index
        }
    }

    /// Reads a small CSV file whole into strings (reference data only: a few hundred cells).
    static func rows(of path: String, hashInto hashed: inout [UInt8]) throws -> [[String]] {
        guard let data = FileManager.default.contents(atPath: path) else {
            throw ETLError.configuration(file: path, location: "", problem: "cannot be read")
        }
        hashed += Array(path.split(separator: "/").last!.utf8) + [0] + Array(SHA256.hexDigest(Array(data)).utf8)
        var rows: [[String]] = []
        let reader = CSVRecordReader()
        do {
            try data.withUnsafeBytes { bytes in
                let collect: (CSVRecord) -> Void = { record in
                    rows.append((0..<record.fieldCount).map { record.string($0) })
                }
                try reader.parse(bytes, onRecord: collect)
                try reader.finish(onRecord: collect)
            }
        } catch let error as CSVSyntaxError {
            throw ETLError.configuration(file: path, location: "line \(error.line)", problem: error.detail)
        }
        return rows.filter { !($0.count == 1 && $0[0].isEmpty) }
    }
}
