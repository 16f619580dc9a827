extension SampleCommune {
    /// The 19 units of the plan period, with their alias spellings, as the generator wants them.
    public static func planUnits(of registry: CommuneRegistry) -> [SampleCommune] {
        registry.indexByCodeForResolution.values.sorted().map { index in
            let commune = registry.communes[index]
            let aliases = registry.aliases.filter { $0.code == commune.code }.map(\.alias)
            return SampleCommune(code: commune.code, name: commune.name, type: commune.type, aliases: aliases)
        }
    }
}
