#ifndef CWRITEBACK_H
#define CWRITEBACK_H

/// Asks the kernel to start writing the range [offset, offset + count) of the open file `fd` to disk, without
/// waiting for it (Linux `sync_file_range` with `SYNC_FILE_RANGE_WRITE`): a later `fsync` then finds most of
/// the file written and returns sooner. A hint only: it promises no durability, and does nothing where the
/// call does not exist. Swift's Glibc module does not declare it (it is a GNU extension).
/// Returns 0, or -1 with errno set.
int cwriteback_start(int fd, long long offset, long long count);

#endif
