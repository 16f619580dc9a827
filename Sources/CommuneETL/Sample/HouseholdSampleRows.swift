/// The generator between two rows: blocks, household codes, which rows carry faults.
///
/// Memory is O(communes × years + block size), whatever the number of rows.
struct HouseholdSampleRows {
    /// Household codes have five digits up to 99,999 and six above (a commune and year of a 10M-row list
    /// holds ~105,000 households); lists that fit in five digits come out as they always did.
    static let codesPerUnitYear = 999_999

    private var rng: SampleRandom
    private let tables: SampleTables
    private let misspelledRate: Double
    /// (commune, year) pairs a block can belong to, and how many codes each has used.
    private let pairCommune: [Int]
    private let pairYear: [Int]
    private var pairUsed: [Int]
    private var rowsLeft: Int
    private var faultsLeft: Int
    private var blockPair = 0
    private var blockLeft = 0
    /// Sequence numbers of the fault-free rows of the current block: what `HR-UNIQUE` may repeat.
    private var cleanSequences: [Int] = []
    private var dealer = SampleFaultDealer()
    private var rowNumber = 0

    init(_ options: HouseholdSampleOptions, tables: SampleTables) throws {
        for (name, rate) in [("faultRate", options.faultRate), ("misspelledCommuneRate", options.misspelledCommuneRate)]
        where !(0...1).contains(rate) {
            throw HouseholdSampleError.invalidRate(name: name, value: rate)
        }
        guard options.years.lowerBound >= 1000, options.years.upperBound <= 9999, !options.years.contains(2019)
        else { throw HouseholdSampleError.invalidYears(options.years) }
        var communes: [Int] = []
        var years: [Int] = []
        for year in options.years {
            for (index, commune) in options.communes.enumerated() where commune.years?.contains(year) ?? true {
                communes.append(index)
                years.append(year)
            }
        }
        let capacity = communes.count * Self.codesPerUnitYear
        guard options.rows >= 0, options.rows <= capacity else {
            throw HouseholdSampleError.tooManyRows(requested: options.rows, capacity: capacity)
        }
        rng = SampleRandom(seed: options.seed)
        self.tables = tables
        misspelledRate = options.misspelledCommuneRate
        pairCommune = communes
        pairYear = years
        pairUsed = Array(repeating: 0, count: communes.count)
        rowsLeft = options.rows
        faultsLeft = Int((Double(options.rows) * options.faultRate).rounded())
    }

    /// Starts a block of 200–2,500 households of one (commune, year), drawn among those with codes left;
    /// the last block of the file, or of a full (commune, year), may be shorter.
    private mutating func startBlock() {
        var pair = rng.below(pairCommune.count)
        while pairUsed[pair] >= Self.codesPerUnitYear { pair = (pair + 1) % pairCommune.count }
        blockPair = pair
        blockLeft = min(200 + rng.below(2_301), rowsLeft, Self.codesPerUnitYear - pairUsed[pair])
        cleanSequences.removeAll(keepingCapacity: true)
    }

    /// Appends the next row to `out`. Returns its planted fault, if any, and whether `canonical` now holds
    /// the row's expected canonical line (rows without a fault or with a warning only).
    mutating func next(into out: inout [UInt8], canonical: inout [UInt8]) -> (fault: PlantedFault?, kept: Bool) {
        if blockLeft == 0 { startBlock() }
        rowNumber += 1
        pairUsed[blockPair] += 1
        var household = SampleHousehold.draw(
            commune: pairCommune[blockPair], year: pairYear[blockPair], sequence: pairUsed[blockPair],
            tables: tables, rng: &rng)
        var fault: SampleFaultCell?
        // Selection sampling (Knuth, TAOCP 3.4.2, algorithm S): exactly `faultsLeft` of `rowsLeft` rows.
        if faultsLeft > 0 && rng.below(rowsLeft) < faultsLeft {
            faultsLeft -= 1
            let rule = dealer.next(uniquePossible: !cleanSequences.isEmpty, rng: &rng)
            fault = SampleFaultPlanter.plant(rule, in: &household, cleanSequences: cleanSequences,
                                             tables: tables, rng: &rng)
        }
        rowsLeft -= 1
        blockLeft -= 1
        let variants = tables.communeVariants[household.commune]
        let variant = rng.unit() < misspelledRate && !variants.isEmpty ? rng.below(variants.count) : nil
        let style = Style(marks: rng.next(), averageLabel: rng.below(4) == 0)
        appendRow(household, fault: fault, variant: variant, style: style, to: &out)
        if fault == nil { cleanSequences.append(household.sequence) }
        let line = rowNumber + 1
        let planted = fault.map { PlantedFault(line: line, rule: $0.rule.id, field: $0.field) }
        guard fault?.rule.keepsRow ?? true else { return (planted, false) }
        appendCanonical(household, line: line, withCitizenID: fault?.rule != .citizenID, to: &canonical)
        return (planted, true)
    }

