/// Every target of the plan (`Pipelines/targets.yaml`) and the district's per-commune plan values
/// (`Pipelines/commune-targets.csv`), checked against the indicator catalogue at start.
///
/// A target naming an unknown indicator, or a kind given the wrong parameters (a band without a ceiling, a
/// share without a threshold), would silently be judged wrong every night: each is refused here with the
/// file and the target's position.
public struct TargetCatalogue: Sendable {
    /// In the file's order, which is the order of the progress rows.
    public let targets: [TargetDefinition]
    public let communeTargets: [CommuneTarget]
    /// Values paths start from, when the district has them (`baselines.csv`); else the first year with data.
    public var baselines: [Baseline] = []

    struct TargetFile: Decodable {
        var version: Int
        var targets: [TargetDefinition]
        enum CodingKeys: String, CodingKey, CaseIterable { case version, targets }
    }

    /// Loads `targets.yaml` and `commune-targets.csv` from the Pipelines folder, adding both to `hashed` the
    /// way `PipelineCatalog` does.
    public static func load(from folder: String, indicators: IndicatorCatalogue, hashInto hashed: inout [UInt8]) throws -> TargetCatalogue {
        let targetsPath = folder + "/targets.yaml", plansPath = folder + "/commune-targets.csv"
        let file: TargetFile = try PipelineCatalog.decode(
            try ConfigurationText.read(targetsPath, hashInto: &hashed), file: targetsPath, shape: .targets)
        guard file.version == 1 else {
            throw ETLError.configuration(file: targetsPath, location: "version", problem: "unsupported version \(file.version); this build reads version 1")
        }
        var targets = file.targets
        var seen: Set<String> = []
        for index in targets.indices {
            let at = "targets[\(index)] (\(targets[index].id))"
            guard seen.insert(targets[index].id).inserted else {
                throw ETLError.configuration(file: targetsPath, location: at + ".id", problem: "the id '\(targets[index].id)' is used twice")
            }
            do {
                try check(targets[index], indicators: indicators)
            } catch let problem as TargetProblem {
                throw ETLError.configuration(file: targetsPath, location: at + (problem.key.isEmpty ? "" : "." + problem.key), problem: problem.text)
            }
            targets[index].unit = indicators.unitText(of: indicators.indicator(targets[index].indicator)!)
        }
        let plans = try readCommunePlans(plansPath, targets: targets, hashInto: &hashed)
        let baselines = try Baseline.load(from: folder, indicators: indicators, hashInto: &hashed)
        return TargetCatalogue(targets: targets, communeTargets: plans, baselines: baselines)
    }

    public func target(_ id: String) -> TargetDefinition? { targets.first { $0.id == id } }

    // MARK: - Checks

    private struct TargetProblem: Error {
        var key: String
        var text: String
        init(_ key: String, _ text: String) { self.key = key; self.text = text }
    }

