import Testing
@testable import CommuneETL

struct LabelCacheTests {
    static func choice(_ cache: LabelCache, _ text: String) -> Int? {
        Array(text.utf8).withUnsafeBufferPointer { cache.choice(for: $0) }
    }

    @Test func labelsFoldToTheirChoiceEveryTimeTheyRecur() {
        let cache = LabelCache(lookup: [TextFolding.nameKey("Hộ nghèo"): 0, TextFolding.nameKey("Không nghèo"): 1])
        let asked = ["Hộ nghèo", "Không nghèo", "hộ nghèo", "Hộ nghèo", "Không nghèo", "Hộ giàu", "Hộ giàu", "Hộ nghèo"]
        #expect(asked.map { Self.choice(cache, $0) } == [0, 1, 0, 0, 1, nil, nil, 0])
    }

    /// Past the labels kept for comparing in place, the others still fold right (through the dictionary).
    @Test func moreDistinctLabelsThanTheRecentListStillFoldRight() {
        let labels = (0..<40).map { "Thôn \($0)" }
        let cache = LabelCache(lookup: Dictionary(uniqueKeysWithValues: labels.enumerated().map { (TextFolding.nameKey($0.element), $0.offset) }))
        let firstPass = labels.map { Self.choice(cache, $0) }
        let secondPass = labels.reversed().map { Self.choice(cache, $0) }
        #expect(firstPass == Array(0..<40))
        #expect(secondPass == Array((0..<40).reversed()))
        #expect(Self.choice(cache, "Thôn 1") == 1)
        #expect(Self.choice(cache, "Thôn 10") == 10)
    }

    @Test func anEmptyLabelIsAskedLikeAnyOther() {
        let cache = LabelCache(lookup: ["a": 3])
        #expect(Self.choice(cache, "") == nil)
        #expect(Self.choice(cache, "") == nil)
        #expect(Self.choice(cache, "A") == 3)
    }
}
