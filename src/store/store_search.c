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

/* The statements are put together from these fixed pieces, only the
 * conditions asked for, so that SQLite can use the date index (a
 * condition written "?2 IS NULL OR ..." makes it read every row, 13 MB
 * for 3,000 reports). ?1 words, ?2 from, ?3 to, ?4 outlet; an undated
 * report has date '', below every real date. No user text is ever part
 * of the SQL: it is bound. */
static const char sel_newest[] = "SELECT " STORE_REPORT_COLS " FROM report r WHERE 1";
static const char sel_ranked[] = "SELECT " STORE_REPORT_COLS " FROM report_fts f"
                                 " JOIN report r ON r.rid = f.rowid WHERE report_fts MATCH ?1";
static const char sel_count[] = "SELECT count(*) FROM report r WHERE 1";
static const char cond_words[] =
    " AND r.rid IN (SELECT rowid FROM report_fts WHERE report_fts MATCH ?1)";
static const char cond_from[] = " AND r.date >= ?2";
static const char cond_to[] = " AND r.date >= '0' AND r.date <= ?3 || 'T99'";
static const char cond_outlet[] = " AND r.outlet = ?4 COLLATE NOCASE";
static const char order_newest[] = " ORDER BY r.date DESC, r.rid DESC LIMIT ?5 OFFSET ?6";
static const char order_ranked[] = " ORDER BY f.rank, r.rid LIMIT ?5 OFFSET ?6";
/* Words alone: count and rank inside the FTS index, and read only the
 * page's rows of the report table (the join first would read a row per
 * match: 30 ms for 3,000 matches). Ranking costs a bm25 score per match
 * (40 ms for 5,000), so only the MAX_RANKED most recently added matches
 * are ranked: a word found in every report cannot hold a worker for long,
 * and recent reports are what a news reader searches. */
#define MAX_RANKED "1000"
static const char count_words[] = "SELECT count(*) FROM report_fts WHERE report_fts MATCH ?1";
static const char page_words[] =
    "SELECT " STORE_REPORT_COLS " FROM (SELECT rowid AS rid, bm25(report_fts) AS score"
    " FROM report_fts WHERE report_fts MATCH ?1 ORDER BY rowid DESC LIMIT " MAX_RANKED ") m"
    " JOIN report r ON r.rid = m.rid ORDER BY m.score, m.rid LIMIT ?5 OFFSET ?6";

static int is_set(const char *s)
{
    return s && s[0];
}

int store_search_sql(buf_t *sql, const store_query_t *q, int has_words, int is_count)
{
    int is_ranked = !is_count && q->is_by_rank;
    if (has_words && !is_set(q->from) && !is_set(q->to) && !is_set(q->outlet) &&
        (is_count || is_ranked)) {
        return buf_puts(sql, is_count ? count_words : page_words);
    }
    int rc = buf_puts(sql, is_count ? sel_count : (is_ranked ? sel_ranked : sel_newest));
    if (has_words && !is_ranked) {
        rc = rc ? rc : buf_puts(sql, cond_words);
    }
    if (is_set(q->from)) {
        rc = rc ? rc : buf_puts(sql, cond_from);
    }
    if (is_set(q->to)) {
        rc = rc ? rc : buf_puts(sql, cond_to);
    }
    if (is_set(q->outlet)) {
        rc = rc ? rc : buf_puts(sql, cond_outlet);
    }
    if (!is_count) {
        rc = rc ? rc : buf_puts(sql, is_ranked ? order_ranked : order_newest);
    }
    return rc;
}

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
    if (is_set(s)) {
        sqlite3_bind_text(st, i, s, -1, SQLITE_STATIC);
    }
}

static void bind_conditions(sqlite3_stmt *st, const char *match, const store_query_t *q)
{
    bind_opt(st, 1, match);
    bind_opt(st, 2, q->from);
    bind_opt(st, 3, q->to);
    bind_opt(st, 4, q->outlet);
}

/* Prepare the statement for q into *st. */
static int prepare(store_t *s, sqlite3_stmt **st, const store_query_t *q, int has_words,
                   int is_count, sift_err_t *err)
{
    buf_t sql;
    buf_init(&sql, 4096);
    int rc = store_search_sql(&sql, q, has_words, is_count);
    if (rc) {
        buf_release(&sql);
        return err_oom(err);
    }
    if (sqlite3_prepare_v2(s->db, sql.ptr, (int)sql.len, st, NULL) != SQLITE_OK) {
        rc = store_db_fail(s, err, "cannot prepare search");
    } else if (!*st) {
        rc = err_set(err, SIFT_ESTORE, NULL, SIFT_NOPOS, 0, "empty search statement");
    }
    buf_release(&sql);
    return rc;
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
    sqlite3_stmt *st = NULL;
    int rc = prepare(s, &st, q, match != NULL, 1, err);
    if (rc) {
        return rc;
    }
    bind_conditions(st, match, q);
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
        return err_oom(err);
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
    if ((rc = prepare(s, &st, q, m != NULL, 0, err))) {
        goto out;
    }
    bind_conditions(st, m, q);
    sqlite3_bind_int64(st, 5, q->limit);
    sqlite3_bind_int64(st, 6, q->offset);
    int step;
    while ((step = sqlite3_step(st)) == SQLITE_ROW) {
        sift_report_t *r;
        if (store_row_report(st, 0, &r)) {
            rc = err_oom(err);
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
