import CommuneETL
import Testing

@Suite struct SampleRandomTests {
    /// Reference outputs of SplitMix64 from seed 0 (Vigna's splitmix64.c).
    @Test func matchesTheReferenceSplitMix64Sequence() {
        var random = SampleRandom(seed: 0)
        #expect([random.next(), random.next(), random.next()] == [0xE220_A839_7B1D_CDAF, 0x6E78_9E6A_A1B9_65F4, 0x06C4_5D18_8009_454F])
    }

    @Test(arguments: [1, 2, 7, 2_301, 10_000_000])
    func staysBelowItsBound(bound: Int) {
        var random = SampleRandom(seed: UInt64(bound))
        #expect((0..<1_000).allSatisfy { _ in (0..<bound).contains(random.below(bound)) })
    }

    @Test func drawsWeightedIndicesInProportion() {
        var random = SampleRandom(seed: 9)
        var counts = [0, 0, 0]
        for _ in 0..<10_000 { counts[random.weighted([1, 0, 3])] += 1 }
        #expect(counts[1] == 0)
        #expect((2_300...2_700).contains(counts[0]), "\(counts)")
    }
}
