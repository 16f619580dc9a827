/// The indicators a report may carry and the offices that own them, from `Pipelines/indicators.yaml` and
/// `Pipelines/offices.yaml`.
///
/// Loaded and checked at start like the pipelines: a duplicate code, an owner that is no office, a parent of
/// another unit or two indicators answering to the same spelling would make reports match the wrong row,
/// so each is an `ETLError.configuration` naming the file and the entry.
public struct IndicatorCatalogue: Sendable {
    public let indicators: [IndicatorDefinition]
    public let offices: [Office]
    /// The office that receives the problems no pipeline or indicator owns (a file that could not be
    /// routed, a line of `acceptances.csv`): `fallback:` in `offices.yaml`.
    public let fallbackOffice: String?
    /// Folded name or alias → index in `indicators`.
    private let byName: [String: Int]
    private let byCode: [String: Int]
    /// Per indicator: the folded spellings of its unit it accepts.
    private let unitSpellings: [Set<String>]
    /// Canonical unit → its English name, for messages.
    private let englishUnits: [String: String]

    // MARK: - Files

    struct OfficeFile: Decodable {
        var version: Int
        var offices: [Office]
        var fallback: String?
        enum CodingKeys: String, CodingKey, CaseIterable { case version, offices, fallback }
    }

    struct IndicatorFile: Decodable {
        var version: Int
        /// Canonical unit → spellings every indicator with that unit accepts.
        var units: [String: [String]]?
        /// Canonical unit → its English name.
        var englishUnits: [String: String]?
        var indicators: [IndicatorDefinition]
        enum CodingKeys: String, CodingKey, CaseIterable {
            case version, units, indicators
            case englishUnits = "english_units"
        }
    }

    // MARK: - Loading

    /// Loads `offices.yaml` and `indicators.yaml` from the Pipelines folder.
    ///
    /// Appends each file's name and SHA-256 hex to `hashed`, the way `PipelineCatalog` does for its files, so
    /// the run's fingerprint covers them.
    public static func load(from folder: String, hashInto hashed: inout [UInt8]) throws -> IndicatorCatalogue {
        let officesPath = folder + "/offices.yaml", indicatorsPath = folder + "/indicators.yaml"
        let officeFile: OfficeFile = try PipelineCatalog.decode(
            try ConfigurationText.read(officesPath, hashInto: &hashed), file: officesPath, shape: .offices)
        let indicatorFile: IndicatorFile = try PipelineCatalog.decode(
            try ConfigurationText.read(indicatorsPath, hashInto: &hashed), file: indicatorsPath, shape: .indicators)
        for (path, version) in [(officesPath, officeFile.version), (indicatorsPath, indicatorFile.version)] where version != 1 {
            throw ETLError.configuration(file: path, location: "version", problem: "unsupported version \(version); this build reads version 1")
        }
        return try IndicatorCatalogue(offices: officeFile.offices, indicators: indicatorFile.indicators,
                                      units: indicatorFile.units ?? [:], englishUnits: indicatorFile.englishUnits ?? [:], fallback: officeFile.fallback, officesFile: officesPath, indicatorsFile: indicatorsPath)
    }

