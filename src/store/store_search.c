/* store/store_search.c: finding reports by words (FTS5), date range and
 * outlet, a page at a time, for `sift serve` and other readers. The user's
 * words are turned into quoted FTS5 terms here, so no query syntax from
 * outside ever reaches SQLite. */
#include <sqlite3.h>
#include <stdio.h>
#include <string.h>

#include "store.h"
#include "store_int.h"
#include "util/buf.h"
#include "util/err.h"

/* Words of one query: more would only slow the match down, and no real
 * search needs them. */
#define MAX_QUERY_WORDS 16

/* Bytes of one word kept: longer runs are not words (a URL, a hash). */
#define MAX_WORD_BYTES 64

/* Conditions shared by the listing and the count; ?1 words, ?2 from, ?3 to,
 * ?4 outlet. An undated report has date '', below every real date. */
#define WHERE_DATES                                                                                \
    " (?2 IS NULL OR r.date >= ?2)"                                                                \
    " AND (?3 IS NULL OR (r.date >= '0' AND r.date <= ?3 || 'T99'))"                               \
    " AND (?4 IS NULL OR r.outlet = ?4 COLLATE NOCASE)"

static const char sql_newest[] =
    "SELECT " STORE_REPORT_COLS " FROM report r"
    " WHERE (?1 IS NULL OR r.rid IN (SELECT rowid FROM report_fts WHERE report_fts MATCH ?1))"
    " AND" WHERE_DATES " ORDER BY r.date DESC, r.rid DESC LIMIT ?5 OFFSET ?6";

static const char sql_ranked[] =
    "SELECT " STORE_REPORT_COLS " FROM report_fts f"
    " JOIN report r ON r.rid = f.rowid"
    " WHERE report_fts MATCH ?1 AND" WHERE_DATES " ORDER BY f.rank, r.rid LIMIT ?5 OFFSET ?6";

static const char sql_count[] =
    "SELECT count(*) FROM report r"
    " WHERE (?1 IS NULL OR r.rid IN (SELECT rowid FROM report_fts WHERE report_fts MATCH ?1))"
    " AND" WHERE_DATES;

static int is_word_byte(unsigned char c)
{
    return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c >= 0x80;
}

/* Turn free text into `"w1" "w2" ...` (all must match). Bytes of a word
 * are letters, digits or UTF-8 sequences, so no quote can occur inside. A
 * word cut at MAX_WORD_BYTES is cut back to a UTF-8 boundary. */
static int fts_query(buf_t *out, const char *words, size_t *out_n)
{
    size_t n = 0;
    const unsigned char *p = (const unsigned char *)words;
    while (*p && n < MAX_QUERY_WORDS) {
        while (*p && !is_word_byte(*p)) {
            p++;
        }
        const unsigned char *start = p;
        while (*p && is_word_byte(*p)) {
            p++;
        }
        size_t len = (size_t)(p - start);
        if (len == 0) {
            continue;
        }
        if (len > MAX_WORD_BYTES) {
            len = MAX_WORD_BYTES;
            while (len > 0 && (start[len] & 0xC0) == 0x80) {
                len--;
            }
        }
        int rc = n ? buf_putc(out, ' ') : 0;
        rc = rc ? rc : buf_putc(out, '"');
        rc = rc ? rc : buf_append(out, start, len);
        rc = rc ? rc : buf_putc(out, '"');
        if (rc) {
            return rc;
        }
        n++;
    }
    *out_n = n;
    return 0;
}

static int is_day(const char *s)
{
    static const char shape[] = "dddd-dd-dd";
    if (strlen(s) != sizeof(shape) - 1) {
        return 0;
    }
    for (size_t i = 0; shape[i]; i++) {
        int is_digit = s[i] >= '0' && s[i] <= '9';
        if (shape[i] == 'd' ? !is_digit : s[i] != '-') {
            return 0;
        }
    }
    return 1;
}

static void bind_opt(sqlite3_stmt *st, int i, const char *s)
{
    if (s && s[0]) {
        sqlite3_bind_text(st, i, s, -1, SQLITE_STATIC);
    } else {
        sqlite3_bind_null(st, i);
    }
}

static void bind_conditions(sqlite3_stmt *st, const char *match, const store_query_t *q)
{
    bind_opt(st, 1, match);
    bind_opt(st, 2, q->from);
    bind_opt(st, 3, q->to);
    bind_opt(st, 4, q->outlet);
}

