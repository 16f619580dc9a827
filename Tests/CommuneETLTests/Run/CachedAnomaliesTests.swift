import Testing
@testable import CommuneETL

/// The cache's binary form of a file's anomalies: exact bytes, round trip, refusal of anything else.
@Suite struct CachedAnomaliesTests {
    static let sample = Anomaly(
        anomalyID: "b7f3", severity: .error, rule: "HR-COMMUNE", pipeline: "hr", sourceFile: "a.csv", sourceLine: 5,
        communeCode: "", recordKey: "k", field: "f", value: "Bản", expected: "e", messageVI: "v", messageEN: "m", owner: "o")

    @Test func oneAnomalyHasTheseBytes() {
        var record: [UInt8] = []
        for text in ["b7f3", "error", "HR-COMMUNE", "hr", "a.csv"] { record += [UInt8(text.utf8.count)] + Array(text.utf8) }
        record.append(6)  // line 5, plus one
        for text in ["", "k", "f", "Bản", "e", "v", "m", "o"] { record += [UInt8(text.utf8.count)] + Array(text.utf8) }
        #expect(Array("Bản".utf8).count == 5)
        // Version 2, one anomaly, framed by its length.
        #expect(CachedAnomalies.encode([Self.sample]) == Array("CEAN".utf8) + [2, 0, 0, 0, 1, UInt8(record.count)] + record)
    }

    @Test func anomaliesRoundTripWithAndWithoutALine() throws {
        var fileLevel = Self.sample
        fileLevel.sourceLine = nil
        fileLevel.severity = .warning
        var late = Self.sample
        late.sourceLine = 200_000
        late.messageVI = String(repeating: "ữ", count: 100)
        let anomalies = [Self.sample, fileLevel, late]
        let bytes = CachedAnomalies.encode(anomalies)
        #expect(CachedAnomalies.decode(bytes) == anomalies)
        #expect(CachedAnomalies.decode(CachedAnomalies.encode([])) == [])
    }

    @Test func truncatedOrOtherVersionIsRefused() {
        let bytes = CachedAnomalies.encode([Self.sample])
        #expect(CachedAnomalies.decode(Array(bytes.dropLast())) == nil)
        #expect(CachedAnomalies.decode(bytes + [0]) == nil)
        var otherVersion = bytes
        otherVersion[4] = 1
        #expect(CachedAnomalies.decode(otherVersion) == nil)
        #expect(CachedAnomalies.decode(Array("[]".utf8)) == nil)
    }
}
