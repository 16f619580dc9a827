import Foundation
import Testing
@testable import CommuneETL

/// The pieces detection judges text with: syllables, evidence, NFC composition.
struct VietnameseTextTests {
    private static func isSyllable(_ word: String) -> Bool {
        let letters = word.unicodeScalars.compactMap(VietnameseLetter.of)
        return letters.count == word.unicodeScalars.count && VietnameseSyllable.isValid(letters)
    }

    @Test(arguments: [
        "Nguyễn", "người", "khuỷu", "quốc", "giường", "gì", "gìn", "hoà", "hòa", "thuỷ", "thủy", "nghiêng", "Đắk",
        "Đăk", "LÙNG", "PHÌNH", "xoong", "ếch", "huỳnh", "ăn", "oái", "Mỷ", "Sử", "tuổi", "yêu", "khuya",
    ])
    func acceptsVietnameseSyllables(_ word: String) {
        #expect(Self.isSyllable(word))
    }

    @Test(arguments: [
        "hoị",  // open "oi" takes the tone on o
        "hòang",  // closed: the tone goes on the last vowel
        "mưạ",  // the tone goes on the vowel with a shape mark
        "qúa",  // never on the u of qu
        "ing",  // i takes nh, not ng
        "ă",  // ă needs a final consonant
        "fa",  // no onset f
        "HoÀng",  // mixed case
        "cáo̩",  // more than one tone would need two marked letters: here a foreign mark
        "bàá",  // two tones
        "nhữngg",  // no final gg
    ])
    func refusesWhatNoSyllableIs(_ word: String) {
        #expect(!Self.isSyllable(word))
    }

    @Test func evidenceCountsSyllablesMisreadingsAndForeignCharacters() {
        let text = Array("Hoàng Thị Mỷ, Hoµng ThÞ Mû\u{01}, L\u{B6}n, Smith".utf8)
        let evidence = VietnameseTextEvidence(utf8: text, knownPhrases: [])
        #expect(evidence.syllables == 3)
        #expect(evidence.misreadWords == 3)  // Hoµng, ThÞ, Mû
        #expect(evidence.foreignCharacters == 2)  // U+0001 and ¶
        #expect(evidence.score == 3 - 3 * 5)
        #expect(!evidence.isClearlyVietnamese)
    }

    @Test(arguments: [1, 2, 3, 4])
    func theNFCStageAgreesWithFoundationOnAnyMixOfLettersAndMarks(seed: UInt64) throws {
        // Base letters, precomposed letters, Vietnamese and other combining marks, CJK and a Hangul jamo pair.
        let pieces = [
            "a", "e", "o", "u", "i", "y", "ơ", "ư", "ê", "â", "ă", "x", "A", " ", ",", "\n", "ạ", "Ấ", "中",
            "\u{300}", "\u{301}", "\u{303}", "\u{309}", "\u{323}", "\u{302}", "\u{306}", "\u{31B}", "\u{308}",
            "\u{327}", "\u{1100}", "\u{1161}",
        ]
        var generator = SampleRandom(seed: seed)  // the project's deterministic SplitMix64
        let text = (0..<3000).map { _ in pieces.randomElement(using: &generator)! }.joined()
        let expected = Array(text.precomposedStringWithCanonicalMapping.utf8)
        for chunkSize in [1, 5, 4096] {
            let output = try EncodingFixtures.decode(Array(text.utf8), with: UTF8Decoder(), chunkSize: chunkSize)
            #expect(output == expected, "chunks of \(chunkSize)")
        }
    }

    @Test func theComposerBuildsEveryVietnameseLetterFromItsDecomposition() {
        for value in VietnameseLetter.withDiacritics.keys.sorted() {
            let letter = String(Unicode.Scalar(value)!)
            let decomposed = Array(letter.decomposedStringWithCanonicalMapping.utf8)
            var result: [UInt8] = []
            let composed = decomposed.withUnsafeBufferPointer { LatinComposer.compose($0, into: &result) }
            #expect(composed && result == Array(letter.utf8), "\(letter)")
        }
    }
}
