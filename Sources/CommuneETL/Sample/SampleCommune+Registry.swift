extension SampleCommune {
    /// The 19 units of the plan period, with their alias spellings, as the generator wants them; a unit
    /// that ended before the plan did (Tà Chải, 2024-10-31) appears only up to the year it ended.
    public static func planUnits(of registry: CommuneRegistry) -> [SampleCommune] {
        registry.indexByCodeForResolution.values.sorted().map { index in
            let commune = registry.communes[index]
            let aliases = registry.aliases.filter { $0.code == commune.code }.map(\.alias)
            let lastYear = Int(commune.validTo.prefix(4)).flatMap { $0 < 2025 ? $0 : nil }
            return SampleCommune(code: commune.code, name: commune.name, type: commune.type, aliases: aliases,
                                 years: lastYear.map { 2000...$0 })
        }
    }
}
