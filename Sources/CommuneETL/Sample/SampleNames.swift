/// The pools household samples draw names, ethnic groups and villages from: Bắc Hà district, Lào Cai.
///
/// Sources: Appendix A of `reference/poverty-standard-2021-2025.md` (groups present, Mông about half,
/// clan names and naming customs). Given names are plausible, not attested. Every string is NFC and holds
/// no comma, quote or line break, so it is a CSV field as it stands (a test checks both).
enum SampleNames {
    /// How one ethnic group names people.
    struct Group {
        let ethnicity: String
        let surnames: [String]
        /// Repeats weight the draw (Mông men: mostly `Seo`, some `A`, a few `Văn`).
        let maleMiddles: [String]
        let femaleMiddles: [String]
        let maleGiven: [String]
        let femaleGiven: [String]
        /// Per cent of heads of household who are men.
        let malePercent: Int
    }

    /// Ethnic groups, in the order of `ruralWeights` and `townWeights`.
    static let groups: [Group] = [
        Group(
            ethnicity: "Mông",
            surnames: ["Giàng", "Vàng", "Thào", "Lù", "Sùng", "Lý", "Mua", "Hầu", "Tráng", "Cư", "Ly", "Sình"],
            maleMiddles: ["Seo", "Seo", "Seo", "A", "A", "Văn"],
            femaleMiddles: ["Thị"],
            maleGiven: ["Phử", "Sùng", "Chư", "Sính", "Lử", "Páo", "Dình", "Chứ", "Pao", "Sử", "Tủa", "Chín",
                        "Xà", "Dền", "Sáng", "Cháng", "Lềnh", "Sì"],
            femaleGiven: ["Mỷ", "Mai", "Dua", "Dế", "Súa", "Pà", "Sủ", "Cở", "Máy", "Chía", "Dợ", "Say", "Chi"],
            malePercent: 85),
        Group(
            ethnicity: "Dao",
            surnames: ["Bàn", "Chảo", "Đặng", "Triệu", "Lý", "Phàn", "Tẩn"],
            maleMiddles: ["Văn", "Văn", "Láo", "Kiều", "Tiến"],
            femaleMiddles: ["Thị"],
            maleGiven: ["Lở", "Phin", "Sơn", "Chòi", "Quẩy", "Tả", "Phủ", "Vàng", "Thanh", "Lìu", "Kiềm"],
            femaleGiven: ["Mẩy", "Lở", "Xuân", "Phấy", "Nải", "Mùi", "Siểu", "Dung"],
            malePercent: 80),
        Group(
            ethnicity: "Tày",
            surnames: ["Hoàng", "Nông", "Ma", "Vi", "Lương", "Hà", "Lục", "Triệu"],
            maleMiddles: ["Văn", "Văn", "Đức", "Quang"],
            femaleMiddles: ["Thị"],
            maleGiven: ["Sáng", "Thắng", "Hùng", "Lợi", "Thành", "Chiến", "Tiến", "Quyết", "Dương", "Nghĩa"],
            femaleGiven: ["Hoa", "Thủy", "Lan", "Hương", "Duyên", "Nhung", "Thoa", "Hiền"],
            malePercent: 75),
        Group(
            ethnicity: "Nùng",
            surnames: ["Nông", "Hoàng", "Lương", "Vi", "Lục", "Chu", "Mã", "Sầm"],
            maleMiddles: ["Văn", "Văn", "Đức"],
            femaleMiddles: ["Thị"],
            maleGiven: ["Sáng", "Páo", "Chỉnh", "Chiến", "Thìn", "Dần", "Sinh", "Phúc"],
            femaleGiven: ["Mai", "Pha", "Dìn", "Hoa", "Lả", "Sen"],
            malePercent: 75),
        Group(
            ethnicity: "Kinh",
            surnames: ["Nguyễn", "Trần", "Lê", "Phạm", "Hoàng", "Đỗ", "Vũ", "Bùi", "Đặng", "Ngô"],
            maleMiddles: ["Văn", "Đức", "Minh", "Quốc", "Xuân", "Hữu"],
            femaleMiddles: ["Thị", "Thị", "Thu", "Ngọc"],
            maleGiven: ["Hùng", "Tuấn", "Hải", "Dũng", "Nam", "Long", "Thắng", "Cường", "Bình", "Sơn", "Hiếu"],
            femaleGiven: ["Lan", "Hoa", "Hằng", "Nga", "Mai", "Hương", "Thảo", "Loan", "Yến", "Hà"],
            malePercent: 70),
        Group(
            ethnicity: "Phù Lá",
            surnames: ["Lò", "Sần", "Thền", "Vàng", "Hù", "Pờ"],
            maleMiddles: ["Văn"],
            femaleMiddles: ["Thị"],
            maleGiven: ["Sáng", "Chín", "Lìn", "Dìn", "Páo", "Sử", "Hồng"],
            femaleGiven: ["Mỷ", "Sen", "Dung", "Lan", "Dìn"],
            malePercent: 80),
        Group(
            ethnicity: "Hoa",
            surnames: ["Lưu", "Trương", "Lâm", "Hứa", "Lý", "Phùng", "Giang"],
            maleMiddles: ["Văn", "A", "Chấn"],
            femaleMiddles: ["Thị"],
            maleGiven: ["Sáng", "Phúc", "Cường", "Minh", "Vĩnh", "Sinh", "Tài"],
            femaleGiven: ["Mỹ", "Hoa", "Lệ", "Phương", "Muội"],
            malePercent: 75),
    ]

    /// Shares of groups in a rural commune (`xa`), per cent: Mông about half.
    static let ruralWeights = [50, 14, 12, 8, 9, 5, 2]
    /// Shares in the town (`thi_tran`), where Kinh and Tày traders live: per cent.
    static let townWeights = [20, 5, 25, 10, 35, 2, 3]

    /// Thirty villages (*thôn*, *bản*, *tổ dân phố*) of the district; each commune uses eight in a row.
    static let villages: [String] = [
        "Thôn Na Lang", "Bản Phố 1", "Bản Phố 2", "Thôn Sín Chải", "Thôn Na Hối Tày", "Thôn Na Hối Nùng",
        "Thôn Lùng Phình", "Thôn Sản Chư Ván", "Thôn Tả Thền", "Thôn Ngải Thầu", "Thôn Pả Chư Tỷ",
        "Thôn Làng Mới", "Thôn Nậm Khánh", "Thôn Cốc Cài", "Thôn Na Kim", "Thôn Nậm Thố", "Thôn Lùng Sán",
        "Thôn Sừ Mần Khang", "Thôn Ngải Phóng Chồ", "Thôn Tả Hồ", "Thôn Na Áng", "Thôn Khởi Bung",
        "Thôn Nậm Đét", "Thôn Bản Lắp", "Thôn Cốc Ly Thượng", "Thôn Nậm Lúc", "Thôn Bảo Tân",
        "Tổ dân phố Na Cồ", "Tổ dân phố Bắc Hà 1", "Tổ dân phố Nậm Sắt",
    ]

    /// Household sizes 1–12, weights in per cent: most households have 3–6 members.
    static let sizeWeights = [4, 10, 14, 20, 18, 13, 8, 5, 3, 2, 2, 1]

    /// Citizen-ID province prefixes of neighbouring provinces, for the few heads born outside Lào Cai (010).
    static let otherProvinces = [1, 2, 8, 14, 15, 19, 20, 25]
}
