/// One household as it really is, before anyone writes it down (the row's truth).
///
/// Drawn field by field from the PRNG in a fixed order; a fault may adjust it before it is written, and the
/// written row and the canonical row are both derived from it.
struct SampleHousehold {
    var commune: Int
    var year: Int
    /// The number of the household code: 5 digits, 6 above 99,999.
    var sequence: Int
    var group: Int
    var isMale: Bool
    var surname: Int
    var middle: Int
    var given: Int
    /// The 12-digit citizen ID as a number (written zero-padded: `010…`).
    var citizenID: Int
    var village: Int
    var size: Int
    var income: Int
    /// Bit i set ⇔ deprived in indicator i (decree order).
    var marks: UInt16
    var povertyLine: Int

    var deprivations: Int { marks.nonzeroBitCount }

    var decreeClass: SampleClass {
        SampleClass(income: income, deprivations: deprivations, line: povertyLine)
    }

    /// Draws a household of `commune` in `year`.
    ///
    /// Income: 30 % at or below the line, 25 % in the average band (line, 1.5 × line], the rest up to
    /// 6,000,000, in steps of 5,000 so the line itself occurs. Each indicator is deprived with probability
    /// 9/32 at or below the line and 3/32 above it (about 15 % overall).
    static func draw(commune: Int, year: Int, sequence: Int, tables: SampleTables,
                     rng: inout SampleRandom) -> SampleHousehold {
        let line = tables.povertyLines[commune]
        let group = rng.weighted(tables.isTown[commune] ? SampleNames.townWeights : SampleNames.ruralWeights)
        let isMale = rng.percent(SampleNames.groups[group].malePercent)
        let surname = rng.below(tables.surnames[group].count)
        let middle = rng.below((isMale ? tables.maleMiddles : tables.femaleMiddles)[group].count)
        let given = rng.below((isMale ? tables.maleGiven : tables.femaleGiven)[group].count)
        let citizenID = drawCitizenID(isMale: isMale, year: year, rng: &rng)
        let village = (commune * 7 + rng.below(8)) % tables.villages.count
        let size = rng.weighted(SampleNames.sizeWeights) + 1
        let step = 5_000
        let ceiling = line * 3 / 2
        let income: Int
        switch rng.below(100) {
        case ..<30: income = 400_000 + step * rng.below((line - 400_000) / step + 1)
        case ..<55: income = line + step * (1 + rng.below((ceiling - line) / step))
        default: income = ceiling + step * (1 + rng.below((6_000_000 - ceiling) / step))
        }
        let threshold: UInt64 = income <= line ? 9 : 3
        var bits = rng.next()
        var marks: UInt16 = 0
        for indicator in 0..<12 {
            if bits & 31 < threshold { marks |= 1 << indicator }
            bits >>= 5
        }
        return SampleHousehold(
            commune: commune, year: year, sequence: sequence, group: group, isMale: isMale,
            surname: surname, middle: middle, given: given, citizenID: citizenID, village: village,
            size: size, income: income, marks: marks, povertyLine: line)
    }

    /// A CCCD number: province (010 Lào Cai nine times in ten), century-and-sex digit, two digits of
    /// the birth year, six serial digits. Heads are 22–80 years old in the review year.
    private static func drawCitizenID(isMale: Bool, year: Int, rng: inout SampleRandom) -> Int {
        let province = rng.below(10) < 9 ? 10 : SampleNames.otherProvinces[rng.below(SampleNames.otherProvinces.count)]
        let birthYear = year - 22 - rng.below(59)
        let centuryAndSex = (birthYear >= 2000 ? 2 : 0) + (isMale ? 0 : 1)
        let serial = rng.below(1_000_000)
        return ((province * 10 + centuryAndSex) * 100 + birthYear % 100) * 1_000_000 + serial
    }

    /// Appends the head's name (`Giàng Seo Phử`).
    func appendName(tables: SampleTables, to out: inout [UInt8]) {
        out += tables.surnames[group][surname]
        out.append(UInt8(ascii: " "))
        out += (isMale ? tables.maleMiddles : tables.femaleMiddles)[group][middle]
        out.append(UInt8(ascii: " "))
        out += (isMale ? tables.maleGiven : tables.femaleGiven)[group][given]
    }

    /// Appends the household code of sequence number `number` in this household's commune and year
    /// (`02848-2023-00017`).
    func appendCode(number: Int, tables: SampleTables, to out: inout [UInt8]) {
        out += tables.communeCodes[commune]
        out.append(UInt8(ascii: "-"))
        SampleBytes.appendDecimal(year, to: &out)
        out.append(UInt8(ascii: "-"))
        SampleBytes.appendPadded(number, width: 5, to: &out)
    }
}
