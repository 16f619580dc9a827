/// Adds each row of a file to its `FactGroup`, as declared by the pipeline's `facts:`.
///
/// Runs on every data row, so it avoids strings: a file nearly always holds one commune and year, and a row
/// whose key values equal the previous row's (compared as read values, not text) goes to the same group
/// without building its key. Text key values are compared as text, since a read text value only names a
/// column.
final class FactAccumulator {
    private let keySlots: [Int]
    private let sumSlots: [(slot: Int, name: String)]
    private let countSlot: Int?
    private let countChoices: [String]
    private var groups: [FactGroup] = []
    /// Per group, rows by choice index of the counted field: named only in `take()`, so a row costs an
    /// array increment, not a string hash.
    private var choiceCounts: [[Int]] = []
    private var groupIndex: [[String]: Int] = [:]
    private var lastValues: [FieldValue] = []
    private var lastGroup = -1
    private var keyHasText: Bool
    /// Rows whose key (commune, year) could not be read: they belong to no group, but to some commune.
    private(set) var unkeyedRows = 0

    init?(pipeline: CompiledPipeline) {
        guard let facts = pipeline.definition.facts else { return nil }
        keySlots = facts.by.compactMap(pipeline.slot(named:))
        sumSlots = (facts.sum ?? []).compactMap { name in pipeline.slot(named: name).map { ($0, name) } }
        countSlot = facts.count.flatMap(pipeline.slot(named:))
        countChoices = countSlot.map { pipeline.slots[$0].choices } ?? []
        keyHasText = keySlots.contains { pipeline.slots[$0].type == .text }
    }

    /// What one row added, so that it can be taken back (`retract`).
    struct Contribution {
        /// The row's group, nil when its key could not be read.
        var group: Int?
        /// The choice of the counted field, nil when it could not be computed (or nothing is counted).
        var choice: Int?
        var kept: Bool
    }

    /// Whether every row's contribution can be taken back: sums are not remembered per row.
    var canRetract: Bool { sumSlots.isEmpty }

    /// Adds a row after its rules ran; `kept` says whether it goes to the canonical table.
    @discardableResult
    func add(_ row: RowState, kept: Bool) -> Contribution {
        guard let group = group(of: row) else {
            unkeyedRows += 1
            return Contribution(group: nil, choice: nil, kept: kept)
        }
        groups[group].rows += 1
        var choice: Int?
        if let countSlot {
            if case let .choice(index) = row.values[countSlot] {
                choiceCounts[group][index] += 1
                choice = index
            } else {
                groups[group].uncounted += 1
            }
        }
        guard kept else { return Contribution(group: group, choice: choice, kept: false) }
        groups[group].keptRows += 1
        for (slot, name) in sumSlots {
            if let value = row.values[slot].numericValue { groups[group].sums[name, default: 0] += value }
        }
        return Contribution(group: group, choice: choice, kept: true)
    }

    /// Takes back what a row added (only when `canRetract`): the row is about to be read again.
    func retract(_ contribution: Contribution) {
        precondition(canRetract, "a row's sums cannot be taken back")
        guard let group = contribution.group else {
            unkeyedRows -= 1
            return
        }
        groups[group].rows -= 1
        if let choice = contribution.choice {
            choiceCounts[group][choice] -= 1
        } else if countSlot != nil {
            groups[group].uncounted -= 1
        }
        if contribution.kept { groups[group].keptRows -= 1 }
    }

    /// Adds what `later` gathered from the rows that follow this accumulator's (a segment read on another
    /// thread), as if they had been added here; empties `later`.
    /// - Returns: for each group of `later`, its number here (to `retract` one of its rows).
    func absorb(_ later: FactAccumulator) -> [Int] {
        var numbers: [Int] = []
        numbers.reserveCapacity(later.groups.count)
        for (index, group) in later.groups.enumerated() {
            let number: Int
            if let known = groupIndex[group.key] {
                number = known
                groups[number].rows += group.rows
                groups[number].keptRows += group.keptRows
                groups[number].uncounted += group.uncounted
                for (name, value) in group.sums { groups[number].sums[name, default: 0] += value }
            } else {
                number = groups.count
                groups.append(group)
                choiceCounts.append(Array(repeating: 0, count: countChoices.count))
                groupIndex[group.key] = number
            }
            for (choice, count) in later.choiceCounts[index].enumerated() { choiceCounts[number][choice] += count }
            numbers.append(number)
        }
        unkeyedRows += later.unkeyedRows
        _ = later.take()
        return numbers
    }

    /// The groups of the file, in the order first seen; empties the accumulator for the next file.
    func take() -> [FactGroup] {
        for (group, counts) in choiceCounts.enumerated() {
            for (index, count) in counts.enumerated() where count > 0 { groups[group].counts[countChoices[index]] = count }
        }
        defer {
            groups = []
            choiceCounts = []
            groupIndex = [:]
            lastValues = []
            lastGroup = -1
            unkeyedRows = 0
        }
        return groups
    }

    private func group(of row: RowState) -> Int? {
        if !keyHasText, lastGroup >= 0, keySlots.indices.allSatisfy({ row.values[keySlots[$0]] == lastValues[$0] }) {
            return lastGroup
        }
        var key: [String] = []
        key.reserveCapacity(keySlots.count)
        for slot in keySlots {
            guard row.values[slot].isValid, let text = row.canonical(slot) else { return nil }
            key.append(text)
        }
        let index: Int
        if let known = groupIndex[key] {
            index = known
        } else {
            index = groups.count
            groups.append(FactGroup(key: key, firstLine: row.line))
            choiceCounts.append(Array(repeating: 0, count: countChoices.count))
            groupIndex[key] = index
        }
        lastValues = keySlots.map { row.values[$0] }
        lastGroup = index
        return index
    }
}
