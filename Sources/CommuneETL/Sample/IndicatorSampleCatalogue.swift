/// The indicators an indicator report carries (annex tables 05–09), by their fixed catalogue codes, with the
/// Vietnamese name and unit of `Pipelines/indicators.yaml`, in the sections a report groups them in.
struct IndicatorSampleItem: Equatable {
    let code: String
    let name: String
    let unit: String
    /// Values are held in tenths (rates, `triệu đồng/ha`: `91,6`) or whole units (people, tonnes, works).
    let inTenths: Bool
    /// An "of which" item of the indicator above it (`-`, `+` or `a)` in the STT column).
    let isPart: Bool
    /// How communes' values combine: summed, or averaged weighted by households (rates, levels per ha).
    var isSummed: Bool { !inTenths }
}

enum IndicatorSampleCatalogue {
    /// Sections in report order: the roman numeral, the heading, the items.
    static let sections: [(number: String, heading: String, items: [IndicatorSampleItem])] = [
        ("I", "Đào tạo nghề, giải quyết việc làm", [
            item("labour_trained", "Số lao động được đào tạo nghề", "người"),
            part("labour_certified", "Số lao động được cấp văn bằng, chứng chỉ", "người"),
            rate("training_need_met_rate",
                 "Tỷ lệ lao động thuộc hộ nghèo, hộ cận nghèo có nhu cầu được hỗ trợ đào tạo nghề và giới thiệu việc làm"),
            item("jobs_created", "Số lao động được giải quyết việc làm tăng thêm", "người"),
            part("jobs_in_companies", "Số lao động làm việc tại các công ty, doanh nghiệp trong và ngoài tỉnh", "người"),
            item("workers_abroad", "Số lao động đi làm việc có thời hạn ở nước ngoài", "người"),
        ]),
        ("II", "Phát triển sản xuất, nâng cao thu nhập", [
            IndicatorSampleItem(code: "agri_value_per_ha", name: "Giá trị sản phẩm trên 01 ha đất canh tác",
                                unit: "triệu đồng/ha", inTenths: true, isPart: false),
            item("grain_output", "Sản lượng lương thực có hạt", "tấn"),
            item("meat_output", "Tổng sản lượng thịt hơi các loại", "tấn"),
            item("ocop_products", "Số sản phẩm đạt tiêu chuẩn OCOP từ 3 sao trở lên phát triển mới, nâng cấp", "sản phẩm"),
            rate("forest_cover_rate", "Tỷ lệ che phủ rừng"),
            item("hitech_area", "Diện tích cây trồng ứng dụng công nghệ cao", "ha"),
            item("tourist_arrivals", "Số lượt khách đến tham quan, du lịch", "lượt khách"),
        ]),
        ("III", "Y tế, dinh dưỡng", [
            rate("health_insurance_rate", "Tỷ lệ người dân tham gia bảo hiểm y tế"),
            rate("stunting_rate", "Tỷ lệ trẻ em dưới 5 tuổi suy dinh dưỡng thể thấp còi"),
            rate("underweight_rate", "Tỷ lệ trẻ em dưới 5 tuổi suy dinh dưỡng thể nhẹ cân"),
        ]),
        ("IV", "Nhà ở", [
            item("houses_built", "Số nhà ở làm mới, nâng cấp, sửa chữa", "nhà"),
            rate("housing_standard_rate", "Tỷ lệ nhà ở dân cư đạt chuẩn theo quy định của Bộ Xây dựng"),
        ]),
        ("V", "Nước sinh hoạt, vệ sinh môi trường", [
            item("water_works", "Số công trình cấp nước sinh hoạt tập trung được nâng cấp, sửa chữa", "công trình"),
            rate("hygienic_water_rate", "Tỷ lệ hộ dân cư nông thôn được sử dụng nước hợp vệ sinh"),
            item("latrines_built", "Số công trình nhà tiêu hợp vệ sinh làm mới", "công trình"),
            rate("hygienic_latrine_rate", "Tỷ lệ hộ gia đình có nhà tiêu hợp vệ sinh"),
        ]),
        ("VI", "Nguồn vốn thực hiện", [
            item("funding_total", "Tổng nguồn vốn thực hiện", "triệu đồng"),
            part("funding_state_budget", "Vốn ngân sách", "triệu đồng"),
            part("funding_credit", "Vốn tín dụng", "triệu đồng"),
            part("funding_other", "Các nguồn vốn khác", "triệu đồng"),
        ]),
    ]

    /// Every item, in report order.
    static let items: [IndicatorSampleItem] = sections.flatMap(\.items)

    /// A row no catalogue holds (livestock support): the planted `unknown indicator` fault.
    static let unknownItem = IndicatorSampleItem(code: "", name: "Số con giống gia súc được hỗ trợ", unit: "con",
                                                 inTenths: false, isPart: false)

    private static func item(_ code: String, _ name: String, _ unit: String) -> IndicatorSampleItem {
        IndicatorSampleItem(code: code, name: name, unit: unit, inTenths: false, isPart: false)
    }

    private static func part(_ code: String, _ name: String, _ unit: String) -> IndicatorSampleItem {
        IndicatorSampleItem(code: code, name: name, unit: unit, inTenths: false, isPart: true)
    }

    private static func rate(_ code: String, _ name: String) -> IndicatorSampleItem {
        IndicatorSampleItem(code: code, name: name, unit: "%", inTenths: true, isPart: false)
    }
}
