/* store/store.h: the store's whole interface. Every SQL statement of sift
 * lives behind it (in store/), so that another engine (PostgreSQL) can be
 * added without touching the stages above. */
#ifndef SIFT_STORE_H
#define SIFT_STORE_H

#include <stdint.h>

#include "sift.h"

typedef struct store store_t;

enum {
    STORE_READONLY = 1 /* open an existing store for reading only */
};

/* The schema version this build writes; a store with a newer one is
 * refused (SIFT_ESTORE) rather than misread. */
#define STORE_SCHEMA_VERSION 1

/* The text the full-text index gets for a report's packed blocks
 * (sift_report_t blocks as stored: "kind<TAB>text" lines): each kind and
 * its tab become one space, so that words such as "paragraph" do not
 * match every report. out has room for len bytes; returns the length
 * written (not NUL-terminated). The SQL function sift_fts_text(blocks)
 * of a writable store. */
size_t store_fts_text(char *out, const char *in, size_t len);

/* Open (creating and migrating when writable) the store at path.
 * Owned: close with store_close(). One thread at a time may use a store
 * and what was made from it (the connection takes no lock of its own). */
int store_open(store_t **out, const char *path, int flags, sift_err_t *err);
void store_close(store_t *s); /* NULL is a no-op; rolls back an open batch */

/* Batches: writes between begin and commit land together or not at all. */
int store_begin(store_t *s, sift_err_t *err);
int store_commit(store_t *s, sift_err_t *err);
int store_rollback(store_t *s);

/* Store r unless a report with its id is stored already (*out_is_new
 * tells which). Idempotent. */
int store_put_report(store_t *s, const sift_report_t *r, int *out_is_new, sift_err_t *err);

/* The report whose id is id or starts with it (at least 4 hex digits).
 * Owned: sift_report_free(). SIFT_ENOTFOUND when none; SIFT_EUSAGE when
 * the prefix names several. */
int store_get_report(store_t *s, const char *id, sift_report_t **out, sift_err_t *err);

/* Call fn for every report in the order they were added, without their
 * blocks or clutter (metadata only). The report is borrowed for the call.
 * fn returns 0 to go on. */
int store_each_report(store_t *s, int (*fn)(void *user, const sift_report_t *r), void *user,
                      sift_err_t *err);

/* Number of stored reports. */
int store_count_reports(store_t *s, int64_t *out, sift_err_t *err);

/* ---- search (store_search.c) ------------------------------------------ */

/* What to look for. Every field may be NULL (or 0): no condition. */
typedef struct store_query {
    const char *words;  /* free text: its words must all occur in the title
                         * or body (stemmed); FTS syntax is not passed on */
    const char *from;   /* "YYYY-MM-DD": dated on or after (undated excluded) */
    const char *to;     /* "YYYY-MM-DD": dated on or before (undated excluded) */
    const char *outlet; /* exact outlet name, any case */
    int is_by_rank;     /* best match first (needs words), else newest first;
                         * with words alone, among the 1000 most recently
                         * added matches (a bound on the work) */
    int64_t limit;      /* at most this many (1..STORE_MAX_PAGE) */
    int64_t offset;     /* skip this many */
} store_query_t;

/* Largest page a search returns: bounds the work of one request. */
#define STORE_MAX_PAGE 500

/* Call fn for each report matching q (metadata only, borrowed for the
 * call), in the order q asks; newest first orders by date, then by
 * insertion, undated last. *out_total (when not NULL) receives the number
 * of matches ignoring limit and offset. SIFT_EUSAGE when q is malformed
 * (a bad date, a limit out of range, no searchable word with is_by_rank). */
int store_search_reports(store_t *s, const store_query_t *q,
                         int (*fn)(void *user, const sift_report_t *r), void *user,
                         int64_t *out_total, sift_err_t *err);

/* *out = 1 when the store holds storylines (the table "storyline" made by
 * the clustering stage), else 0. Lets readers say "not available" rather
 * than fail on a store written before clustering existed. */
int store_has_stories(store_t *s, int *out, sift_err_t *err);

/* ---- copies and clusters (store_cluster.c) ----------------------------
 * The state of copy detection and online clustering, so that a second
 * `sift add` continues where the first stopped. Statements are kept in a
 * handle of their own. Report numbers (rid) are the store's row ids. */

typedef struct store_cl store_cl_t;

