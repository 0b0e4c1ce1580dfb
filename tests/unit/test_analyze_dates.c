/* tests/unit/test_analyze_dates.c: analyze/dates.c: a date line gives the
 * report's date; weekdays, "last year", "in January" and day-month dates
 * resolve against it; a report without dates takes the story's. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include <cmocka.h>

#include "analyze_fixture.h"

static const char *date_of(const analysis_t *a, size_t doc, const char *surface)
{
    for (size_t i = 0; i < a->n_dates; i++) {
        const an_date_t *x = &a->dates[i];
        if (x->doc == doc && x->len == strlen(surface) &&
            memcmp(a->docs[doc].text + x->off, surface, x->len) == 0) {
            return x->date;
        }
    }
    return "";
}

static void resolves_against_report(void **state)
{
    (void)state;
    static const char *const p1[] = { "March 14, 2025",
                                      "The summit opened on Friday after talks on Thursday.",
                                      "The treaty was signed last year and ratified in January.",
                                      "The last meeting was on February 2.", NULL };
    static const char *const p2[] = { "Leaders met again on Saturday, officials said.", NULL };
    sift_report_t *r[2] = { fx_report("Summit opens", p1), fx_report("Leaders meet", p2) };
    analysis_t *a = fx_analyze(r, 2);
    assert_non_null(a);
    assert_string_equal(a->docs[0].date, "2025-03-14");
    assert_true(a->docs[0].is_date_certain);
    assert_string_equal(date_of(a, 0, "Thursday"), "2025-03-13");
    assert_string_equal(date_of(a, 0, "Friday"), "2025-03-14");
    assert_string_equal(date_of(a, 0, "last year"), "2024");
    assert_string_equal(date_of(a, 0, "January"), "2025-01");
    assert_string_equal(date_of(a, 0, "February 2"), "2025-02-02");
    /* no date of its own: the story's main day anchors its weekday */
    assert_string_equal(a->docs[1].date, "2025-03-15");
    assert_false(a->docs[1].is_date_certain);
    analysis_free(a);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(resolves_against_report),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
