import Testing
@testable import CommuneETL

struct MessageTemplateTests {
    @Test func placeholdersAreFilledInVietnameseText() {
        let filled = MessageTemplate.fill("Thiếu {field_vi}: ô này không được để trống ({value}).",
                                          ["field_vi": "Số nhân khẩu", "value": "—"])
        #expect(filled == "Thiếu Số nhân khẩu: ô này không được để trống (—).")
    }

    @Test func adjacentAndRepeatedPlaceholdersAreEachFilled() {
        #expect(MessageTemplate.fill("{a}{b}-{a}", ["a": "Mông", "b": "1.250"]) == "Mông1.250-Mông")
    }

    @Test func anUnknownPlaceholderIsLeftAsWritten() {
        #expect(MessageTemplate.fill("ghi {vale} ở dòng {line}", ["line": "12"]) == "ghi {vale} ở dòng 12")
    }

    @Test func aBraceThatNothingClosesIsKeptOnce() {
        #expect(MessageTemplate.fill("giá trị {value} {không đóng", ["value": "x"]) == "giá trị x {không đóng")
        #expect(MessageTemplate.fill("{", [:]) == "{")
    }

    @Test func aTemplateWithoutPlaceholdersIsUnchanged() {
        #expect(MessageTemplate.fill("Hộ nghèo", ["value": "x"]) == "Hộ nghèo")
        #expect(MessageTemplate.fill("", [:]) == "")
    }

    @Test func aValueWithBracesIsNotFilledAgain() {
        #expect(MessageTemplate.fill("{value} và {field}", ["value": "{field}", "field": "Mã hộ"]) == "{field} và Mã hộ")
    }
}