    /// Checks the definitions against each other and builds the lookups.
    init(offices: [Office], indicators: [IndicatorDefinition], units: [String: [String]], englishUnits: [String: String] = [:],
         fallback: String? = nil, officesFile: String = "offices.yaml", indicatorsFile: String = "indicators.yaml") throws {
        func refuse(_ location: String, _ problem: String) -> ETLError {
            .configuration(file: indicatorsFile, location: location, problem: problem)
        }
        var officeIDs: Set<String> = []
        for (index, office) in offices.enumerated() where !officeIDs.insert(office.id).inserted {
            throw ETLError.configuration(file: officesFile, location: "offices[\(index)] (\(office.id))", problem: "the id '\(office.id)' is used twice")
        }
        if let fallback, !officeIDs.contains(fallback) {
            throw ETLError.configuration(file: officesFile, location: "fallback", problem: "unknown office '\(fallback)'; known: \(offices.map(\.id).joined(separator: ", "))")
        }
        var byCode: [String: Int] = [:]
        for (index, indicator) in indicators.enumerated() {
            guard byCode.updateValue(index, forKey: indicator.code) == nil else {
                throw refuse("indicators[\(index)] (\(indicator.code)).code", "the code '\(indicator.code)' is used twice")
            }
        }
        let usedUnits = Set(indicators.map { Self.unitKey($0.unit) })
        for unit in units.keys.sorted() where !usedUnits.contains(Self.unitKey(unit)) {
            throw refuse("units.\(unit)", "no indicator has the unit '\(unit)'")
        }
        let sharedSpellings = Dictionary(units.map { (Self.unitKey($0.key), $0.value) }, uniquingKeysWith: +)

        var byName: [String: Int] = [:]
        var unitOwner: [String: (key: String, unit: String)] = [:]  // folded spelling → the canonical unit
        var unitSpellings: [Set<String>] = []
        for (index, indicator) in indicators.enumerated() {
            let at = "indicators[\(index)] (\(indicator.code))"
            guard officeIDs.contains(indicator.owner) else {
                throw refuse(at + ".owner", "unknown office '\(indicator.owner)'; known: \(offices.map(\.id).joined(separator: ", "))")
            }
            if let parent = indicator.parent {
                guard let parentIndex = byCode[parent] else { throw refuse(at + ".parent", "unknown indicator '\(parent)'") }
                let parentUnit = indicators[parentIndex].unit
                guard Self.unitKey(parentUnit) == Self.unitKey(indicator.unit) else {
                    throw refuse(at + ".parent", "the parent '\(parent)' is counted in '\(parentUnit)', this indicator in '\(indicator.unit)'")
                }
            }
            for part in indicator.parts ?? [] {
                guard let partIndex = byCode[part] else { throw refuse(at + ".parts", "unknown indicator '\(part)'") }
                guard Self.unitKey(indicators[partIndex].unit) == Self.unitKey(indicator.unit) else {
                    throw refuse(at + ".parts", "the part '\(part)' is counted in '\(indicators[partIndex].unit)', the total in '\(indicator.unit)'")
                }
            }
            for (field, written) in [("name", indicator.name.vi)] + indicator.aliases.map({ ("aliases", $0) }) {
                let key = TextFolding.nameKey(written)
                guard !key.isEmpty else { throw refuse(at + "." + field, "the spelling '\(written)' has no letters") }
                if let other = byName[key], other != index {
                    throw refuse(at + "." + field, "the name '\(written)' also names the indicator \(indicators[other].code)")
                }
                byName[key] = index
            }
            let canonical = Self.unitKey(indicator.unit)
            guard !canonical.isEmpty else { throw refuse(at + ".unit", "the unit '\(indicator.unit)' has no letters") }
            var spellings: Set<String> = [canonical]
            let aliases = (sharedSpellings[canonical] ?? []).map { ("units.\(indicator.unit)", $0) }
                + indicator.unitAliases.map { (at + ".unit_aliases", $0) }
            for (location, alias) in [(at + ".unit", indicator.unit)] + aliases {
                let key = Self.unitKey(alias)
                if let owner = unitOwner[key], owner.key != canonical {
                    throw refuse(location, "the unit spelling '\(alias)' already stands for the unit '\(owner.unit)'")
                }
                unitOwner[key] = (canonical, indicator.unit)
                spellings.insert(key)
            }
            unitSpellings.append(spellings)
        }
        self.indicators = indicators
        self.offices = offices
        self.fallbackOffice = fallback
        self.byName = byName
        self.byCode = byCode
        self.unitSpellings = unitSpellings
        self.englishUnits = englishUnits
    }

    // MARK: - Lookups

    /// The indicator a report names in words: its folded name or an alias (`TextFolding.nameKey`); nil when unknown.
    public func index(ofName written: String) -> Int? { byName[TextFolding.nameKey(written)] }

    public func index(ofCode code: String) -> Int? { byCode[code] }

    public func indicator(_ code: String) -> IndicatorDefinition? { byCode[code].map { indicators[$0] } }

    /// Whether a report's unit cell is a spelling of the indicator's unit; `%` reads as "phần trăm", so `%`,
    /// `(%)`, `Tỷ lệ %` and `phần trăm` all match a rate.
    public func unitMatches(_ written: String, indicator: Int) -> Bool {
        unitSpellings[indicator].contains(Self.unitKey(written))
    }

    public func office(_ id: String) -> Office? { offices.first { $0.id == id } }

    /// The unit of an indicator in both languages (the English from `english_units`, else as written).
    public func unitText(of indicator: IndicatorDefinition) -> LocalizedText {
        LocalizedText(vi: indicator.unit, en: englishUnits[indicator.unit] ?? indicator.unit)
    }

    /// The folded key of a unit: `TextFolding.nameKey`, after `%` becomes the words it stands for (folding
    /// alone would turn `%` into nothing).
    static func unitKey(_ unit: String) -> String {
        TextFolding.nameKey(unit.replacingOccurrences(of: "%", with: " phần trăm "))
    }
}

extension YAMLShape {
    static let offices = YAMLShape.keys(IndicatorCatalogue.OfficeFile.CodingKeys.self, [
        "offices": .sequence(.keys(Office.CodingKeys.self, ["name": localized])),
    ])

    static let indicators = YAMLShape.keys(IndicatorCatalogue.IndicatorFile.CodingKeys.self, [
        "units": .dictionary(.any),
        "english_units": .dictionary(.any),
        "indicators": .sequence(.keys(IndicatorDefinition.CodingKeys.self, ["name": localized])),
    ])
}
