/// The values of a row's slots, in one block of memory that the row's `RowState` owns and reuses for every
/// row of a file.
///
/// Why not `[FieldValue]`: rules read and write values tens of times a row, and every access to an array
/// held by a class retains and releases its buffer — an atomic operation each, a large share of a reading
/// thread's time once several threads read. `FieldValue` holds no references, so plain memory is enough,
/// and this view is a pointer and a count: copying it costs nothing.
///
/// A view, not an owner: valid while its `RowState` lives (which frees the memory).
public struct FieldValues: RandomAccessCollection {
    private let base: UnsafeMutablePointer<FieldValue>
    public let count: Int

    /// Memory for `count` values, all `.missing`; free it with `deallocate()`.
    static func allocate(count: Int) -> FieldValues {
        let base = UnsafeMutablePointer<FieldValue>.allocate(capacity: Swift.max(count, 1))
        base.initialize(repeating: FieldValue.missing, count: count)
        return FieldValues(base: base, count: count)
    }

    private init(base: UnsafeMutablePointer<FieldValue>, count: Int) {
        self.base = base
        self.count = count
    }

    func deallocate() {
        base.deinitialize(count: count)
        base.deallocate()
    }

    public var startIndex: Int { 0 }
    public var endIndex: Int { count }

    public subscript(slot: Int) -> FieldValue {
        get {
            precondition(slot >= 0 && slot < count, "slot \(slot) out of 0..<\(count)")
            return base[slot]
        }
        nonmutating set {
            precondition(slot >= 0 && slot < count, "slot \(slot) out of 0..<\(count)")
            base[slot] = newValue
        }
    }

    /// The values as a buffer, for a reader that sets them all.
    func withUnsafeMutableBufferPointer<Result>(_ body: (UnsafeMutableBufferPointer<FieldValue>) throws -> Result) rethrows -> Result {
        try body(UnsafeMutableBufferPointer(start: base, count: count))
    }
}
