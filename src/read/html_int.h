/* read/html_int.h: the two halves of the HTML reader: main-content
 * extraction (html.c) and page metadata (html_meta.c), over one parsed
 * libxml2 document. */
#ifndef SIFT_HTML_INT_H
#define SIFT_HTML_INT_H

#include <libxml/HTMLparser.h>

#include "read_int.h"

/* Fill r's title, subtitle, byline, date, outlet, url and language from
 * the page's <title>, OpenGraph, JSON-LD (NewsArticle), <time>, <meta>
 * author and date, and <html lang>. Fields already set are kept. */
int html_meta_read(htmlDocPtr doc, sift_report_t *r, sift_err_t *err);

/* Find the page's main article and append it to r as blocks (headings,
 * paragraphs, quotes, list items); page furniture inside it goes to r's
 * clutter with the reason, and the headline h1 to r->title when that is
 * still empty. Iterative: nesting deeper than ctx->max_html_depth is read
 * as text of the element at that depth. Uses the nodes' _private field
 * during the call and clears it. 0 or SIFT_ENOMEM. */
int html_extract_main(const sift_ctx_t *ctx, htmlDocPtr doc, sift_report_t *r, sift_err_t *err);

#endif
