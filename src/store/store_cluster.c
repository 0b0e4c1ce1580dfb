/* store/store_cluster.c: the SQL of copies and clusters: copy relations,
 * sketches and paragraph fingerprints, term document frequencies, events,
 * storylines and membership, and the queries that list them. Statements
 * used once per report are prepared once per handle. */
#include <sqlite3.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "store.h"
#include "store_int.h"
#include "util/err.h"

enum {
    ST_RID,
    ST_DATE,
    ST_COPY,
    ST_SKETCH,
    ST_PARA,
    ST_FIND_PARA,
    ST_TERM,
    ST_STATE_PUT,
    ST_STATE_GET,
    ST_EVENT,
    ST_STORYLINE,
    ST_MEMBER,
    ST_MEMBER_OF,
    ST_MERGE_MEMBERS,
    ST_DROP_STORYLINE,
    ST_MERGE_EV_MEMBERS,
    ST_DROP_EVENT,
    ST_TERM_UPDATE,
    ST_MERGE_EV_PARENT,
    ST_TERM_NEW,
    N_ST
};

/* Long statements are split over lines on purpose. */
/* NOLINTBEGIN(bugprone-suspicious-missing-comma) */
static const char *const sql_of[N_ST] = {
    "SELECT rid FROM report WHERE id = ?",
    "SELECT date FROM report WHERE rid = ?",
    "INSERT OR REPLACE INTO copy(kind, first_rid, first_para, second_rid, second_para, sim) "
    "VALUES(?,?,?,?,?,?)",
    "INSERT OR REPLACE INTO sketch(rid, sig) VALUES(?,?)",
    "INSERT OR REPLACE INTO para_fp(rid, para, fp) VALUES(?,?,?)",
    "SELECT para FROM para_fp WHERE rid = ? AND fp = ? ORDER BY para LIMIT 1",
    "INSERT OR REPLACE INTO term(h, df, ix, ev_post, st_post) VALUES(?,?,?,?,?)",
    "INSERT OR REPLACE INTO cl_state(k, v) VALUES(?,?)",
    "SELECT v FROM cl_state WHERE k = ?",
    "INSERT OR FAIL INTO event(eid, sid, n_reports, label_rid, label_score, day_min, day_max, "
    "day_sum, n_dated, centroid, text_max, lead_day, lead_cert, last) "
    "VALUES(?,?,?,?,?,?,?,?,?,?,?,?,?,?) ON CONFLICT(eid) DO UPDATE SET sid = excluded.sid, "
    "n_reports = excluded.n_reports, label_rid = excluded.label_rid, "
    "label_score = excluded.label_score, day_min = excluded.day_min, day_max = excluded.day_max, "
    "day_sum = excluded.day_sum, n_dated = excluded.n_dated, centroid = excluded.centroid, "
    "text_max = excluded.text_max, lead_day = excluded.lead_day, lead_cert = excluded.lead_cert, "
    "last = excluded.last",
    "INSERT OR FAIL INTO storyline(sid, n_reports, label_rid, label_score, day_min, day_max, "
    "day_sum, n_dated, centroid, last) VALUES(?,?,?,?,?,?,?,?,?,?) ON CONFLICT(sid) DO UPDATE SET "
    "n_reports = excluded.n_reports, label_rid = excluded.label_rid, "
    "label_score = excluded.label_score, day_min = excluded.day_min, day_max = excluded.day_max, "
    "day_sum = excluded.day_sum, n_dated = excluded.n_dated, centroid = excluded.centroid, "
    "last = excluded.last",
    "INSERT OR FAIL INTO member(rid, eid, sid, sim, copy_of) VALUES(?,?,?,?,?) ON CONFLICT(rid) "
    "DO UPDATE SET eid = excluded.eid, sid = excluded.sid, sim = excluded.sim, "
    "copy_of = excluded.copy_of",
    "SELECT eid FROM member WHERE rid = ?",
    "UPDATE member SET sid = ?2 WHERE sid = ?1",
    "DELETE FROM storyline WHERE sid = ?",
    "UPDATE member SET eid = ?2 WHERE eid = ?1",
    "DELETE FROM event WHERE eid = ?",
    /* a known term keeps its ix: updated in place, the ix index untouched */
    "UPDATE term SET df = ?2, ev_post = ?4, st_post = ?5 WHERE h = ?1 AND ix = ?3",
    "UPDATE event SET sid = ?2 WHERE sid = ?1",
    /* a new term: OR FAIL, as OR REPLACE (which may delete a row and its
     * index entry) opens a statement journal, a file write of each page
     * it touches (docs/internals/store-io.md) */
    "INSERT OR FAIL INTO term(h, df, ix, ev_post, st_post) VALUES(?,?,?,?,?)",
};
/* NOLINTEND(bugprone-suspicious-missing-comma) */

