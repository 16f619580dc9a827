/// A reusable block of memory for one chunk's intermediate values, grown on demand and never shrunk.
///
/// Decoders write through raw pointers into it: appending to an `[UInt8]` stored in a class costs a
/// dynamic exclusivity check per byte, which made them several times slower.
final class ScratchBuffer<Element> {
    /// The memory last reserved (its contents are lost when `reserve` has to grow it).
    private(set) var storage: UnsafeMutablePointer<Element>?
    private var capacity = 0

    deinit { storage?.deallocate() }

    /// Memory for at least `count` elements (uninitialised, so only for trivial types such as integers).
    func reserve(_ count: Int) -> UnsafeMutablePointer<Element> {
        if let storage, capacity >= count { return storage }
        storage?.deallocate()
        capacity = max(count, 2 * capacity)
        let fresh = UnsafeMutablePointer<Element>.allocate(capacity: capacity)
        storage = fresh
        return fresh
    }
}
