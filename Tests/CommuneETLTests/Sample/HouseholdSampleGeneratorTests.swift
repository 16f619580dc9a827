import CommuneETL
import Foundation
import Testing

@Suite struct HouseholdSampleGeneratorTests {
    static let sample = try! HouseholdSampleGenerator.generateInMemory(SampleFixtures.options(rows: 5_000, seed: 7))

    @Test func sameOptionsGiveIdenticalBytes() throws {
        let again = try HouseholdSampleGenerator.generateInMemory(SampleFixtures.options(rows: 5_000, seed: 7))
        #expect(again.csv == Self.sample.csv)
        #expect(again.faults == Self.sample.faults)
        #expect(again.canonicalCSV == Self.sample.canonicalCSV)
    }

    @Test func differentSeedsGiveDifferentBytes() throws {
        let other = try HouseholdSampleGenerator.generateInMemory(SampleFixtures.options(rows: 5_000, seed: 8))
        #expect(other.csv != Self.sample.csv)
    }

    @Test func startsWithByteOrderMarkAndTheExactHeader() {
        let expected = Array("\u{FEFF}STT,Mã hộ,Họ và tên chủ hộ,Số CCCD,Dân tộc,Thôn/Bản,Xã,Số nhân khẩu,Thu nhập BQ (đồng/người/tháng),Việc làm,Người phụ thuộc trong hộ,Dinh dưỡng,Bảo hiểm y tế,Trình độ giáo dục của người lớn,Tình trạng đi học của trẻ em,Chất lượng nhà ở,Diện tích nhà ở bình quân đầu người,Nguồn nước sinh hoạt,Nhà tiêu hợp vệ sinh,Sử dụng dịch vụ viễn thông,Phương tiện phục vụ tiếp cận thông tin,Số chỉ số thiếu hụt,Phân loại,Năm\r\n".utf8)
        #expect(Array(Self.sample.csv.prefix(expected.count)) == expected)
    }

    /// Tolerance: the total is exact (selection sampling); each rule gets total / 7 within ±2, because
    /// rules are dealt in shuffled rounds of seven and HR-UNIQUE may be owed for a few rows.
    @Test func plantsExactlyRoundedRateFaultsSpreadOverEveryRule() {
        let faults = Self.sample.faults
        #expect(faults.count == 100)
        let share = Double(faults.count) / 7
        for rule in SampleFixtures.rules {
            let count = faults.filter { $0.rule == rule }.count
            #expect(abs(Double(count) - share) <= 2, "\(rule): \(count)")
        }
        #expect(faults.map(\.line) == faults.map(\.line).sorted())
        #expect(Set(faults.map(\.line)).count == faults.count, "one fault per row")
    }

    @Test func rowsCarryDecreeConsistentClassesAndWellFormedCodes() throws {
        let (_, rows) = SampleFixtures.rows(Self.sample.csv)
        #expect(rows.count == 5_000)
        let faulty = Set(Self.sample.faults.map(\.line))
        let town = Set(SampleFixtures.communes.filter { $0.type == "thi_tran" }.flatMap { [$0.name] + $0.aliases })
        var classes: [String: Int] = [:]
        for (index, cells) in rows.enumerated() {
            #expect(cells.count == 24)
            #expect(cells[0] == String(index + 1))
            guard !faulty.contains(index + 2) else { continue }
            #expect(cells[1].range(of: #"^\d{5}-\d{4}-\d{5}$"#, options: .regularExpression) != nil)
            #expect(cells[1].dropFirst(6).prefix(4) == cells[23])
            let income = try #require(SampleFixtures.income(cells[8]))
            let marks = cells[9...20].filter { ["x", "X", "1"].contains($0) }.count
            let isTown = town.contains(cells[6]) || cells[1].hasPrefix("02839")
            let computed = SampleFixtures.decreeClass(income: income, marks: marks, town: isTown)
            let written = try #require(SampleFixtures.labels[cells[22]])
            #expect(written == computed || (written == "not_poor" && computed == "average"), "line \(index + 2)")
            #expect(cells[21] == String(marks))
            classes[computed, default: 0] += 1
        }
        for name in ["poor", "near_poor", "average", "not_poor"] {
            #expect(classes[name, default: 0] > 300, "\(name): \(classes[name, default: 0])")
        }
    }

    @Test func canonicalRowsAreTheKeptRowsInLineOrder() {
        let text = String(decoding: Self.sample.canonicalCSV, as: UTF8.self)
        var lines = text.components(separatedBy: "\n")
        #expect(lines.removeLast() == "")
        #expect(lines.removeFirst() == HouseholdSampleGenerator.canonicalHeader)
        let dropped = Self.sample.faults.filter { $0.rule != "HR-CCCD" && $0.rule != "HR-COUNT" }.count
        #expect(lines.count == 5_000 - dropped)
        #expect(Self.sample.canonicalRowCount == lines.count)
        let sourceLines = lines.map { Int($0.split(separator: ",").last!)! }
        #expect(sourceLines == sourceLines.sorted())
    }

    @Test func streamsInBoundedChunksWithoutKeepingRows() throws {
        var bytes = 0
        var newlines = 0
        var largestChunk = 0
        var faults = 0
        try HouseholdSampleGenerator.generate(SampleFixtures.options(rows: 200_000, seed: 3), write: { chunk in
            bytes += chunk.count
            largestChunk = max(largestChunk, chunk.count)
            newlines += chunk.reduce(0) { $0 + ($1 == 10 ? 1 : 0) }
        }, fault: { _ in faults += 1 })
        #expect(newlines == 200_001)
        #expect(faults == 4_000)
        #expect(largestChunk <= HouseholdSampleGenerator.chunkSize + 1_024)
        #expect(bytes > 200_000 * 100)
    }

    @Test func limitsUnitsToTheirYears() throws {
        var options = SampleFixtures.options(rows: 3_000, seed: 5)
        options.communes = [SampleCommune(code: "02872", name: "Tà Chải", type: "xa", years: 2021...2022)]
        let (_, rows) = SampleFixtures.rows(try HouseholdSampleGenerator.generateInMemory(options).csv)
        #expect(Set(rows.map { String($0[1].dropFirst(6).prefix(4)) }) == ["2021", "2022"])
    }

    @Test(arguments: [
        (HouseholdSampleOptions(rows: 1, seed: 1, communes: []), HouseholdSampleError.noCommunes),
        (HouseholdSampleOptions(rows: 5_000_000, seed: 1, communes: [SampleFixtures.communes[0]]),
         HouseholdSampleError.tooManyRows(requested: 5_000_000, capacity: 5 * 999_999)),
    ])
    func rejectsOptionsItCannotHonour(options: HouseholdSampleOptions, error: HouseholdSampleError) {
        #expect(throws: error) { try HouseholdSampleGenerator.generateInMemory(options) }
    }

    @Test func rejectsYearsContainingTheFaultYear() {
        var options = SampleFixtures.options(rows: 10, seed: 1)
        options.years = 2019...2020
        #expect(throws: HouseholdSampleError.invalidYears(2019...2020)) {
            try HouseholdSampleGenerator.generateInMemory(options)
        }
    }
}
