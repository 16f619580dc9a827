/// Finds the date a small file gives itself before its rows are read: the last `… ngày 15 tháng 12 năm
/// 2025` line, normally the place and date above the signatures.
///
/// Communes are resolved with the file's date (code 02842 is Lùng Cải before 2025-07-01 and Tả Củ Tỷ
/// after), but the signature block comes after the rows. A commune sheet is small, so its whole text is
/// already decoded when the file is routed: looking there costs nothing measurable. A large list is not
/// scanned; its title date, if any, is used instead.
enum FileDateScan {
    /// The ISO date of the last date line in `text` (UTF-8), or nil.
    /// - Complexity: O(n) in the text; a cell is folded only when it holds `ng` and a four-digit year.
    static func lastDate(in text: [UInt8], delimiter: UInt8) -> String? {
        var found: String?
        text.withUnsafeBufferPointer { bytes in
            var start = 0
            for index in 0...bytes.count where index == bytes.count || bytes[index] == delimiter || bytes[index] == 0x0A {
                if index - start >= 16, index - start <= 160 {
                    var cell = UnsafeBufferPointer(rebasing: bytes[start..<index])
                    cell = trimmed(cell)
                    if mayBeDateLine(cell), let date = SheetReader.date(in: cell) { found = date }
                }
                start = index + 1
            }
        }
        return found
    }

    /// Spaces, quotes and a carriage return around a cell.
    private static func trimmed(_ cell: UnsafeBufferPointer<UInt8>) -> UnsafeBufferPointer<UInt8> {
        var low = 0, high = cell.count
        let edges: Set<UInt8> = [0x20, 0x22, 0x0D, 0x09]
        while low < high, edges.contains(cell[low]) { low += 1 }
        while high > low, edges.contains(cell[high - 1]) { high -= 1 }
        return UnsafeBufferPointer(rebasing: cell[low..<high])
    }

    /// `ng` (ngày, Ngày, NGÀY) and a run of four digits starting with 20.
    private static func mayBeDateLine(_ cell: UnsafeBufferPointer<UInt8>) -> Bool {
        var hasNg = false, hasYear = false
        for index in 0..<(cell.count - 1) {
            let a = cell[index] | 0x20, b = cell[index + 1] | 0x20
            if a == UInt8(ascii: "n"), b == UInt8(ascii: "g") { hasNg = true }
            if index + 3 < cell.count, cell[index] == UInt8(ascii: "2"), cell[index + 1] == UInt8(ascii: "0"),
               cell[index + 2] &- 0x30 < 10, cell[index + 3] &- 0x30 < 10 { hasYear = true }
        }
        return hasNg && hasYear
    }
}
