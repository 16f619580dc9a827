internal import Foundation

/// One commune-level unit of the reference list (`Pipelines/reference/communes.csv`).
public struct Commune: Sendable, Equatable {
    /// The 5-digit GSO code, with its leading zero (`02848`).
    public let code: String
    /// The name without a type word (`Lùng Phình`, `Bắc Hà`).
    public let name: String
    /// `xa` or `thi_tran`.
    public let type: String
    /// First day in force, `yyyy-mm-dd`.
    public let validFrom: String
    /// Last day in force, `yyyy-mm-dd`; empty while still in force.
    public let validTo: String

    public init(code: String, name: String, type: String, validFrom: String, validTo: String) {
        self.code = code
        self.name = name
        self.type = type
        self.validFrom = validFrom
        self.validTo = validTo
    }
}

/// Reference data that cannot be used as given: the message names the row at fault.
public struct ReferenceDataError: Error, Equatable, CustomStringConvertible {
    public let message: String

    public init(_ message: String) {
        self.message = message
    }

    public var description: String { message }
}

/// The reference list of communes, and how a written commune name or code resolves to one of them.
///
/// Names are matched as SOURCES.md §2 recommends: `TextFolding.nameKey` (NFC, case, diacritics, spacing and
/// punctuation folded), one leading type word stripped (`Xã`, `X.`, `Thị trấn`, `TT`, `TT.`), then compared
/// with the communes' names and with the aliases (as written and without their own type word). The
/// 5-digit code (`02848`) and a code that lost its leading zero in a spreadsheet (`2848`) resolve too.
///
/// Units in force at some time from 2020-03-01 to 2025-06-30 (the plan's period) resolve from names and
/// codes alone. The units created on 2025-07-01 reuse old codes for different, larger communes (02842 was
/// Lùng Cải and became Tả Củ Tỷ; the new Lùng Phình also took in Tả Van Chư), so a name or code is
/// resolved with the file's date, never alone: `resolveIndex(_:on:)` looks among the later units first
/// when the date is on or after the day they came into force, and among the plan's units only when it is
/// before. Without a date, the plan's units come first (they were in force during every year of the plan)
/// and a name only a later unit bears (`Xã Bắc Hà`) still resolves.
///
/// A type word that contradicts the unit's type does not resolve: `Xã Bắc Hà` is the post-2025 commune,
/// not `Thị trấn Bắc Hà`, and silently mapping it would be a wrong guess.
public struct CommuneRegistry: Sendable {
    public struct Alias: Sendable, Equatable {
        public let code: String
        public let alias: String
    }

    /// The first and last day of the period whose units resolve from names and codes.
    public static let resolutionPeriod = (from: "2020-03-01", to: "2025-06-30")

    /// Every unit given to `init`, in order, including those outside the resolution period.
    public let communes: [Commune]
    /// Other spellings of each code, as given to `init` (for samples and documentation).
    public let aliases: [Alias]
    /// 5-digit code → index in `communes` of the unit of the resolution period with that code.
    public let indexByCodeForResolution: [String: Int]
    /// Folded name or alias (as written, and without its type word) → index in `communes`.
    private let indexByKey: [String: Int]
    /// The same lookups for the units that came into force after the plan's period.
    private let laterIndexByCode: [String: Int]
    private let laterIndexByKey: [String: Int]
    /// The first day a later unit was in force (`2025-07-01`), or nil when the list has none.
    public let laterPeriodStart: String?

    /// Builds the lookup tables once.
    ///
    /// - Throws: `ReferenceDataError` when a code is not five digits, a code appears twice within the
    ///   resolution period, an alias names a code that is not a unit of the period, an alias's type word
    ///   contradicts its unit's type, or one folded key would mean two different codes.
    /// - Complexity: O(n) in the number of communes and aliases.
    public init(communes: [Commune], aliases: [(code: String, alias: String)]) throws {
        self.communes = communes
        self.aliases = aliases.map { Alias(code: $0.code, alias: $0.alias) }
        var byCode: [String: Int] = [:]
        var byKey: [String: Int] = [:]

        func add(_ key: String, _ index: Int, from source: String) throws {
            guard !key.isEmpty else { throw ReferenceDataError("\(source) folds to an empty name.") }
            if let existing = byKey[key].map({ communes[$0] }), existing.code != communes[index].code {
                throw ReferenceDataError(
                    "\(source) folds to \"\(key)\", which already means \(existing.code) (\(existing.name)).")
            }
            byKey[key] = index
        }

        var laterByCode: [String: Int] = [:]
        var laterByKey: [String: Int] = [:]
        for (index, commune) in communes.enumerated() {
            guard commune.code.utf8.count == 5, commune.code.utf8.allSatisfy(NumberReader.isDigit) else {
                throw ReferenceDataError("Commune code \"\(commune.code)\" (\(commune.name)) is not 5 digits.")
            }
            guard Self.isInResolutionPeriod(commune) else {
                if let existing = laterByCode[commune.code].map({ communes[$0] }) {
                    throw ReferenceDataError("Code \(commune.code) is given to both \"\(existing.name)\" and \"\(commune.name)\" after 2025-06-30.")
                }
                laterByCode[commune.code] = index
                laterByKey[TextFolding.nameKey(commune.name)] = index
                continue
            }
            if let existing = byCode[commune.code].map({ communes[$0] }) {
                throw ReferenceDataError(
                    "Code \(commune.code) is given to both \"\(existing.name)\" and \"\(commune.name)\""
                        + " in 2020–2025.")
            }
            byCode[commune.code] = index
            try add(TextFolding.nameKey(commune.name), index, from: "Commune \(commune.code) \"\(commune.name)\"")
        }
        for (code, alias) in aliases {
            let source = "Alias \"\(alias)\" of \(code)"
            guard let index = byCode[code] else {
                throw ReferenceDataError("\(source) names a code that is not a commune of 2020–2025.")
            }
            let key = TextFolding.nameKey(alias)
            try add(key, index, from: source)
            if let (type, rest) = Self.splitTypeWord(key) {
                guard type == communes[index].type else {
                    throw ReferenceDataError(
                        "\(source) has a type word that contradicts the unit's type \(communes[index].type).")
                }
                try add(rest, index, from: source)
            }
        }
        self.indexByKey = byKey
        self.indexByCodeForResolution = byCode
        self.laterIndexByCode = laterByCode
        self.laterIndexByKey = laterByKey
        self.laterPeriodStart = laterByCode.values.map { communes[$0].validFrom }.min()
    }

