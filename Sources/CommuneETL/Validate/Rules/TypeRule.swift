/// `check: type` — the listed fields read as their declared type and lie within `min`…`max`.
///
/// The expected text is derived from the field's declaration, so a changed range in the YAML changes the
/// message with it.
final class TypeRule: RowRule {
    let definition: RuleDefinition
    private let slots: [Int]
    private let expected: [Int: LocalizedText]

    init(_ definition: RuleDefinition, pipeline: CompiledPipeline) {
        self.definition = definition
        slots = definition.fields.compactMap(pipeline.slot(named:))
        var expected: [Int: LocalizedText] = [:]
        for slot in slots { expected[slot] = TypeRule.expectation(for: pipeline.slots[slot], pipeline: pipeline) }
        self.expected = expected
    }

    func check(_ row: RowState) {
        for slot in slots {
            guard case let .invalid(problem) = row.values[slot], problem != .unknownCommune, problem != .unknownIndicator else { continue }
            report(on: row, slot: slot, expected: expected[slot]!.adding(detail: problem))
        }
    }

    static func expectation(for slot: CompiledPipeline.Slot, pipeline: CompiledPipeline) -> LocalizedText {
        switch slot.type {
        case .integer:
            let low = slot.min.map(String.init) ?? "…", high = slot.max.map(String.init) ?? "…"
            return LocalizedText(vi: "một số nguyên từ \(low) đến \(high)", en: "a whole number from \(low) to \(high)")
        case .decimal:
            let low = slot.min.map(String.init) ?? "…", high = slot.max.map(String.init) ?? "…"
            return LocalizedText(vi: "một số từ \(low) đến \(high), ví dụ 25,93", en: "a number from \(low) to \(high), such as 25,93")
        case .date:
            return LocalizedText(vi: "một ngày dạng ngày/tháng/năm, ví dụ 15/12/2023", en: "a date as day/month/year, such as 15/12/2023")
        case .flag:
            return LocalizedText(vi: "'x' nếu hộ thiếu hụt, để trống nếu không", en: "'x' when deprived, empty when not")
        case .enum:
            let labels = pipeline.definition.fields.first { $0.name == slot.name }?.values ?? [:]
            let shown = slot.choices.compactMap { labels[$0]?.first }.joined(separator: ", ")
            return LocalizedText(vi: "một trong: \(shown)", en: "one of: \(shown)")
        case .text, .commune, .indicator:
            return LocalizedText(vi: "văn bản", en: "text")
        }
    }
}

extension LocalizedText {
    /// Appends what was wrong with the cell, when that helps the person fix it.
    func adding(detail problem: ValueProblem) -> LocalizedText {
        let detail: (vi: String, en: String)? = switch problem {
        case .number(.spreadsheetError): ("ô đang chứa lỗi công thức", "the cell holds a formula error")
        case .number(.scientificNotation): ("số bị Excel đổi sang dạng 1E+11", "Excel turned the number into 1E+11 form")
        case .number(.notAnInteger): ("không nhận số thập phân", "decimals are not accepted")
        case .number(.negative): ("không nhận số âm", "negative numbers are not accepted")
        case .number(.badGrouping), .number(.mixedSeparators): ("dấu chấm phân cách hàng nghìn đặt sai chỗ", "thousands separators are misplaced")
        case .number(.ambiguous):
            ("số này đọc được hai cách, như 1.250 là 1250 hay 1,25: ghi đủ chữ số, như 1.250.000",
             "the number reads two ways, as 1.250 is 1250 or 1.25: write it in full, such as 1.250.000")
        case .date(.serialNumber): ("ô ngày bị Excel đổi thành số", "Excel turned the date into a number")
        case .date(.ambiguous): ("ngày ghi theo kiểu tháng/ngày của Mỹ", "the date is written month first, US style")
        case .date(.impossible): ("ngày không có thật", "no such date")
        default: nil
        }
        guard let detail else { return self }
        return LocalizedText(vi: "\(vi) (\(detail.vi))", en: "\(en) (\(detail.en))")
    }
}
