import Glibc

/// How many malloc arenas the process may use.
///
/// glibc gives each thread that allocates an arena of its own, and memory freed in an arena stays resident
/// there: with the reading and compressing threads of a run that was ≈ 4 MiB of the 1M-row run's peak
/// (98–100 MiB → 94–97 MiB, `/usr/bin/time`), for no measurable time, the row path allocating little.
enum MallocArenas {
    /// `mallopt(M_ARENA_MAX, count)`, called before the run starts its threads. Swift's Glibc module does not
    /// import `<malloc.h>`, so the function is looked up by name; where it is missing nothing changes.
    static func limit(to count: Int32) {
        let arenaMax: Int32 = -8  // M_ARENA_MAX in <malloc.h>
        guard let symbol = dlsym(UnsafeMutableRawPointer(bitPattern: 0), "mallopt") else { return }
        typealias Mallopt = @convention(c) (Int32, Int32) -> Int32
        _ = unsafeBitCast(symbol, to: Mallopt.self)(arenaMax, count)
    }
}
