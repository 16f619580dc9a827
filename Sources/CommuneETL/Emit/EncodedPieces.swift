/// Bytes being encoded for a large output, handed on in pieces of about 1 MiB as they fill.
///
/// Why: the anomaly outputs (`anomalies.csv`, `state.csv`, the lists for people) grow with the inputs; built
/// whole before being written they were the run's peak of memory (≈ 50 MB at 1M rows, with the arrays of
/// cells behind them). In pieces, a list costs a megabyte however long it is.
struct EncodedPieces {
    static let pieceSize = 1 << 20
    /// The bytes not handed on yet.
    var bytes: [UInt8] = []

    init() { bytes.reserveCapacity(Self.pieceSize + (Self.pieceSize >> 2)) }

    /// Hands the bytes on when they reach a piece.
    mutating func flushIfFull(to sink: (UnsafeRawBufferPointer) throws -> Void) rethrows {
        if bytes.count >= Self.pieceSize { try flush(to: sink) }
    }

    /// Hands on whatever is left (at the end of the output).
    mutating func flush(to sink: (UnsafeRawBufferPointer) throws -> Void) rethrows {
        guard !bytes.isEmpty else { return }
        try bytes.withUnsafeBytes(sink)
        bytes.removeAll(keepingCapacity: true)
    }

    /// Every piece `body` hands on, joined (tests and small outputs).
    static func collect(_ body: ((UnsafeRawBufferPointer) -> Void) throws -> Void) rethrows -> [UInt8] {
        var out: [UInt8] = []
        try body { out.append(contentsOf: $0) }
        return out
    }
}
