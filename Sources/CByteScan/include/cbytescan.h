#ifndef CBYTESCAN_H
#define CBYTESCAN_H

#include <stddef.h>
#include <string.h>
#include <stdint.h>
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

#if defined(__SSE2__)
/// The lanes of `block` equal to one of the four broadcast bytes `a` … `d`, as 0xFF.
static inline __m128i cbytescan_hits4(__m128i block, __m128i a, __m128i b, __m128i c, __m128i d) {
    return _mm_or_si128(_mm_or_si128(_mm_cmpeq_epi8(block, a), _mm_cmpeq_epi8(block, b)),
                        _mm_or_si128(_mm_cmpeq_epi8(block, c), _mm_cmpeq_epi8(block, d)));
}
#endif

/// `cbytescan_first_of3` with a fourth byte: the end of an unquoted CSV field (delimiter, quote, CR, LF).
static inline size_t cbytescan_first_of4(const unsigned char *bytes, size_t count,
                                         unsigned char a, unsigned char b, unsigned char c, unsigned char d) {
    size_t index = 0;
#if defined(__SSE2__)
    const __m128i va = _mm_set1_epi8((char)a), vb = _mm_set1_epi8((char)b), vc = _mm_set1_epi8((char)c),
                  vd = _mm_set1_epi8((char)d);
    for (; index + 16 <= count; index += 16) {
        const __m128i block = _mm_loadu_si128((const __m128i *)(bytes + index));
        const int mask = _mm_movemask_epi8(cbytescan_hits4(block, va, vb, vc, vd));
        if (mask != 0) return index + (size_t)__builtin_ctz((unsigned)mask);
    }
#endif
    for (; index < count; index++) {
        const unsigned char byte = bytes[index];
        if (byte == a || byte == b || byte == c || byte == d) return index;
    }
    return count;
}

/// Whether `byte` is `a`, `b`, `c` or `d`.
static inline int cbytescan_is_one_of4(unsigned char byte, unsigned char a, unsigned char b, unsigned char c,
                                       unsigned char d) {
    return byte == a || byte == b || byte == c || byte == d;
}

#if defined(__SSE2__)
/// Moves 1 to 15 bytes without a call and without touching a byte around them: two overlapping 8- or 4-byte
/// words, or below 4 the first, middle and last byte. Returns the bytes moved in a vector (some twice, the
/// rest of it copies of them) for a compare.
static inline __m128i cbytescan_move_short(unsigned char *restrict destination, const unsigned char *restrict source,
                                           size_t count) {
    if (count >= 8) {
        unsigned long long first, last;
        memcpy(&first, source, 8);
        memcpy(&last, source + count - 8, 8);
        memcpy(destination, &first, 8);
        memcpy(destination + count - 8, &last, 8);
        return _mm_set_epi64x((long long)last, (long long)first);
    }
    if (count >= 4) {
        unsigned int first, last;
        memcpy(&first, source, 4);
        memcpy(&last, source + count - 4, 4);
        memcpy(destination, &first, 4);
        memcpy(destination + count - 4, &last, 4);
        return _mm_set_epi32((int)last, (int)first, (int)last, (int)first);
    }
    const unsigned char first = source[0], middle = source[count / 2], last = source[count - 1];
    destination[0] = first;
    destination[count / 2] = middle;
    destination[count - 1] = last;
    return _mm_set1_epi32((int)((unsigned)first | (unsigned)middle << 8 | (unsigned)last << 16 | (unsigned)first << 24));
}
#endif

/// Copies `count` bytes from `source` to `destination` (not overlapping) and tells whether one of them is
/// `a`, `b`, `c` or `d`: the canonical writer copies a text field and learns whether it needs quoting in the
/// same pass. Reads and writes exactly the `count` bytes: a short field is moved as two overlapping words
/// (`cbytescan_move_short`), a longer one as 16-byte blocks, the last overlapping the one before — no call
/// to `memcpy` and no byte loop for the dozen-byte fields of a row.
static inline int cbytescan_copy_finding4(unsigned char *restrict destination, const unsigned char *restrict source,
                                          size_t count, unsigned char a, unsigned char b, unsigned char c,
                                          unsigned char d) {
    if (count == 0) return 0;
#if defined(__SSE2__)
    const __m128i va = _mm_set1_epi8((char)a), vb = _mm_set1_epi8((char)b), vc = _mm_set1_epi8((char)c),
                  vd = _mm_set1_epi8((char)d);
    if (count < 16) return _mm_movemask_epi8(cbytescan_hits4(cbytescan_move_short(destination, source, count), va, vb, vc, vd)) != 0;
    __m128i hits = _mm_setzero_si128();
    for (size_t index = 0;; index += 16) {
        if (index + 16 > count) index = count - 16;
        const __m128i block = _mm_loadu_si128((const __m128i *)(source + index));
        _mm_storeu_si128((__m128i *)(destination + index), block);
        hits = _mm_or_si128(hits, cbytescan_hits4(block, va, vb, vc, vd));
        if (index + 16 == count) return _mm_movemask_epi8(hits) != 0;
    }
#else
    int found = 0;
    for (size_t index = 0; index < count; index++) {
        destination[index] = source[index];
        found |= cbytescan_is_one_of4(source[index], a, b, c, d);
    }
    return found;
#endif
}

