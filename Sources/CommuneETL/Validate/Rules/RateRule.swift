internal import Foundation

/// `check: rate` — a rate column equals `count ÷ base × 100` to within `tolerance` points (annex table 01:
/// `Tỷ lệ hộ nghèo (%)`; the indicator report's `So sánh (%)`).
///
/// With `rounding: written`, a rate written with fewer decimals may also differ by half a unit of its last
/// written digit (`103` for 102.6 %): reports round their ratio column to whole points. Skipped when the
/// base is zero (no rate exists) or a value does not read (reported by the type rule).
final class RateRule: RowRule {
    let definition: RuleDefinition
    let phase = RulePhase.record
    private let rate: Int, count: Int, base: Int
    private let tolerance: Double
    private let allowsWrittenRounding: Bool

    init(_ definition: RuleDefinition, pipeline: CompiledPipeline) throws {
        self.definition = definition
        func fail(_ problem: String) -> ETLError { pipeline.configurationError(definition, problem) }
        guard definition.fields.count == 1, let rate = pipeline.slot(named: definition.fields[0]) else {
            throw fail("a rate rule checks one field (the rate)")
        }
        guard let count = definition.count.flatMap(pipeline.slot(named:)),
              let base = definition.base.flatMap(pipeline.slot(named:)) else { throw fail("rate needs 'count' and 'base' fields") }
        guard let tolerance = definition.tolerance, tolerance >= 0 else { throw fail("rate needs a 'tolerance' of 0 or more") }
        switch definition.rounding {
        case nil: allowsWrittenRounding = false
        case "written": allowsWrittenRounding = true
        case let other?: throw fail("unknown rounding '\(other)'; use 'written' or leave it out")
        }
        self.rate = rate
        self.count = count
        self.base = base
        self.tolerance = tolerance
    }

    func check(_ row: RowState) {
        guard let written = row.values[rate].numericValue, let count = row.values[count].numericValue,
              let base = row.values[base].numericValue, base != 0 else { return }
        let computed = count / base * 100
        var allowed = tolerance
        if allowsWrittenRounding, case let .decimal(_, scale) = row.values[rate] {
            allowed = max(allowed, 0.5 / pow(10, Double(scale)))
        } else if allowsWrittenRounding, case .integer = row.values[rate] {
            allowed = max(allowed, 0.5)
        }
        // A relative epsilon absorbs the binary rounding of values such as 25.93.
        guard abs(written - computed) > allowed + 1e-9 * max(1, abs(computed)) else { return }
        report(on: row, slot: rate, placeholders: [
            "computed": Self.twoDecimals(computed), "count": Self.plain(count), "base": Self.plain(base),
        ])
    }

    /// `25.93`: a rate as messages show it.
    static func twoDecimals(_ value: Double) -> String { String(format: "%.2f", value) }

    /// `1250` or `91.6`: a number without trailing zeros.
    static func plain(_ value: Double) -> String {
        value == value.rounded() && abs(value) < 1e15 ? String(Int64(value)) : String(format: "%.6g", value)
    }
}
