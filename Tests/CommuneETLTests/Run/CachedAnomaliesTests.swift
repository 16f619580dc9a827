import Testing
@testable import CommuneETL

/// The cache's binary form of a file's anomalies: exact bytes, round trip, refusal of anything else.
@Suite struct CachedAnomaliesTests {
    static let sample = Anomaly(
        anomalyID: "b7f3", severity: .error, rule: "HR-COMMUNE", pipeline: "hr", sourceFile: "a.csv", sourceLine: 5,
        communeCode: "", recordKey: "k", field: "f", value: "Bản", expected: "e", messageVI: "v", messageEN: "m", owner: "o")

    @Test func oneAnomalyHasTheseBytes() {
        var expected: [UInt8] = Array("CEAN".utf8) + [1, 0, 0, 0, 1]  // version 1, one anomaly
        for text in ["b7f3", "error", "HR-COMMUNE", "hr", "a.csv"] { expected += [UInt8(text.utf8.count)] + Array(text.utf8) }
        expected.append(6)  // line 5, plus one
        for text in ["", "k", "f", "Bản", "e", "v", "m", "o"] { expected += [UInt8(text.utf8.count)] + Array(text.utf8) }
        #expect(Array("Bản".utf8).count == 5)
        #expect(CachedAnomalies.encode([Self.sample]) == expected)
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

    /// Pieces of about 1 MiB: a large list reaches the sink in several calls that join to the whole.
    @Test func largeListsAreStreamedInPieces() {
        let anomalies = Array(repeating: Self.sample, count: 40_000)
        var pieces: [[UInt8]] = []
        CachedAnomalies.encode(anomalies) { pieces.append(Array($0)) }
        #expect(pieces.count == 2)
        #expect(Array(pieces.joined()) == CachedAnomalies.encode(anomalies))
    }

    @Test func truncatedOrOtherVersionIsRefused() {
        let bytes = CachedAnomalies.encode([Self.sample])
        #expect(CachedAnomalies.decode(Array(bytes.dropLast())) == nil)
        #expect(CachedAnomalies.decode(bytes + [0]) == nil)
        var otherVersion = bytes
        otherVersion[4] = 2
        #expect(CachedAnomalies.decode(otherVersion) == nil)
        #expect(CachedAnomalies.decode(Array("[]".utf8)) == nil)
    }
}
