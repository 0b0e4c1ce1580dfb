/* tests/unit/test_analyze_dates.c: analyze/dates.c: a date line gives the
 * report's date; weekdays, "last year", "in January" and day-month dates
 * resolve against it; a report without dates takes the story's. The day
 * a report's lead reports (analyze_lead_day): read from a date with its
 * year, or a weekday of the report's date line; otherwise what is left
 * for an anchor (a weekday before a future day the text names). */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include <cmocka.h>

#include "analyze_fixture.h"
#include "util/day.h"

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

static an_lead_t lead_of(const char *title, const char *const *paras)
{
    sift_report_t *r = fx_report(title, paras);
    assert_non_null(r);
    an_lead_t ld;
    sift_err_t err;
    sift_err_clear(&err);
    assert_int_equal(analyze_lead_day(r, &ld, &err), 0);
    sift_report_free(r);
    return ld;
}

static void lead_day_read_or_left(void **state)
{
    (void)state;
    /* a day with the year the text names elsewhere: read */
    static const char *const a[] = {
        "Russia and Ukraine agreed to swap lists, the Kremlin spokesman announced on May 17.",
        "It was the fifth exchange since the beginning of 2025.", NULL
    };
    an_lead_t ld = lead_of("Kremlin sets terms", a);
    assert_true(ld.found && ld.has_day && ld.is_certain);
    assert_int_equal(ld.day, day_from_civil(2025, 5, 17));
    /* a weekday of the report's date line: read, the date line itself
     * is not the lead's day */
    static const char *const b[] = { "May 16, 2025",
                                     "Negotiators met in Istanbul on Thursday for two hours.",
                                     NULL };
    ld = lead_of("Talks end", b);
    assert_true(ld.found && ld.has_day && ld.is_certain);
    assert_int_equal(ld.day, day_from_civil(2025, 5, 15));
    /* no year anywhere: a weekday before the future day the text names */
    static const char *const c[] = {
        "The spokesman said on Friday that a meeting needs preparation.",
        "The second round is expected to take place in Istanbul on June 2.", NULL
    };
    ld = lead_of("Kremlin open to talks", c);
    assert_true(ld.found);
    assert_false(ld.has_day);
    assert_int_equal(ld.wd, 4);
    assert_int_equal(ld.bound_m, 6);
    assert_int_equal(ld.bound_d, 2);
    assert_int_equal(ld.bound_y, 0);
    /* a lead naming no day, a later sentence naming one: none */
    static const char *const d[] = { "The port reopened.",
                                     "Cranes moved again.",
                                     "Dockers returned.",
                                     "Ships queued outside.",
                                     "The strike had begun on March 3, 2024.",
                                     NULL };
    ld = lead_of("Port reopens", d);
    assert_false(ld.found);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(resolves_against_report),
        cmocka_unit_test(lead_day_read_or_left),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