    /// The unit `written` names on `date` (ISO): among the units that came into force after the plan's
    /// period when the date falls on or after their start, else among the plan's units.
    public func resolveIndex(_ written: String, on date: String?) -> Int? {
        guard let start = laterPeriodStart else { return resolveIndex(written) }
        guard let date else { return resolveIndex(written) ?? resolveLaterIndex(written) }
        return date >= start ? resolveLaterIndex(written) ?? resolveIndex(written) : resolveIndex(written)
    }

    /// Like `resolveIndex(_:on:)`, from the UTF-8 bytes of a cell.
    public func resolveIndex(_ bytes: UnsafeBufferPointer<UInt8>, on date: String?) -> Int? {
        if date == nil || laterPeriodStart == nil || date! < laterPeriodStart!, let index = resolveIndex(bytes) { return index }
        return resolveIndex(String(decoding: bytes, as: UTF8.self), on: date)
    }

    /// A unit of after the plan's period, by code or name (aliases belong to the plan's units).
    private func resolveLaterIndex(_ written: String) -> Int? {
        let trimmed = written.trimmingCharacters(in: .whitespaces)
        if trimmed.utf8.count == 5 || trimmed.utf8.count == 4, trimmed.utf8.allSatisfy(NumberReader.isDigit) {
            return laterIndexByCode[trimmed.utf8.count == 4 ? "0" + trimmed : trimmed]
        }
        let key = TextFolding.nameKey(written)
        if let (type, rest) = Self.splitTypeWord(key), let index = laterIndexByKey[rest] {
            return communes[index].type == type ? index : nil
        }
        return laterIndexByKey[key]
    }

    /// The unit that `written` names (a name, an alias or a code), or nil when none matches.
    /// - Complexity: O(n) in the length of `written` (folding, then hash lookups).
    public func resolve(_ written: String) -> Commune? {
        resolveIndex(written).map { communes[$0] }
    }

    /// The unit that the UTF-8 `bytes` name; codes are read without decoding.
    ///
    /// Decodes a String for names: for a column that repeats names, use a `CommuneResolverCache`.
    public func resolve(_ bytes: UnsafeBufferPointer<UInt8>) -> Commune? {
        resolveIndex(bytes).map { communes[$0] }
    }

    /// Like `resolve(_:)`, but the index of the unit in `communes`.
    public func resolveIndex(_ written: String) -> Int? {
        if let index = resolveCode(written.utf8) { return index }
        let key = TextFolding.nameKey(written)
        if let (type, rest) = Self.splitTypeWord(key), let index = indexByKey[rest] {
            return communes[index].type == type ? index : nil
        }
        return indexByKey[key]
    }

    /// Like `resolve(_:)`, but the index of the unit in `communes`.
    public func resolveIndex(_ bytes: UnsafeBufferPointer<UInt8>) -> Int? {
        if let index = resolveCode(bytes) { return index }
        return resolveIndex(String(decoding: bytes, as: UTF8.self))
    }

    // MARK: - Pieces

    /// A code of 5 digits, or 4 when a spreadsheet dropped the leading zero, after trimming spaces and tabs.
    private func resolveCode<Bytes: BidirectionalCollection<UInt8>>(_ bytes: Bytes) -> Int? {
        var start = bytes.startIndex
        var end = bytes.endIndex
        while start < end, bytes[start] == 0x20 || bytes[start] == 0x09 { bytes.formIndex(after: &start) }
        while start < end {
            let last = bytes.index(before: end)
            guard bytes[last] == 0x20 || bytes[last] == 0x09 else { break }
            end = last
        }
        let digits = bytes[start..<end]
        guard digits.count == 4 || digits.count == 5, digits.allSatisfy(NumberReader.isDigit) else { return nil }
        let code = String(decoding: digits, as: UTF8.self)
        return indexByCodeForResolution[digits.count == 4 ? "0" + code : code]
    }

    /// Splits a name key into its leading type word (as a `Commune.type`) and the rest, if it has one.
    private static func splitTypeWord(_ key: String) -> (type: String, rest: String)? {
        let typeWords = [("xa ", "xa"), ("x ", "xa"), ("thi tran ", "thi_tran"), ("tt ", "thi_tran")]
        for (word, type) in typeWords where key.hasPrefix(word) && key.utf8.count > word.utf8.count {
            return (type, String(key.dropFirst(word.count)))
        }
        return nil
    }

    /// Whether the unit was in force on some day of `resolutionPeriod` (ISO dates compare as strings).
    private static func isInResolutionPeriod(_ commune: Commune) -> Bool {
        commune.validFrom <= resolutionPeriod.to
            && (commune.validTo.isEmpty || commune.validTo >= resolutionPeriod.from)
    }
}
