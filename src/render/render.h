/* render/render.h: writers that turn reports (and later stories) into
 * text, Markdown, JSON and HTML. They write to a FILE and never fail on
 * content; a write error shows in ferror(f). */
#ifndef SIFT_RENDER_H
#define SIFT_RENDER_H

#include <jansson.h>
#include <stdio.h>

#include "sift.h"
#include "util/buf.h"

/* One report as a JSON object (see docs/json.md), on one line when
 * is_compact, followed by a newline. with_body adds blocks and clutter.
 * Returns 0 or SIFT_ENOMEM/SIFT_EIO. */
int render_report_json(FILE *f, const sift_report_t *r, int with_body, int is_compact);

/* The JSON object render_report_json prints, for callers that embed it
 * (the HTTP API). Owned: json_decref(). NULL when out of memory. */
json_t *render_report_obj(const sift_report_t *r, int with_body);

/* A report for the terminal: metadata lines, a blank line, the clean
 * body, then the clutter that was set aside (when with_clutter). */
int render_report_text(FILE *f, sift_report_t *r, int with_clutter);

/* One line per report for listings: id, date, outlet, title. */
int render_report_line(FILE *f, const sift_report_t *r);

/* ---- HTML and Markdown (report_html.c, report_md.c) -------------------- */

/* Append s[0..len) to out with & < > " ' written as character
 * references, so that untrusted text is inert in element content and in
 * quoted attribute values. 0, SIFT_ELIMIT past out's cap, or SIFT_ENOMEM. */
int render_html_escape(buf_t *out, const char *s, size_t len);

/* A standalone HTML file: render_html_begin(), a render_report_html() per
 * report, render_html_end(). Styles are inline and a Content-Security-
 * Policy forbids scripts and outside fetches, so the file works offline
 * and report text cannot run. Every string from a report is escaped. */
int render_html_begin(FILE *f, const char *doc_title);
int render_report_html(FILE *f, const sift_report_t *r);
int render_html_end(FILE *f);

/* Markdown for pasting: a heading, then a section per report with its
 * metadata, clean text and clutter. Markdown and HTML syntax characters
 * of report text are backslash-escaped, so they show as written. */
int render_md_begin(FILE *f, const char *doc_title);
int render_report_md(FILE *f, const sift_report_t *r);

#endif
