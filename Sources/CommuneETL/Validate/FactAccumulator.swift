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

    /// Adds a row after its rules ran; `kept` says whether it goes to the canonical table.
    func add(_ row: RowState, kept: Bool) {
        guard let group = group(of: row) else {
            unkeyedRows += 1
            return
        }
        groups[group].rows += 1
        if let countSlot {
            if case let .choice(index) = row.values[countSlot] {
                choiceCounts[group][index] += 1
            } else {
                groups[group].uncounted += 1
            }
        }
        guard kept else { return }
        groups[group].keptRows += 1
        for (slot, name) in sumSlots {
            if let value = row.values[slot].numericValue { groups[group].sums[name, default: 0] += value }
        }
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
