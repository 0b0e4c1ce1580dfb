/* util/err.c: error filling and formatting. No allocation: reporting
 * ENOMEM must work when memory is gone. */
#include "err.h"

#include <inttypes.h>
#include <stdarg.h>
#include <stdio.h>
#include <string.h>

static void copy_str(char *dst, size_t dst_len, const char *src)
{
    size_t n = strlen(src);
    if (n >= dst_len) {
        n = dst_len - 1;
    }
    memcpy(dst, src, n);
    dst[n] = '\0';
}

void sift_err_clear(sift_err_t *err)
{
    if (!err) {
        return;
    }
    err->code = 0;
    err->path[0] = '\0';
    err->offset = SIFT_NOPOS;
    err->line = 0;
    err->msg[0] = '\0';
}

int err_set(sift_err_t *err, int code, const char *path, uint64_t off, uint32_t line,
            const char *fmt, ...)
{
    if (!err) {
        return code;
    }
    err->code = code;
    copy_str(err->path, sizeof(err->path), path ? path : "");
    err->offset = off;
    err->line = line;
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(err->msg, sizeof(err->msg), fmt, ap);
    va_end(ap);
    return code;
}

int err_oom(sift_err_t *err)
{
    return err_set(err, SIFT_ENOMEM, NULL, SIFT_NOPOS, 0, "out of memory");
}

void err_add_path(sift_err_t *err, const char *path)
{
    if (err && err->path[0] == '\0' && path) {
        copy_str(err->path, sizeof(err->path), path);
    }
}

void err_quote(char *out, size_t out_len, const char *s, size_t len)
{
    size_t j = 0;
    for (size_t i = 0; i < len && j + 4 < out_len; i++) {
        unsigned char c = (unsigned char)s[i];
        out[j++] = (c < 0x20 || c == 0x7f) ? '?' : (char)c;
    }
    if (len > 0 && j + 4 >= out_len) {
        out[j++] = '.';
        out[j++] = '.';
        out[j++] = '.';
    }
    out[j] = '\0';
}

const char *sift_err_format(char *out, size_t out_len, const sift_err_t *err)
{
    if (!err->path[0]) {
        snprintf(out, out_len, "%s", err->msg);
    } else if (err->line) {
        snprintf(out, out_len, "%s:%" PRIu32 ": %s", err->path, err->line, err->msg);
    } else if (err->offset != SIFT_NOPOS) {
        snprintf(out, out_len, "%s@%" PRIu64 ": %s", err->path, err->offset, err->msg);
    } else {
        snprintf(out, out_len, "%s: %s", err->path, err->msg);
    }
    return out;
}
