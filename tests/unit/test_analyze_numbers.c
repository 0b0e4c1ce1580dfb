/* tests/unit/test_analyze_numbers.c: analyze/numbers.c: values with what
 * they count, pairs, ranges, word numbers, approximations and bounds. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include <cmocka.h>

#include "analyze_fixture.h"

static const an_number_t *find(const analysis_t *a, const char *surface)
{
    for (size_t i = 0; i < a->n_nums; i++) {
        const an_number_t *x = &a->nums[i];
        if (x->len == strlen(surface) &&
            memcmp(a->docs[x->doc].text + x->off, surface, x->len) == 0) {
            return x;
        }
    }
    return NULL;
}

static void numbers_with_counts(void **state)
{
    (void)state;
    static const char *const p[] = {
        "The sides agreed a 500-for-500 swap of hostages after a nearly three-hour meeting.",
        "They proposed 12-24-hour pauses and at least 300 more trucks of aid.",
        "Thousands of people waited, and 41 cars crossed while 19 stayed.", NULL
    };
    analysis_t *a = fx_one("Swap agreed", p);
    assert_non_null(a);
    const an_number_t *x = find(a, "500-for-500 swap of hostages");
    assert_non_null(x);
    assert_true(x->is_per_side);
    assert_true(x->lo == 500);
    x = find(a, "nearly three-hour meeting");
    assert_non_null(x);
    assert_string_equal(x->kind, "duration");
    assert_string_equal(x->unit, "hour");
    assert_non_null(x->approx);
    x = find(a, "12-24-hour pauses");
    assert_non_null(x);
    assert_true(x->lo == 12 && x->hi == 24);
    x = find(a, "at least 300 more trucks of aid");
    assert_non_null(x);
    assert_string_equal(x->bound, "lower");
    assert_string_equal(x->unit, "trucks");
    x = find(a, "19");
    assert_non_null(x);
    assert_string_equal(x->unit, "cars"); /* carried from "41 cars" */
    analysis_free(a);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(numbers_with_counts),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
