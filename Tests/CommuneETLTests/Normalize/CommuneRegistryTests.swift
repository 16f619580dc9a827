import CommuneETL
import Testing

struct CommuneRegistryTests {
    /// The registry built from the repository's `Pipelines/reference` files.
    private static func referenceRegistry() throws -> CommuneRegistry {
        let communes = try NormalizeTestSupport.referenceRows("communes.csv").map { field in
            Commune(code: field[0], name: field[1], type: field[2], validFrom: field[7], validTo: field[8])
        }
        let aliases = try NormalizeTestSupport.referenceRows("commune-aliases.csv").map { field in
            (code: field[0], alias: field[1])
        }
        return try CommuneRegistry(communes: communes, aliases: aliases)
    }

    private static let bacHa = Commune(
        code: "02839", name: "Bắc Hà", type: "thi_tran", validFrom: "2020-03-01", validTo: "2025-06-30")

    static let resolvable: [(String, String)] = [
        ("Lùng Phình", "02848"), ("Xã Lùng Phình", "02848"), ("xa lung phinh", "02848"), ("LÙNG PHÌNH", "02848"),
        ("Lũng Phình", "02848"), ("Lùng Phìn", "02848"), ("X. Lùng Phình", "02848"),
        ("  Xã  Lùng-Phình ", "02848"),
        ("Tả Văn Chư", "02851"), ("Tả Van Chur", "02851"), ("Ta Van Chu", "02851"),
        ("TT Bắc Hà", "02839"), ("TT. Bắc Hà", "02839"), ("TT.Bắc Hà", "02839"),
        ("Thị trấn Bắc Hà", "02839"),
        ("thị trấn bắc hà", "02839"), ("Bắc Hà", "02839"), ("Bac Ha", "02839"),
        ("02872", "02872"), ("2839", "02839"), (" 02848 ", "02848"),
        ("Ta\u{300} Cha\u{309}i", "02872"),  // NFD
        ("Xã Tà Chải", "02872"), ("X. Nậm Đét", "02884"), ("Xa Coc Li", "02878"), ("Tả Củ Tỉ", "02854"),
    ]

    static let unresolvable: [String] = [
        "Bản Già", "Lầu Thí Ngài", "", "   ", "Xã", "Hà Nội", "Lùng",
        "Xã Bắc Hà",  // the commune formed on 2025-07-01, not thị trấn Bắc Hà
        "Thị trấn Lùng Phình",  // type word contradicts the unit
        "02845", "2845", "12345", "028480", "284",
    ]

    @Test(arguments: resolvable)
    func resolvesWrittenNamesAndCodes(written: String, code: String) throws {
        let registry = try Self.referenceRegistry()
        #expect(registry.resolve(written)?.code == code)
        #expect(NormalizeTestSupport.withBytes(written) { registry.resolve($0) }?.code == code)
    }

    @Test(arguments: unresolvable)
    func resolvesNothingForOtherNames(written: String) throws {
        let registry = try Self.referenceRegistry()
        #expect(registry.resolve(written) == nil)
        #expect(NormalizeTestSupport.withBytes(written) { registry.resolve($0) } == nil)
    }

    @Test func resolvesToTheUnitOfThePlanPeriodNotItsPost2025Successor() throws {
        let registry = try Self.referenceRegistry()
        #expect(registry.communes.count == 25)
        #expect(registry.resolve("Bắc Hà") == Self.bacHa)
        #expect(registry.resolve("02839") == Self.bacHa)
        #expect(registry.resolve("02842")?.name == "Lùng Cải")
        #expect(registry.resolve("Tả Củ Tỷ")?.code == "02854")
        #expect(registry.resolve("Lùng Phình")?.validTo == "2025-06-30")
    }

    @Test func indexesCodesToTheUnitsOfThePlanPeriod() throws {
        let registry = try Self.referenceRegistry()
        #expect(registry.indexByCodeForResolution.count == 19)
        #expect(registry.indexByCodeForResolution["02839"] == 0)
        #expect(registry.indexByCodeForResolution["02899"] == 18)
        #expect(registry.communes[19].validFrom == "2025-07-01")
        #expect(registry.resolveIndex("TT Bắc Hà") == 0)
        #expect(NormalizeTestSupport.withBytes("Xa Ban Cai") { registry.resolveIndex($0) } == 18)
    }

    @Test func cacheAnswersAsTheRegistryDoesForRepeatsAndAlternations() throws {
        let registry = try Self.referenceRegistry()
        let cache = CommuneResolverCache(registry: registry)
        let names = Self.resolvable.map(\.0) + Self.unresolvable
        for written in names + names.reversed() + names {
            for _ in 0..<2 {
                let cached = NormalizeTestSupport.withBytes(written) { cache.resolve($0) }
                let expected = registry.resolveIndex(written, on: nil)
                #expect(cached == expected.map { registry.communes[$0] }, "\(written)")
                let index = NormalizeTestSupport.withBytes(written) { cache.resolveIndex($0) }
                #expect(index == expected, "\(written)")
            }
        }
    }

