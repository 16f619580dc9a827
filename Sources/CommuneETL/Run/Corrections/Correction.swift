/// One value a district officer wrote into the `corrected_value` column of an anomaly list and put back in
/// `inbox/corrections/`: the record and field it names, the value that was flagged, and the right one.
public struct Correction: Sendable, Equatable, Codable {
    /// The input file and spreadsheet line of the record, as the anomaly list gives them.
    public var sourceFile: String
    public var sourceLine: Int
    /// The canonical field (`household_size`) or its Vietnamese label, as the list's column shows it.
    public var field: String
    /// The value as flagged: the correction holds only while the file still says this.
    public var flaggedValue: String
    public var correctedValue: String
    public var correctedBy: String
    /// ISO date, as written in the list (`dd/mm/yyyy` accepted), or empty.
    public var correctedOn: String
    /// Where the correction itself was written, for messages and the manifest.
    public var correctionFile: String
    public var correctionLine: Int

    public init(sourceFile: String, sourceLine: Int, field: String, flaggedValue: String, correctedValue: String,
                correctedBy: String, correctedOn: String, correctionFile: String, correctionLine: Int) {
        self.sourceFile = sourceFile
        self.sourceLine = sourceLine
        self.field = field
        self.flaggedValue = flaggedValue
        self.correctedValue = correctedValue
        self.correctedBy = correctedBy
        self.correctedOn = correctedOn
        self.correctionFile = correctionFile
        self.correctionLine = correctionLine
    }
}