struct store_cl {
    store_t *s;
    sqlite3_stmt *st[N_ST];
};

int store_cl_open(store_cl_t **out, store_t *s, sift_err_t *err)
{
    *out = calloc(1, sizeof(**out));
    if (!*out) {
        return err_oom(err);
    }
    (*out)->s = s;
    return 0;
}

void store_cl_close(store_cl_t *c)
{
    if (!c) {
        return;
    }
    for (int i = 0; i < N_ST; i++) {
        sqlite3_finalize(c->st[i]);
    }
    free(c);
}

static sqlite3_stmt *stmt(store_cl_t *c, int which, sift_err_t *err)
{
    if (store_prepare(c->s, &c->st[which], sql_of[which], err)) {
        return NULL;
    }
    return c->st[which];
}

static int step_done(store_cl_t *c, sqlite3_stmt *st, const char *what, sift_err_t *err)
{
    int rc = sqlite3_step(st) == SQLITE_DONE ? 0 : store_db_fail(c->s, err, what);
    sqlite3_reset(st);
    return rc;
}

int store_cl_rid(store_cl_t *c, const char *id, int64_t *out, sift_err_t *err)
{
    sqlite3_stmt *st = stmt(c, ST_RID, err);
    if (!st) {
        return SIFT_ESTORE;
    }
    sqlite3_bind_text(st, 1, id, -1, SQLITE_STATIC);
    int rc = sqlite3_step(st);
    if (rc == SQLITE_ROW) {
        *out = sqlite3_column_int64(st, 0);
        rc = 0;
    } else if (rc == SQLITE_DONE) {
        rc = err_set(err, SIFT_ENOTFOUND, NULL, SIFT_NOPOS, 0, "no report '%s'", id);
    } else {
        rc = store_db_fail(c->s, err, "cannot read report");
    }
    sqlite3_reset(st);
    return rc;
}

int store_cl_report_date(store_cl_t *c, int64_t rid, char *out, size_t out_len, sift_err_t *err)
{
    sqlite3_stmt *st = stmt(c, ST_DATE, err);
    if (!st) {
        return SIFT_ESTORE;
    }
    sqlite3_bind_int64(st, 1, rid);
    int rc = 0;
    out[0] = '\0';
    int step = sqlite3_step(st);
    if (step == SQLITE_ROW) {
        const unsigned char *t = sqlite3_column_text(st, 0);
        snprintf(out, out_len, "%s", t ? (const char *)t : "");
    } else if (step != SQLITE_DONE) {
        rc = store_db_fail(c->s, err, "cannot read report");
    }
    sqlite3_reset(st);
    return rc;
}

int store_cl_put_copy(store_cl_t *c, const store_copy_t *cp, sift_err_t *err)
{
    sqlite3_stmt *st = stmt(c, ST_COPY, err);
    if (!st) {
        return SIFT_ESTORE;
    }
    sqlite3_bind_text(st, 1, cp->kind, -1, SQLITE_STATIC);
    sqlite3_bind_int64(st, 2, cp->first_rid);
    sqlite3_bind_int(st, 3, cp->first_para);
    sqlite3_bind_int64(st, 4, cp->second_rid);
    sqlite3_bind_int(st, 5, cp->second_para);
    sqlite3_bind_double(st, 6, cp->sim);
    return step_done(c, st, "cannot store copy", err);
}

int store_cl_put_sketch(store_cl_t *c, int64_t rid, const void *blob, size_t len, sift_err_t *err)
{
    sqlite3_stmt *st = stmt(c, ST_SKETCH, err);
    if (!st) {
        return SIFT_ESTORE;
    }
    sqlite3_bind_int64(st, 1, rid);
    sqlite3_bind_blob(st, 2, blob, (int)len, SQLITE_STATIC);
    return step_done(c, st, "cannot store sketch", err);
}

