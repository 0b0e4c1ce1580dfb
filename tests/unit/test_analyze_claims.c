/* tests/unit/test_analyze_claims.c: analyze/claims.c and citations.c:
 * claims backed by several reports, a title disagreement ("former"), a
 * figure tied to different days, spelling variants, citations, role
 * claims, a negated statement kept apart. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include <cmocka.h>

#include "analyze_fixture.h"

static void weighs_reports(void **state)
{
    (void)state;
    static const char *const p1[] = {
        "June 3, 2024",
        "On June 3, the two unions agreed to a pay rise of 300 euros for nurses, the Daily Ledger "
        "reports, citing Reuters.",
        "The deal was praised by former Health Minister Carla Bruni.", NULL
    };
    static const char *const p2[] = {
        "June 9, 2024",
        "On May 28, the two unions agreed to a pay rise of 300 euros for nurses in the capital.",
        "Health Minister Carla Bruni welcomed the deal, which was finalized overnight.", NULL
    };
    static const char *const p3[] = { "The unions have finalised the agreement.", NULL };
    sift_report_t *r[3] = { fx_report("Pay deal", p1), fx_report("Nurses' deal", p2),
                            fx_report("Deal done", p3) };
    analysis_t *a = fx_analyze(r, 3);
    assert_non_null(a);
    int backed = 0;
    for (size_t i = 0; i < a->n_claims; i++) {
        backed |= a->claims[i].n_docs >= 2;
    }
    assert_true(backed);
    int title = 0, when = 0;
    for (size_t i = 0; i < a->n_disagreements; i++) {
        title |= strcmp(a->disagreements[i].kind, "title") == 0;
        when |= strcmp(a->disagreements[i].kind, "when") == 0;
    }
    assert_true(title);
    assert_true(when);
    int spelling = 0;
    for (size_t i = 0; i < a->n_variants; i++) {
        spelling |= strcmp(a->variants[i].about, "spelling") == 0;
    }
    assert_true(spelling);
    int cites = 0;
    for (size_t i = 0; i < a->n_cites; i++) {
        cites |= strcmp(a->cites[i].cited, "Reuters") == 0;
    }
    assert_true(cites);
    assert_string_equal(a->docs[0].outlet, "Daily Ledger");
    assert_true(a->n_summary >= 3);
    analysis_free(a);
}

/* The same role in other words in two reports is one role claim. */
static void role_claim(void **state)
{
    (void)state;
    static const char *const p1[] = {
        "The harbour will reopen next week, city spokesperson Anna Berg told the council on "
        "Monday.",
        NULL
    };
    static const char *const p2[] = {
        "Spokeswoman Anna Berg said repairs to the pier were nearly done.", NULL
    };
    sift_report_t *r[2] = { fx_report("Harbour", p1), fx_report("Pier", p2) };
    analysis_t *a = fx_analyze(r, 2);
    assert_non_null(a);
    int role = 0;
    for (size_t i = 0; i < a->n_claims; i++) {
        role |= strcmp(a->claims[i].relation, "role") == 0 &&
                strcmp(a->claims[i].subject, "Anna Berg") == 0 && a->claims[i].n_docs == 2;
    }
    assert_true(role);
    analysis_free(a);
}

/* A statement and its negation are not one claim; the statement in
 * other words is. */
static void negation_apart(void **state)
{
    (void)state;
    /* other sentences, so the shared words weigh (rarity in the story) */
    static const char *const p1[] = {
        "The regional council approved the new harbour budget of the port authority on Monday.",
        "Fishermen complained about the cold weather.",
        "A new ferry line to the islands starts in spring.",
        "Tourists crowded the old market square.", NULL
    };
    static const char *const p2[] = {
        "The regional council did not approve the new harbour budget of the port authority.",
        "The mayor visited a school in the north.", "Train tickets will cost more from July.",
        "A storm damaged several roofs overnight.", NULL
    };
    static const char *const p3[] = {
        "On Monday the regional council approved the harbour budget of the port authority.",
        "The museum reopened after a long renovation.", "Local farmers expect a good harvest.",
        "The football club hired a new coach.", NULL
    };
    sift_report_t *r[3] = { fx_report("Budget", p1), fx_report("No budget", p2),
                            fx_report("Budget passed", p3) };
    analysis_t *a = fx_analyze(r, 3);
    assert_non_null(a);
    int joined = 0, negated_in = 0;
    for (size_t i = 0; i < a->n_claims; i++) {
        const an_claim_t *c = &a->claims[i];
        if (strcmp(c->relation, "states") != 0) {
            continue;
        }
        for (size_t k = 0; k < c->n_docs; k++) {
            joined |= c->docs[k] == 2;
            negated_in |= c->docs[k] == 1;
        }
    }
    assert_true(joined);
    assert_false(negated_in);
    analysis_free(a);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(weighs_reports),
        cmocka_unit_test(role_claim),
        cmocka_unit_test(negation_apart),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
