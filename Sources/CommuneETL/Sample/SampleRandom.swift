/// SplitMix64 (Steele, Lea & Flood 2014): the sample generator's only source of randomness.
///
/// Written out here, not taken from the standard library, because `Int.random(in:using:)` may change its
/// algorithm between toolchains, and the samples must stay byte-identical wherever the tests run: they
/// are the oracle of end-to-end tests and the benchmark input.
public struct SampleRandom: RandomNumberGenerator, Sendable {
    /// The generator's whole state; equal states give equal sequences.
    public private(set) var state: UInt64

    public init(seed: UInt64) {
        state = seed
    }

    /// The next 64 random bits. - Complexity: O(1).
    public mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }

    /// A number in `0..<bound`, by multiply-high (Lemire). The bias, below bound / 2⁶⁴, does not matter
    /// for samples; what matters is that the mapping is fixed.
    public mutating func below(_ bound: Int) -> Int {
        precondition(bound > 0, "bound must be positive")
        return Int(truncatingIfNeeded: next().multipliedFullWidth(by: UInt64(bound)).high)
    }

    /// True with probability `percent` / 100.
    public mutating func percent(_ percent: Int) -> Bool {
        below(100) < percent
    }

    /// A uniform `Double` in `0..<1` (53 random bits).
    public mutating func unit() -> Double {
        Double(next() >> 11) * 0x1p-53
    }

    /// An index drawn with the given integer weights. - Complexity: O(weights.count).
    public mutating func weighted(_ weights: [Int]) -> Int {
        var pick = below(weights.reduce(0, +))
        for (index, weight) in weights.enumerated() {
            if pick < weight { return index }
            pick -= weight
        }
        return weights.count - 1
    }
}
