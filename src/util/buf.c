/* util/buf.c: capped growable buffer; see buf.h. */
#include "buf.h"

#include <stdlib.h>
#include <string.h>

#include "sift.h"

void buf_init(buf_t *b, size_t max)
{
    b->ptr = NULL;
    b->len = 0;
    b->cap = 0;
    b->max = max;
}

void buf_release(buf_t *b)
{
    free(b->ptr);
    b->ptr = NULL;
    b->len = 0;
    b->cap = 0;
}

void buf_reset(buf_t *b)
{
    b->len = 0;
    if (b->ptr) {
        b->ptr[0] = '\0';
    }
}

char *buf_reserve(buf_t *b, size_t n)
{
    size_t need;
    if (__builtin_add_overflow(b->len, n, &need) || need > b->max) {
        return NULL;
    }
    if (need + 1 > b->cap) {
        size_t cap = b->cap ? b->cap : 256;
        while (cap < need + 1) {
            if (__builtin_mul_overflow(cap, 2, &cap)) {
                return NULL;
            }
        }
        if (cap > b->max + 1) {
            cap = b->max + 1;
        }
        char *p = realloc(b->ptr, cap);
        if (!p) {
            return NULL;
        }
        b->ptr = p;
        b->cap = cap;
    }
    return b->ptr + b->len;
}

int buf_append(buf_t *b, const void *data, size_t len)
{
    size_t need;
    if (__builtin_add_overflow(b->len, len, &need) || need > b->max) {
        return SIFT_ELIMIT;
    }
    char *p = buf_reserve(b, len);
    if (!p) {
        return SIFT_ENOMEM;
    }
    if (len) {
        memcpy(p, data, len);
    }
    b->len += len;
    b->ptr[b->len] = '\0';
    return 0;
}

int buf_putc(buf_t *b, char c)
{
    return buf_append(b, &c, 1);
}

int buf_puts(buf_t *b, const char *s)
{
    return buf_append(b, s, strlen(s));
}

char *buf_detach(buf_t *b, size_t *out_len)
{
    char *p = b->ptr;
    if (out_len) {
        *out_len = b->len;
    }
    if (!p) {
        p = calloc(1, 1);
    }
    b->ptr = NULL;
    b->len = 0;
    b->cap = 0;
    return p;
}