/* Run a query without parameters and hand each row to fn. */
static int each_row(store_cl_t *c, const char *sql, int (*fn)(void *user, sqlite3_stmt *st),
                    void *user, sift_err_t *err)
{
    sqlite3_stmt *st;
    if (sqlite3_prepare_v2(c->s->db, sql, -1, &st, NULL) != SQLITE_OK) {
        return store_db_fail(c->s, err, "cannot prepare statement");
    }
    int rc = 0, step;
    while (rc == 0 && (step = sqlite3_step(st)) == SQLITE_ROW) {
        rc = fn(user, st);
    }
    if (rc == 0 && step != SQLITE_DONE) {
        rc = store_db_fail(c->s, err, "cannot read clusters");
    }
    sqlite3_finalize(st);
    return rc;
}

typedef struct sketch_cb {
    int (*fn)(void *user, int64_t rid, const void *blob, size_t len);
    void *user;
} sketch_cb_t;

static int sketch_row(void *user, sqlite3_stmt *st)
{
    sketch_cb_t *cb = user;
    return cb->fn(cb->user, sqlite3_column_int64(st, 0), sqlite3_column_blob(st, 1),
                  (size_t)sqlite3_column_bytes(st, 1));
}

int store_cl_each_sketch(store_cl_t *c,
                         int (*fn)(void *user, int64_t rid, const void *blob, size_t len),
                         void *user, sift_err_t *err)
{
    sketch_cb_t cb = { fn, user };
    return each_row(c, "SELECT rid, sig FROM sketch ORDER BY rid", sketch_row, &cb, err);
}

int store_cl_put_para(store_cl_t *c, int64_t rid, int para, uint64_t fp, sift_err_t *err)
{
    sqlite3_stmt *st = stmt(c, ST_PARA, err);
    if (!st) {
        return SIFT_ESTORE;
    }
    sqlite3_bind_int64(st, 1, rid);
    sqlite3_bind_int(st, 2, para);
    sqlite3_bind_int64(st, 3, (int64_t)fp);
    return step_done(c, st, "cannot store paragraph", err);
}

typedef struct pair_cb {
    int (*fn)(void *user, int64_t a, uint64_t b);
    void *user;
} pair_cb_t;

static int para_row(void *user, sqlite3_stmt *st)
{
    pair_cb_t *cb = user;
    return cb->fn(cb->user, sqlite3_column_int64(st, 0), (uint64_t)sqlite3_column_int64(st, 1));
}

int store_cl_each_para(store_cl_t *c, int (*fn)(void *user, int64_t rid, uint64_t fp), void *user,
                       sift_err_t *err)
{
    pair_cb_t cb = { fn, user };
    return each_row(c, "SELECT rid, fp FROM para_fp ORDER BY rid, para", para_row, &cb, err);
}

int store_cl_find_para(store_cl_t *c, int64_t rid, uint64_t fp, int *out, sift_err_t *err)
{
    sqlite3_stmt *st = stmt(c, ST_FIND_PARA, err);
    if (!st) {
        return SIFT_ESTORE;
    }
    sqlite3_bind_int64(st, 1, rid);
    sqlite3_bind_int64(st, 2, (int64_t)fp);
    *out = -1;
    int rc = 0;
    int step = sqlite3_step(st);
    if (step == SQLITE_ROW) {
        *out = sqlite3_column_int(st, 0);
    } else if (step != SQLITE_DONE) {
        rc = store_db_fail(c->s, err, "cannot read paragraphs");
    }
    sqlite3_reset(st);
    return rc;
}

int store_cl_put_term(store_cl_t *c, const store_cl_term_t *t, sift_err_t *err)
{
    /* Most terms of a batch are stored already: an UPDATE rewrites the
     * row in place, where INSERT OR REPLACE deleted it and its index
     * entry and inserted both again. A new term (no row changed) is
     * inserted; only a stored term whose ix differs is replaced. */
    static const int order[] = { ST_TERM_UPDATE, ST_TERM_NEW, ST_TERM };
    for (size_t k = 0;; k++) {
        int which = order[k];
        sqlite3_stmt *st = stmt(c, which, err);
        if (!st) {
            return SIFT_ESTORE;
        }
        sqlite3_bind_int64(st, 1, (int64_t)t->h);
        sqlite3_bind_int64(st, 2, t->df);
        sqlite3_bind_int64(st, 3, t->ix);
        if (t->ev_len) {
            sqlite3_bind_blob(st, 4, t->ev_post, (int)t->ev_len, SQLITE_STATIC);
        } else {
            sqlite3_bind_null(st, 4);
        }
        if (t->st_len) {
            sqlite3_bind_blob(st, 5, t->st_post, (int)t->st_len, SQLITE_STATIC);
        } else {
            sqlite3_bind_null(st, 5);
        }
        if (which == ST_TERM_NEW) {
            int step = sqlite3_step(st);
            sqlite3_reset(st);
            if (step == SQLITE_DONE) {
                return 0;
            }
            if ((step & 0xff) != SQLITE_CONSTRAINT) {
                return store_db_fail(c->s, err, "cannot store term");
            }
            continue; /* the key is stored with another ix */
        }
        int rc = step_done(c, st, "cannot store term", err);
        if (rc || which == ST_TERM || sqlite3_changes(c->s->db) > 0) {
            return rc;
        }
    }
}

