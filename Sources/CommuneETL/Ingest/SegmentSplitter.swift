import CByteScan

/// Finds where decoded CSV text can be cut so that each piece holds whole records: after a line feed that
/// is not inside a quoted cell. Each piece (a segment) can then be parsed by a reader of its own, on another
/// thread, starting at the spreadsheet line the splitter counted.
///
/// Quotes are followed by parity: in CSV that libcsv's strict mode accepts, every `"` opens or closes a quoted
/// cell or is half of a doubled `""` inside one, so parity is exact up to the first malformed quote — where
/// the reader of that segment stops with the same error a single reader would give. Lines are counted as
/// `CSVRecordReader` counts them (CR, LF, and CR LF once); each segment's reader checks that it ends on
/// the line counted here, so a disagreement (a case neither foresaw) is noticed, never published.
///
/// - Complexity: O(n); sixteen bytes a compare where none of them is a quote, CR or LF (most of a row).
struct SegmentSplitter {
    /// Whether the text so far ends inside a quoted cell.
    private(set) var inQuotes = false
    /// Lines of the text so far.
    private(set) var lines = 0
    private var lastWasCR = false

    /// A place to cut: the byte after an LF outside quotes, and the lines of the text before it.
    struct Cut: Equatable {
        var offset: Int
        var lines: Int
    }

    /// Scans the next piece of the text; returns the last place in it where the text may be cut, if any.
    /// - Parameter lineEnds: receives where each line ends in the piece (past its CR, LF or CR LF), offset
    ///   by `base`; the end of a CR LF split between two pieces is the CR's.
    mutating func scan(_ text: UnsafeRawBufferPointer, lineEnds: inout [Int], base: Int = 0) -> Cut? {
        var inQuotes = self.inQuotes, lines = self.lines, lastWasCR = self.lastWasCR
        var cut: Cut?
        var offset = 0
        let count = text.count
        guard let start = text.baseAddress?.assumingMemoryBound(to: UInt8.self) else { return nil }
        while offset < count {
            // Most of a row holds none of the three bytes: skip to the next one, sixteen bytes a compare.
            let skipped = cbytescan_first_of3(start + offset, count - offset, 0x22, 0x0D, 0x0A)
            if skipped > 0 {
                lastWasCR = false
                offset += skipped
                if offset == count { break }
            }
            let byte = start[offset]
            if byte == 0x22 {
                inQuotes.toggle()
                lastWasCR = false
            } else if !inQuotes && byte == 0x0D {
                lines += 1
                lineEnds.append(base + offset + 1)
                lastWasCR = true
            } else if !inQuotes && byte == 0x0A {
                if lastWasCR, let last = lineEnds.last, last == base + offset {
                    lineEnds[lineEnds.count - 1] = base + offset + 1
                } else if !lastWasCR {
                    lines += 1
                    lineEnds.append(base + offset + 1)
                }
                cut = Cut(offset: offset + 1, lines: lines)
                lastWasCR = false
            } else {
                lastWasCR = false
            }
            offset += 1
        }
        self.inQuotes = inQuotes
        self.lines = lines
        self.lastWasCR = lastWasCR
        return cut
    }

    /// `scan` without the line ends.
    mutating func scan(_ text: UnsafeRawBufferPointer) -> Cut? {
        var ignored: [Int] = []
        return scan(text, lineEnds: &ignored)
    }
}
