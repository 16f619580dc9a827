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

    /// The list form a row's anomaly fills its templates from: names compared as bytes (a prefix or a longer
    /// name is another name), the first of a name wins (the row's own values stand over a rule's).
    @Test func aListOfValuesFillsByExactNameAndTheFirstOfANameWins() {
        let values: [(name: String, value: String)] = [("value", "1.250"), ("field_vi", "Thu nhập"), ("value", "rule's")]
        #expect(MessageTemplate.fill("{field_vi} {value} {valu} {values} {field_v}", values)
                == "Thu nhập 1.250 {valu} {values} {field_v}")
        #expect(MessageTemplate.fill("{ghi chú}", [("ghi chú", "dòng 12")]) == "dòng 12")
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
