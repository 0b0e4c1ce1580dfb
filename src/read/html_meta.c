/* read/html_meta.c: page metadata from an HTML document (first cut:
 * <title> only; issue 2). */
#include <string.h>

#include "html_int.h"
#include "util/report.h"

static xmlNode *find_element(xmlNode *n, const char *name, int depth)
{
    for (xmlNode *c = n; c && depth < 64; c = c->next) {
        if (c->type == XML_ELEMENT_NODE) {
            if (xmlStrcasecmp(c->name, BAD_CAST name) == 0) {
                return c;
            }
            xmlNode *found = find_element(c->children, name, depth + 1);
            if (found) {
                return found;
            }
        }
    }
    return NULL;
}

int html_meta_read(htmlDocPtr doc, sift_report_t *r, sift_err_t *err)
{
    (void)err;
    xmlNode *t = find_element(xmlDocGetRootElement(doc), "title", 0);
    if (t && !r->title[0]) {
        xmlChar *s = xmlNodeGetContent(t);
        if (s) {
            report_set(r, &r->title, (const char *)s, strlen((const char *)s));
            xmlFree(s);
        }
    }
    return 0;
}
