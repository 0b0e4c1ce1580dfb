/* store/store_check.c: `sift check`'s SQL: SQLite's own integrity check
 * plus sift's consistency rules (ids hash their bodies, metadata is
 * well formed, every reference to a report points at a stored one, the
 * schema version is known). Reads only; never repairs. Generic over the
 * tables later stages add: any column named report_id (a report's id),
 * rid or *_rid (its rid), eid (an event) or sid (a storyline), and any
 * declared foreign key, is checked. */
#include <stdarg.h>
#include <stdio.h>
#include <string.h>

#include "store.h"
#include "store_int.h"
#include "util/err.h"
#include "util/report.h"

/* Problems told per kind before the rest are only counted: a store
 * broken everywhere should not print a million lines. */
#define MAX_TOLD_PER_KIND 20

typedef struct check {
    store_t *s;
    store_problem_fn fn;
    void *user;
    long n_problems;
} check_t;

static void problem(check_t *c, long *n_kind, const char *fmt, ...)
    __attribute__((format(printf, 3, 4)));

static void problem(check_t *c, long *n_kind, const char *fmt, ...)
{
    c->n_problems++;
    if (n_kind && ++*n_kind > MAX_TOLD_PER_KIND) {
        return;
    }
    char line[512];
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(line, sizeof(line), fmt, ap);
    va_end(ap);
    c->fn(c->user, line);
}

static void told_rest(check_t *c, long n_kind, const char *what)
{
    if (n_kind > MAX_TOLD_PER_KIND) {
        char line[256];
        snprintf(line, sizeof(line), "... and %ld more %s", n_kind - MAX_TOLD_PER_KIND, what);
        c->fn(c->user, line);
    }
}

static const char *col(sqlite3_stmt *st, int i)
{
    const unsigned char *t = sqlite3_column_text(st, i);
    return t ? (const char *)t : "";
}

/* SQLite's integrity_check: b-trees, indexes against their tables,
 * NOT NULL and UNIQUE constraints. */
static int check_sqlite(check_t *c, sift_err_t *err)
{
    sqlite3_stmt *st;
    if (sqlite3_prepare_v2(c->s->db, "PRAGMA integrity_check(100)", -1, &st, NULL) != SQLITE_OK) {
        return store_db_fail(c->s, err, "cannot check the store");
    }
    int step;
    while ((step = sqlite3_step(st)) == SQLITE_ROW) {
        /* one message may hold several lines: one problem each */
        const char *p = col(st, 0);
        while (strcmp(p, "ok") != 0 && *p) {
            size_t n = strcspn(p, "\n");
            if (n) {
                problem(c, NULL, "integrity: %.*s", (int)n, p);
            }
            p += n + (p[n] == '\n');
        }
    }
    sqlite3_finalize(st);
    if (step != SQLITE_DONE) {
        return store_db_fail(c->s, err, "cannot check the store");
    }
    if (sqlite3_prepare_v2(c->s->db, "PRAGMA foreign_key_check", -1, &st, NULL) != SQLITE_OK) {
        return store_db_fail(c->s, err, "cannot check the store");
    }
    long n_fk = 0;
    while ((step = sqlite3_step(st)) == SQLITE_ROW) {
        problem(c, &n_fk, "%s row %lld: points at a missing row of %s", col(st, 0),
                (long long)sqlite3_column_int64(st, 1), col(st, 2));
    }
    sqlite3_finalize(st);
    told_rest(c, n_fk, "dangling foreign keys");
    return step == SQLITE_DONE ? 0 : store_db_fail(c->s, err, "cannot check the store");
}

static int check_schema(check_t *c, sift_err_t *err)
{
    sqlite3_stmt *st;
    if (sqlite3_prepare_v2(c->s->db, "PRAGMA user_version", -1, &st, NULL) != SQLITE_OK) {
        return store_db_fail(c->s, err, "cannot check the store");
    }
    int v = -1;
    if (sqlite3_step(st) == SQLITE_ROW) {
        v = sqlite3_column_int(st, 0);
    }
    sqlite3_finalize(st);
    if (v != store_schema_version) {
        problem(c, NULL, "schema: version %d, this sift knows %d", v, store_schema_version);
    }
    /* every column the report reader relies on */
    static const char *const cols[] = { "rid",      "id",           "source",          "format",
                                        "url",      "outlet",       "outlet_evidence", "title",
                                        "subtitle", "byline",       "credits",         "date",
                                        "date_src", "date_certain", "date_evidence",   "lang",
                                        "blocks",   "clutter" };
    for (size_t i = 0; i < sizeof(cols) / sizeof(cols[0]); i++) {
        if (sqlite3_table_column_metadata(c->s->db, "main", "report", cols[i], NULL, NULL, NULL,
                                          NULL, NULL) != SQLITE_OK) {
            problem(c, NULL, "schema: table report has no column '%s'", cols[i]);
        }
    }
    return 0;
}

static int is_hex16(const char *id)
{
    return strlen(id) == 16 && strspn(id, "0123456789abcdef") == 16;
}

