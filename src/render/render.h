/* render/render.h: writers that turn reports (and later stories) into
 * text, Markdown, JSON and HTML. They write to a FILE and never fail on
 * content; a write error shows in ferror(f). */
#ifndef SIFT_RENDER_H
#define SIFT_RENDER_H

#include <jansson.h>
#include <stdio.h>

#include "sift.h"
#include "store/store.h"

/* One report as a JSON object (see docs/json.md), on one line when
 * is_compact, followed by a newline. with_body adds blocks and clutter.
 * Returns 0 or SIFT_ENOMEM/SIFT_EIO. */
int render_report_json(FILE *f, const sift_report_t *r, int with_body, int is_compact);

/* A report for the terminal: metadata lines, a blank line, the clean
 * body, then the clutter that was set aside (when with_clutter). */
int render_report_text(FILE *f, sift_report_t *r, int with_clutter);

/* One line per report for listings: id, date, outlet, title. */
int render_report_line(FILE *f, const sift_report_t *r);

/* ---- stories and copies (story_txt.c, story_json.c) ---- */

/* A storyline (is_event 0, "S<id>") or event ("E<id>") on one line:
 * id, counts, dates, label; indent spaces first. */
int render_story_line(FILE *f, const store_story_t *s, int is_event, int indent);

/* A member report on one line: id, date, outlet, title, copy mark. */
int render_member_line(FILE *f, const store_member_t *m, int indent);

/* A copy relation on one line: kind, first, second, similarity. */
int render_copy_line(FILE *f, const store_copy_row_t *c);

/* The same as JSON objects. Owned: json_decref() (or hand to a parent
 * with json_*_set_new). NULL when out of memory. */
json_t *render_story_json(const store_story_t *s, int is_event);
json_t *render_member_json(const store_member_t *m);
json_t *render_copy_json(const store_copy_row_t *c);

/* Write o indented, then a newline, and drop it. 0 or SIFT_EIO. */
int render_json_dump(FILE *f, json_t *o);

#endif
