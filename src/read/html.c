/* read/html.c: HTML pages through libxml2's HTML parser. */
#include <libxml/HTMLparser.h>
#include <string.h>

#include "html_int.h"
#include "util/err.h"
#include "util/report.h"

static void collect(xmlNode *n, sift_report_t *r, int depth)
{
    for (xmlNode *c = n; c; c = c->next) {
        if (c->type != XML_ELEMENT_NODE || depth > 200) {
            continue;
        }
        if (xmlStrcasecmp(c->name, BAD_CAST "p") == 0) {
            xmlChar *t = xmlNodeGetContent(c);
            if (t) {
                report_add_block(r, SIFT_BLOCK_PARAGRAPH, (const char *)t, strlen((char *)t));
                xmlFree(t);
            }
            continue;
        }
        collect(c->children, r, depth + 1);
    }
}

int html_read(const sift_ctx_t *ctx, const char *source, const char *url, const char *data,
              size_t len, sift_report_t **out, sift_err_t *err)
{
    (void)ctx;
    if (len > (size_t)0x7fffffff) {
        return err_set(err, SIFT_EINPUT, source, SIFT_NOPOS, 0, "too large");
    }
    htmlDocPtr doc = htmlReadMemory(data, (int)len, url, NULL,
                                    HTML_PARSE_NOERROR | HTML_PARSE_NOWARNING | HTML_PARSE_NONET);
    if (!doc) {
        return err_set(err, SIFT_EINPUT, source, SIFT_NOPOS, 0, "cannot parse HTML");
    }
    sift_report_t *r = sift_report_new(source, SIFT_FMT_HTML);
    if (!r) {
        xmlFreeDoc(doc);
        return err_set(err, SIFT_ENOMEM, source, SIFT_NOPOS, 0, "out of memory");
    }
    report_set_str(r, &r->url, url);
    collect(xmlDocGetRootElement(doc), r, 0);
    html_meta_read(doc, r, err);
    clutter_clean(r, err);
    meta_complete(r, err);
    xmlFreeDoc(doc);
    if (r->n_blocks == 0) {
        sift_report_free(r);
        return err_set(err, SIFT_EINPUT, source, SIFT_NOPOS, 0, "no article text found");
    }
    report_finish(r);
    *out = r;
    return 0;
}
