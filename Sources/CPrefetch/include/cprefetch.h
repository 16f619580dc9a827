#ifndef CPREFETCH_H
#define CPREFETCH_H

/// Asks the processor to bring the cache line at `address` in, without waiting for it (a hint: never
/// faults, even for an address that is not mapped). Swift has no way to emit the instruction.
static inline void cprefetch_read(const void *address) {
    __builtin_prefetch(address, 0, 3);
}

#endif