static int is_name_of(const char *name, const char *(*name_of)(int), int lo, int hi)
{
    for (int i = lo; i <= hi; i++) {
        if (strcmp(name, name_of(i)) == 0) {
            return 1;
        }
    }
    return 0;
}

static const char *format_name(int f)
{
    return sift_format_name((sift_format_t)f);
}

static const char *date_src_name(int d)
{
    return sift_date_src_name((sift_date_src_t)d);
}

static const char *kind_name(int k)
{
    return sift_block_kind_name((sift_block_kind_t)k);
}

/* "" or YYYY-MM-DD, optionally followed by a time ("THH:MM..."). */
static int is_date(const char *d)
{
    if (!d[0]) {
        return 1;
    }
    static const char pat[] = "dddd-dd-dd";
    for (size_t i = 0; i < sizeof(pat) - 1; i++) {
        if (pat[i] == 'd' ? (d[i] < '0' || d[i] > '9') : d[i] != pat[i]) {
            return 0;
        }
    }
    return d[10] == '\0' || d[10] == 'T';
}

/* Rebuild the body from its packed lines ("kind\ttext\n") and hash it as
 * the readers do. 0 with *out_id set, 1 if the packing is malformed, or
 * SIFT_ENOMEM. */
static int body_id(const char *blocks, char out_id[17], long *out_n)
{
    sift_report_t *r = sift_report_new("", SIFT_FMT_UNKNOWN);
    if (!r) {
        return SIFT_ENOMEM;
    }
    int rc = 0;
    const char *p = blocks;
    while (*p && rc == 0) {
        const char *tab = strchr(p, '\t');
        const char *nl = strchr(p, '\n');
        if (!tab || !nl || tab > nl) {
            rc = 1;
            break;
        }
        char kind[32];
        snprintf(kind, sizeof(kind), "%.*s", (int)(tab - p), p);
        if (!is_name_of(kind, kind_name, SIFT_BLOCK_TITLE, SIFT_BLOCK_LIST_ITEM)) {
            rc = 1;
            break;
        }
        rc = report_add_block(r, SIFT_BLOCK_PARAGRAPH, tab + 1, (size_t)(nl - tab - 1));
        p = nl + 1;
    }
    if (rc == 0) {
        report_finish(r);
        memcpy(out_id, r->id, 17);
        *out_n = (long)r->n_blocks;
    }
    sift_report_free(r);
    return rc;
}

static int check_reports(check_t *c, int64_t *out_n_reports, sift_err_t *err)
{
    sqlite3_stmt *st;
    if (sqlite3_prepare_v2(c->s->db,
                           "SELECT rid, id, source, format, date_src, date_certain, date, blocks "
                           "FROM report ORDER BY rid",
                           -1, &st, NULL) != SQLITE_OK) {
        return store_db_fail(c->s, err, "cannot check the store");
    }
    long n_id = 0, n_meta = 0, n_body = 0;
    int64_t n = 0;
    int step, rc = 0;
    while ((step = sqlite3_step(st)) == SQLITE_ROW) {
        n++;
        long long rid = (long long)sqlite3_column_int64(st, 0);
        const char *id = col(st, 1);
        if (!is_hex16(id)) {
            problem(c, &n_id, "report rid %lld: id '%.40s' is not 16 hex digits", rid, id);
            continue;
        }
        if (!col(st, 2)[0]) {
            problem(c, &n_meta, "report %s: no source", id);
        }
        if (!is_name_of(col(st, 3), format_name, SIFT_FMT_TEXT, SIFT_FMT_WARC)) {
            problem(c, &n_meta, "report %s: unknown format '%.40s'", id, col(st, 3));
        }
        if (!is_name_of(col(st, 4), date_src_name, SIFT_DATE_NONE, SIFT_DATE_TEXT)) {
            problem(c, &n_meta, "report %s: unknown date source '%.40s'", id, col(st, 4));
        }
        int certain = sqlite3_column_int(st, 5);
        if (certain != 0 && certain != 1) {
            problem(c, &n_meta, "report %s: date_certain is %d, not 0 or 1", id, certain);
        }
        if (!is_date(col(st, 6))) {
            problem(c, &n_meta, "report %s: date '%.40s' is not YYYY-MM-DD", id, col(st, 6));
        }
        char want[17];
        long n_blocks = 0;
        int brc = body_id(col(st, 7), want, &n_blocks);
        if (brc == SIFT_ENOMEM) {
            rc = err_set(err, SIFT_ENOMEM, c->s->path, SIFT_NOPOS, 0, "out of memory");
            break;
        }
        if (brc) {
            problem(c, &n_body, "report %s: body is not stored as kind<TAB>text lines", id);
        } else if (n_blocks == 0) {
            problem(c, &n_body, "report %s: empty body", id);
        } else if (strcmp(want, id) != 0) {
            problem(c, &n_id, "report %s: id does not match its body (which hashes to %s)", id,
                    want);
        }
    }
    sqlite3_finalize(st);
    told_rest(c, n_id, "bad ids");
    told_rest(c, n_meta, "bad metadata");
    told_rest(c, n_body, "bad bodies");
    *out_n_reports = n;
    if (rc == 0 && step != SQLITE_DONE) {
        rc = store_db_fail(c->s, err, "cannot check the store");
    }
    return rc;
}

