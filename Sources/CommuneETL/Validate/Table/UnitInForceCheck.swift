/// `check: unit_in_force` — a file may only name a commune that exists on the file's date.
///
/// Tà Chải became part of thị trấn Bắc Hà on 2024-11-01: a Tà Chải list dated 20/12/2024 names a unit that
/// no longer exists. Its figures would count twice if the town's own list already holds its villages, and
/// once in the wrong place otherwise, so the file is held back whole with a message naming the unit to
/// send it under; the years before the change still roll up to the successor in the plan's progress.
///
/// Only a file that gives its own date (signature block or title) is held to it. A file with only a year
/// names a unit correctly when the unit was in force on some day of that year: a 2024 list of Tà Chải
/// without a date may well have been made before November.
///
/// Only a file about one commune, named in its title or path, is checked: holding back a list whose rows
/// name many communes for some of its rows would lose the rest (a row-level check is future work).
struct UnitInForceCheck {
    let finding: TableFinding
    let units: AdministrativeUnits

    /// Anomalies for the files to hold back, by outcome index.
    func run(_ facts: [CommuneYearFacts]) -> [(outcome: Int, anomaly: Anomaly)] {
        var found: [(Int, Anomaly)] = []
        var reported = Set<String>()
        for fact in facts where fact.communeFromContext && !isInForce(fact) {
            guard reported.insert("\(fact.outcome)|\(fact.code)").inserted,
                  let meant = units.unitMeant(code: fact.code, on: fact.date) else { continue }
            let unit = units.registry.communes[meant]
            let successor = units.unitInForce(from: meant, on: fact.date).map { units.registry.communes[$0] }
            let anomaly = finding.anomaly(
                file: fact.file, line: nil, commune: fact.code, recordKey: "", field: finding.rule.fields.first ?? "commune_code",
                value: fact.code, keyParts: [fact.file, fact.code, String(fact.year)], placeholders: [
                    "unit_name": unit.displayName, "date": fact.date.vietnameseDate,
                    "valid_to_next": units.succession(ending: meant)?.effective.vietnameseDate ?? unit.validTo.vietnameseDate,
                    "successor": successor?.code ?? "", "successor_name": successor?.displayName ?? "",
                ])
            found.append((fact.outcome, anomaly))
        }
        return found
    }
}

extension UnitInForceCheck {
    private func isInForce(_ fact: CommuneYearFacts) -> Bool {
        if fact.hasOwnDate { return units.unit(code: fact.code, on: fact.date) != nil }
        let first = "\(fact.year)-01-01", last = "\(fact.year)-12-31"
        return units.registry.communes.contains { $0.code == fact.code && $0.validFrom <= last && ($0.validTo.isEmpty || $0.validTo >= first) }
    }
}

extension Commune {
    /// `xã Lùng Phình`, `thị trấn Bắc Hà`: the name with its type word, as messages write it.
    var displayName: String { (type == "thi_tran" ? "thị trấn " : "xã ") + name }
}

extension String {
    /// `2024-12-20` → `20/12/2024`, as Vietnamese staff write dates.
    var vietnameseDate: String {
        let parts = split(separator: "-")
        guard parts.count == 3 else { return self }
        return "\(parts[2])/\(parts[1])/\(parts[0])"
    }
}
