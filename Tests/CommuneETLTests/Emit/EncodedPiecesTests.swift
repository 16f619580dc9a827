import Testing
@testable import CommuneETL

/// Large outputs handed on in pieces: the same bytes as encoded whole, never a piece held past 1 MiB.
struct EncodedPiecesTests {
    @Test func aFullPieceIsHandedOnAndTheRestAtTheEnd() {
        var pieces: [Int] = []
        var out = EncodedPieces()
        out.bytes = [UInt8](repeating: 1, count: EncodedPieces.pieceSize - 1)
        out.flushIfFull { pieces.append($0.count) }
        #expect(pieces.isEmpty)
        out.bytes.append(2)
        out.flushIfFull { pieces.append($0.count) }
        #expect(pieces == [1 << 20])
        #expect(out.bytes.isEmpty)
        out.bytes = [3, 4]
        out.flush { pieces.append($0.count) }
        out.flush { pieces.append($0.count) }
        #expect(pieces == [1 << 20, 2])
    }

    @Test func anomaliesCSVInPiecesIsTheWholeEncoding() {
        let anomalies = (0..<700).map { StaffAnomalyListsTests.anomaly(line: $0, text: String(repeating: "v", count: 200) + String($0)) }
        var pieces: [[UInt8]] = []
        AnomalyCSVWriter.encode(anomalies) { pieces.append(Array($0)) }
        #expect(pieces.count == 2)
        #expect(pieces[0].count >= 1 << 20 && pieces[0].count < (1 << 20) + 4096)
        #expect(pieces.flatMap { $0 } == AnomalyCSVWriter.encode(anomalies))
        #expect(AnomalyCSVWriter.encode([]) == Array((Anomaly.columns.joined(separator: ",") + "\n").utf8))
    }

    @Test func aListInPiecesIsTheWholeEncoding() {
        let records = (0..<700).map {
            AnomalyRecord(anomaly: StaffAnomalyListsTests.anomaly(line: 700 - $0, text: String(repeating: "w", count: 200)),
                          status: .open, firstSeen: "2026-11-18", nightsOpen: 2)
        }
        let lists = StaffAnomalyLists(catalog: StaffAnomalyListsTests.catalog)
        var joined: [UInt8] = []
        var count = 0
        lists.encode(records) { joined.append(contentsOf: $0); count += 1 }
        #expect(count == 2)
        #expect(joined == lists.encode(records))
        #expect(StaffAnomalyListsTests.rows(joined)[1][4] == "1")
    }
}
