/* read/read.h: the readers' module interface. The public entry points
 * are sift_read_path() and sift_read_buffer() in sift.h; this header adds
 * what other modules (tests, fuzzers) need: sniffing. */
#ifndef SIFT_READ_H
#define SIFT_READ_H

#include <stddef.h>

#include "sift.h"

/* Guess the format of an input from its name (may be NULL) and its first
 * bytes. Content wins over the name where they disagree. gzip data is
 * SIFT_FMT_WARC when the name ends in .warc.gz or the data starts with a
 * gzip member (sift reads no other gzip input). */
sift_format_t read_sniff(const char *name, const char *head, size_t len);

#endif
