/// Deterministic household review lists with known faults: the oracle of end-to-end tests, the demo inbox
/// of `commune-etl sample`, and the benchmark input (`bench-task.md`).
///
/// The file is what a district compiles (`input-formats.md` §1): UTF-8 with an optional BOM, commas,
/// RFC 4180 minimal quoting, one header row, households in blocks of 200–2,500 per (commune, year).
/// Exactly `round(rows × faultRate)` rows carry one fault each, dealt evenly over `HR-REQUIRED`,
/// `HR-TYPE`, `HR-COMMUNE`, `HR-UNIQUE`, `HR-CCCD`, `HR-COUNT` and `HR-CLASS`; every other cell of such
/// a row is valid and consistent, so each planted fault is the only anomaly of its line.
public enum HouseholdSampleGenerator {
    /// The review list's header row.
    public static let header = "STT,Mã hộ,Họ và tên chủ hộ,Số CCCD,Dân tộc,Thôn/Bản,Xã,Số nhân khẩu,"
        + "Thu nhập BQ (đồng/người/tháng),Việc làm,Người phụ thuộc trong hộ,Dinh dưỡng,Bảo hiểm y tế,"
        + "Trình độ giáo dục của người lớn,Tình trạng đi học của trẻ em,Chất lượng nhà ở,"
        + "Diện tích nhà ở bình quân đầu người,Nguồn nước sinh hoạt,Nhà tiêu hợp vệ sinh,"
        + "Sử dụng dịch vụ viễn thông,Phương tiện phục vụ tiếp cận thông tin,Số chỉ số thiếu hụt,Phân loại,Năm"

    /// The canonical table's header line (without line ending), as `Pipelines/household-review.yaml` orders it.
    public static let canonicalHeader = "commune_code,year,household_code,head_name,citizen_id,ethnicity,"
        + "village,household_size,income_vnd,employment,dependents,nutrition,health_insurance,adult_education,"
        + "child_school_attendance,housing_quality,housing_area_per_capita,domestic_water,hygienic_latrine,"
        + "telecom_services,information_access,deprivation_count,classification,source_file,source_line"
        + ",corrected_fields,corrected_by,corrected_on"

    /// Bytes handed to `write` at a time (a chunk ends at a row boundary, so it can exceed this by one row).
    public static let chunkSize = 1 << 16

    /// Streams the CSV to `write` in chunks of about `chunkSize` bytes, reporting each planted fault and
    /// each expected canonical row as its row is written.
    ///
    /// - Parameters:
    ///   - fault: called once per faulty row, in line order.
    ///   - canonicalRow: called, in line order, for every row the pipeline must keep (no fault, or only an
    ///     `HR-CCCD` or `HR-COUNT` warning) with its LF-terminated canonical line. The array is reused
    ///     storage: keep a copy if you need it later (copy-on-write makes keeping it safe).
    /// - Throws: `HouseholdSampleError` for options it cannot honour (before writing anything), or what
    ///   `write` throws.
    /// - Complexity: O(rows) time; memory O(communes × years + chunkSize), flat in the number of rows.
    public static func generate(_ options: HouseholdSampleOptions,
                                write: (UnsafeRawBufferPointer) throws -> Void,
                                fault: (PlantedFault) -> Void = { _ in },
                                canonicalRow: ([UInt8]) -> Void = { _ in }) throws {
        let tables = try SampleTables(options)
        var rows = try HouseholdSampleRows(options, tables: tables)
        var out: [UInt8] = []
        out.reserveCapacity(chunkSize + 4_096)
        if options.byteOrderMark { out += [0xEF, 0xBB, 0xBF] }
        out += header.utf8
        out += tables.lineEnding
        var canonical: [UInt8] = []
        canonical.reserveCapacity(512)
        for _ in 0..<options.rows {
            let (planted, kept) = rows.next(into: &out, canonical: &canonical)
            if let planted { fault(planted) }
            if kept { canonicalRow(canonical) }
            if out.count >= chunkSize {
                try out.withUnsafeBytes(write)
                out.removeAll(keepingCapacity: true)
            }
        }
        if !out.isEmpty { try out.withUnsafeBytes(write) }
    }

    /// The whole sample in memory: for tests and small files.
    /// - Complexity: O(rows) time and memory.
    public static func generateInMemory(_ options: HouseholdSampleOptions) throws -> HouseholdSample {
        var csv: [UInt8] = []
        var faults: [PlantedFault] = []
        var canonicalCSV = Array(canonicalHeader.utf8) + [UInt8(ascii: "\n")]
        var kept = 0
        try generate(options, write: { csv += $0 }, fault: { faults.append($0) }, canonicalRow: {
            canonicalCSV += $0
            kept += 1
        })
        return HouseholdSample(csv: csv, faults: faults, canonicalCSV: canonicalCSV, canonicalRowCount: kept)
    }
}