/* Handle over s. Owned: close with store_cl_close() before s. */
int store_cl_open(store_cl_t **out, store_t *s, sift_err_t *err);
void store_cl_close(store_cl_t *c); /* NULL is a no-op */

/* Row id of the report with this full id; SIFT_ENOTFOUND when none. */
int store_cl_rid(store_cl_t *c, const char *id, int64_t *out, sift_err_t *err);

/* Publication date ("" when none) of report rid into out[out_len]. */
int store_cl_report_date(store_cl_t *c, int64_t rid, char *out, size_t out_len, sift_err_t *err);

/* A copy relation: second repeats first (same report for a repeated
 * paragraph). para is a block index, -1 for a whole report. */
typedef struct store_copy {
    const char *kind; /* "near", "paragraph", "repeat" */
    int64_t first_rid, second_rid;
    int first_para, second_para;
    double sim;
} store_copy_t;

int store_cl_put_copy(store_cl_t *c, const store_copy_t *cp, sift_err_t *err);

/* Named blobs and numbers of the online state: sketches, paragraph
 * fingerprints, term document frequencies, counters. */
int store_cl_put_sketch(store_cl_t *c, int64_t rid, const void *blob, size_t len, sift_err_t *err);
int store_cl_each_sketch(store_cl_t *c,
                         int (*fn)(void *user, int64_t rid, const void *blob, size_t len),
                         void *user, sift_err_t *err);
int store_cl_put_para(store_cl_t *c, int64_t rid, int para, uint64_t fp, sift_err_t *err);
int store_cl_each_para(store_cl_t *c, int (*fn)(void *user, int64_t rid, uint64_t fp), void *user,
                       sift_err_t *err);
/* Block index of the first paragraph of rid with fingerprint fp, or -1. */
int store_cl_find_para(store_cl_t *c, int64_t rid, uint64_t fp, int *out, sift_err_t *err);
/* A term of the clustering vocabulary: its key, document frequency,
 * vocabulary index (ix: the order it was first seen, so a reloaded
 * vocabulary numbers terms as the process that wrote it did) and its
 * candidate index postings per level (packed cluster ids; len 0: none).
 * Blobs are borrowed for the call. */
typedef struct store_cl_term {
    uint64_t h;
    int64_t df, ix;
    const void *ev_post, *st_post;
    size_t ev_len, st_len;
} store_cl_term_t;
int store_cl_put_term(store_cl_t *c, const store_cl_term_t *t, sift_err_t *err);
/* In ix order. */
int store_cl_each_term(store_cl_t *c, int (*fn)(void *user, const store_cl_term_t *t), void *user,
                       sift_err_t *err);
int store_cl_put_state(store_cl_t *c, const char *key, int64_t v, sift_err_t *err);
/* *out is left unchanged when key was never put. */
int store_cl_get_state(store_cl_t *c, const char *key, int64_t *out, sift_err_t *err);

/* An event (parent: its storyline) or a storyline (parent 0). Days are
 * days since 1970-01-01; STORE_NO_DAY when no member has a date. */
#define STORE_NO_DAY INT32_MIN
typedef struct store_cl_row {
    int64_t id, parent;
    int64_t n_reports, label_rid;
    double label_score;
    int32_t day_min, day_max;
    int64_t day_sum, n_dated;
    const void *blob; /* the cluster's centroid, as cluster/ packs it */
    size_t blob_len;
    int32_t text_max; /* event: the latest day its undated members' texts
                         name; STORE_NO_DAY for none and for storylines */
    int32_t lead_day; /* event: the day its leads report; STORE_NO_DAY for
                         none and for storylines */
    int lead_cert;    /* event: lead_day was read from a text */
    int64_t last;     /* the clustering's report count when it last gained a
                         report (cluster/cluster.c, is_retired) */
} store_cl_row_t;

int store_cl_put_event(store_cl_t *c, const store_cl_row_t *row, sift_err_t *err);
int store_cl_put_storyline(store_cl_t *c, const store_cl_row_t *row, sift_err_t *err);
/* Every event, or every storyline, whose last is at least min_last, by
 * id; the row is borrowed for fn. */
int store_cl_each_event(store_cl_t *c, int64_t min_last,
                        int (*fn)(void *user, const store_cl_row_t *row), void *user,
                        sift_err_t *err);
int store_cl_each_storyline(store_cl_t *c, int64_t min_last,
                            int (*fn)(void *user, const store_cl_row_t *row), void *user,
                            sift_err_t *err);