/* Columns of other tables that point at rows elsewhere, by name:
 * report_id holds a report's id; rid and *_rid a report's rid; eid an
 * event; sid a storyline (tables of the clustering stage). Each value
 * must name a stored row. Matching by name keeps the check in step with
 * tables later stages add, without a list here to forget. */
static const char *target_of(const char *table, const char *column, const char **out_col)
{
    size_t n = strlen(column);
    if (strcmp(column, "report_id") == 0) {
        *out_col = "id";
        return "report";
    }
    if (strcmp(column, "rid") == 0 || (n > 4 && strcmp(column + n - 4, "_rid") == 0)) {
        *out_col = "rid";
        return strcmp(table, "report") == 0 ? NULL : "report";
    }
    if (strcmp(column, "eid") == 0) {
        *out_col = "eid";
        return strcmp(table, "event") == 0 ? NULL : "event";
    }
    if (strcmp(column, "sid") == 0) {
        *out_col = "sid";
        return strcmp(table, "storyline") == 0 ? NULL : "storyline";
    }
    return NULL;
}

static int check_column(check_t *c, const char *table, const char *column, sift_err_t *err)
{
    const char *tcol = NULL;
    const char *target = target_of(table, column, &tcol);
    if (!target) {
        return 0;
    }
    char *sql = sqlite3_mprintf("SELECT t.\"%w\" FROM \"%w\" t WHERE t.\"%w\" IS NOT NULL "
                                "AND NOT EXISTS (SELECT 1 FROM \"%w\" x WHERE x.\"%w\" = "
                                "t.\"%w\") ORDER BY 1",
                                column, table, column, target, tcol, column);
    sqlite3_stmt *q = NULL;
    if (!sql || sqlite3_prepare_v2(c->s->db, sql, -1, &q, NULL) != SQLITE_OK) {
        problem(c, NULL, "%s.%s: cannot be checked: %s", table, column, sqlite3_errmsg(c->s->db));
        sqlite3_free(sql);
        return 0;
    }
    sqlite3_free(sql);
    long n_dangling = 0;
    int qstep;
    while ((qstep = sqlite3_step(q)) == SQLITE_ROW) {
        problem(c, &n_dangling, "%s.%s '%s' names no stored %s", table, column, col(q, 0), target);
    }
    sqlite3_finalize(q);
    char what[160];
    snprintf(what, sizeof(what), "dangling %s.%s", table, column);
    told_rest(c, n_dangling, what);
    if (qstep != SQLITE_DONE) {
        return store_db_fail(c->s, err, "cannot check the store");
    }
    return 0;
}

static int check_refs(check_t *c, sift_err_t *err)
{
    sqlite3_stmt *st;
    if (sqlite3_prepare_v2(
            c->s->db,
            "SELECT m.name, p.name FROM sqlite_schema m, pragma_table_info(m.name) p "
            "WHERE m.type = 'table' AND m.name NOT LIKE 'sqlite_%' "
            "AND m.sql NOT LIKE 'CREATE VIRTUAL%' ORDER BY 1, 2",
            -1, &st, NULL) != SQLITE_OK) {
        return store_db_fail(c->s, err, "cannot check the store");
    }
    int step, rc = 0;
    while (rc == 0 && (step = sqlite3_step(st)) == SQLITE_ROW) {
        rc = check_column(c, col(st, 0), col(st, 1), err);
    }
    sqlite3_finalize(st);
    if (rc == 0 && step != SQLITE_DONE) {
        rc = store_db_fail(c->s, err, "cannot check the store");
    }
    return rc;
}

/* A check that stopped on a corrupt page is a problem found, not a
 * failure of the check: say which check stopped and go on. */
static int past_corruption(check_t *c, int rc, const char *what, sift_err_t *err)
{
    int code = sqlite3_extended_errcode(c->s->db) & 0xff;
    if (rc == SIFT_ESTORE && (code == SQLITE_CORRUPT || code == SQLITE_NOTADB)) {
        problem(c, NULL, "%s: cannot be read to the end: %s", what, err->msg);
        sift_err_clear(err);
        return 0;
    }
    return rc;
}

int store_check(store_t *s, store_problem_fn fn, void *user, store_check_result_t *out,
                sift_err_t *err)
{
    check_t c = { s, fn, user, 0 };
    memset(out, 0, sizeof(*out));
    /* one read transaction: a concurrent writer cannot make the checks
     * see two different states */
    int rc = store_exec(s, "BEGIN", err);
    if (rc) {
        return rc;
    }
    rc = past_corruption(&c, check_sqlite(&c, err), "integrity check", err);
    if (rc == 0) {
        rc = past_corruption(&c, check_schema(&c, err), "schema", err);
    }
    if (rc == 0) {
        rc = past_corruption(&c, check_reports(&c, &out->n_reports, err), "reports", err);
    }
    if (rc == 0) {
        rc = past_corruption(&c, check_refs(&c, err), "references", err);
    }
    store_exec(s, "COMMIT", NULL);
    out->n_problems = c.n_problems;
    out->schema_version = store_schema_version;
    return rc;
}
