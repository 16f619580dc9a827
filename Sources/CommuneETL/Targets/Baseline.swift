import Foundation

/// A value from before the first sheet of the run, from `Pipelines/baselines.csv`: the figure a target's
/// path starts from (the poor-household rate at the end-of-2020 review, for instance) when the district has
/// it, instead of the first year with data.
///
/// Empty `commune_code` means the district as a whole. `households` weighs a rate when units are combined.
public struct Baseline: Sendable, Equatable {
    public var indicator: String
    public var communeCode: String
    public var year: Int
    public var value: Double
    public var households: Double
    /// True when the value is ours, not the district's.
    public var sample: Bool

    /// Reads `baselines.csv` (absent: no baseline); every indicator must be in the catalogue and every code
    /// in `communes.csv`.
    static func load(from folder: String, indicators: IndicatorCatalogue, hashInto hashed: inout [UInt8]) throws -> [Baseline] {
        let path = folder + "/baselines.csv"
        guard FileManager.default.fileExists(atPath: path) else { return [] }
        _ = try ConfigurationText.read(path, hashInto: &hashed)
        var scratch: [UInt8] = []  // both files are in the fingerprint already
        let codes = Set(try ReferenceData.rows(of: folder + "/reference/communes.csv", hashInto: &scratch).dropFirst().map { $0[0] })
        let rows = try ReferenceData.rows(of: path, hashInto: &scratch)
        let columns = ["indicator", "commune_code", "year", "value", "households", "sample", "note"]
        guard let header = rows.first, header == columns else {
            throw ETLError.configuration(file: path, location: "header", problem: "the columns must be \(columns.joined(separator: ","))")
        }
        return try rows.dropFirst().enumerated().map { offset, row in
            func fail(_ problem: String) -> ETLError { .configuration(file: path, location: "line \(offset + 2)", problem: problem) }
            guard row.count == columns.count else { throw fail("\(row.count) cells where the header has \(columns.count)") }
            guard indicators.index(ofCode: row[0]) != nil else { throw fail("unknown indicator '\(row[0])'") }
            guard row[1].isEmpty || codes.contains(row[1]) else { throw fail("unknown commune code '\(row[1])'") }
            guard let year = Int(row[2]), let value = Double(row[3]) else { throw fail("the year and the value must be numbers") }
            guard let households = row[4].isEmpty ? 0 : Double(row[4]) else { throw fail("households must be a number or empty") }
            guard ["true", "false"].contains(row[5]) else { throw fail("sample must be true or false") }
            return Baseline(indicator: row[0], communeCode: row[1], year: year, value: value, households: households,
                            sample: row[5] == "true")
        }
    }
}
