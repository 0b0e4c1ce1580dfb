/* tests/unit/test_cluster.c: how cluster_add uses a day an undated
 * report's text gives (cluster_doc_t.estimate_day). Such a day is the
 * latest date the text names, so it only counts against an event when it
 * comes well after the event's latest day: a report naming a date a
 * year on starts an event of its own, one naming only an older
 * (background) date, or none, joins by its words. Lead days
 * (cluster_doc_t.lead): two leads read a few days apart make a report
 * closer to an event; with splitting turned on, a weekday before a
 * future day resolves against the event's lead day. */
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
    cluster_doc_t cd = { f->next_rid++, CLUSTER_NO_DAY, &d,   1,   0, 0,
                         text_day,      &day_from_text, NULL, NULL };
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
        cluster_doc_t from_text = { rid, CLUSTER_NO_DAY, &d, 1, 0, 0, NULL, NULL, NULL, NULL };
        cluster_doc_t made = { rid, CLUSTER_NO_DAY, NULL, 1, 0, 0, NULL, NULL, &terms, NULL };
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

/* Add a report of title and body with lead ld to cl. */
static cluster_result_t add_lead(fixture_t *f, cluster_t *cl, const char *title, const char *body,
                                 const cluster_lead_t *ld)
{
    sift_slice_t blocks[2] = { { title, strlen(title) }, { body, strlen(body) } };
    text_doc_t d;
    sift_err_t err;
    arena_reset(f->arena);
    assert_int_equal(text_analyze(f->tc, f->arena, "en", blocks, 2, TEXT_STEM, &d, &err), 0);
    cluster_doc_t cd = { f->next_rid++, CLUSTER_NO_DAY, &d, 1, 0, 0, NULL, NULL, NULL, ld };
    cluster_result_t res;
    assert_int_equal(cluster_add(cl, &cd, &res, &err), 0);
    return res;
}

static cluster_lead_t read_lead(const char *date)
{
    cluster_lead_t ld;
    memset(&ld, 0, sizeof(ld));
    ld.day = cluster_day(date);
    ld.is_found = ld.has_day = ld.is_certain = 1;
    ld.wd = 7;
    return ld;
}

/* Two reports of one crane collapse in other words: alone they stay
 * apart (similarity under event_min); with leads read a day apart they
 * join; read a month apart they do not. */
static const char *const T1 = "Harbour crane collapses onto cargo ship in Rotterdam";
static const char *const T2 = "Four taken to hospital after Waalhaven accident";
static const char *const B2 =
    "Four people were taken to hospital after an accident at the Waalhaven terminal, "
    "emergency services said. Police closed the road while engineers checked the site "
    "along the river.";

static void read_leads_close_join(void **state)
{
    fixture_t *f = *state;
    cluster_params_t p;
    cluster_params_init(&p);
    sift_err_t err;
    for (int mode = 0; mode < 3; mode++) {
        cluster_t *cl = NULL;
        assert_int_equal(cluster_new(&cl, &p, &err), 0);
        cluster_lead_t a = read_lead("2025-05-16");
        cluster_lead_t b = read_lead(mode == 1 ? "2025-05-17" : "2025-06-20");
        cluster_result_t x = add_lead(f, cl, T1, BODY, mode == 0 ? NULL : &a);
        cluster_result_t y = add_lead(f, cl, T2, B2, mode == 0 ? NULL : &b);
        if (mode == 1) {
            assert_int_equal(y.eid, x.eid);
        } else {
            assert_int_not_equal(y.eid, x.eid);
        }
        cluster_free(cl);
    }
}

/* With splitting on: an undated lead's Friday before "June 2" is May 30
 * against an event whose lead is May 17: thirteen days apart, another
 * happening; the same report with a lone Friday joins by its words. */
static void weekday_before_bound_splits(void **state)
{
    fixture_t *f = *state;
    cluster_params_t p;
    cluster_params_init(&p);
    p.lead_slack = 3;
    p.lead_decay = 2;
    sift_err_t err;
    for (int has_bound = 0; has_bound < 2; has_bound++) {
        cluster_t *cl = NULL;
        assert_int_equal(cluster_new(&cl, &p, &err), 0);
        cluster_lead_t a = read_lead("2025-05-17");
        cluster_lead_t b;
        memset(&b, 0, sizeof(b));
        b.is_found = 1;
        b.wd = 4; /* Friday */
        b.bound_m = has_bound ? 6 : 0;
        b.bound_d = has_bound ? 2 : 0;
        cluster_result_t x = add_lead(f, cl, TITLE, BODY, &a);
        cluster_result_t y = add_lead(f, cl, TITLE, BODY, &b);
        if (has_bound) {
            assert_int_not_equal(y.eid, x.eid);
        } else {
            assert_int_equal(y.eid, x.eid);
        }
        cluster_free(cl);
    }
}

