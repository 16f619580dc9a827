/// The last step of every decoder: drops a leading byte-order mark and brings the UTF-8 it is given to NFC.
///
/// NFC cannot be applied chunk by chunk blindly: a base letter at the end of one chunk may take a combining
/// mark at the start of the next. The stage therefore keeps back the text after the last *safe boundary*,
/// the start of a character that is in NFC whatever surrounds it and never the second half of a composition
/// (ASCII, U+0080–U+024F, U+1E00–U+1EFF: see `NFCBytes`). Vietnamese text is full of such characters (every
/// space, digit and delimiter is one), so what is kept back is a few bytes. Text with no safe boundary at all
/// is kept back up to `maximumPending` bytes, then normalised as it stands.
///
/// Text made only of such characters (almost all of it) costs one byte scan; decomposed letters are composed
/// by `LatinComposer`, and only what it cannot settle goes to Foundation.
struct NFCOutputStage {
    static let maximumPending = 1 << 20
    static let pieceSize = 256
    private static let bom: [UInt8] = [0xEF, 0xBB, 0xBF]

    /// Whether to normalise; when false the stage only drops the byte-order mark.
    let normalizes: Bool
    private var pending: [UInt8] = []
    private var atStart = true

    init(normalizes: Bool = true) {
        self.normalizes = normalizes
    }

    /// Appends `bytes` (well-formed UTF-8, whole characters) to `output`, minus what must wait for the next
    /// call, normalised.
    /// - Complexity: O(n) in the bytes given and kept back.
    mutating func push(_ bytes: UnsafeBufferPointer<UInt8>, into output: inout [UInt8]) {
        let start = output.count
        if !pending.isEmpty {
            output.append(contentsOf: pending)
            pending.removeAll(keepingCapacity: true)
        }
        output.append(contentsOf: bytes)
        if atStart, !dropByteOrderMark(in: &output, from: start, final: false) { return }
        guard normalizes else { return }
        let split = safeSplit(output, from: start)
        if split < output.count {
            pending.append(contentsOf: output[split...])
            output.removeSubrange(split...)
        }
        normalize(&output, from: start)
    }

    /// Appends what was kept back, normalised.
    mutating func finish(into output: inout [UInt8]) {
        let start = output.count
        output.append(contentsOf: pending)
        pending.removeAll()
        if atStart { _ = dropByteOrderMark(in: &output, from: start, final: true) }
        if normalizes { normalize(&output, from: start) }
    }

    /// Removes `EF BB BF` at the start of the stream. Returns false when the first bytes may still turn out
    /// to be a byte-order mark (fewer than three so far): they are then kept back.
    private mutating func dropByteOrderMark(in output: inout [UInt8], from start: Int, final: Bool) -> Bool {
        let count = output.count - start
        let compared = min(count, 3)
        let isPrefix = output[start..<start + compared].elementsEqual(Self.bom[..<compared])
        if isPrefix, count < 3, !final {
            pending.append(contentsOf: output[start...])
            output.removeSubrange(start...)
            return false
        }
        atStart = false
        if isPrefix, count >= 3 { output.removeSubrange(start..<start + 3) }
        return true
    }

    /// The offset after which text must wait: the last safe boundary in `output[start...]`.
    private func safeSplit(_ output: [UInt8], from start: Int) -> Int {
        output.withUnsafeBufferPointer { buffer in
            var index = buffer.count - 1
            while index >= start {
                if Self.isSafeBoundary(buffer, index) { return index }
                index -= 1
            }
            // No safe boundary: keep it all back unless that grows too large.
            return buffer.count - start > Self.maximumPending ? buffer.count : start
        }
    }

    /// Whether a character that is NFC whatever surrounds it starts at `index`.
    @inline(__always)
    private static func isSafeBoundary(_ bytes: UnsafeBufferPointer<UInt8>, _ index: Int) -> Bool {
        let byte = bytes[index]
        if byte < 0x80 || (0xC2...0xC9).contains(byte) { return true }
        return byte == 0xE1 && index + 1 < bytes.count && (0xB8...0xBB).contains(bytes[index + 1])
    }

    /// Normalises `output[start...]` in pieces of about `pieceSize` bytes cut at safe boundaries, each by
    /// `LatinComposer` when it can, else by Foundation (≈ 10 MB/s, and quadratic in the length of the string:
    /// 0.4 MB/s on whole 1 MiB chunks).
    private func normalize(_ output: inout [UInt8], from start: Int) {
        guard start < output.count else { return }
        let normalized: [UInt8]? = output.withUnsafeBufferPointer { buffer in
            let region = UnsafeBufferPointer(rebasing: buffer[start...])
            guard !LatinComposer.isStable(region) else { return nil }
            var result: [UInt8] = []
            result.reserveCapacity(buffer.count - start)
            var pieceStart = start
            while pieceStart < buffer.count {
                var pieceEnd = min(buffer.count, pieceStart + Self.pieceSize)
                while pieceEnd < buffer.count, !Self.isSafeBoundary(buffer, pieceEnd) { pieceEnd += 1 }
                let piece = UnsafeBufferPointer(rebasing: buffer[pieceStart..<pieceEnd])
                Self.appendNFC(piece, to: &result)
                pieceStart = pieceEnd
            }
            return result
        }
        if let normalized { output.replaceSubrange(start..., with: normalized) }
    }

    /// Appends the NFC form of a piece: as it is when stable, else composed by `LatinComposer`, else by
    /// Foundation.
    private static func appendNFC(_ piece: UnsafeBufferPointer<UInt8>, to result: inout [UInt8]) {
        if LatinComposer.isStable(piece) {
            result.append(contentsOf: piece)
        } else if !LatinComposer.compose(piece, into: &result) {
            result.append(contentsOf: NFCBytes.isNFC(piece) ? Array(piece) : NFCBytes.normalized(piece))
        }
    }
}