typedef struct term_cb {
    int (*fn)(void *user, const store_cl_term_t *t);
    void *user;
} term_cb_t;

static int term_row(void *user, sqlite3_stmt *st)
{
    term_cb_t *cb = user;
    store_cl_term_t t = { (uint64_t)sqlite3_column_int64(st, 0),
                          sqlite3_column_int64(st, 1),
                          sqlite3_column_int64(st, 2),
                          NULL,
                          NULL,
                          0,
                          0 };
    /* blob first, then its size (sqlite3_column_bytes after the blob) */
    t.ev_post = sqlite3_column_blob(st, 3);
    t.ev_len = (size_t)sqlite3_column_bytes(st, 3);
    t.st_post = sqlite3_column_blob(st, 4);
    t.st_len = (size_t)sqlite3_column_bytes(st, 4);
    return cb->fn(cb->user, &t);
}

int store_cl_each_term(store_cl_t *c, int (*fn)(void *user, const store_cl_term_t *t), void *user,
                       sift_err_t *err)
{
    term_cb_t cb = { fn, user };
    return each_row(c, "SELECT h, df, coalesce(ix, -1), ev_post, st_post FROM term ORDER BY ix, h",
                    term_row, &cb, err);
}

int store_cl_put_state(store_cl_t *c, const char *key, int64_t v, sift_err_t *err)
{
    sqlite3_stmt *st = stmt(c, ST_STATE_PUT, err);
    if (!st) {
        return SIFT_ESTORE;
    }
    sqlite3_bind_text(st, 1, key, -1, SQLITE_STATIC);
    sqlite3_bind_int64(st, 2, v);
    return step_done(c, st, "cannot store state", err);
}

int store_cl_get_state(store_cl_t *c, const char *key, int64_t *out, sift_err_t *err)
{
    sqlite3_stmt *st = stmt(c, ST_STATE_GET, err);
    if (!st) {
        return SIFT_ESTORE;
    }
    sqlite3_bind_text(st, 1, key, -1, SQLITE_STATIC);
    int rc = 0;
    int step = sqlite3_step(st);
    if (step == SQLITE_ROW) {
        *out = sqlite3_column_int64(st, 0);
    } else if (step != SQLITE_DONE) {
        rc = store_db_fail(c->s, err, "cannot read state");
    }
    sqlite3_reset(st);
    return rc;
}

static void bind_day(sqlite3_stmt *st, int i, int32_t day)
{
    if (day == STORE_NO_DAY) {
        sqlite3_bind_null(st, i);
    } else {
        sqlite3_bind_int(st, i, day);
    }
}

static int32_t col_day(sqlite3_stmt *st, int i)
{
    return sqlite3_column_type(st, i) == SQLITE_NULL ? STORE_NO_DAY : sqlite3_column_int(st, i);
}

/* Bind a row's fields after its ids, from parameter i on. */
static void bind_row(sqlite3_stmt *st, int i, const store_cl_row_t *row)
{
    sqlite3_bind_int64(st, i, row->n_reports);
    sqlite3_bind_int64(st, i + 1, row->label_rid);
    sqlite3_bind_double(st, i + 2, row->label_score);
    bind_day(st, i + 3, row->day_min);
    bind_day(st, i + 4, row->day_max);
    sqlite3_bind_int64(st, i + 5, row->day_sum);
    sqlite3_bind_int64(st, i + 6, row->n_dated);
    sqlite3_bind_blob(st, i + 7, row->blob ? row->blob : "", (int)row->blob_len, SQLITE_STATIC);
}

int store_cl_put_event(store_cl_t *c, const store_cl_row_t *row, sift_err_t *err)
{
    sqlite3_stmt *st = stmt(c, ST_EVENT, err);
    if (!st) {
        return SIFT_ESTORE;
    }
    sqlite3_bind_int64(st, 1, row->id);
    sqlite3_bind_int64(st, 2, row->parent);
    bind_row(st, 3, row);
    bind_day(st, 11, row->text_max);
    bind_day(st, 12, row->lead_day);
    sqlite3_bind_int(st, 13, row->lead_cert);
    sqlite3_bind_int64(st, 14, row->last);
    return step_done(c, st, "cannot store event", err);
}

