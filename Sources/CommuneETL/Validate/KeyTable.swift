import CPrefetch
import Glibc

/// A set of byte-string keys, each with the file and line where it was first seen, in flat storage: the
/// household-key set of the uniqueness rule (one entry per household of the run).
///
/// Exact: the key bytes themselves are kept (back to back in one arena) and compared with `memcmp` on a
/// hash match, so two keys are the same entry only when their bytes are equal — no digest, no collision
/// argument needed. Entries are numbered in insertion order and never move or change, so a range of
/// entries (the keys one file registered) can be read back later, as the incremental cache does.
///
/// **Memory** per key: its bytes, 4 bytes for where they end, 8 for the occurrence, and 10.7–21.3 bytes of
/// open-addressing slots (8 bytes each, load between ⅜ and ¾): ≈ 41 bytes for a 13-byte household key
/// (`KeyEncoding`), against ≈ 250 for a `[[UInt8]: Occurrence]` dictionary (a heap array per key); with
/// capacity doubling, at most ≈ 2× that transiently for the arrays just grown. Storage grows with `realloc`
/// (`FlatStorage`), so growth does not briefly double it.
///
/// **Hashing** is seeded per process (a random seed: a file crafted to collide cannot slow a run down),
/// so slot order differs between runs, but nothing observable depends on it: lookups are exact and
/// entries are read in insertion order.
///
/// Not thread-safe: one run's thread uses it (`@unchecked Sendable` only so that ledgers, which refer to
/// it, can stay `Sendable` values; they are read on that same thread).
final class KeyTable: @unchecked Sendable {
    /// Where a key was first seen: the index of a file in the caller's list, and its spreadsheet line.
    struct Occurrence: Equatable, BitwiseCopyable {
        var file: Int32
        var line: Int32
    }

    /// Everything in one stored property, so that each call is one exclusivity check, not one per field
    /// touched (a class's stored properties are checked on every access).
    private var storage: Storage

    init(seed: UInt64 = UInt64.random(in: .min ... .max)) {
        storage = Storage(seed: seed)
    }

    /// Number of keys.
    var count: Int { storage.ends.count }

    /// The bytes of entry `entry`, valid until the next insertion.
    func key(_ entry: Int) -> UnsafeRawBufferPointer { storage.key(entry) }

    func occurrence(_ entry: Int) -> Occurrence { storage.occurrences[entry] }

    /// The bytes of consecutive entries, back to back (keys are stored in insertion order, so a range of
    /// entries is one slice of the arena), valid until the next insertion. The incremental cache writes a
    /// file's keys with one write instead of one per key.
    func keys(_ entries: Range<Int>) -> UnsafeRawBufferPointer { storage.keys(entries) }

    /// The entry holding `key`, if any. O(key length) expected.
    func find(_ key: UnsafeRawBufferPointer) -> Int? { storage.find(key) }

    /// Starts loading the slot where a lookup of `key` begins, so that an `insert` or `find` of it a little
    /// later does not wait for memory. Why: at a million households the slots are 16 MiB, so each insert
    /// missed the cache (≈ 0.3 µs, the merge thread's largest cost); a merge hints the keys a few rows ahead.
    func prefetch(_ key: UnsafeRawBufferPointer) { storage.prefetch(key) }

    /// Adds `key` first seen at `occurrence`, unless it is there already.
    /// - Returns: the key's entry, and whether this call added it. Amortised O(key length).
    @discardableResult
    func insert(_ key: UnsafeRawBufferPointer, at occurrence: Occurrence) -> (entry: Int, inserted: Bool) {
        storage.insert(key, at: occurrence)
    }

    /// Removes the entries from `entry` on (the keys of a file that was refused). O(slots).
    func removeEntries(from entry: Int) { storage.removeEntries(from: entry) }

    /// Makes room for `additional` more keys in the slots at once, so that inserting them re-places no entry.
    /// Why: doubling re-placed every entry each time (≈ 2 placements a key in all), and at each doubling the old
    /// slots, the new and the entries' tags were resident together (a 10M-row run's peak fell by 15 MiB).
    /// O(slots) when it grows.
    func reserve(additional: Int) { storage.reserve(additional: additional) }

    /// Open-addressing slots allocated (a power of two), for tests.
    var slotCount: Int { storage.slots.count }

    /// Bytes allocated by the table, for tests and memory reports.
    var allocatedBytes: Int {
        storage.bytes.allocatedBytes + storage.ends.allocatedBytes + storage.occurrences.allocatedBytes + storage.slots.allocatedBytes
    }

    private struct Storage: ~Copyable {
        var bytes = FlatStorage<UInt8>(capacity: 1 << 16)
        /// End offset in `bytes` of each entry's key; entry `i` starts where entry `i - 1` ends. UInt32:
        /// 4 GiB of key bytes is 200M household keys, far beyond a province.
        var ends = FlatStorage<UInt32>(capacity: 1 << 10)
        var occurrences = FlatStorage<Occurrence>(capacity: 1 << 10)
        /// 0 when free, else the upper 32 bits of the key's hash (which also pick its home slot) above the
        /// entry number + 1.
        var slots = FlatStorage<UInt64>(capacity: 1 << 10)
        let seed: UInt64

        init(seed: UInt64) {
            self.seed = seed
            slots.reset(count: 1 << 10, to: 0)
        }

        func key(_ entry: Int) -> UnsafeRawBufferPointer {
            let start = entry == 0 ? 0 : Int(ends[entry - 1])
            return UnsafeRawBufferPointer(bytes.buffer(start..<Int(ends[entry])))
        }

