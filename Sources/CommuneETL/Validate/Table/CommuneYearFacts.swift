/// The facts one file gave for one commune and year, with where they came from.
struct CommuneYearFacts {
    var code: String
    var year: Int
    var group: FactGroup
    /// Index of the file's outcome in the run.
    var outcome: Int
    var file: String
    /// The file's date (its signature block or title), else the end of the year: the date the commune
    /// it names must be in force on.
    var date: String
    /// Whether the file gives its own date; without one, only its year is known.
    var hasOwnDate: Bool
    /// Whether the file is about one commune named in its title or path (not in a column of each row).
    var communeFromContext: Bool
    /// Rows of the file whose commune or year could not be read: they may belong to this group.
    var unkeyedRows: Int

    /// Whether every row of the group reached the canonical table: only then are its sums the commune's.
    var isComplete: Bool { group.rows > 0 && group.rows == group.keptRows }

    /// The facts of every file a pipeline read, one entry per commune and year it holds.
    static func collect(_ outcomes: [FileOutcome], pipeline: CompiledPipeline) -> [CommuneYearFacts] {
        guard let by = pipeline.definition.facts?.by,
              let communeIndex = by.firstIndex(where: { pipeline.slot(named: $0).map { pipeline.slots[$0].type == .commune } ?? false }),
              let yearIndex = by.firstIndex(where: { pipeline.slot(named: $0).map { pipeline.slots[$0].context == .year } ?? false })
        else { return [] }
        var collected: [CommuneYearFacts] = []
        for (index, outcome) in outcomes.enumerated() where outcome.pipeline == pipeline.name && !outcome.refused {
            for group in outcome.facts {
                guard let year = Int(group.key[yearIndex]) else { continue }
                collected.append(CommuneYearFacts(
                    code: group.key[communeIndex], year: year, group: group, outcome: index,
                    file: outcome.input.relativePath, date: outcome.reportDate ?? "\(year)-12-31",
                    hasOwnDate: outcome.reportDate != nil, communeFromContext: outcome.context["commune"] != nil,
                    unkeyedRows: outcome.unkeyedRows))
            }
        }
        return collected
    }
}
