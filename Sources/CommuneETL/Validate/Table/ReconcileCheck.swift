/// `check: reconcile` — a commune's summary agrees with its household list for the same year (plan III.3:
/// the summary is the result of the household-by-household review).
///
/// With `equals`, each summary count must equal the list's count of households the decree's rule classifies
/// that way. Rows of the list whose class cannot be computed (an unreadable income) could be either, so
/// a summary count between `computed` and `computed + unclassified` is accepted: an anomaly is raised only
/// when no reading of the list explains the summary. With `at_least_rows_of`, the summary's field may not
/// be smaller than the number of households the list holds. Rows of the list whose commune or year cannot be
/// read may belong to this commune too, and widen the range the same way.
struct ReconcileCheck {
    let finding: TableFinding

    /// - Parameters:
    ///   - summaries: the facts of this pipeline, complete groups only (their sums are the commune's).
    ///   - lists: the other pipeline's facts, any group.
    func run(summaries: [CommuneYearFacts], lists: [CommuneYearFacts]) -> [(outcome: Int, anomaly: Anomaly)] {
        var byKey: [String: [CommuneYearFacts]] = [:]
        for list in lists { byKey["\(list.code)|\(list.year)", default: []].append(list) }
        var found: [(Int, Anomaly)] = []
        for summary in summaries where summary.isComplete {
            guard let matching = byKey["\(summary.code)|\(summary.year)"] else { continue }
            let files = matching.map(\.file).joined(separator: ", ")
            let rows = matching.reduce(0) { $0 + $1.group.rows }
            // Each list file's unkeyed rows once, however many of its groups match.
            var unkeyedByFile: [String: Int] = [:]
            for list in matching { unkeyedByFile[list.file] = list.unkeyedRows }
            let unclassified = matching.reduce(0) { $0 + $1.group.uncounted } + unkeyedByFile.values.reduce(0, +)
            func report(_ field: String, value: Int, placeholders: [String: String]) {
                var fill = placeholders
                fill["other_file"] = files
                fill["year"] = String(summary.year)
                found.append((summary.outcome, finding.anomaly(
                    file: summary.file, line: nil, commune: summary.code, recordKey: "", field: field, value: String(value),
                    keyParts: [summary.code, String(summary.year)], placeholders: fill)))
            }
            for field in finding.rule.fields {
                guard let counted = finding.rule.equals?[field], let written = summary.group.sums[field].map({ Int($0.rounded()) }) else { continue }
                let computed = matching.reduce(0) { $0 + ($1.group.counts[counted] ?? 0) }
                guard written < computed || written > computed + unclassified else { continue }
                // The words around the range are the rule's message (Pipelines/), not Swift's.
                let range = unclassified == 0 ? String(computed) : "\(computed)–\(computed + unclassified)"
                report(field, value: written, placeholders: [
                    "computed": String(computed), "computed_range": range, "unclassified": String(unclassified),
                ])
            }
            if let field = finding.rule.atLeastRowsOf, let written = summary.group.sums[field].map({ Int($0.rounded()) }),
               written < rows {
                report(field, value: written, placeholders: ["computed": String(rows)])
            }
        }
        return found
    }
}
