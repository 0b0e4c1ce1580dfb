/* tests/unit/test_util.c: util/ — buffers keep their cap, UTF-8 checks,
 * white space collapsing, stable hashes and report ids. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include <cmocka.h>

#include "util/buf.h"
#include "util/day.h"
#include "util/hash.h"
#include "util/report.h"
#include "util/utf8.h"

static void buf_respects_cap(void **state)
{
    (void)state;
    buf_t b;
    buf_init(&b, 8);
    assert_int_equal(buf_append(&b, "12345678", 8), 0);
    assert_int_equal(buf_append(&b, "9", 1), SIFT_ELIMIT);
    assert_int_equal(b.len, 8);
    assert_string_equal(b.ptr, "12345678");
    buf_release(&b);
}

static void utf8_finds_invalid(void **state)
{
    (void)state;
    assert_int_equal(utf8_invalid_at("abc", 3), 3);
    assert_int_equal(utf8_invalid_at("a\xc3\xa9z", 4), 4);
    assert_int_equal(utf8_invalid_at("ab\xff", 3), 2);
    assert_int_equal(utf8_invalid_at("ab\xc3", 3), 2);       /* truncated */
    assert_int_equal(utf8_invalid_at("\xed\xa0\x80", 3), 0); /* surrogate */
    assert_int_equal(utf8_invalid_at("\xe0\x80\x80", 3), 0); /* overlong */
}

static void collapse_space(void **state)
{
    (void)state;
    char s[] = "  a \t b\n\n\xc2\xa0 c  ";
    size_t n = utf8_collapse_space(s, s, strlen(s));
    assert_int_equal(n, 5);
    s[n] = '\0';
    assert_string_equal(s, "a b c");
}

static void hash_is_stable(void **state)
{
    (void)state;
    assert_true(hash64("abc", 3, 1) == hash64("abc", 3, 1));
    assert_true(hash64("abc", 3, 1) != hash64("abd", 3, 1));
    assert_true(hash64("abc", 3, 1) != hash64("abc", 3, 2));
}

static void report_id_ignores_spacing(void **state)
{
    (void)state;
    sift_report_t *a = sift_report_new("a", SIFT_FMT_TEXT);
    sift_report_t *b = sift_report_new("b", SIFT_FMT_HTML);
    report_add_block(a, SIFT_BLOCK_PARAGRAPH, "Hello  world.", 13);
    report_add_block(b, SIFT_BLOCK_PARAGRAPH, " Hello\nworld. ", 14);
    report_finish(a);
    report_finish(b);
    assert_string_equal(a->id, b->id);
    assert_int_equal(strlen(a->id), 16);
    assert_int_equal(report_drop_block(a, 0, "test"), 0);
    assert_int_equal(a->n_blocks, 0);
    assert_int_equal(a->n_clutter, 1);
    assert_string_equal(a->clutter[0].text, "Hello world.");
    sift_report_free(a);
    sift_report_free(b);
}

static void day_numbers_round_trip(void **state)
{
    (void)state;
    assert_int_equal(day_from_civil(1970, 1, 1), 0);
    assert_int_equal(day_from_civil(2000, 3, 1) - day_from_civil(2000, 2, 28), 2); /* leap */
    assert_int_equal(day_from_civil(1900, 3, 1) - day_from_civil(1900, 2, 28), 1); /* not */
    assert_int_equal(day_from_civil(1969, 12, 31), -1);
    for (int64_t n = -800000; n <= 800000; n += 997) {
        int y, m, d;
        day_to_civil(n, &y, &m, &d);
        assert_int_equal(day_from_civil(y, m, d), n);
    }
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(buf_respects_cap),
        cmocka_unit_test(utf8_finds_invalid),
        cmocka_unit_test(collapse_space),
        cmocka_unit_test(hash_is_stable),
        cmocka_unit_test(report_id_ignores_spacing),
        cmocka_unit_test(day_numbers_round_trip),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
