/* read/body.c: what the record readers (JSON Lines, WARC) share with
 * the text reader: splitting a text field into paragraphs and the passes
 * every report goes through before it is emitted. */
#include <string.h>

#include "read_int.h"
#include "util/err.h"
#include "util/report.h"

int read_add_text(sift_report_t *r, const char *text, size_t len)
{
    const char *p = text, *end = text + len;
    while (p < end) {
        const char *nl = memchr(p, '\n', (size_t)(end - p));
        const char *le = nl ? nl : end;
        /* report_add_block() collapses white space and skips empty
         * lines, so blank lines and "\r\n" need no care here */
        int rc = report_add_block(r, SIFT_BLOCK_PARAGRAPH, p, (size_t)(le - p));
        if (rc) {
            return rc;
        }
        p = nl ? nl + 1 : end;
    }
    return 0;
}

int read_finish(sift_report_t *r, const char *source, sift_err_t *err)
{
    int rc = clutter_clean(r, err);
    if (rc == 0) {
        rc = clutter_title_as_body(r);
    }
    if (rc == 0) {
        rc = meta_complete(r, err);
    }
    if (rc) {
        if (err->code == 0) {
            err_set(err, rc, source, SIFT_NOPOS, 0, "cannot read report");
        }
        return rc;
    }
    if (r->n_blocks == 0) {
        return err_set(err, SIFT_EINPUT, source, SIFT_NOPOS, 0, "no text found");
    }
    report_finish(r);
    return 0;
}
