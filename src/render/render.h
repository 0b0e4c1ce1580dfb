/* render/render.h: writers that turn reports (and later stories) into
 * text, Markdown, JSON and HTML. They write to a FILE and never fail on
 * content; a write error shows in ferror(f). */
#ifndef SIFT_RENDER_H
#define SIFT_RENDER_H

#include <stdio.h>

#include "analyze/analyze.h"
#include "sift.h"

/* One report as a JSON object (see docs/json.md), on one line when
 * is_compact, followed by a newline. with_body adds blocks and clutter.
 * Returns 0 or SIFT_ENOMEM/SIFT_EIO. */
int render_report_json(FILE *f, const sift_report_t *r, int with_body, int is_compact);

/* A report for the terminal: metadata lines, a blank line, the clean
 * body, then the clutter that was set aside (when with_clutter). */
int render_report_text(FILE *f, sift_report_t *r, int with_clutter);

/* One line per report for listings: id, date, outlet, title. */
int render_report_line(FILE *f, const sift_report_t *r);

/* ---- stories (analysis of a set of reports) ---------------------------- */

/* The whole analysis as one JSON document (schema: docs/story-json.md),
 * followed by a newline. 0, SIFT_ENOMEM or SIFT_EIO. */
int render_story_json(FILE *f, const analysis_t *a);

/* The analysis for the terminal, as Markdown, or as an HTML page (every
 * piece of report text escaped). 0 or SIFT_EIO. */
int render_story_text(FILE *f, const analysis_t *a);
int render_story_md(FILE *f, const analysis_t *a);
int render_story_html(FILE *f, const analysis_t *a);

#endif
