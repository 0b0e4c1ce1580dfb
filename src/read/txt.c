/* read/txt.c: plain text and Markdown reports. A first line is the
 * title; blank lines or single lines separate paragraphs. */
#include <string.h>

#include "read_int.h"
#include "util/err.h"
#include "util/report.h"

int txt_read(const sift_ctx_t *ctx, const char *source, const char *data, size_t len,
             int is_markdown, sift_report_t **out, sift_err_t *err)
{
    (void)ctx;
    sift_report_t *r = sift_report_new(source, is_markdown ? SIFT_FMT_MARKDOWN : SIFT_FMT_TEXT);
    if (!r) {
        return err_set(err, SIFT_ENOMEM, source, SIFT_NOPOS, 0, "out of memory");
    }
    const char *p = data, *end = data + len;
    int have_title = 0;
    int rc = 0;
    while (p < end && rc == 0) {
        const char *nl = memchr(p, '\n', (size_t)(end - p));
        const char *le = nl ? nl : end;
        const char *s = p;
        while (s < le && (*s == '#' || *s == ' ')) {
            s++;
        }
        if (le > s) {
            if (!have_title) {
                rc = report_set(r, &r->title, s, (size_t)(le - s));
                have_title = r->title[0] != '\0';
            } else {
                rc = report_add_block(r, SIFT_BLOCK_PARAGRAPH, s, (size_t)(le - s));
            }
        }
        p = nl ? nl + 1 : end;
    }
    if (rc == 0) {
        rc = clutter_clean(r, err);
    }
    if (rc == 0) {
        rc = meta_complete(r, err);
    }
    if (rc == 0 && r->n_blocks == 0) {
        rc = err_set(err, SIFT_EINPUT, source, SIFT_NOPOS, 0, "no text found");
    }
    if (rc) {
        if (err->code == 0) {
            err_set(err, rc, source, SIFT_NOPOS, 0, "cannot read report");
        }
        sift_report_free(r);
        return rc;
    }
    report_finish(r);
    *out = r;
    return 0;
}
