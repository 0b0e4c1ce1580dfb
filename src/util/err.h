/* util/err.h: filling sift_err_t where a fault is found. */
#ifndef SIFT_ERR_H
#define SIFT_ERR_H

#include <stdint.h>

#include "sift.h"

/* Set err (when not NULL) and return code, so a fault reads as
 * `return err_set(err, SIFT_EINPUT, path, off, line, "fmt", ...);`.
 * path may be NULL; off SIFT_NOPOS and line 0 when unknown. */
int err_set(sift_err_t *err, int code, const char *path, uint64_t off, uint32_t line,
            const char *fmt, ...) __attribute__((format(printf, 6, 7)));

/* err_set(err, SIFT_ENOMEM, ...) with the one message sift gives for it. */
int err_oom(sift_err_t *err);

/* Fill path if the error has none yet (callers add, never rewrite). */
void err_add_path(sift_err_t *err, const char *path);

/* Copy up to max bytes of s into out (size out_len) as a quoted, printable
 * excerpt for an error message: control bytes become '?'. */
void err_quote(char *out, size_t out_len, const char *s, size_t len);

#endif
