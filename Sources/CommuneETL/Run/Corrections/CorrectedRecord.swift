/// A record with the corrections that still fit it applied: its bytes rebuilt with the corrected cells.
///
/// A correction fits while the file's cell holds exactly the value that was flagged; otherwise the commune
/// changed it since, and its own value wins (the correction is stale). Rare, so the copy costs nothing per
/// file.
struct CorrectedRecord {
    /// The record's cells, back to back, and the end of each (the layout `CSVRecord` reads).
    var bytes: [UInt8] = []
    var ends: [Int] = []
    /// The corrections applied, each naming its canonical field (the list may show the Vietnamese label).
    var applied: [Correction] = []
    /// The corrections that do not fit, with the reason (`CORR-STALE` detail) and the value found.
    var stale: [(correction: Correction, detail: String, found: String)] = []

    init(_ record: CSVRecord, corrections: [Correction], pipeline: CompiledPipeline, columnOfSlot: [Int?]) {
        var overrides: [Int: [UInt8]] = [:]
        for correction in corrections {
            let key = TextFolding.matchKey(correction.field)
            guard let slot = pipeline.slot(named: correction.field)
                    ?? pipeline.slots.firstIndex(where: { TextFolding.matchKey($0.labelVI) == key }),
                  let column = columnOfSlot[slot] else {
                stale.append((correction, "no_field", ""))
                continue
            }
            let found = record.string(column).trimmingSpaces
            guard found == correction.flaggedValue else {
                stale.append((correction, "value_changed", found))
                continue
            }
            overrides[column] = Array(correction.correctedValue.utf8)
            var named = correction
            named.field = pipeline.slots[slot].name
            applied.append(named)
        }
        guard !overrides.isEmpty else { return }
        for column in 0..<record.fieldCount {
            bytes += overrides[column] ?? Array(record.field(column))
            ends.append(bytes.count)
        }
    }

    /// Hands the corrected record (valid only inside `body`) to `body`.
    func withRecord<T>(line: Int, _ body: (CSVRecord) throws -> T) rethrows -> T {
        try bytes.withUnsafeBufferPointer { bytes in
            try ends.withUnsafeBufferPointer { ends in try body(CSVRecord(line: line, bytes: bytes, ends: ends)) }
        }
    }
}
