extension ProgressEvaluator {
    /// The warning shown for an off-track row, with its numbers, in Vietnamese and English.
    ///
    /// Numbers are written as each language writes them (`1.292,5` and `1,292.5`, at most two decimals), with
    /// the indicator's unit; the Vietnamese text cites the plan (`source`), the English one its section.
    /// Example (TRAIN-NEW, district, 2022): "Huyện Bắc Hà, năm 2022: Tuyển mới, đào tạo 2.580 lao động — lũy kế
    /// từ năm 2021 đạt 900 người, theo lộ trình cần ít nhất 1.032 người để đạt từ 2.580 người trở lên (…)".
    public static func message(for progress: TargetProgress, target: TargetDefinition, unitName: String) -> LocalizedText {
        let vi = Words(language: .vi, unit: unitText(target, language: .vi))
        let en = Words(language: .en, unit: unitText(target, language: .en))
        let headVI = "\(unitName), năm \(progress.year): \(target.title.vi)"
        let headEN = "\(unitName), \(progress.year): \(target.title.en)"
        let citeVI = " (\(target.source)).", citeEN = " (plan section \(target.section))."
        guard let value = progress.value else {
            return LocalizedText(vi: headVI + " — chưa có số liệu" + citeVI, en: headEN + " — no data" + citeEN)
        }
        let expected = progress.expected ?? progress.target
        let since = progress.baselineYear.map(String.init) ?? "?"
        switch target.kind {
        case .averageReduction:
            return LocalizedText(
                vi: headVI + " — \(vi.amount(value)), theo lộ trình giảm \(vi.number(progress.target)) điểm phần trăm mỗi năm từ năm \(since) phải không quá \(vi.amount(expected))" + citeVI,
                en: headEN + " — \(en.amount(value)), where the path down \(en.number(progress.target)) points a year from \(since) allows at most \(en.amount(expected))" + citeEN)
        case .cumulative:
            return LocalizedText(
                vi: headVI + " — lũy kế từ năm \(since) đạt \(vi.amount(value)), theo lộ trình cần ít nhất \(vi.amount(expected)) để đạt \(vi.compared(target.comparison, progress.target))" + citeVI,
                en: headEN + " — \(en.amount(value)) since \(since), where the path to \(en.compared(target.comparison, progress.target)) needs at least \(en.amount(expected))" + citeEN)
        case .level, .share, .ratio:
            let needVI = target.comparison.wantsMore ? "ít nhất" : "không quá", needEN = target.comparison.wantsMore ? "at least" : "at most"
            return LocalizedText(
                vi: headVI + " — đạt \(vi.amount(value)), theo lộ trình cần \(needVI) \(vi.amount(expected)) để đạt \(vi.compared(target.comparison, progress.target))" + citeVI,
                en: headEN + " — \(en.amount(value)), where the path to \(en.compared(target.comparison, progress.target)) needs \(needEN) \(en.amount(expected))" + citeEN)
        case .band:
            let band = "\(vi.number(target.value ?? 0))–\(vi.number(target.max ?? 0))", bandEN = "\(en.number(target.value ?? 0))–\(en.number(target.max ?? 0))"
            return LocalizedText(
                vi: headVI + " — \(vi.amount(value)), dưới mức tối thiểu \(vi.amount(progress.target)) (\(band) mỗi xã mỗi năm)" + citeVI,
                en: headEN + " — \(en.amount(value)), below the floor of \(en.amount(progress.target)) (\(bandEN) a commune a year)" + citeEN)
        case .communePlan:
            return LocalizedText(
                vi: headVI + " — đạt \(vi.amount(value)), kế hoạch giao \(vi.compared(target.comparison, progress.target))" + citeVI,
                en: headEN + " — \(en.amount(value)), against a plan of \(en.compared(target.comparison, progress.target))" + citeEN)
        }
    }

    /// Shares and ratios are percentages whatever their indicator's unit.
    private static func unitText(_ target: TargetDefinition, language: Words.Language) -> String {
        if target.kind == .share || target.kind == .ratio { return "%" }
        return language == .vi ? target.unit.vi : target.unit.en
    }
}

/// Numbers, units and comparisons as one language writes them.
struct Words {
    enum Language { case vi, en }
    var language: Language
    var unit: String

    /// At most two decimals, trailing zeros dropped; `1.292,5` in Vietnamese, `1,292.5` in English.
    func number(_ value: Double) -> String {
        let (thousands, decimal) = language == .vi ? (".", ",") : (",", ".")
        let cents = Int((abs(value) * 100).rounded())
        var whole = String(cents / 100)
        var grouped = ""
        while whole.count > 3 {
            grouped = thousands + whole.suffix(3) + grouped
            whole = String(whole.dropLast(3))
        }
        grouped = whole + grouped
        let fraction = cents % 100
        let decimals = fraction == 0 ? "" : decimal + (fraction % 10 == 0 ? String(fraction / 10) : (fraction < 10 ? "0" : "") + String(fraction))
        return (value < 0 && cents != 0 ? "-" : "") + grouped + decimals
    }

    /// A number with the unit: `25,93%`, `1.292 nhà`.
    func amount(_ value: Double) -> String {
        unit == "%" ? number(value) + "%" : unit.isEmpty ? number(value) : number(value) + " " + unit
    }

    /// "trên 91,6%", "at least 2,580 people".
    func compared(_ comparison: Comparison, _ value: Double) -> String {
        switch (language, comparison) {
        case (.vi, .greater): "trên \(amount(value))"
        case (.vi, .greaterOrEqual): "từ \(amount(value)) trở lên"
        case (.vi, .less): "dưới \(amount(value))"
        case (.vi, .lessOrEqual): "không quá \(amount(value))"
        case (.en, .greater): "more than \(amount(value))"
        case (.en, .greaterOrEqual): "at least \(amount(value))"
        case (.en, .less): "less than \(amount(value))"
        case (.en, .lessOrEqual): "at most \(amount(value))"
        }
    }
}
