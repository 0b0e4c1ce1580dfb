/* tests/unit/test_analyze_claims.c: analyze/claims.c and citations.c:
 * claims backed by several reports, a title disagreement ("former"), a
 * figure tied to different days, spelling variants, citations. */
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

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(weighs_reports),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