    /// The parameters each kind needs and allows; anything else is a mistake in the file.
    private static func check(_ target: TargetDefinition, indicators: IndicatorCatalogue) throws {
        for (key, code) in [("indicator", target.indicator), ("numerator", target.numerator), ("denominator", target.denominator)] {
            if let code, indicators.index(ofCode: code) == nil { throw TargetProblem(key, "unknown indicator '\(code)'") }
        }
        let indicator = indicators.indicator(target.indicator)!
        let kind = target.kind.rawValue
        func require(_ present: Bool, _ key: String) throws {
            if !present { throw TargetProblem("", "a target of kind \(kind) needs '\(key)'") }
        }
        func refuse(_ present: Bool, _ key: String) throws {
            if present { throw TargetProblem(key, "a target of kind \(kind) takes no '\(key)'") }
        }
        try require(target.kind == .communePlan || target.value != nil, "value")
        try refuse(target.kind == .communePlan && target.value != nil, "value")
        try require(target.kind != .band || target.max != nil, "max")
        try refuse(target.kind != .band && target.max != nil, "max")
        try refuse(target.kind != .averageReduction && target.baselineAtLeast != nil, "baseline_at_least")
        try require(target.kind != .ratio || (target.numerator != nil && target.denominator != nil), "numerator and denominator")
        try refuse(target.kind != .ratio && target.numerator != nil, "numerator")
        try refuse(target.kind != .ratio && target.denominator != nil, "denominator")
        try require(target.kind != .share || target.threshold != nil, "threshold")
        try refuse(target.kind != .share && target.threshold != nil, "threshold")
        switch target.kind {
        case .band, .communePlan:
            if target.level != .commune { throw TargetProblem("level", "a \(kind) target is judged per commune: level must be 'commune'") }
        case .averageReduction:
            if indicator.measure != .rate { throw TargetProblem("indicator", "an average_reduction target needs a rate; '\(indicator.code)' is a \(indicator.measure.rawValue)") }
            if !target.comparison.wantsMore { throw TargetProblem("comparison", "a reduction is compared with '>' or '>='") }
        case .cumulative, .level, .share, .ratio:
            if target.level != .district { throw TargetProblem("level", "a \(kind) target is judged for the district: level must be 'district'") }
        }
        if target.kind == .cumulative || target.kind == .band, !target.comparison.wantsMore {
            throw TargetProblem("comparison", "a \(kind) target is a floor: compare with '>' or '>='")
        }
        if target.kind == .cumulative, indicator.measure != .count {
            throw TargetProblem("indicator", "a cumulative target sums a yearly count; '\(indicator.code)' is a \(indicator.measure.rawValue)")
        }
        if target.kind == .ratio {
            for code in [target.numerator!, target.denominator!] where indicators.indicator(code)!.measure != .count {
                throw TargetProblem("", "a ratio sums yearly counts; '\(code)' is not a count")
            }
        }
        if target.baselineAtLeast != nil, target.level != .commune {
            throw TargetProblem("baseline_at_least", "only a commune-level target selects communes by their baseline")
        }
        if let floor = target.value, let ceiling = target.max, ceiling < floor {
            throw TargetProblem("max", "the band's max \(ceiling) is below its value \(floor)")
        }
    }

    // MARK: - Commune plans

    /// Reads `commune-targets.csv`: one planned value per target, commune and year.
    private static func readCommunePlans(_ path: String, targets: [TargetDefinition], hashInto hashed: inout [UInt8]) throws -> [CommuneTarget] {
        let rows = try ReferenceData.rows(of: path, hashInto: &hashed)
        let columns = ["target_id", "commune_code", "year", "value", "sample", "note"]
        guard let header = rows.first, header == columns else {
            throw ETLError.configuration(file: path, location: "header", problem: "the columns must be \(columns.joined(separator: ","))")
        }
        let planTargets = Set(targets.filter { $0.kind == .communePlan }.map(\.id))
        var plans: [CommuneTarget] = []
        var seen: Set<String> = []
        for (offset, row) in rows.enumerated().dropFirst() {
            let line = "line \(offset + 1)"
            guard row.count == columns.count else {
                throw ETLError.configuration(file: path, location: line, problem: "\(row.count) cells where the header has \(columns.count)")
            }
            guard planTargets.contains(row[0]) else {
                let known = targets.contains { $0.id == row[0] }
                throw ETLError.configuration(file: path, location: line + ": target_id", problem: known
                    ? "the target '\(row[0])' is not a commune_plan target" : "unknown target '\(row[0])'")
            }
            guard row[1].count == 5, row[1].allSatisfy(\.isASCII), row[1].allSatisfy(\.isNumber) else {
                throw ETLError.configuration(file: path, location: line + ": commune_code", problem: "'\(row[1])' is not a 5-digit commune code")
            }
            guard let year = Int(row[2]) else {
                throw ETLError.configuration(file: path, location: line + ": year", problem: "'\(row[2])' is not a year")
            }
            guard let value = Double(row[3]), value.isFinite else {
                throw ETLError.configuration(file: path, location: line + ": value", problem: "'\(row[3])' is not a number (write 25.5, with a point)")
            }
            guard row[4] == "true" || row[4] == "false" else {
                throw ETLError.configuration(file: path, location: line + ": sample", problem: "'\(row[4])' must be true or false")
            }
            guard seen.insert("\(row[0]) \(row[1]) \(year)").inserted else {
                throw ETLError.configuration(file: path, location: line, problem: "a second value for \(row[0]), \(row[1]), \(year)")
            }
            plans.append(CommuneTarget(targetID: row[0], communeCode: row[1], year: year, value: value, sample: row[4] == "true", note: row[5]))
        }
        return plans
    }
}

extension YAMLShape {
    static let targets = YAMLShape.keys(TargetCatalogue.TargetFile.CodingKeys.self, [
        "targets": .sequence(.keys(TargetDefinition.CodingKeys.self, [
            "title": localized, "threshold": .keys(Threshold.CodingKeys.self),
        ])),
    ])
}
