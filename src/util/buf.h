/* util/buf.h: a growable byte buffer with a hard cap (after curl's
 * dynbuf): appends past the cap fail with SIFT_ELIMIT instead of growing
 * without bound. The content is always NUL-terminated. */
#ifndef SIFT_BUF_H
#define SIFT_BUF_H

#include <stddef.h>

typedef struct buf {
    char *ptr; /* NUL-terminated; NULL until the first append */
    size_t len;
    size_t cap;
    size_t max; /* largest len allowed */
} buf_t;

/* Empty buffer that may grow to max bytes. Caller owns the struct;
 * release its memory with buf_release(). */
void buf_init(buf_t *b, size_t max);
void buf_release(buf_t *b);
void buf_reset(buf_t *b); /* len = 0, memory kept */

/* 0, SIFT_ELIMIT past the cap (b unchanged), or SIFT_ENOMEM. */
int buf_append(buf_t *b, const void *data, size_t len);
int buf_putc(buf_t *b, char c);
int buf_puts(buf_t *b, const char *s);

/* Make room for n more bytes; returns a pointer to write them, or NULL. */
char *buf_reserve(buf_t *b, size_t n);

/* Take the content: owned by the caller (free()); b is left empty. */
char *buf_detach(buf_t *b, size_t *out_len);

#endif