/* Retirement: a fresh state whose clusters retire after retire_reports
 * idle reports, or a tenth of them when their latest day is retire_days
 * behind the latest day seen. */
static cluster_t *retiring(int64_t reports, double days)
{
    cluster_params_t p;
    cluster_params_init(&p);
    p.retire_reports = reports;
    p.retire_days = days;
    cluster_t *cl = NULL;
    sift_err_t err;
    assert_int_equal(cluster_new(&cl, &p, &err), 0);
    return cl;
}

/* Add report title/body dated day to cl. */
static cluster_result_t add_to(fixture_t *f, cluster_t *cl, const char *title, const char *body,
                               int32_t day)
{
    sift_slice_t blocks[2] = { { title, strlen(title) }, { body, strlen(body) } };
    text_doc_t d;
    sift_err_t err;
    arena_reset(f->arena);
    assert_int_equal(text_analyze(f->tc, f->arena, "en", blocks, 2, TEXT_STEM, &d, &err), 0);
    cluster_doc_t cd = { f->next_rid++, day, &d, 1, 0, 0, NULL, NULL, NULL, NULL };
    cluster_result_t res;
    assert_int_equal(cluster_add(cl, &cd, &res, &err), 0);
    return res;
}

static const char *const OTHER[][2] = {
    { "Wheat harvest in Saskatchewan breaks record",
      "Farmers near Regina brought in the largest "
      "wheat harvest on record, the ministry said." },
    { "Violin maker restores Stradivarius in Cremona", "A luthier in Cremona finished restoring "
                                                       "a Stradivarius violin after two years." },
    { "Marathon runner sets course record in Boston", "Kenyan runner Ruth Chebet crossed the line "
                                                      "in Boston two minutes under the old mark." },
    { "Volcano on Iceland's Reykjanes peninsula erupts",
      "Lava poured from a fissure near "
      "Grindavik overnight, the met office said." },
};

/* A cluster idle for more than retire_reports reports is no longer a
 * candidate: the same text starts an event (and storyline) of its own,
 * where with retirement off, or a longer horizon, it joins. */
static void idle_cluster_retires(void **state)
{
    fixture_t *f = *state;
    const int64_t horizons[3] = { 3, 0, 10 };
    for (int h = 0; h < 3; h++) {
        cluster_t *cl = retiring(horizons[h], 0);
        cluster_result_t a = add_to(f, cl, TITLE, BODY, CLUSTER_NO_DAY);
        for (int i = 0; i < 4; i++) {
            add_to(f, cl, OTHER[i][0], OTHER[i][1], CLUSTER_NO_DAY);
        }
        cluster_result_t b = add_to(f, cl, TITLE, BODY, CLUSTER_NO_DAY);
        if (h == 0) {
            assert_true(b.is_new_event);
            assert_true(b.is_new_storyline);
        } else {
            assert_int_equal(b.eid, a.eid);
        }
        cluster_free(cl);
    }
}

/* A dated cluster whose latest day is more than retire_days behind the
 * latest day seen retires after a tenth of retire_reports: an undated
 * report (no time factor) no longer joins it. */
static void dated_cluster_retires(void **state)
{
    fixture_t *f = *state;
    int32_t may = cluster_day("2025-05-17");
    const double days[2] = { 120, 0 };
    for (int h = 0; h < 2; h++) {
        cluster_t *cl = retiring(20, days[h]);
        cluster_result_t a = add_to(f, cl, TITLE, BODY, may);
        for (int i = 0; i < 4; i++) {
            add_to(f, cl, OTHER[i][0], OTHER[i][1], may + 200);
        }
        cluster_result_t b = add_to(f, cl, TITLE, BODY, CLUSTER_NO_DAY);
        if (h == 0) {
            assert_true(b.is_new_event);
        } else {
            assert_int_equal(b.eid, a.eid);
        }
        cluster_free(cl);
    }
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test_setup_teardown(later_text_day_splits, setup, teardown),
        cmocka_unit_test_setup_teardown(earlier_or_no_text_day_joins, setup, teardown),
        cmocka_unit_test_setup_teardown(prepared_terms_same, setup, teardown),
        cmocka_unit_test_setup_teardown(read_leads_close_join, setup, teardown),
        cmocka_unit_test_setup_teardown(weekday_before_bound_splits, setup, teardown),
        cmocka_unit_test_setup_teardown(idle_cluster_retires, setup, teardown),
        cmocka_unit_test_setup_teardown(dated_cluster_retires, setup, teardown),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
