/// One line of `reference/commune-successors.csv`: from `effective`, what unit `oldCode` became.
public struct Succession: Sendable, Equatable {
    public let oldCode: String
    public let newCode: String
    /// First day of the new unit, ISO.
    public let effective: String
    public let note: String

    public init(oldCode: String, newCode: String, effective: String, note: String) {
        self.oldCode = oldCode
        self.newCode = newCode
        self.effective = effective
        self.note = note
    }
}

/// The communes over time: which unit a code meant on a date, and which unit a commune's data belong to
/// once it no longer exists (Tà Chải in thị trấn Bắc Hà from 2024-11-01; the regrouping of 2025-07-01,
/// when code 02842 passed from Lùng Cải to a new Tả Củ Tỷ).
///
/// Dates are ISO `yyyy-mm-dd` strings, which compare as dates.
public struct AdministrativeUnits: Sendable {
    public let registry: CommuneRegistry
    public let successions: [Succession]

    public init(registry: CommuneRegistry, successions: [Succession]) {
        self.registry = registry
        self.successions = successions
    }

    public func isInForce(_ index: Int, on date: String) -> Bool {
        let unit = registry.communes[index]
        return unit.validFrom <= date && (unit.validTo.isEmpty || date <= unit.validTo)
    }

    /// The unit that held `code` on `date`, if any.
    public func unit(code: String, on date: String) -> Int? {
        registry.communes.indices.first { registry.communes[$0].code == code && isInForce($0, on: date) }
    }

    /// The unit a file dated `date` meant by `code`: the one in force then, else the last one before.
    public func unitMeant(code: String, on date: String) -> Int? {
        if let index = unit(code: code, on: date) { return index }
        return registry.communes.indices
            .filter { registry.communes[$0].code == code && registry.communes[$0].validFrom <= date }
            .max { registry.communes[$0].validFrom < registry.communes[$1].validFrom }
    }

    /// The unit the data of unit `index` belong to on `date`: itself while in force, else its successor,
    /// followed through later changes; nil when the list names no successor.
    /// - Complexity: O(s × n) per step, with a handful of steps: the lists hold a few dozen rows.
    public func unitInForce(from index: Int, on date: String) -> Int? {
        var current = index
        for _ in 0..<8 {  // a chain longer than the list of changes would be a loop in the reference data
            if isInForce(current, on: date) { return current }
            guard let step = succession(ending: current), step.effective <= date,
                let next = self.unit(code: step.newCode, on: step.effective) else { return nil }
            current = next
        }
        return nil
    }

    /// The change that ended unit `index`: the first succession of its code after it came into force.
    public func succession(ending index: Int) -> Succession? {
        let unit = registry.communes[index]
        return successions.filter { $0.oldCode == unit.code && $0.effective > unit.validFrom }.min { $0.effective < $1.effective }
    }

    /// How many of the plan's units (those of 2020-03-01 to 2025-06-30) the data of `index` cover on `date`.
    public func planUnitCount(of index: Int, on date: String) -> Int {
        registry.indexByCodeForResolution.values.filter { unitInForce(from: $0, on: date) == index }.count
    }
}
