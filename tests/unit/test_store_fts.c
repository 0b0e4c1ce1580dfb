/* tests/unit/test_store_fts.c: reports stored inside a batch are indexed
 * for full-text search at commit (store_commit), all of them, once; a
 * rolled-back batch leaves nothing in the index, and the next batch
 * indexes only its own reports. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <cmocka.h>
#include <sqlite3.h>

#include "store/store.h"
#include "util/report.h"

static void put(store_t *s, const char *title, const char *body)
{
    sift_report_t *r = sift_report_new(title, SIFT_FMT_TEXT);
    assert_non_null(r);
    assert_int_equal(report_set_str(r, &r->title, title), 0);
    assert_int_equal(report_add_block(r, SIFT_BLOCK_PARAGRAPH, body, strlen(body)), 0);
    report_finish(r);
    sift_err_t err;
    int is_new = 0;
    assert_int_equal(store_put_report(s, r, &is_new, &err), 0);
    assert_int_equal(is_new, 1);
    sift_report_free(r);
}

static int count_cb(void *user, const sift_report_t *r)
{
    (void)r;
    (*(int *)user)++;
    return 0;
}

/* Matches of words, as the search counts them and as rows seen. */
static int64_t matches(store_t *s, const char *words)
{
    store_query_t q = { 0 };
    q.words = words;
    q.limit = 100;
    int64_t total = -1;
    int n = 0;
    sift_err_t err;
    assert_int_equal(store_search_reports(s, &q, count_cb, &n, &total, &err), 0);
    assert_int_equal(total, n);
    return total;
}

static void batch_indexed_at_commit(void **state)
{
    (void)state;
    char path[] = "/tmp/sift-test-fts-XXXXXX";
    int fd = mkstemp(path);
    assert_true(fd >= 0);
    close(fd);
    unlink(path);
    store_t *s;
    sift_err_t err;
    assert_int_equal(store_open(&s, path, 0, &err), 0);

    assert_int_equal(store_begin(s, &err), 0);
    char title[64], body[128];
    for (int i = 0; i < 30; i++) {
        snprintf(title, sizeof(title), "Harbour report %d", i);
        snprintf(body, sizeof(body), "Ferries sailed again, day %d of the strike.", i);
        put(s, title, body);
    }
    assert_int_equal(store_commit(s, &err), 0);
    assert_int_equal(matches(s, "ferries"), 30);
    assert_int_equal(matches(s, "harbour"), 30);

    /* rolled back: neither stored nor indexed */
    assert_int_equal(store_begin(s, &err), 0);
    put(s, "Lighthouse closed", "The lighthouse keepers left.");
    assert_int_equal(store_rollback(s), 0);
    assert_int_equal(matches(s, "lighthouse"), 0);

    /* the next batch indexes its own reports, not the earlier ones again */
    assert_int_equal(store_begin(s, &err), 0);
    put(s, "Lighthouse reopened", "Keepers came back to the lighthouse.");
    put(s, "Ferries late", "Ferries ran late after the storm.");
    assert_int_equal(store_commit(s, &err), 0);
    assert_int_equal(matches(s, "lighthouse"), 1);
    assert_int_equal(matches(s, "ferries"), 31);
    store_close(s);

    /* reopened: the index was committed */
    assert_int_equal(store_open(&s, path, STORE_READONLY, &err), 0);
    assert_int_equal(matches(s, "ferries"), 31);
    store_close(s);
    char aux[sizeof(path) + 8];
    unlink(path);
    snprintf(aux, sizeof(aux), "%s-wal", path);
    unlink(aux);
    snprintf(aux, sizeof(aux), "%s-shm", path);
    unlink(aux);
}

/* store_fts_text gives what the five nested replace() calls it replaced
 * gave, on texts made of the kinds, parts of them, tabs and newlines. */
static void fts_text_as_replace(void **state)
{
    (void)state;
    static const char *const parts[] = { "paragraph", "heading", "title", "quote", "list_item",
                                         "\t",        "\n",      "para",  "x",     "itle",
                                         "list_",     "ing",     " ",     "q" };
    sqlite3 *db = NULL;
    assert_int_equal(sqlite3_open(":memory:", &db), SQLITE_OK);
    sqlite3_stmt *st = NULL;
    assert_int_equal(
        sqlite3_prepare_v2(
            db,
            "SELECT replace(replace(replace(replace(replace(?1, 'paragraph' || char(9), ' '),"
            "  'heading' || char(9), ' '), 'title' || char(9), ' '), 'quote' || char(9), ' '),"
            "  'list_item' || char(9), ' ')",
            -1, &st, NULL),
        SQLITE_OK);
    unsigned x = 12345;
    for (int round = 0; round < 5000; round++) {
        char in[512], out[512];
        size_t n = 0;
        int n_parts = 1 + round % 24;
        for (int k = 0; k < n_parts; k++) {
            x = x * 1103515245u + 12345u;
            const char *p = parts[(x >> 16) % (sizeof(parts) / sizeof(parts[0]))];
            memcpy(in + n, p, strlen(p));
            n += strlen(p);
        }
        size_t m = store_fts_text(out, in, n);
        sqlite3_bind_text(st, 1, in, (int)n, SQLITE_STATIC);
        assert_int_equal(sqlite3_step(st), SQLITE_ROW);
        assert_int_equal(m, (size_t)sqlite3_column_bytes(st, 0));
        assert_memory_equal(out, sqlite3_column_text(st, 0), m);
        sqlite3_reset(st);
    }
    sqlite3_finalize(st);
    sqlite3_close(db);
}

int main(void)
{
    const struct CMUnitTest tests[] = { cmocka_unit_test(batch_indexed_at_commit),
                                        cmocka_unit_test(fts_text_as_replace) };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