int store_cl_put_storyline(store_cl_t *c, const store_cl_row_t *row, sift_err_t *err)
{
    sqlite3_stmt *st = stmt(c, ST_STORYLINE, err);
    if (!st) {
        return SIFT_ESTORE;
    }
    sqlite3_bind_int64(st, 1, row->id);
    bind_row(st, 2, row);
    sqlite3_bind_int64(st, 10, row->last);
    return step_done(c, st, "cannot store storyline", err);
}

typedef struct row_cb {
    int (*fn)(void *user, const store_cl_row_t *row);
    void *user;
} row_cb_t;

/* Columns: id, parent, n_reports, label_rid, label_score, day_min,
 * day_max, day_sum, n_dated, centroid, text_max, lead_day, lead_cert,
 * last. */
static int cl_row(void *user, sqlite3_stmt *st)
{
    row_cb_t *cb = user;
    store_cl_row_t row = {
        .id = sqlite3_column_int64(st, 0),
        .parent = sqlite3_column_int64(st, 1),
        .n_reports = sqlite3_column_int64(st, 2),
        .label_rid = sqlite3_column_int64(st, 3),
        .label_score = sqlite3_column_double(st, 4),
        .day_min = col_day(st, 5),
        .day_max = col_day(st, 6),
        .day_sum = sqlite3_column_int64(st, 7),
        .n_dated = sqlite3_column_int64(st, 8),
        .blob = sqlite3_column_blob(st, 9),
        .blob_len = (size_t)sqlite3_column_bytes(st, 9),
        .text_max = col_day(st, 10),
        .lead_day = col_day(st, 11),
        .lead_cert = sqlite3_column_int(st, 12),
        .last = sqlite3_column_int64(st, 13),
    };
    return cb->fn(cb->user, &row);
}

/* each_row with min_last bound to ?1. The active clusters' ids come
 * from the index on last, then their rows by id in id order: with
 * "WHERE last >= ?1 ORDER BY id" SQLite scans the whole table (and its
 * centroids) to spare a sort. */
static int each_row_since(store_cl_t *c, const char *sql, int64_t min_last, row_cb_t *cb,
                          sift_err_t *err)
{
    sqlite3_stmt *st;
    if (sqlite3_prepare_v2(c->s->db, sql, -1, &st, NULL) != SQLITE_OK) {
        return store_db_fail(c->s, err, "cannot prepare statement");
    }
    sqlite3_bind_int64(st, 1, min_last);
    int rc = 0, step;
    while (rc == 0 && (step = sqlite3_step(st)) == SQLITE_ROW) {
        rc = cl_row(cb, st);
    }
    if (rc == 0 && step != SQLITE_DONE) {
        rc = store_db_fail(c->s, err, "cannot read clusters");
    }
    sqlite3_finalize(st);
    return rc;
}

int store_cl_each_event(store_cl_t *c, int64_t min_last,
                        int (*fn)(void *user, const store_cl_row_t *row), void *user,
                        sift_err_t *err)
{
    row_cb_t cb = { fn, user };
    return each_row_since(c,
                          "SELECT eid, sid, n_reports, label_rid, label_score, day_min, day_max, "
                          "day_sum, n_dated, centroid, text_max, lead_day, lead_cert, last "
                          "FROM event WHERE eid IN (SELECT eid FROM event WHERE last >= ?1) "
                          "ORDER BY eid",
                          min_last, &cb, err);
}

int store_cl_each_storyline(store_cl_t *c, int64_t min_last,
                            int (*fn)(void *user, const store_cl_row_t *row), void *user,
                            sift_err_t *err)
{
    row_cb_t cb = { fn, user };
    return each_row_since(
        c,
        "SELECT sid, 0, n_reports, label_rid, label_score, day_min, day_max, "
        "day_sum, n_dated, centroid, NULL, NULL, 0, last "
        "FROM storyline WHERE sid IN (SELECT sid FROM storyline WHERE last >= ?1) "
        "ORDER BY sid",
        min_last, &cb, err);
}

