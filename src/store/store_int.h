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
    sqlite3_stmt *put_fts;
    int64_t fts_from; /* first report of the open batch not yet in the
                       * full-text index (0: none); indexed at commit */
    /* waiting for another writer (store_on_wait) */
    int busy_ms;
    int is_wait_told;
    void (*wait_fn)(void *user, const char *path);
    void *wait_user;
};

/* store_open() flag, internal: this open is the retry of a read-only
 * store as immutable (read-only media). */
#define STORE_IMMUTABLE_TRIED 0x100

/* The schema version this build migrates to (the number of migrations). */
extern const int store_schema_version;

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

/* Schema of copies and clusters (store_cluster.c), one migration. */
#define STORE_CLUSTER_MIGRATION                                                                    \
    "CREATE TABLE copy(first_rid INTEGER NOT NULL, first_para INTEGER NOT NULL,"                   \
    "  second_rid INTEGER NOT NULL, second_para INTEGER NOT NULL, kind TEXT NOT NULL,"             \
    "  sim REAL NOT NULL,"                                                                         \
    "  PRIMARY KEY(kind, first_rid, second_rid, first_para, second_para)) WITHOUT ROWID;"          \
    "CREATE TABLE sketch(rid INTEGER PRIMARY KEY, sig BLOB NOT NULL);"                             \
    "CREATE TABLE para_fp(rid INTEGER NOT NULL, para INTEGER NOT NULL, fp INTEGER NOT NULL,"       \
    "  PRIMARY KEY(rid, para)) WITHOUT ROWID;"                                                     \
    "CREATE TABLE term(h INTEGER PRIMARY KEY, df INTEGER NOT NULL);"                               \
    "CREATE TABLE cl_state(k TEXT PRIMARY KEY, v INTEGER NOT NULL);"                               \
    "CREATE TABLE storyline(sid INTEGER PRIMARY KEY, n_reports INTEGER NOT NULL,"                  \
    "  label_rid INTEGER NOT NULL, label_score REAL NOT NULL, day_min INTEGER, day_max INTEGER,"   \
    "  day_sum INTEGER NOT NULL, n_dated INTEGER NOT NULL, centroid BLOB NOT NULL);"               \
    "CREATE TABLE event(eid INTEGER PRIMARY KEY, sid INTEGER NOT NULL, n_reports INTEGER NOT "     \
    "NULL,"                                                                                        \
    "  label_rid INTEGER NOT NULL, label_score REAL NOT NULL, day_min INTEGER, day_max INTEGER,"   \
    "  day_sum INTEGER NOT NULL, n_dated INTEGER NOT NULL, centroid BLOB NOT NULL);"               \
    "CREATE INDEX event_sid ON event(sid);"                                                        \
    "CREATE TABLE member(rid INTEGER PRIMARY KEY, eid INTEGER NOT NULL, sid INTEGER NOT NULL,"     \
    "  sim REAL NOT NULL, copy_of INTEGER NOT NULL);"                                              \
    "CREATE INDEX member_eid ON member(eid);"                                                      \
    "CREATE INDEX member_sid ON member(sid);"

#endif
