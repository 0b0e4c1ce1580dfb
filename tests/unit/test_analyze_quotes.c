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

static void whole_quotes_and_fragments(void **state)
{
    (void)state;
    static const char *const p[] = {
        "The council met on Monday.",
        "Ms. Kowalska called the plan \"far too costly\" for the city.",
        "She said, \"We will build it anyway.\"",
        "\"It is late,\" she said, \"and the money is short.\"",
        "''Typewriter marks still quote,'' Mr. Reyes said.",
        NULL
    };
    analysis_t *a = fx_one("Bridge plan", p);
    assert_non_null(a);
    const an_quote_t *q = fx_quote(a, "far too costly");
    assert_non_null(q);
    assert_true(q->is_fragment); /* inside the writer's sentence */
    q = fx_quote(a, "We will build it anyway");
    assert_non_null(q);
    assert_false(q->is_fragment); /* after the cue's comma */
    q = fx_quote(a, "and the money is short");
    assert_non_null(q);
    assert_false(q->is_fragment); /* the rest of a split quote */
    q = fx_quote(a, "Typewriter marks still quote");
    assert_non_null(q);
    assert_false(q->is_fragment);
    /* "Mr." does not end the sentence: the speaker follows the quote */
    assert_string_equal(q->speaker, "Reyes");
    analysis_free(a);
}

static void plain_speakers(void **state)
{
    (void)state;
    static const char *const p[] = { "The vote was close.", "\"The rule stands,\" the board said.",
                                     "\"We will appeal,\" it added.",
                                     "Donald Trump: \"Nobody saw this coming.\"", NULL };
    analysis_t *a = fx_one("Ruling", p);
    assert_non_null(a);
    const an_quote_t *q = fx_quote(a, "The rule stands");
    assert_non_null(q);
    assert_string_equal(q->speaker, "the board");
    q = fx_quote(a, "We will appeal");
    assert_non_null(q);
    assert_string_equal(q->speaker, ""); /* attributed to "it": no one named */
    assert_true(q->src_len > 0);
    q = fx_quote(a, "Nobody saw this coming");
    assert_non_null(q);
    assert_string_equal(q->speaker, "Donald Trump");
    analysis_free(a);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(speakers_found),
        cmocka_unit_test(quote_over_paragraphs),
        cmocka_unit_test(whole_quotes_and_fragments),
        cmocka_unit_test(plain_speakers),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