int store_cl_put_member(store_cl_t *c, int64_t rid, int64_t eid, int64_t sid, double sim,
                        int64_t copy_of, sift_err_t *err)
{
    sqlite3_stmt *st = stmt(c, ST_MEMBER, err);
    if (!st) {
        return SIFT_ESTORE;
    }
    sqlite3_bind_int64(st, 1, rid);
    sqlite3_bind_int64(st, 2, eid);
    sqlite3_bind_int64(st, 3, sid);
    sqlite3_bind_double(st, 4, sim);
    sqlite3_bind_int64(st, 5, copy_of);
    return step_done(c, st, "cannot store member", err);
}

int store_cl_merge_storyline(store_cl_t *c, int64_t victim, int64_t survivor, sift_err_t *err)
{
    sqlite3_stmt *st = stmt(c, ST_MERGE_MEMBERS, err);
    if (!st) {
        return SIFT_ESTORE;
    }
    sqlite3_bind_int64(st, 1, victim);
    sqlite3_bind_int64(st, 2, survivor);
    int rc = step_done(c, st, "cannot merge storylines", err);
    if (rc || !(st = stmt(c, ST_DROP_STORYLINE, err))) {
        return rc ? rc : SIFT_ESTORE;
    }
    sqlite3_bind_int64(st, 1, victim);
    rc = step_done(c, st, "cannot merge storylines", err);
    /* its events, retired ones too (cluster/ saves those in memory) */
    if (rc || !(st = stmt(c, ST_MERGE_EV_PARENT, err))) {
        return rc ? rc : SIFT_ESTORE;
    }
    sqlite3_bind_int64(st, 1, victim);
    sqlite3_bind_int64(st, 2, survivor);
    return step_done(c, st, "cannot merge storylines", err);
}

int store_cl_merge_event(store_cl_t *c, int64_t victim, int64_t survivor, sift_err_t *err)
{
    sqlite3_stmt *st = stmt(c, ST_MERGE_EV_MEMBERS, err);
    if (!st) {
        return SIFT_ESTORE;
    }
    sqlite3_bind_int64(st, 1, victim);
    sqlite3_bind_int64(st, 2, survivor);
    int rc = step_done(c, st, "cannot merge events", err);
    if (rc || !(st = stmt(c, ST_DROP_EVENT, err))) {
        return rc ? rc : SIFT_ESTORE;
    }
    sqlite3_bind_int64(st, 1, victim);
    return step_done(c, st, "cannot merge events", err);
}

int store_cl_member_of(store_cl_t *c, int64_t rid, int64_t *out, sift_err_t *err)
{
    sqlite3_stmt *st = stmt(c, ST_MEMBER_OF, err);
    if (!st) {
        return SIFT_ESTORE;
    }
    sqlite3_bind_int64(st, 1, rid);
    *out = 0;
    int rc = 0;
    int step = sqlite3_step(st);
    if (step == SQLITE_ROW) {
        *out = sqlite3_column_int64(st, 0);
    } else if (step != SQLITE_DONE) {
        rc = store_db_fail(c->s, err, "cannot read members");
    }
    sqlite3_reset(st);
    return rc;
}

/* ---- display queries ----------------------------------------------------- */

typedef struct story_cb {
    int (*fn)(void *user, const store_story_t *st);
    void *user;
    int n;
} story_cb_t;

/* Columns: id, parent, label, n_reports, n_outlets, n_events, n_copies,
 * day_min, day_max. */
static int story_row(void *user, sqlite3_stmt *st)
{
    story_cb_t *cb = user;
    const unsigned char *label = sqlite3_column_text(st, 2);
    store_story_t s = {
        .id = sqlite3_column_int64(st, 0),
        .parent = sqlite3_column_int64(st, 1),
        .label = label ? (const char *)label : "",
        .n_reports = sqlite3_column_int64(st, 3),
        .n_outlets = sqlite3_column_int64(st, 4),
        .n_events = sqlite3_column_int64(st, 5),
        .n_copies = sqlite3_column_int64(st, 6),
        .day_min = col_day(st, 7),
        .day_max = col_day(st, 8),
    };
    cb->n++;
    return cb->fn(cb->user, &s);
}

/* Counts over members m of the cluster in the outer query (alias k,
 * member column col): copies add a report, never an outlet. */
#define COUNTS(col)                                                                                \
    "(SELECT count(*) FROM member m WHERE m." col " = k.id),"                                      \
    "(SELECT count(DISTINCT r.outlet) FROM member m JOIN report r ON r.rid = m.rid "               \
    "  WHERE m." col " = k.id AND m.copy_of = 0 AND r.outlet != ''),"

