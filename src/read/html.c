/* read/html.c: HTML pages through libxml2's HTML parser: parse, read the
 * page metadata (html_meta.c), extract the main article (html_extract.c),
 * then the shared clutter and metadata passes. */
#include <libxml/HTMLparser.h>
#include <string.h>

#include "html_int.h"
#include "util/err.h"
#include "util/report.h"
#include "util/utf8.h"

int html_read(const sift_ctx_t *ctx, const char *source, const char *url, const char *data,
              size_t len, sift_report_t **out, sift_err_t *err)
{
    if (len > (size_t)0x7fffffff) {
        return err_set(err, SIFT_EINPUT, source, SIFT_NOPOS, 0, "too large");
    }
    /* Valid UTF-8 is read as UTF-8 whatever the page claims: pages are
     * often re-encoded (crawlers, archives) without fixing their <meta
     * charset>, and text in another encoding is almost never valid UTF-8.
     * Otherwise libxml2 follows the page's own declaration. */
    const char *enc = utf8_invalid_at(data, len) == len ? "UTF-8" : NULL;
    /* HUGE lifts libxml2's nesting limit of 256, which would stop the
     * parse and lose the rest of the page; html_extract_main() bounds its
     * own walks instead. RECOVER makes a <script> end only at </script>,
     * as browsers do: without it libxml2 2.9 ends it at any "</x" inside a
     * JavaScript string and the rest of the script becomes page text. */
    htmlDocPtr doc = htmlReadMemory(data, (int)len, url, enc,
                                    HTML_PARSE_RECOVER | HTML_PARSE_NOERROR | HTML_PARSE_NOWARNING |
                                        HTML_PARSE_NONET | HTML_PARSE_COMPACT | XML_PARSE_HUGE);
    if (!doc) {
        return err_set(err, SIFT_EINPUT, source, SIFT_NOPOS, 0, "cannot parse HTML");
    }
    sift_report_t *r = sift_report_new(source, SIFT_FMT_HTML);
    if (!r) {
        xmlFreeDoc(doc);
        return err_set(err, SIFT_ENOMEM, source, SIFT_NOPOS, 0, "out of memory");
    }
    report_set_str(r, &r->url, url);
    int rc = html_meta_read(doc, r, err);
    if (rc == 0) {
        rc = html_extract_main(ctx, doc, r, err);
    }
    xmlFreeDoc(doc);
    if (rc == 0) {
        rc = clutter_clean(r, err);
    }
    if (rc == 0) {
        rc = meta_complete(r, err);
    }
    if (rc) {
        sift_report_free(r);
        return rc;
    }
    if (r->n_blocks == 0) {
        sift_report_free(r);
        return err_set(err, SIFT_EINPUT, source, SIFT_NOPOS, 0, "no article text found");
    }
    report_finish(r);
    *out = r;
    return 0;
}
