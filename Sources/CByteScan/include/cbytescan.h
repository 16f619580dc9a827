#ifndef CBYTESCAN_H
#define CBYTESCAN_H

#include <stddef.h>
#if defined(__SSE2__)
#include <emmintrin.h>
#endif

/// The index of the first byte of `bytes[0..<count]` equal to `a`, `b` or `c`; `count` when there is none.
///
/// Sixteen bytes a compare (SSE2, part of every x86-64 processor), one at a time elsewhere. Swift has no
/// portable way to turn a vector compare into a bit mask, so this one loop is written in C; it is inline so
/// that the Swift caller pays no call for the short runs of a CSV row.
static inline size_t cbytescan_first_of3(const unsigned char *bytes, size_t count,
                                         unsigned char a, unsigned char b, unsigned char c) {
    size_t index = 0;
#if defined(__SSE2__)
    const __m128i va = _mm_set1_epi8((char)a), vb = _mm_set1_epi8((char)b), vc = _mm_set1_epi8((char)c);
    for (; index + 16 <= count; index += 16) {
        const __m128i block = _mm_loadu_si128((const __m128i *)(bytes + index));
        const __m128i hits = _mm_or_si128(_mm_or_si128(_mm_cmpeq_epi8(block, va), _mm_cmpeq_epi8(block, vb)),
                                          _mm_cmpeq_epi8(block, vc));
        const int mask = _mm_movemask_epi8(hits);
        if (mask != 0) return index + (size_t)__builtin_ctz((unsigned)mask);
    }
#endif
    for (; index < count; index++) {
        const unsigned char byte = bytes[index];
        if (byte == a || byte == b || byte == c) return index;
    }
    return count;
}

/// `cbytescan_first_of3` with a fourth byte: the end of an unquoted CSV field (delimiter, quote, CR, LF).
static inline size_t cbytescan_first_of4(const unsigned char *bytes, size_t count,
                                         unsigned char a, unsigned char b, unsigned char c, unsigned char d) {
    size_t index = 0;
#if defined(__SSE2__)
    const __m128i va = _mm_set1_epi8((char)a), vb = _mm_set1_epi8((char)b), vc = _mm_set1_epi8((char)c),
                  vd = _mm_set1_epi8((char)d);
    for (; index + 16 <= count; index += 16) {
        const __m128i block = _mm_loadu_si128((const __m128i *)(bytes + index));
        const __m128i hits = _mm_or_si128(_mm_or_si128(_mm_cmpeq_epi8(block, va), _mm_cmpeq_epi8(block, vb)),
                                          _mm_or_si128(_mm_cmpeq_epi8(block, vc), _mm_cmpeq_epi8(block, vd)));
        const int mask = _mm_movemask_epi8(hits);
        if (mask != 0) return index + (size_t)__builtin_ctz((unsigned)mask);
    }
#endif
    for (; index < count; index++) {
        const unsigned char byte = bytes[index];
        if (byte == a || byte == b || byte == c || byte == d) return index;
    }
    return count;
}

#endif
