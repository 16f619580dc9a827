#ifndef CSHA256_H
#define CSHA256_H

#include <stddef.h>
#include <stdint.h>

/// Whether this processor has the SHA extensions (x86-64 SHA-NI) that `csha256_compress_hw` needs.
int csha256_has_hardware(void);

/// SHA-256 compression of `blocks` 64-byte blocks at `data` into `state` (a, b, c, d, e, f, g, h),
/// with the SHA-NI instructions. Call only when `csha256_has_hardware()` is non-zero.
void csha256_compress_hw(uint32_t state[8], const uint8_t *data, size_t blocks);

#endif