/// Copies `count` bytes from `source` to `destination` (not overlapping): the short copies of a row (a
/// number's digits, a label, a key) without a call, as in `cbytescan_copy_finding4`; `memcpy` above 64 bytes.
/// Untyped, as `memcpy`: Swift hands it the memory of any plain value (`FlatStorage`'s elements) as raw bytes.
static inline void cbytescan_copy(void *restrict to, const void *restrict from, size_t count) {
    unsigned char *restrict destination = (unsigned char *)to;
    const unsigned char *restrict source = (const unsigned char *)from;
#if defined(__SSE2__)
    if (count == 0) return;
    if (count < 16) {
        (void)cbytescan_move_short(destination, source, count);
        return;
    }
    if (count <= 64) {
        for (size_t index = 0;; index += 16) {
            if (index + 16 > count) index = count - 16;
            _mm_storeu_si128((__m128i *)(destination + index), _mm_loadu_si128((const __m128i *)(source + index)));
            if (index + 16 == count) return;
        }
    }
#endif
    memcpy(destination, source, count);
}

/// Copies bytes from `source` to `destination` up to (not including) the first `a`, `b`, `c` or `d`, or
/// `count` bytes when there is none, and returns how many: the CSV reader's unquoted run, scanned and moved
/// into the record's arena in one pass. `destination` must have room for `count` bytes (whole 16-byte
/// blocks are stored, the one holding the match included; nothing past `count` is written).
static inline size_t cbytescan_copy_until4(unsigned char *restrict destination, const unsigned char *restrict source,
                                           size_t count, unsigned char a, unsigned char b, unsigned char c,
                                           unsigned char d) {
    size_t index = 0;
#if defined(__SSE2__)
    const __m128i va = _mm_set1_epi8((char)a), vb = _mm_set1_epi8((char)b), vc = _mm_set1_epi8((char)c),
                  vd = _mm_set1_epi8((char)d);
    for (; index + 16 <= count; index += 16) {
        const __m128i block = _mm_loadu_si128((const __m128i *)(source + index));
        _mm_storeu_si128((__m128i *)(destination + index), block);
        const int mask = _mm_movemask_epi8(cbytescan_hits4(block, va, vb, vc, vd));
        if (mask != 0) return index + (size_t)__builtin_ctz((unsigned)mask);
    }
#endif
    for (; index < count; index++) {
        const unsigned char byte = source[index];
        if (cbytescan_is_one_of4(byte, a, b, c, d)) return index;
        destination[index] = byte;
    }
    return count;
}

