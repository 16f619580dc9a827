import Testing
@testable import CommuneETL

/// Header rows against the repository's household-review pipeline.
struct HeaderBindingTests {
    private static func bind(_ text: String) throws -> (HeaderBinding, CompiledPipeline) {
        let pipeline = try RepositoryPaths.householdReview()
        return (try #require(try CSVReading.binding(text, pipeline)), pipeline)
    }

    /// Field name → file column, for the slots the header bound.
    private static func columns(_ binding: HeaderBinding, _ pipeline: CompiledPipeline) -> [String: Int] {
        var result: [String: Int] = [:]
        for (slot, column) in binding.columnOfSlot.enumerated() {
            if let column { result[pipeline.slots[slot].name] = column }
        }
        return result
    }

    private static func missing(_ binding: HeaderBinding, _ pipeline: CompiledPipeline) -> [String] {
        binding.missingRequiredSlots.map { pipeline.slots[$0].name }
    }

    private static func unknown(_ binding: HeaderBinding) -> [String] {
        binding.unknownColumns.map { "\($0.column):\($0.header)" }
    }

    static let fullHeader = "STT,Mã hộ,Họ và tên chủ hộ,Số CCCD,Dân tộc,Thôn/Bản,Xã,Số nhân khẩu,Thu nhập BQ (đồng/người/tháng),"
        + "Việc làm,Người phụ thuộc trong hộ,Dinh dưỡng,Bảo hiểm y tế,Trình độ giáo dục của người lớn,"
        + "Tình trạng đi học của trẻ em,Chất lượng nhà ở,Diện tích nhà ở bình quân đầu người,Nguồn nước sinh hoạt,"
        + "Nhà tiêu hợp vệ sinh,Sử dụng dịch vụ viễn thông,Phương tiện phục vụ tiếp cận thông tin,Số chỉ số thiếu hụt,"
        + "Phân loại,Năm,Ghi chú"

    @Test func theUsualHeaderBindsEveryFieldInOrder() throws {
        let (binding, pipeline) = try Self.bind(Self.fullHeader + "\n")
        let declared = pipeline.slots.filter { !$0.isDerived }.map(\.name)
        #expect(declared.count == 25)
        #expect(Self.columns(binding, pipeline) == Dictionary(uniqueKeysWithValues: zip(declared, 0...)))
        #expect(binding.columnCount == 25)
        #expect(binding.matchedCount == 25)
        #expect(binding.missingRequiredSlots.isEmpty)
        #expect(binding.unknownColumns.isEmpty)
        #expect(binding.headerLine == 1)
        #expect(binding.looksLikeHeader)
    }

    /// The seven required columns, spelled as communes spell them, in the order year → code.
    static let spellings = [
        "Năm,Phân loại,Thu nhập BQ (đồng/người/tháng),Số nhân khẩu,Xã,Họ và tên chủ hộ,Mã hộ",
        "NĂM,PHÂN LOẠI,THU NHẬP BQ (ĐỒNG/NGƯỜI/THÁNG),SỐ NHÂN KHẨU,XÃ,HỌ VÀ TÊN CHỦ HỘ,MÃ HỘ",
        "Nam,Phan loai,Thu nhap binh quan,So nhan khau,Xa,Ho va ten chu ho,Ma ho",
        "\"Năm\nrà soát\",\"Phân loại\r\nhộ\",\"Thu nhập BQ\n(đồng/người/tháng)\",\"Số nhân\nkhẩu\",\"Xã/\nThị trấn\",\"Họ tên\nchủ hộ\",\"Mã\nhộ\"",
        "  Năm ,Phân  loại,Thu nhập bình quân đầu người/tháng,Nhân khẩu,Tên xã,Chủ hộ,Mã hộ gia đình",
        "Na\u{306}m,Pha\u{302}n loa\u{323}i,Thu nha\u{302}\u{323}p BQ,So\u{302}\u{301} nha\u{302}n kha\u{302}\u{309}u,Xa\u{303},Chu\u{309} ho\u{302}\u{323},Ma\u{303} ho\u{302}\u{323}",
    ]

    @Test(arguments: spellings)
    func headersMatchInAnyOrderCaseDiacriticsAndLineBreaks(text: String) throws {
        let (binding, pipeline) = try Self.bind(text + "\n")
        #expect(Self.columns(binding, pipeline) == [
            "year": 0, "reported_classification": 1, "income_vnd": 2, "household_size": 3, "commune_code": 4,
            "head_name": 5, "household_code": 6,
        ])
        #expect(binding.missingRequiredSlots.isEmpty)
        #expect(binding.unknownColumns.isEmpty)
        #expect(binding.columnCount == 7)
        #expect(binding.matchedCount == 7)
        #expect(binding.looksLikeHeader)
    }

    @Test func extraColumnsAreListedAsUnknownWithTheirColumn() throws {
        let (binding, pipeline) = try Self.bind(
            "Mã hộ,Họ và tên chủ hộ,Điện thoại,Xã,Số nhân khẩu,Thu nhập BQ,Phân loại,Năm,Người rà soát\n")
        #expect(Self.unknown(binding) == ["2:Điện thoại", "8:Người rà soát"])
        #expect(Self.columns(binding, pipeline)["commune_code"] == 3)
        #expect(binding.matchedCount == 7)
        #expect(binding.columnCount == 9)
        #expect(binding.looksLikeHeader)
    }

    @Test func aColumnNamedTwiceBindsTheFirstAndListsTheSecondAsUnknown() throws {
        let (binding, pipeline) = try Self.bind("Mã hộ,Họ và tên chủ hộ,Xã,Số nhân khẩu,Thu nhập BQ,Phân loại,Năm,Mã hộ gia đình\n")
        #expect(Self.columns(binding, pipeline)["household_code"] == 0)
        #expect(Self.unknown(binding) == ["7:Mã hộ gia đình"])
    }

    @Test func trailingEmptyHeaderCellsAreNotColumns() throws {
        let (binding, _) = try Self.bind("Mã hộ,Họ và tên chủ hộ,Xã,Số nhân khẩu,Thu nhập BQ,Phân loại,Năm,,,  ,\"\"\n")
        #expect(binding.columnCount == 7)
        #expect(binding.unknownColumns.isEmpty)
    }

    @Test func anEmptyHeaderCellInsideTheRowStillCountsAsAColumn() throws {
        let (binding, pipeline) = try Self.bind("Mã hộ,,Họ và tên chủ hộ,Xã,Số nhân khẩu,Thu nhập BQ,Phân loại,Năm,\n")
        #expect(binding.columnCount == 8)
        #expect(Self.columns(binding, pipeline)["head_name"] == 2)
        #expect(binding.unknownColumns.isEmpty)
    }

    static let titleRows = [
        "\"DANH SÁCH RÀ SOÁT HỘ NGHÈO, HỘ CẬN NGHÈO NĂM 2023\",,,,,,,",
        "UBND XÃ LÙNG PHÌNH,,,,CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM",
        ",,,,,,",
        "(1),(2),(3),(4),(5),(6),(7),(8),(9)",
    ]

    @Test(arguments: titleRows)
    func aTitleRowIsNotAHeader(text: String) throws {
        let (binding, _) = try Self.bind(text + "\n")
        #expect(binding.matchedCount == 0)
        #expect(!binding.looksLikeHeader)
    }

    /// A row that names three fields but only two of the seven required ones: the doc comment of
    /// `looksLikeHeader` says a header names "at least half of the required ones".
    @Test
    func aLabelRowNamingFewRequiredFieldsIsNotAHeader() throws {
        let (binding, pipeline) = try Self.bind("Xã:,Lùng Phình,Thôn/Bản:,Sín Chải,Năm:,2023\n")
        #expect(binding.matchedCount == 3)
        #expect(Self.missing(binding, pipeline) == [
            "household_code", "head_name", "household_size", "income_vnd", "reported_classification",
        ])
        #expect(!binding.looksLikeHeader)
    }

    @Test func aHeaderWithoutPhanLoaiListsThatSlotAsMissing() throws {
        let (binding, pipeline) = try Self.bind("STT,Mã hộ,Họ và tên chủ hộ,Xã,Số nhân khẩu,Thu nhập BQ,Năm,Ghi chú\n")
        #expect(Self.missing(binding, pipeline) == ["reported_classification"])
        #expect(binding.looksLikeHeader)
        #expect(binding.matchedCount == 8)
    }

    @Test func missingSlotsAreListedOnceInSlotOrder() throws {
        let (binding, pipeline) = try Self.bind("STT,Năm,Xã,Dân tộc,Ghi chú\n")
        #expect(Self.missing(binding, pipeline) == [
            "household_code", "head_name", "household_size", "income_vnd", "reported_classification",
        ])
    }

    @Test func theHeaderLineIsTheSpreadsheetLineOfTheRow() throws {
        let pipeline = try RepositoryPaths.householdReview()
        let reader = CSVRecordReader()
        var lines: [Int] = []
        let bind: (CSVRecord) -> Void = { record in
            let binding = HeaderBinding(record: record, pipeline: pipeline)
            if binding.looksLikeHeader { lines.append(binding.headerLine) }
        }
        let text = "\"Danh sách rà soát, 2023\"\r\n\r\n" + Self.fullHeader + "\r\n"
        try Array(text.utf8).withUnsafeBytes { try reader.parse($0, onRecord: bind) }
        try reader.finish(onRecord: bind)
        #expect(lines == [3])
    }
}
