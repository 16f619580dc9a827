#include <zlib.h>

// deflateInit2 is a macro, which Swift does not import: this function stands in for it.
static inline int czlib_deflate_init_gzip(z_streamp stream, int level) {
    // 15 window bits + 16 = gzip wrapper; zlib writes mtime 0 and no name, so output is deterministic.
    return deflateInit2(stream, level, Z_DEFLATED, 15 + 16, 8, Z_DEFAULT_STRATEGY);
}
