/// A rule that checks one row, declared in a pipeline's `rules:` and built by `RuleSet`.
///
/// Cell rules look at values as read; record rules run after derived fields are computed and may compare
/// fields. A rule skips a row whose inputs are missing or unreadable: that problem is already reported by
/// the rule that owns it, and one fault should give one anomaly.
public protocol RowRule: AnyObject {
    var definition: RuleDefinition { get }
    var phase: RulePhase { get }
    func check(_ row: RowState)
    /// Called when a file ends; `accepted` is false when the whole file was refused, so that nothing of
    /// it stays in the rule's state.
    func endFile(accepted: Bool)
    /// Findings that can only be made once the whole file is read (a total whose parts follow it).
    func findingsAtEnd() -> [Anomaly]
    /// Whether the rule judges each row by itself, whatever rows came before it (its state, if any, only
    /// remembers answers). Only a pipeline whose rules all do — uniqueness aside, see `UniqueKeyProbe` —
    /// can have the rows of one file read on several threads.
    var judgesRowsAlone: Bool { get }
}

public enum RulePhase: Sendable {
    case cells
    case record
}

extension RowRule {
    public var phase: RulePhase { .cells }
    public func endFile(accepted: Bool) {}
    public func findingsAtEnd() -> [Anomaly] { [] }
    public var judgesRowsAlone: Bool { true }
}

extension RowRule {
    /// Reports this rule's finding on `row` (`RowState.report`).
    ///
    /// Not inlined, and it reads `definition` itself: a `check` that passed its `definition` (≈ 350 bytes)
    /// to `RowState.report` on its rare path had the whole struct copied on every row, found or not — a
    /// `memcpy` per rule and row, ≈ 5 % of a reading thread (perf).
    @inline(never)
    func report(on row: RowState, slot: Int, field: String? = nil, placeholders: [String: String] = [:],
                expected: LocalizedText? = nil) {
        row.report(definition, slot: slot, field: field, placeholders: placeholders, expected: expected)
    }
}
