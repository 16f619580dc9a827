import CByteScan
import Glibc

/// A growable run of plain values in one `malloc` block, grown with `realloc`.
///
/// Why not `Array`: a growing `Array` allocates a new buffer and copies into it, so for a moment both
/// the old and the new buffer are resident — twice the memory of the biggest structure of a run (the
/// household-key set). glibc serves large blocks with `mmap` and grows them with `mremap`, which moves
/// pages instead of copying them: peak memory stays close to what is used. It also has no uniqueness
/// check or exclusivity tracking on each access, which matters on the row path.
///
/// Not copyable: one owner frees it (`deallocate()`), as with any manual allocation.
struct FlatStorage<Element: BitwiseCopyable>: ~Copyable {
    private(set) var base: UnsafeMutablePointer<Element>
    private(set) var count = 0
    private(set) var capacity: Int

    init(capacity: Int = 16) {
        self.capacity = Swift.max(capacity, 1)
        base = Self.reallocate(nil, count: self.capacity)
    }

    deinit { free(base) }

    subscript(index: Int) -> Element {
        get {
            precondition(index >= 0 && index < count, "FlatStorage index \(index) out of 0..<\(count)")
            return base[index]
        }
        set {
            precondition(index >= 0 && index < count, "FlatStorage index \(index) out of 0..<\(count)")
            base[index] = newValue
        }
    }

    @inline(__always)  // a byte a call on the row path (the encoder's flags and commas); growing stays a call
    mutating func append(_ element: Element) {
        if count == capacity { grow(toAtLeast: count + 1) }
        base[count] = element
        count += 1
    }

    /// Appends `elements` (memory owned by the caller). Amortised O(n).
    ///
    /// The appends of a row are short (a number's digits, a label, a key of a dozen bytes): they are copied
    /// inline (`cbytescan_copy`), a call to `memcpy` costing more than the copy.
    mutating func append(contentsOf elements: UnsafeBufferPointer<Element>) {
        guard let source = elements.baseAddress, !elements.isEmpty else { return }
        if count + elements.count > capacity { grow(toAtLeast: count + elements.count) }
        cbytescan_copy(base + count, source, elements.count * MemoryLayout<Element>.stride)
        count += elements.count
    }

    /// Lets `body` write up to `maximum` elements after the last one, and keeps the number it returns.
    /// Amortised O(`maximum`).
    mutating func append(upTo maximum: Int, _ body: (UnsafeMutablePointer<Element>) -> Int) {
        if count + maximum > capacity { grow(toAtLeast: count + maximum) }
        let written = body(base + count)
        precondition(written >= 0 && written <= maximum, "wrote \(written) elements into room for \(maximum)")
        count += written
    }

    /// Keeps the first `newCount` elements.
    mutating func truncate(to newCount: Int) {
        precondition(newCount >= 0 && newCount <= count, "cannot truncate \(count) elements to \(newCount)")
        count = newCount
    }

    /// `count` elements set to `value`, replacing the contents (capacity becomes exactly `count`).
    mutating func reset(count newCount: Int, to value: Element) {
        if newCount > capacity {
            free(base)
            capacity = newCount
            base = Self.reallocate(nil, count: newCount)
        }
        base.update(repeating: value, count: newCount)
        count = newCount
    }

    /// The elements in `range`, valid until the next mutation.
    func buffer(_ range: Range<Int>) -> UnsafeBufferPointer<Element> {
        precondition(range.lowerBound >= 0 && range.upperBound <= count, "range \(range) out of 0..<\(count)")
        return UnsafeBufferPointer(start: base + range.lowerBound, count: range.count)
    }

    /// Bytes allocated, for tests and memory reports.
    var allocatedBytes: Int { capacity * MemoryLayout<Element>.stride }

    private mutating func grow(toAtLeast needed: Int) {
        var newCapacity = capacity
        while newCapacity < needed { newCapacity *= 2 }
        base = Self.reallocate(base, count: newCapacity)
        capacity = newCapacity
    }

    private static func reallocate(_ pointer: UnsafeMutablePointer<Element>?, count: Int) -> UnsafeMutablePointer<Element> {
        let (bytes, overflow) = count.multipliedReportingOverflow(by: MemoryLayout<Element>.stride)
        precondition(!overflow, "FlatStorage of \(count) elements overflows")
        guard let raw = realloc(pointer, Swift.max(bytes, 1)) else { fatalError("out of memory growing FlatStorage to \(bytes) bytes") }
        return raw.bindMemory(to: Element.self, capacity: count)
    }
}