    /// Code 02842 was Lùng Cải, then (from 2025-07-01) the new Tả Củ Tỷ; `Xã Bắc Hà` exists only after.
    @Test(arguments: [
        ("02842", "2024-12-31", "Lùng Cải", "2020-03-01"), ("02842", "2025-12-15", "Tả Củ Tỷ", "2025-07-01"),
        ("Tả Củ Tỷ", "2024-12-31", "Tả Củ Tỷ", "2020-03-01"), ("Tả Củ Tỷ", "2025-12-15", "Tả Củ Tỷ", "2025-07-01"),
        ("Lùng Cải", "2025-12-15", "Lùng Cải", "2020-03-01"), ("Xã Bắc Hà", "2025-12-15", "Bắc Hà", "2025-07-01"),
    ])
    func aNameOrCodeResolvesWithTheFilesDate(written: String, date: String, name: String, validFrom: String) throws {
        let registry = try Self.referenceRegistry()
        let unit = registry.resolveIndex(written, on: date).map { registry.communes[$0] }
        #expect(unit?.name == name)
        #expect(unit?.validFrom == validFrom)
    }

    @Test func withoutADateThePlansUnitsComeFirst() throws {
        let registry = try Self.referenceRegistry()
        #expect(registry.resolveIndex("02842", on: nil).map { registry.communes[$0].name } == "Lùng Cải")
        #expect(registry.resolveIndex("Xã Bắc Hà", on: nil).map { registry.communes[$0].validFrom } == "2025-07-01")
        #expect(registry.resolveIndex("Xã Bắc Hà", on: "2024-12-31") == nil)
    }

    @Test func cacheStaysCorrectPastItsCapacity() throws {
        let registry = try Self.referenceRegistry()
        let cache = CommuneResolverCache(registry: registry)
        for index in 0..<(CommuneResolverCache.capacity + 10) {
            #expect(NormalizeTestSupport.withBytes("Thôn \(index)") { cache.resolve($0) } == nil)
        }
        #expect(NormalizeTestSupport.withBytes("Thôn 1") { cache.resolve($0) } == nil)
        #expect(NormalizeTestSupport.withBytes("TT Bắc Hà") { cache.resolve($0) } == Self.bacHa)
    }

    // MARK: - Reference data errors

    private static let twoCommunes = [
        Commune(code: "02848", name: "Lùng Phình", type: "xa", validFrom: "2020-03-01", validTo: "2025-06-30"),
        Commune(code: "02866", name: "Bản Phố", type: "xa", validFrom: "2020-03-01", validTo: "2025-06-30"),
    ]

    @Test func rejectsAnAliasOfAnUnknownCode() {
        let expected = ReferenceDataError(
            "Alias \"Bản Già\" of 02845 names a code that is not a commune of 2020–2025.")
        #expect(throws: expected) {
            try CommuneRegistry(communes: Self.twoCommunes, aliases: [(code: "02845", alias: "Bản Già")])
        }
    }

    @Test func rejectsAKeyThatWouldMeanTwoCodes() {
        #expect(throws: ReferenceDataError(
            "Alias \"Ban Pho\" of 02848 folds to \"ban pho\", which already means 02866 (Bản Phố).")) {
            try CommuneRegistry(communes: Self.twoCommunes, aliases: [(code: "02848", alias: "Ban Pho")])
        }
    }

    @Test func rejectsAnAliasWhoseTypeWordContradictsItsUnit() {
        #expect(throws: ReferenceDataError.self) {
            try CommuneRegistry(
                communes: Self.twoCommunes, aliases: [(code: "02848", alias: "Thị trấn Lùng Phình")])
        }
    }

    @Test func rejectsACodeGivenTwiceInThePlanPeriod() {
        let duplicate = Commune(code: "02848", name: "Lùng Thẩn", type: "xa", validFrom: "2020-03-01", validTo: "")
        #expect(throws: ReferenceDataError.self) {
            try CommuneRegistry(communes: Self.twoCommunes + [duplicate], aliases: [])
        }
    }

    @Test func rejectsACodeWithoutItsLeadingZero() {
        let short = Commune(code: "2848", name: "Lùng Phình", type: "xa", validFrom: "2020-03-01", validTo: "")
        #expect(throws: ReferenceDataError.self) {
            try CommuneRegistry(communes: [short], aliases: [])
        }
    }

    @Test func acceptsAPost2025UnitReusingACode() throws {
        let successor = Commune(code: "02848", name: "Lùng Phình", type: "xa", validFrom: "2025-07-01", validTo: "")
        let registry = try CommuneRegistry(communes: Self.twoCommunes + [successor], aliases: [])
        #expect(registry.resolve("Lùng Phình") == Self.twoCommunes[0])
    }
}
