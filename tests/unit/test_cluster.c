/* tests/unit/test_cluster.c: how cluster_add uses a day an undated
 * report's text gives (cluster_doc_t.estimate_day). Such a day is the
 * latest date the text names, so it only counts against an event when it
 * comes well after the event's latest day: a report naming a date a
 * year on starts an event of its own, one naming only an older
 * (background) date, or none, joins by its words. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "cluster/cluster.h"
#include "text/text.h"
#include "util/arena.h"

typedef struct fixture {
    cluster_t *cl;
    text_ctx_t *tc;
    arena_t *arena;
    int64_t next_rid;
} fixture_t;

/* The day the fake text gives: *(const int32_t *)user. */
static int text_day(const void *user, int has_anchor, int32_t anchor, int32_t *out_day,
                    sift_err_t *err)
{
    (void)has_anchor;
    (void)anchor;
    (void)err;
    *out_day = *(const int32_t *)user;
    return 0;
}

static int setup(void **state)
{
    fixture_t *f = calloc(1, sizeof(*f));
    assert_non_null(f);
    cluster_params_t p;
    cluster_params_init(&p);
    sift_err_t err;
    assert_int_equal(cluster_new(&f->cl, &p, &err), 0);
    assert_int_equal(text_ctx_new(&f->tc, &err), 0);
    f->arena = arena_new();
    assert_non_null(f->arena);
    f->next_rid = 1;
    *state = f;
    return 0;
}

static int teardown(void **state)
{
    fixture_t *f = *state;
    cluster_free(f->cl);
    text_ctx_free(f->tc);
    arena_free(f->arena);
    free(f);
    return 0;
}

/* Add a report of title and body; day_from_text is what its text says
 * (CLUSTER_NO_DAY: nothing). */
static cluster_result_t add(fixture_t *f, const char *title, const char *body,
                            int32_t day_from_text)
{
    sift_slice_t blocks[2] = { { title, strlen(title) }, { body, strlen(body) } };
    text_doc_t d;
    sift_err_t err;
    arena_reset(f->arena);
    assert_int_equal(text_analyze(f->tc, f->arena, "en", blocks, 2, TEXT_STEM, &d, &err), 0);
    cluster_doc_t cd = {
        f->next_rid++, CLUSTER_NO_DAY, &d, 1, 0, 0, text_day, &day_from_text, NULL
    };
    cluster_result_t res;
    assert_int_equal(cluster_add(f->cl, &cd, &res, &err), 0);
    return res;
}

static const char *const TITLE = "Harbour crane collapses onto cargo ship in Rotterdam";
static const char *const BODY =
    "A harbour crane collapsed onto the cargo ship Maren Star at the Waalhaven terminal in "
    "Rotterdam, injuring four dock workers, the port authority said. Inspectors from the "
    "Dutch safety board were examining the crane's hydraulic arm and the terminal operator "
    "Keppel Vos suspended loading at the quay.";

static void later_text_day_splits(void **state)
{
    fixture_t *f = *state;
    int32_t may = cluster_day("2025-05-17");
    cluster_result_t a = add(f, TITLE, BODY, may);
    assert_true(a.is_new_event);
    /* two weeks on: within the month an event's coverage runs */
    cluster_result_t b = add(f, TITLE, BODY, may + 14);
    assert_int_equal(b.eid, a.eid);
    /* a year after the event's latest day: another happening, even in
     * the same words (a yearly report, an anniversary) */
    cluster_result_t c = add(f, TITLE, BODY, cluster_day("2026-05-17"));
    assert_true(c.is_new_event);
    assert_int_not_equal(c.eid, a.eid);
    /* the same storyline all the same: its words are the same */
    assert_int_equal(c.sid, a.sid);
}

/* Terms made ahead (cluster_terms_make, as `sift add` does on its
 * reading thread) cluster exactly as terms made from the text inside
 * cluster_add: same events, storylines and similarities, report by
 * report, over texts that join, split and merge. */
static void prepared_terms_same(void **state)
{
    fixture_t *f = *state;
    static const char *const texts[][2] = {
        { "Harbour crane collapses onto cargo ship in Rotterdam", NULL },
        { "Crane falls on ship at Rotterdam port, four hurt",
          "Four dock workers were hurt when a crane fell on the Maren Star in Rotterdam." },
        { "Dutch safety board opens inquiry into Rotterdam crane",
          "The Dutch safety board said it would examine the hydraulic arm of the crane." },
        { "Floods close schools across northern Italy",
          "Heavy rain flooded towns in Piedmont and Lombardy, and schools closed on Monday." },
        { "Italy floods: rivers burst banks in Piedmont",
          "The Po and the Tanaro burst their banks; schools in Turin stayed closed." },
        { "Rotterdam terminal resumes loading after crane collapse",
          "Keppel Vos resumed loading at the Waalhaven quay after inspectors left." },
    };
    cluster_params_t p;
    cluster_params_init(&p);
    cluster_t *other = NULL;
    sift_err_t err;
    assert_int_equal(cluster_new(&other, &p, &err), 0);
    for (size_t i = 0; i < sizeof(texts) / sizeof(texts[0]); i++) {
        const char *body = texts[i][1] ? texts[i][1] : BODY;
        sift_slice_t blocks[2] = { { texts[i][0], strlen(texts[i][0]) }, { body, strlen(body) } };
        text_doc_t d;
        arena_reset(f->arena);
        assert_int_equal(text_analyze(f->tc, f->arena, "en", blocks, 2, TEXT_STEM, &d, &err), 0);
        cluster_terms_t terms;
        assert_int_equal(cluster_terms_make(&terms, f->arena, &p, &d, 1), 0);
        int64_t rid = (int64_t)i + 1;
        cluster_doc_t from_text = { rid, CLUSTER_NO_DAY, &d, 1, 0, 0, NULL, NULL, NULL };
        cluster_doc_t made = { rid, CLUSTER_NO_DAY, NULL, 1, 0, 0, NULL, NULL, &terms };
        cluster_result_t a, b;
        assert_int_equal(cluster_add(f->cl, &from_text, &a, &err), 0);
        assert_int_equal(cluster_add(other, &made, &b, &err), 0);
        assert_int_equal(a.eid, b.eid);
        assert_int_equal(a.sid, b.sid);
        assert_true(a.sim == b.sim);
        assert_int_equal(a.merged_event, b.merged_event);
        assert_int_equal(a.merged_storyline, b.merged_storyline);
    }
    assert_int_equal(cluster_mem_bytes(f->cl), cluster_mem_bytes(other));
    cluster_free(other);
}

static void earlier_or_no_text_day_joins(void **state)
{
    fixture_t *f = *state;
    int32_t may = cluster_day("2025-05-17");
    cluster_result_t a = add(f, TITLE, BODY, may);
    /* a text whose latest date is years back names background */
    cluster_result_t b = add(f, TITLE, BODY, cluster_day("2019-03-02"));
    assert_int_equal(b.eid, a.eid);
    cluster_result_t c = add(f, TITLE, BODY, CLUSTER_NO_DAY);
    assert_int_equal(c.eid, a.eid);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test_setup_teardown(later_text_day_splits, setup, teardown),
        cmocka_unit_test_setup_teardown(earlier_or_no_text_day_joins, setup, teardown),
        cmocka_unit_test_setup_teardown(prepared_terms_same, setup, teardown),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
