/// What a cell was read as. Numbers and choices are decoded from bytes; text stays in the record's bytes.
public enum FieldValue: Equatable, Sendable {
    /// Empty cell, or no such column in the file.
    case missing
    /// Text in NFC, the bytes of record column `column` (trimmed of surrounding spaces).
    case text(column: Int)
    /// Text that needed NFC normalisation: index into the row's normalised texts.
    case normalizedText(Int)
    case integer(Int64)
    /// `units` × 10^-`scale`, as written (`25,93` is 2593, scale 2).
    case decimal(units: Int64, scale: UInt8)
    case date(year: Int16, month: UInt8, day: UInt8)
    case flag(Bool)
    /// An `enum` value or a commune: index into the field's choices or the commune registry.
    case choice(Int)
    /// The cell holds something that cannot be read as the field's type.
    case invalid(ValueProblem)

    public var isPresent: Bool { self != .missing }

    public var isValid: Bool {
        switch self {
        case .missing, .invalid: false
        default: true
        }
    }

    public var integerValue: Int64? {
        switch self {
        case let .integer(value): value
        case let .flag(value): value ? 1 : 0
        default: nil
        }
    }
}

/// Why a cell could not be read.
public enum ValueProblem: Equatable, Sendable {
    case number(NumberProblem)
    case date(DateProblem)
    case outOfRange
    case notAFlag
    case unknownLabel
    case unknownCommune
    /// An indicator name the catalogue does not know.
    case unknownIndicator
    case invalidUTF8
    /// A value that read correctly but failed a warning rule: written empty.
    case rejected
}

extension FieldValue {
    /// The value of a number or flag as a `Double` (decimals exactly as written, to 15 digits); nil otherwise.
    public var numericValue: Double? {
        switch self {
        case let .integer(value): Double(value)
        case let .decimal(units, scale): DecimalReading.value(units: units, scale: scale).doubleValue
        case let .flag(value): value ? 1 : 0
        default: nil
        }
    }
}