int store_cl_put_member(store_cl_t *c, int64_t rid, int64_t eid, int64_t sid, double sim,
                        int64_t copy_of, sift_err_t *err);
/* Storyline victim was merged into survivor: move its members and
 * events, drop it (the caller saves its events in memory too). */
int store_cl_merge_storyline(store_cl_t *c, int64_t victim, int64_t survivor, sift_err_t *err);

/* Event victim was merged into survivor: move its members, drop it. */
int store_cl_merge_event(store_cl_t *c, int64_t victim, int64_t survivor, sift_err_t *err);

/* Event of report rid into *out, 0 when it is in none. */
int store_cl_member_of(store_cl_t *c, int64_t rid, int64_t *out, sift_err_t *err);

/* ---- reading clusters for display ---- */

/* A storyline or event as listed: counts over its members; an outlet is
 * counted once, and not at all for a member that copies another. */
typedef struct store_story {
    int64_t id, parent;
    const char *label; /* title of the most representative report */
    int64_t n_reports, n_outlets, n_events, n_copies;
    int32_t day_min, day_max;
} store_story_t;

/* Storylines, newest first (latest day, then highest id). */
int store_cl_list_storylines(store_cl_t *c, int (*fn)(void *user, const store_story_t *st),
                             void *user, sift_err_t *err);
/* One page of the storylines in that order: limit of them from offset,
 * with *total set to how many there are in all. */
int store_cl_page_storylines(store_cl_t *c, int64_t limit, int64_t offset, int64_t *total,
                             int (*fn)(void *user, const store_story_t *st), void *user,
                             sift_err_t *err);
/* Events of storyline sid (all events when sid is 0), oldest first. */
int store_cl_list_events(store_cl_t *c, int64_t sid, int (*fn)(void *user, const store_story_t *st),
                         void *user, sift_err_t *err);
/* One storyline or event by id; SIFT_ENOTFOUND when none. */
int store_cl_get_storyline(store_cl_t *c, int64_t sid,
                           int (*fn)(void *user, const store_story_t *st), void *user,
                           sift_err_t *err);
int store_cl_get_event(store_cl_t *c, int64_t eid, int (*fn)(void *user, const store_story_t *st),
                       void *user, sift_err_t *err);

typedef struct store_member {
    const char *id, *title, *outlet, *date, *source;
    int64_t eid, sid;
    double sim;
    const char *copy_of; /* id of the report it copies, "" if none */
} store_member_t;

/* Members of event eid, by date then add order. */
int store_cl_list_members(store_cl_t *c, int64_t eid,
                          int (*fn)(void *user, const store_member_t *m), void *user,
                          sift_err_t *err);

typedef struct store_copy_row {
    const char *kind;
    const char *first_id, *second_id, *first_title, *second_title;
    int first_para, second_para;
    double sim;
} store_copy_row_t;

/* Copy relations, by kind, then first report's add order, then second's. */
int store_cl_list_copies(store_cl_t *c, int (*fn)(void *user, const store_copy_row_t *cp),
                         void *user, sift_err_t *err);

/* ---- checks and robustness (store_check.c; issue 7) -------------------- */

/* Told one problem found by store_check(): one line, no "sift: " prefix
 * and no newline. The line is borrowed for the call. */
typedef void (*store_problem_fn)(void *user, const char *line);

typedef struct store_check_result {
    int64_t n_reports;  /* reports looked at */
    long n_problems;    /* problems found (all counted, at most 20 of each
                         * kind told) */
    int schema_version; /* the version this build knows */
} store_check_result_t;

/* Check the whole store in one read transaction: SQLite's integrity_check
 * and foreign_key_check; the schema version and the report columns; each
 * report's id (16 hex digits, the hash of its body), body and metadata;
 * every column named report_id or report_rid in any other table points at
 * a stored report. Problems go to fn; returns 0 when the check ran (found
 * problems or not), SIFT_ESTORE when the store could not be read. */
int store_check(store_t *s, store_problem_fn fn, void *user, store_check_result_t *out,
                sift_err_t *err);

/* Called once when a write waits more than 2 s for another process's
 * write transaction, so the command can say why it pauses; path is the
 * store's. Writers wait up to STORE_BUSY_WAIT_MS, then fail. */
void store_on_wait(store_t *s, void (*fn)(void *user, const char *path), void *user);

#define STORE_BUSY_WAIT_MS (10 * 60 * 1000)

#endif