/* Storylines with their counts, from the rows of src (a SELECT over
 * storyline with sid as id). */
#define STORYLINE_FROM(src)                                                                        \
    "SELECT k.id, 0, coalesce(lr.title, ''), " COUNTS(                                             \
        "sid") "(SELECT count(*) FROM event e WHERE e.sid = k.id),"                                \
               "(SELECT count(*) FROM member m WHERE m.sid = k.id AND m.copy_of != 0),"            \
               "k.day_min, k.day_max FROM (" src ") k "                                            \
               "LEFT JOIN report lr ON lr.rid = k.label_rid "

#define STORYLINE_SELECT STORYLINE_FROM("SELECT sid AS id, * FROM storyline")
#define STORYLINE_ORDER  "day_max IS NULL, day_max DESC, sid DESC"

#define EVENT_SELECT                                                                               \
    "SELECT k.id, k.sid, coalesce(lr.title, ''), " COUNTS(                                         \
        "eid") "1,"                                                                                \
               "(SELECT count(*) FROM member m WHERE m.eid = k.id AND m.copy_of != 0),"            \
               "k.day_min, k.day_max FROM (SELECT eid AS id, * FROM event) k "                     \
               "LEFT JOIN report lr ON lr.rid = k.label_rid "

/* Rows of sql (STORYLINE_ or EVENT_SELECT ...) to fn, its parameters ?1
 * and ?2, where it has them, bound to arg and arg2. */
static int story_query(store_cl_t *c, const char *sql, int64_t arg, int64_t arg2, int is_one,
                       int (*fn)(void *user, const store_story_t *st), void *user, sift_err_t *err)
{
    sqlite3_stmt *st;
    if (sqlite3_prepare_v2(c->s->db, sql, -1, &st, NULL) != SQLITE_OK) {
        return store_db_fail(c->s, err, "cannot prepare statement");
    }
    int n_params = sqlite3_bind_parameter_count(st);
    if (n_params > 0) {
        sqlite3_bind_int64(st, 1, arg);
    }
    if (n_params > 1) {
        sqlite3_bind_int64(st, 2, arg2);
    }
    story_cb_t cb = { fn, user, 0 };
    int rc = 0, step;
    while (rc == 0 && (step = sqlite3_step(st)) == SQLITE_ROW) {
        rc = story_row(&cb, st);
    }
    if (rc == 0 && step != SQLITE_DONE) {
        rc = store_db_fail(c->s, err, "cannot read clusters");
    }
    sqlite3_finalize(st);
    if (rc == 0 && is_one && cb.n == 0) {
        rc = SIFT_ENOTFOUND;
    }
    return rc;
}

int store_cl_list_storylines(store_cl_t *c, int (*fn)(void *user, const store_story_t *st),
                             void *user, sift_err_t *err)
{
    return story_query(c, STORYLINE_SELECT "ORDER BY k.day_max IS NULL, k.day_max DESC, k.id DESC",
                       0, 0, 0, fn, user, err);
}

int store_cl_page_storylines(store_cl_t *c, int64_t limit, int64_t offset, int64_t *total,
                             int (*fn)(void *user, const store_story_t *st), void *user,
                             sift_err_t *err)
{
    /* The page is cut before the counts are taken: their subqueries then
     * run for limit storylines, not for the whole store. */
    static const char page_sql[] = STORYLINE_FROM(
        "SELECT sid AS id, * FROM storyline ORDER BY " STORYLINE_ORDER
        " LIMIT ?1 OFFSET ?2") "ORDER BY k.day_max IS NULL, k.day_max DESC, k.id DESC";
    sqlite3_stmt *st = NULL;
    if (sqlite3_prepare_v2(c->s->db, "SELECT count(*) FROM storyline", -1, &st, NULL) !=
        SQLITE_OK) {
        return store_db_fail(c->s, err, "cannot prepare statement");
    }
    int rc = 0;
    if (sqlite3_step(st) == SQLITE_ROW) {
        *total = sqlite3_column_int64(st, 0);
    } else {
        rc = store_db_fail(c->s, err, "cannot read clusters");
    }
    sqlite3_finalize(st);
    return rc ? rc : story_query(c, page_sql, limit, offset, 0, fn, user, err);
}

