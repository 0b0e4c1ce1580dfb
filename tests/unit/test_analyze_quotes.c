/* tests/unit/test_analyze_quotes.c: analyze/quotes.c: direct quotes in
 * curly and straight marks, speakers after and before the quote, through
 * pronouns, unnamed sources, and over paragraphs. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include <cmocka.h>

#include "analyze_fixture.h"

static void speakers_found(void **state)
{
    (void)state;
    static const char *const p[] = {
        "Mayor Anna Kowalska spoke to the council on Monday.",
        "\xE2\x80\x9CWe will build it,\xE2\x80\x9D she said.",
        "A senior official told reporters the plan was \"far too costly\" for the city.",
        "\"It cannot be done this year,\" the official said.",
        "\"The money is there,\" said Kowalska. \"The will is there too.\"",
        NULL
    };
    analysis_t *a = fx_one("Bridge plan", p);
    assert_non_null(a);
    const an_quote_t *q = fx_quote(a, "We will build it");
    assert_non_null(q);
    assert_true(q->is_curly);
    assert_string_equal(q->speaker, "Anna Kowalska"); /* "she" */
    q = fx_quote(a, "far too costly");
    assert_non_null(q);
    assert_true(q->is_fragment);
    assert_string_equal(q->speaker, "unnamed senior official");
    q = fx_quote(a, "It cannot be done");
    assert_non_null(q);
    assert_string_equal(q->speaker, "unnamed senior official");
    q = fx_quote(a, "The money is there");
    assert_non_null(q);
    assert_string_equal(q->speaker, "Anna Kowalska");
    q = fx_quote(a, "The will is there too");
    assert_non_null(q);
    assert_string_equal(q->speaker, "Anna Kowalska"); /* carried over */
    analysis_free(a);
}

static void quote_over_paragraphs(void **state)
{
    (void)state;
    static const char *const p[] = { "Judge Tom Reyes said: \"The first part ends here.",
                                     "\"The second part ends here.\"", NULL };
    analysis_t *a = fx_one("Ruling", p);
    assert_non_null(a);
    const an_quote_t *q = fx_quote(a, "The first part");
    assert_non_null(q);
    assert_true(q->is_multi_para);
    assert_string_equal(q->speaker, "Tom Reyes");
    analysis_free(a);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(speakers_found),
        cmocka_unit_test(quote_over_paragraphs),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
