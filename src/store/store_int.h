/* store/store_int.h: what the files of store/ share; used only inside
 * store/. Each file adds the statements of one concern (reports,
 * clusters, search, checks) over this one connection. */
#ifndef SIFT_STORE_INT_H
#define SIFT_STORE_INT_H

#include <sqlite3.h>

#include "store.h"
#include "util/buf.h"

struct store {
    sqlite3 *db;
    char path[256];
    int in_batch;
    sqlite3_stmt *put_report; /* statements kept for the store's life */
};

/* Fill err from the connection's last error: "what: sqlite message". */
int store_db_fail(store_t *s, sift_err_t *err, const char *what);

/* Run SQL without results; SIFT_ESTORE with err filled on failure. */
int store_exec(store_t *s, const char *sql, sift_err_t *err);

/* Prepare sql into *st once (persistent) and reset it on later calls. */
int store_prepare(store_t *s, sqlite3_stmt **st, const char *sql, sift_err_t *err);

/* Rebuild a report from a row whose columns are STORE_REPORT_COLS, then
 * blocks and clutter when with_body. Owned: sift_report_free().
 * 0 or SIFT_ENOMEM. */
#define STORE_REPORT_COLS                                                                          \
    "r.id, r.source, r.format, r.url, r.outlet, r.outlet_evidence, r.title, r.subtitle, "          \
    "r.byline, r.credits, r.date, r.date_src, r.date_certain, r.date_evidence, r.lang"
int store_row_report(sqlite3_stmt *st, int with_body, sift_report_t **out);

/* The SQL store_search_reports() runs for q: its count (is_count) or its
 * page, with the words condition when has_words (store_search.c; exposed
 * for the EXPLAIN QUERY PLAN test). 0 or SIFT_ENOMEM/SIFT_ELIMIT. */
int store_search_sql(buf_t *sql, const store_query_t *q, int has_words, int is_count);

#endif
