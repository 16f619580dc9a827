/// Stands in for a `UniqueRule` where rows are read on a worker thread (`SegmentReading`): it builds each
/// row's key exactly where the rule would, at the rule's place among the record rules, and keeps it, but
/// registers nothing and reports nothing.
///
/// Whether a key repeats depends on every row before it, in file order, so only the thread that merges the
/// segments in order can tell: it registers the kept keys with the real rule (`UniqueRule.Registrar`), and
/// a row whose key is already there is checked again on that thread, where the rule reports it as it
/// would have in a file read from start to end.
final class UniqueKeyProbe: RowRule {
    let definition: RuleDefinition
    let phase = RulePhase.record
    private let slots: [Int]
    /// The keys of the rows read so far, back to back: plain memory, since a key is a dozen appends a row
    /// and each append to an array checks that it is uniquely referenced.
    private var keys = FlatStorage<UInt8>(capacity: 1 << 16)
    /// The current row's key in `keys`, nil when it has none.
    private(set) var rowKey: Range<Int>?

    init(_ definition: RuleDefinition, pipeline: CompiledPipeline) {
        self.definition = definition
        slots = definition.fields.compactMap(pipeline.slot(named:))
    }

    func check(_ row: RowState) {
        // Built in place at the end of `keys` (one access to the property for the whole key, not a copy
        // from a scratch array), and taken back when the row has no key.
        let start = keys.count
        if UniqueRule.appendKey(of: row, slots: slots, to: &keys) {
            rowKey = start..<keys.count
        } else {
            keys.truncate(to: start)
            rowKey = nil
        }
    }

    /// The keys gathered so far, leaving the probe empty for the next segment.
    func takeKeys() -> [UInt8] {
        defer { keys.truncate(to: 0); rowKey = nil }
        return Array(keys.buffer(0..<keys.count))
    }
}