static int check_query(const store_query_t *q, sift_err_t *err)
{
    if (q->limit < 1 || q->limit > STORE_MAX_PAGE) {
        return err_set(err, SIFT_EUSAGE, NULL, SIFT_NOPOS, 0, "limit must be from 1 to %d",
                       STORE_MAX_PAGE);
    }
    if (q->offset < 0) {
        return err_set(err, SIFT_EUSAGE, NULL, SIFT_NOPOS, 0, "offset must not be negative");
    }
    if ((q->from && q->from[0] && !is_day(q->from)) || (q->to && q->to[0] && !is_day(q->to))) {
        return err_set(err, SIFT_EUSAGE, NULL, SIFT_NOPOS, 0, "dates must read YYYY-MM-DD");
    }
    return 0;
}

static int count_matches(store_t *s, const char *match, const store_query_t *q, int64_t *out,
                         sift_err_t *err)
{
    sqlite3_stmt *st;
    if (sqlite3_prepare_v2(s->db, sql_count, -1, &st, NULL) != SQLITE_OK) {
        return store_db_fail(s, err, "cannot prepare search");
    }
    bind_conditions(st, match, q);
    int rc = 0;
    if (sqlite3_step(st) == SQLITE_ROW) {
        *out = sqlite3_column_int64(st, 0);
    } else {
        rc = store_db_fail(s, err, "cannot count matches");
    }
    sqlite3_finalize(st);
    return rc;
}

int store_search_reports(store_t *s, const store_query_t *q,
                         int (*fn)(void *user, const sift_report_t *r), void *user,
                         int64_t *out_total, sift_err_t *err)
{
    int rc = check_query(q, err);
    if (rc) {
        return rc;
    }
    buf_t match;
    buf_init(&match, (size_t)MAX_QUERY_WORDS * (MAX_WORD_BYTES + 3));
    size_t n_words = 0;
    if (q->words && q->words[0] && fts_query(&match, q->words, &n_words)) {
        buf_release(&match);
        return err_set(err, SIFT_ENOMEM, NULL, SIFT_NOPOS, 0, "out of memory");
    }
    if ((q->words && q->words[0] && n_words == 0) || (q->is_by_rank && n_words == 0)) {
        buf_release(&match);
        return err_set(err, SIFT_EUSAGE, NULL, SIFT_NOPOS, 0, "no word to search for");
    }
    const char *m = n_words ? match.ptr : NULL;
    sqlite3_stmt *st = NULL;
    if (out_total && (rc = count_matches(s, m, q, out_total, err))) {
        goto out;
    }
    if (sqlite3_prepare_v2(s->db, q->is_by_rank ? sql_ranked : sql_newest, -1, &st, NULL) !=
        SQLITE_OK) {
        rc = store_db_fail(s, err, "cannot prepare search");
        goto out;
    }
    bind_conditions(st, m, q);
    sqlite3_bind_int64(st, 5, q->limit);
    sqlite3_bind_int64(st, 6, q->offset);
    int step;
    while ((step = sqlite3_step(st)) == SQLITE_ROW) {
        sift_report_t *r;
        if (store_row_report(st, 0, &r)) {
            rc = err_set(err, SIFT_ENOMEM, NULL, SIFT_NOPOS, 0, "out of memory");
            goto out;
        }
        rc = fn(user, r);
        sift_report_free(r);
        if (rc) {
            goto out;
        }
    }
    if (step != SQLITE_DONE) {
        rc = store_db_fail(s, err, "cannot search reports");
    }
out:
    sqlite3_finalize(st);
    buf_release(&match);
    return rc;
}

int store_has_stories(store_t *s, int *out, sift_err_t *err)
{
    sqlite3_stmt *st;
    if (sqlite3_prepare_v2(
            s->db, "SELECT 1 FROM sqlite_schema WHERE type = 'table' AND name = 'storyline'", -1,
            &st, NULL) != SQLITE_OK) {
        return store_db_fail(s, err, "cannot read the schema");
    }
    int step = sqlite3_step(st);
    int rc = 0;
    if (step == SQLITE_ROW || step == SQLITE_DONE) {
        *out = step == SQLITE_ROW;
    } else {
        rc = store_db_fail(s, err, "cannot read the schema");
    }
    sqlite3_finalize(st);
    return rc;
}
