import CommuneETL
import Testing

struct TextFoldingTests {
    @Test(arguments: [
        ("Thu nhập BQ\n(đồng/người/tháng)", "thunhapbqdongnguoithang"),
        ("Số CCCD", "socccd"),
        ("Thôn/Bản", "thonban"),
        ("THU NHẬP BQ", "thunhapbq"),
        ("Thu nhap binh quan", "thunhapbinhquan"),
        ("Thu nha\u{323}\u{302}p BQ", "thunhapbq"),  // NFD, marks in canonical order
        ("Đơn vị tính (ĐVT)", "donvitinhdvt"),
        ("Họ và tên\tchủ hộ", "hovatenchuho"),
        ("Tỷ lệ hộ nghèo (%)", "tylehongheo"),
        ("H’Mông", "hmong"),
        ("  ", ""),
        ("", ""),
    ])
    func matchKeyKeepsOnlyFoldedLettersAndDigits(text: String, expected: String) {
        #expect(TextFolding.matchKey(text) == expected)
    }

    @Test(arguments: [
        ("  Xã  Lùng-Phình ", "xa lung phinh"),
        ("Hộ cận nghèo", "ho can ngheo"),
        ("THỊ TRẤN BẮC HÀ", "thi tran bac ha"),
        ("Ta\u{300} Cha\u{309}i", "ta chai"),  // NFD
        ("TT.Bắc Hà", "tt bac ha"),
        ("Nậm Đét", "nam det"),
        ("Ðồng", "dong"),  // U+00D0, the Icelandic eth that legacy converters put for Đ
        ("H’Mông", "hmong"),
        ("H'Mông", "hmong"),
        ("Phù Lá\r\n", "phu la"),
        ("Thôn\t1", "thon 1"),
        ("Thôn 3 (mới)", "thon 3 moi"),
        ("---", ""),
    ])
    func nameKeyCollapsesSeparatorsToOneSpace(text: String, expected: String) {
        #expect(TextFolding.nameKey(text) == expected)
    }

    @Test(arguments: [
        ("Tả Van Chư", "ta-van-chu"),
        ("Thị trấn Bắc Hà", "thi-tran-bac-ha"),
        (" Nậm  Đét ", "nam-det"),
        ("Báo cáo 2023/2024", "bao-cao-2023-2024"),
    ])
    func asciiSlugJoinsWordsWithHyphens(text: String, expected: String) {
        #expect(TextFolding.asciiSlug(text) == expected)
    }

    @Test func nfcAndNfdInputGiveTheSameKeys() {
        let nfc = "Nguyễn Thị Mỷ"
        let nfd = "Nguye\u{302}\u{303}n Thi\u{323} My\u{309}"
        #expect(Array(nfc.utf8) != Array(nfd.utf8))
        #expect(TextFolding.nameKey(nfd) == "nguyen thi my")
        #expect(TextFolding.nameKey(nfc) == TextFolding.nameKey(nfd))
    }
}
