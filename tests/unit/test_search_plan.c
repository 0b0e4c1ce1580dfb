/* tests/unit/test_search_plan.c: every hot query of store_search.c reads
 * the report table through an index (EXPLAIN QUERY PLAN), never by a scan
 * of every row: a scan reads the bodies of the whole store (13 MB for
 * 3,000 reports) on each API request. */
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
#include "store/store_int.h"
#include "util/buf.h"

static char db_path[64];

static int make_store(void **state)
{
    (void)state;
    snprintf(db_path, sizeof(db_path), "/tmp/sift-test-plan-XXXXXX");
    int fd = mkstemp(db_path);
    assert_true(fd >= 0);
    close(fd);
    unlink(db_path);
    store_t *s;
    sift_err_t err;
    assert_int_equal(store_open(&s, db_path, 0, &err), 0);
    store_close(s);
    return 0;
}

static int drop_store(void **state)
{
    (void)state;
    char side[80];
    unlink(db_path);
    snprintf(side, sizeof(side), "%s-wal", db_path);
    unlink(side);
    snprintf(side, sizeof(side), "%s-shm", db_path);
    unlink(side);
    return 0;
}

/* Fail when the plan of q reads the report table ("r") without an index. */
static void assert_indexed(const store_query_t *q, int has_words, int is_count)
{
    buf_t sql;
    buf_init(&sql, 8192);
    assert_int_equal(buf_puts(&sql, "EXPLAIN QUERY PLAN "), 0);
    assert_int_equal(store_search_sql(&sql, q, has_words, is_count), 0);
    sqlite3 *db;
    assert_int_equal(sqlite3_open_v2(db_path, &db, SQLITE_OPEN_READONLY, NULL), SQLITE_OK);
    sqlite3_stmt *st;
    assert_int_equal(sqlite3_prepare_v2(db, sql.ptr, -1, &st, NULL), SQLITE_OK);
    int n = 0;
    while (sqlite3_step(st) == SQLITE_ROW) {
        const char *detail = (const char *)sqlite3_column_text(st, 3);
        n++;
        if (strncmp(detail, "SCAN r", 6) == 0 || strncmp(detail, "SEARCH r", 8) == 0) {
            if (!strstr(detail, "INDEX") && !strstr(detail, "PRIMARY KEY")) {
                fail_msg("unindexed: %s\n  in: %s", detail, sql.ptr);
            }
        }
    }
    assert_true(n > 0);
    sqlite3_finalize(st);
    sqlite3_close(db);
    buf_release(&sql);
}

static void listings_use_indexes(void **state)
{
    (void)state;
    store_query_t q = { 0 };
    q.limit = 20;
    for (int is_count = 0; is_count <= 1; is_count++) {
        assert_indexed(&q, 0, is_count); /* newest first */
        q.from = "2025-01-01";
        assert_indexed(&q, 0, is_count);
        q.to = "2025-12-31";
        assert_indexed(&q, 0, is_count);
        assert_indexed(&q, 1, is_count); /* words and dates */
        q.from = q.to = NULL;
        assert_indexed(&q, 1, is_count); /* words alone */
        q.is_by_rank = 1;
        assert_indexed(&q, 1, is_count);
        q.from = "2025-01-01";
        assert_indexed(&q, 1, is_count);
        q.from = NULL;
        q.is_by_rank = 0;
        q.outlet = "Example Wire"; /* one outlet, newest first */
        assert_indexed(&q, 0, is_count);
        q.outlet = NULL;
    }
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test_setup_teardown(listings_use_indexes, make_store, drop_store),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