        func keys(_ entries: Range<Int>) -> UnsafeRawBufferPointer {
            guard !entries.isEmpty else { return UnsafeRawBufferPointer(start: nil, count: 0) }
            let start = entries.lowerBound == 0 ? 0 : Int(ends[entries.lowerBound - 1])
            return UnsafeRawBufferPointer(bytes.buffer(start..<Int(ends[entries.upperBound - 1])))
        }

        func find(_ key: UnsafeRawBufferPointer) -> Int? {
            let tag = KeyTable.tag(KeyTable.hash(key, seed: seed))
            var position = Int(tag) & (slots.count - 1)
            while true {
                let slot = slots[position]
                if slot == 0 { return nil }
                if slot >> 32 == tag, matches(Int(truncatingIfNeeded: slot & 0xFFFF_FFFF) - 1, key) {
                    return Int(truncatingIfNeeded: slot & 0xFFFF_FFFF) - 1
                }
                position = (position + 1) & (slots.count - 1)
            }
        }

        func prefetch(_ key: UnsafeRawBufferPointer) {
            let position = Int(KeyTable.tag(KeyTable.hash(key, seed: seed))) & (slots.count - 1)
            cprefetch_read(slots.base + position)
        }

        mutating func insert(_ key: UnsafeRawBufferPointer, at occurrence: Occurrence) -> (entry: Int, inserted: Bool) {
            let tag = KeyTable.tag(KeyTable.hash(key, seed: seed))
            var position = Int(tag) & (slots.count - 1)
            while true {
                let slot = slots[position]
                if slot == 0 { break }
                let entry = Int(truncatingIfNeeded: slot & 0xFFFF_FFFF) - 1
                if slot >> 32 == tag, matches(entry, key) { return (entry, false) }
                position = (position + 1) & (slots.count - 1)
            }
            let entry = ends.count
            precondition(entry < 0xFFFF_FFFF, "KeyTable holds at most 2^32 - 2 keys")
            precondition(bytes.count + key.count <= Int(UInt32.max), "KeyTable holds at most 4 GiB of key bytes")
            bytes.append(contentsOf: key.assumingMemoryBound(to: UInt8.self))
            ends.append(UInt32(truncatingIfNeeded: bytes.count))
            occurrences.append(occurrence)
            slots[position] = tag << 32 | UInt64(entry + 1)
            if (ends.count + 1) * 4 > slots.count * 3 { rebuildSlots(capacity: slots.count * 2) }
            return (entry, true)
        }

        mutating func reserve(additional: Int) {
            let needed = ends.count + max(0, additional) + 1
            var capacity = slots.count
            while needed * 4 > capacity * 3 { capacity *= 2 }
            if capacity > slots.count { rebuildSlots(capacity: capacity) }
        }

        mutating func removeEntries(from entry: Int) {
            guard entry < ends.count else { return }
            bytes.truncate(to: entry == 0 ? 0 : Int(ends[entry - 1]))
            ends.truncate(to: entry)
            occurrences.truncate(to: entry)
            rebuildSlots(capacity: slots.count)
        }

        func matches(_ entry: Int, _ key: UnsafeRawBufferPointer) -> Bool {
            let stored = self.key(entry)
            guard stored.count == key.count else { return false }
            guard let a = stored.baseAddress, let b = key.baseAddress else { return true }
            return memcmp(a, b, key.count) == 0
        }

        /// Re-places every entry in `capacity` slots, from the tags kept in the slots (no key is hashed again).
        mutating func rebuildSlots(capacity: Int) {
            var tags = FlatStorage<UInt64>(capacity: ends.count)
            for position in 0..<slots.count where slots[position] != 0 { tags.append(slots[position]) }
            slots.reset(count: capacity, to: 0)
            let limit = ends.count
            for index in 0..<tags.count {
                let slot = tags[index]
                guard Int(truncatingIfNeeded: slot & 0xFFFF_FFFF) - 1 < limit else { continue }  // removed entry
                var position = Int(slot >> 32) & (capacity - 1)
                while slots[position] != 0 { position = (position + 1) & (capacity - 1) }
                slots[position] = slot
            }
        }

    }

    /// The upper half of a hash, never 0 in the slot (entry + 1 is never 0).
    fileprivate static func tag(_ hash: UInt64) -> UInt64 { hash >> 32 }

    /// A seeded 64-bit hash of the key, 8 bytes at a time (multiply-fold rounds, then a final avalanche).
    static func hash(_ key: UnsafeRawBufferPointer, seed: UInt64) -> UInt64 {
        var state = seed ^ (UInt64(key.count) &* 0x9E37_79B9_7F4A_7C15)
        var offset = 0
        while offset + 8 <= key.count {
            state = mix(state ^ key.loadUnaligned(fromByteOffset: offset, as: UInt64.self))
            offset += 8
        }
        if offset < key.count {
            var tail: UInt64 = 0
            for index in offset..<key.count { tail |= UInt64(key[index]) << (8 * UInt64(index - offset)) }
            state = mix(state ^ tail ^ 0xFF00_0000_0000_0000)
        }
        state ^= state >> 33
        state &*= 0xFF51_AFD7_ED55_8CCD
        state ^= state >> 33
        state &*= 0xC4CE_B9FE_1A85_EC53
        return state ^ (state >> 33)
    }

    private static func mix(_ value: UInt64) -> UInt64 {
        let product = (value ^ 0xA076_1D64_78BD_642F).multipliedFullWidth(by: 0xE703_7ED1_A0B4_28DB)
        return product.high ^ product.low
    }
}