/// Splits one line of CSV that holds no quote, CR or LF into its fields as libcsv's strict grammar reads
/// them: at each `delimiter`, each field without the spaces (and tabs, unless tab is the delimiter) it
/// begins and ends with. The fields go to `arena` back to back and where each ends to `ends`, as the CSV
/// reader keeps a record. `readable` bytes can be read from `line` (more than `count`: the line's end can
/// be read); `arena` must have room for `count` + 32 bytes (a field of up to 32 bytes is moved as two
/// 16-byte blocks when it can be read as such), `ends` for `ends_capacity` fields.
///
/// Why: nearly every line of a sheet is such a line, and the reader's byte-by-byte grammar cost ≈ 80
/// instructions a field; here the delimiters of sixteen bytes are found with one compare and the fields
/// are taken from the bit mask. Returns the number of fields, or -1 when the caller's grammar must read the
/// line instead: a field longer than `max_field_bytes`, more fields than `max_fields` or `ends_capacity`
/// (it then reports the limit, or grows its storage), or a line of spaces only (a blank line, no record).
static inline long cbytescan_split_plain_line(const unsigned char *line, size_t count, size_t readable,
                                              unsigned char delimiter, size_t max_field_bytes, size_t max_fields,
                                              unsigned char *arena, long *ends, size_t ends_capacity) {
    const size_t limit = max_fields < ends_capacity ? max_fields : ends_capacity;
    // The bytes trimmed: space, and tab unless it is the delimiter (then space twice).
    const unsigned char tab = delimiter == 0x09 ? 0x20 : 0x09;
#define CBYTESCAN_IS_SPACE(byte) ((byte) == 0x20 || (byte) == tab)
    size_t used = 0, fields = 0, start = 0;
    // Ends the field `line[start..<end]`, or the split when it passes a limit. Whether to trim is asked of the
    // field's first and last bytes at once (an empty field's "first" is the delimiter or line end after it),
    // and a field of up to 32 bytes is moved as two blocks: no branch on whether a cell is empty or how long
    // it is, which the cells of a household answer as good as at random (its marks are empty or `x`, its
    // names around sixteen bytes), so such branches were mispredicted about every other field.
#define CBYTESCAN_END_FIELD(end)                                                                          \
    do {                                                                                                  \
        size_t first = start, last = (end);                                                               \
        const unsigned char head = line[first], tail = line[last > first ? last - 1 : first];            \
        if (CBYTESCAN_IS_SPACE(head) | CBYTESCAN_IS_SPACE(tail)) {                                        \
            while (first < last && CBYTESCAN_IS_SPACE(line[first])) first++;                             \
            while (last > first && CBYTESCAN_IS_SPACE(line[last - 1])) last--;                            \
        }                                                                                                 \
        const size_t length = last - first;                                                               \
        if (length > max_field_bytes || fields >= limit) return -1;                                       \
        if (length <= 32 && first + 32 <= readable) {                                                     \
            memcpy(arena + used, line + first, 16);                                                       \
            memcpy(arena + used + 16, line + first + 16, 16);                                             \
        } else {                                                                                          \
            cbytescan_copy(arena + used, line + first, length);                                           \
        }                                                                                                 \
        used += length;                                                                                   \
        ends[fields++] = (long)used;                                                                      \
    } while (0)
    size_t index = 0;
#if defined(__SSE2__)
    const __m128i vd = _mm_set1_epi8((char)delimiter);
    // Ends a field at each delimiter among the `blocks` × 16 bytes at `index` whose bit `keep` keeps. The
    // blocks' delimiters make one mask: the loop over a mask ends once a mask, at a number of delimiters no
    // processor can foresee, so four blocks a mask (64 bytes) end it a fourth as often as one would.
#define CBYTESCAN_END_FIELDS_OF(blocks, keep)                                                              \
    do {                                                                                                  \
        uint64_t mask = 0;                                                                                \
        for (int part = 0; part < (blocks); part++) {                                                     \
            const __m128i block = _mm_loadu_si128((const __m128i *)(line + index + 16 * part));            \
            mask |= (uint64_t)(unsigned)_mm_movemask_epi8(_mm_cmpeq_epi8(block, vd)) << (16 * part);      \
        }                                                                                                 \
        mask &= (keep);                                                                                   \
        while (mask != 0) {                                                                               \
            const size_t at = index + (size_t)__builtin_ctzll(mask);                                      \
            mask &= mask - 1;                                                                             \
            CBYTESCAN_END_FIELD(at);                                                                      \
            start = at + 1;                                                                               \
        }                                                                                                 \
    } while (0)
    for (; index + 64 <= count; index += 64) CBYTESCAN_END_FIELDS_OF(4, ~(uint64_t)0);
    // The last bytes, fewer than 64: one more 64 when they can be read, the lanes past the line masked off;
    // else blocks of 16, the last one masked when it can be read.
    if (index < count && index + 64 <= readable) {
        CBYTESCAN_END_FIELDS_OF(4, ((uint64_t)1 << (count - index)) - 1);
        index = count;
    }
    for (; index + 16 <= count; index += 16) CBYTESCAN_END_FIELDS_OF(1, 0xFFFFu);
    if (index < count && index + 16 <= readable) {
        CBYTESCAN_END_FIELDS_OF(1, ((uint64_t)1 << (count - index)) - 1);
        index = count;
    }
#undef CBYTESCAN_END_FIELDS_OF
#endif
    for (; index < count; index++) {
        if (line[index] == delimiter) {
            CBYTESCAN_END_FIELD(index);
            start = index + 1;
        }
    }
    // A line of spaces only, one field with nothing in it, is a blank line to the grammar, not a record.
    if (fields == 0) {
        size_t first = 0;
        while (first < count && CBYTESCAN_IS_SPACE(line[first])) first++;
        if (first == count) return -1;
    }
    CBYTESCAN_END_FIELD(count);
    return (long)fields;
#undef CBYTESCAN_END_FIELD
#undef CBYTESCAN_IS_SPACE
}

#endif
