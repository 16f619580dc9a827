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
/// - Complexity: O(n), one pass over each byte, without allocating.
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
    mutating func scan(_ text: UnsafeRawBufferPointer) -> Cut? {
        var inQuotes = self.inQuotes, lines = self.lines, lastWasCR = self.lastWasCR
        var cut: Cut?
        for offset in 0..<text.count {
            let byte = text[offset]
            // Most bytes are none of the three: one comparison skips them.
            guard byte == 0x22 || byte <= 0x0D else { lastWasCR = false; continue }
            if byte == 0x22 {
                inQuotes.toggle()
            } else if !inQuotes {
                if byte == 0x0D {
                    lines += 1
                    lastWasCR = true
                    continue
                }
                if byte == 0x0A {
                    if !lastWasCR { lines += 1 }
                    cut = Cut(offset: offset + 1, lines: lines)
                }
            }
            lastWasCR = false
        }
        self.inQuotes = inQuotes
        self.lines = lines
        self.lastWasCR = lastWasCR
        return cut
    }

    /// Where each line of `text` ends — past its CR, LF, or CR LF outside quotes — counted as `scan` counts
    /// lines, for text that starts at the beginning of a line.
    static func lineEnds(in text: UnsafeRawBufferPointer) -> [Int] {
        var ends: [Int] = []
        var inQuotes = false, lastWasCR = false
        for offset in 0..<text.count {
            let byte = text[offset]
            if byte == 0x22 {
                inQuotes.toggle()
            } else if !inQuotes, byte == 0x0D {
                ends.append(offset + 1)
                lastWasCR = true
                continue
            } else if !inQuotes, byte == 0x0A {
                if lastWasCR { ends[ends.count - 1] = offset + 1 } else { ends.append(offset + 1) }
            }
            lastWasCR = false
        }
        return ends
    }
}
