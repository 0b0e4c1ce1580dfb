/* render/render.h: writers that turn reports (and later stories) into
 * text, Markdown, JSON and HTML. They write to a FILE and never fail on
 * content; a write error shows in ferror(f). */
#ifndef SIFT_RENDER_H
#define SIFT_RENDER_H

#include <jansson.h>
#include <stdio.h>

#include "analyze/analyze.h"
#include "sift.h"
#include "store/store.h"
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

/* ---- analysis of a story (analysis_*.c) ---------------------------- */

/* The whole analysis as one JSON document (schema: docs/story-json.md),
 * followed by a newline. 0, SIFT_ENOMEM or SIFT_EIO. */
int render_analysis_json(FILE *f, const analysis_t *a);

/* The same document as a JSON object, for callers that embed it (sift
 * story, the HTTP API). Owned: json_decref(). NULL when out of memory. */
json_t *render_analysis_obj(const analysis_t *a);

/* The analysis for the terminal, as Markdown, or as an HTML page (every
 * piece of report text escaped). 0 or SIFT_EIO. */
int render_analysis_text(FILE *f, const analysis_t *a);
int render_analysis_md(FILE *f, const analysis_t *a);
int render_analysis_html(FILE *f, const analysis_t *a);

/* ---- a story shown whole: cluster and analysis (story_full.c) ------ */

/* A storyline ("S12", or "s12") or event ("E7", "e7"): 0 with its kind
 * and number, or -1 when id is not one. */
int render_story_parse_id(const char *id, int *out_is_event, int64_t *out_id);

/* A storyline or event loaded whole: its cluster JSON (events, members,
 * counts, copies), its member reports, and their analysis. */
typedef struct story_full {
    int is_event;
    int64_t id;
    char label[256]; /* the cluster's label (title of its main report) */
    json_t *cluster; /* render_story_json() with events and members */
    char (*ids)[17]; /* the reports analysed: non-copy members in
                      * listing order, at most SIFT_MAX_STORY_REPORTS */
    size_t n_ids;
    sift_report_t **reps; /* those reports, once read */
    size_t n_reps;
    analysis_t *analysis;
} story_full_t;

/* Load it from s: render_story_load_cluster() then render_story_analyse().
 * Owned: free with render_story_free(). SIFT_ENOTFOUND when there is no
 * such story, SIFT_ENOMEM, SIFT_ELIMIT, store errors. */
int render_story_load(store_t *s, int is_event, int64_t id, story_full_t **out, sift_err_t *err);

/* The cluster part only (cluster, label, ids): cheap, a few queries. The
 * analysis depends on nothing else than the ids (a report never changes
 * once stored), which is what lets sift serve cache it (serve/stories.c). */
int render_story_load_cluster(store_t *s, int is_event, int64_t id, story_full_t **out,
                              sift_err_t *err);
/* Read the ids' reports and analyse them (sf->reps, sf->analysis). */
int render_story_analyse(store_t *s, story_full_t *sf, sift_err_t *err);

/* The analysis sections of the story JSON (docs/story-json.md), as one
 * object whose keys render_story_full_json() adds to the cluster's (its
 * per-report section named "report_info"). Owned: json_decref(). NULL
 * when out of memory. */
json_t *render_story_analysis_json(const story_full_t *sf);
/* The cluster JSON of sf with the keys of an (from the call above) added:
 * what render_story_full_json() returns. an is only read (its values are
 * shared by reference, so it may be a cached object). */
json_t *render_story_join_json(const story_full_t *sf, json_t *an);
void render_story_free(story_full_t *sf); /* NULL is a no-op */

/* The single JSON document of `sift story ID --json` (docs/story-json.md):
 * cluster fields, then the analysis sections. Owned: json_decref(). */
json_t *render_story_full_json(const story_full_t *sf);

/* The story for the terminal, as Markdown, or as a standalone HTML page
 * (every piece of report text escaped); with_reports appends the member
 * reports' text (sift report). 0 or SIFT_EIO/SIFT_ENOMEM. */
int render_story_full_text(FILE *f, const story_full_t *sf);
int render_story_full_md(FILE *f, const story_full_t *sf, int with_reports);
int render_story_full_html(FILE *f, const story_full_t *sf, int with_reports);

#endif