int store_cl_list_events(store_cl_t *c, int64_t sid, int (*fn)(void *user, const store_story_t *st),
                         void *user, sift_err_t *err)
{
    if (sid == 0) {
        return story_query(c, EVENT_SELECT "ORDER BY k.day_min IS NULL, k.day_min, k.id", 0, 0, 0,
                           fn, user, err);
    }
    return story_query(c,
                       EVENT_SELECT "WHERE k.sid = ? ORDER BY k.day_min IS NULL, k.day_min, k.id",
                       sid, 0, 0, fn, user, err);
}

int store_cl_get_storyline(store_cl_t *c, int64_t sid,
                           int (*fn)(void *user, const store_story_t *st), void *user,
                           sift_err_t *err)
{
    int rc = story_query(c, STORYLINE_SELECT "WHERE k.id = ?", sid, 0, 1, fn, user, err);
    if (rc == SIFT_ENOTFOUND) {
        return err_set(err, rc, NULL, SIFT_NOPOS, 0, "no storyline 'S%lld'", (long long)sid);
    }
    return rc;
}

int store_cl_get_event(store_cl_t *c, int64_t eid, int (*fn)(void *user, const store_story_t *st),
                       void *user, sift_err_t *err)
{
    int rc = story_query(c, EVENT_SELECT "WHERE k.id = ?", eid, 0, 1, fn, user, err);
    if (rc == SIFT_ENOTFOUND) {
        return err_set(err, rc, NULL, SIFT_NOPOS, 0, "no event 'E%lld'", (long long)eid);
    }
    return rc;
}

static const char *col_text(sqlite3_stmt *st, int i)
{
    const unsigned char *t = sqlite3_column_text(st, i);
    return t ? (const char *)t : "";
}

int store_cl_list_members(store_cl_t *c, int64_t eid,
                          int (*fn)(void *user, const store_member_t *m), void *user,
                          sift_err_t *err)
{
    sqlite3_stmt *st;
    if (sqlite3_prepare_v2(c->s->db,
                           "SELECT r.id, r.title, r.outlet, r.date, r.source, m.eid, m.sid, m.sim, "
                           "coalesce(o.id, '') FROM member m JOIN report r ON r.rid = m.rid "
                           "LEFT JOIN report o ON o.rid = m.copy_of WHERE m.eid = ? "
                           "ORDER BY r.date = '', r.date, m.rid",
                           -1, &st, NULL) != SQLITE_OK) {
        return store_db_fail(c->s, err, "cannot prepare statement");
    }
    sqlite3_bind_int64(st, 1, eid);
    int rc = 0, step;
    while (rc == 0 && (step = sqlite3_step(st)) == SQLITE_ROW) {
        store_member_t m = { col_text(st, 0),
                             col_text(st, 1),
                             col_text(st, 2),
                             col_text(st, 3),
                             col_text(st, 4),
                             sqlite3_column_int64(st, 5),
                             sqlite3_column_int64(st, 6),
                             sqlite3_column_double(st, 7),
                             col_text(st, 8) };
        rc = fn(user, &m);
    }
    if (rc == 0 && step != SQLITE_DONE) {
        rc = store_db_fail(c->s, err, "cannot read members");
    }
    sqlite3_finalize(st);
    return rc;
}

int store_cl_list_copies(store_cl_t *c, int (*fn)(void *user, const store_copy_row_t *cp),
                         void *user, sift_err_t *err)
{
    sqlite3_stmt *st;
    if (sqlite3_prepare_v2(c->s->db,
                           "SELECT cp.kind, a.id, b.id, a.title, b.title, cp.first_para, "
                           "cp.second_para, cp.sim FROM copy cp "
                           "JOIN report a ON a.rid = cp.first_rid "
                           "JOIN report b ON b.rid = cp.second_rid "
                           "ORDER BY cp.kind, cp.first_rid, cp.second_rid, cp.first_para, "
                           "cp.second_para",
                           -1, &st, NULL) != SQLITE_OK) {
        return store_db_fail(c->s, err, "cannot prepare statement");
    }
    int rc = 0, step;
    while (rc == 0 && (step = sqlite3_step(st)) == SQLITE_ROW) {
        store_copy_row_t cp = { col_text(st, 0),           col_text(st, 1),
                                col_text(st, 2),           col_text(st, 3),
                                col_text(st, 4),           sqlite3_column_int(st, 5),
                                sqlite3_column_int(st, 6), sqlite3_column_double(st, 7) };
        rc = fn(user, &cp);
    }
    if (rc == 0 && step != SQLITE_DONE) {
        rc = store_db_fail(c->s, err, "cannot read copies");
    }
    sqlite3_finalize(st);
    return rc;
}
