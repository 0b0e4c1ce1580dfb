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

/* Open (creating and migrating when writable) the store at path.
 * Owned: close with store_close(). */
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

#endif