    /// How a clean cell is written: 5 random bits per indicator mark, and the label of an average household.
    private struct Style {
        let marks: UInt64
        let averageLabel: Bool
    }

    private func appendRow(_ household: SampleHousehold, fault: SampleFaultCell?, variant: Int?, style: Style,
                           to out: inout [UInt8]) {
        for column in 0..<24 {
            if column > 0 { out.append(UInt8(ascii: ",")) }
            if let fault, fault.column == column {
                out += fault.text
                continue
            }
            switch column {
            case 0: SampleBytes.appendDecimal(rowNumber, to: &out)
            case 1: household.appendCode(number: household.sequence, tables: tables, to: &out)
            case 2: household.appendName(tables: tables, to: &out)
            case 3: SampleBytes.appendPadded(household.citizenID, width: 12, to: &out)
            case 4: out += tables.ethnicities[household.group]
            case 5: out += tables.villages[household.village]
            case 6:
                out += variant.map { tables.communeVariants[household.commune][$0] }
                    ?? tables.communeNames[household.commune]
            case 7: SampleBytes.appendDecimal(household.size, to: &out)
            case 8: SampleBytes.appendDotted(household.income, to: &out)
            case 9...20:
                // Mostly `x` and empty; now and then `X`, `1` or `0`.
                let indicator = column - 9
                let bits = (style.marks >> UInt64(5 * indicator)) & 31
                if household.marks & (1 << indicator) != 0 {
                    out.append(UInt8(ascii: bits < 29 ? "x" : bits < 31 ? "X" : "1"))
                } else if bits >= 30 {
                    out.append(UInt8(ascii: "0"))
                }
            case 21: SampleBytes.appendDecimal(household.deprivations, to: &out)
            case 22:
                var written = household.decreeClass
                if written == .average && !style.averageLabel { written = .notPoor }
                out += tables.classLabels[written.rawValue]
            default: SampleBytes.appendDecimal(household.year, to: &out)
            }
        }
        out += tables.lineEnding
    }

    /// The row as the canonical table must hold it (`HouseholdSampleGenerator.canonicalHeader`), LF-ended.
    private func appendCanonical(_ household: SampleHousehold, line: Int, withCitizenID: Bool,
                                 to out: inout [UInt8]) {
        let comma = UInt8(ascii: ",")
        out.removeAll(keepingCapacity: true)
        out += tables.communeCodes[household.commune]
        out.append(comma)
        SampleBytes.appendDecimal(household.year, to: &out)
        out.append(comma)
        household.appendCode(number: household.sequence, tables: tables, to: &out)
        out.append(comma)
        household.appendName(tables: tables, to: &out)
        out.append(comma)
        if withCitizenID { SampleBytes.appendPadded(household.citizenID, width: 12, to: &out) }
        out.append(comma)
        out += tables.ethnicities[household.group]
        out.append(comma)
        out += tables.villages[household.village]
        out.append(comma)
        SampleBytes.appendDecimal(household.size, to: &out)
        out.append(comma)
        SampleBytes.appendDecimal(household.income, to: &out)
        for indicator in 0..<12 {
            out.append(comma)
            out.append(household.marks & (1 << indicator) != 0 ? UInt8(ascii: "1") : UInt8(ascii: "0"))
        }
        out.append(comma)
        SampleBytes.appendDecimal(household.deprivations, to: &out)
        out.append(comma)
        out += tables.canonicalClasses[household.decreeClass.rawValue]
        out.append(comma)
        out += tables.sourceFile
        out.append(comma)
        SampleBytes.appendDecimal(line, to: &out)
        out += Array(",,,\n".utf8)  // corrected_fields, corrected_by, corrected_on: no correction
    }
}
