/* tests/unit/test_date.c: date_to_iso(), the one normaliser of the date
 * strings found in page metadata, feeds and archives, and
 * date_month_word(). */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include <cmocka.h>

#include "read/read_int.h"

static void check_date(const char *in, const char *want)
{
    char out[32];
    int ok = date_to_iso(out, sizeof(out), in, strlen(in));
    if (!want) {
        assert_int_equal(ok, 0);
        return;
    }
    assert_int_equal(ok, 1);
    assert_string_equal(out, want);
}

static void iso_dates(void **state)
{
    (void)state;
    check_date("2024-05-01", "2024-05-01");
    check_date("2024-05-01T12:34:56Z", "2024-05-01T12:34:56Z");
    check_date("2019-01-03T07:00:02.000Z", "2019-01-03T07:00:02Z");
    check_date("2024-05-01T12:34:56.789+02:00", "2024-05-01T10:34:56Z");
    check_date("2024-01-01T01:00:00+0300", "2023-12-31T22:00:00Z");
    check_date("2016-12-22T10:43:37-08:00", "2016-12-22T18:43:37Z");
    check_date("2024-05-01 12:34:56", "2024-05-01"); /* no zone: the day only */
    check_date(" 2017-11-03 03:01:00.000000 \r\n", "2017-11-03");
    check_date("2018-04-05T06:00", "2018-04-05");
    check_date("2024/05/01", "2024-05-01");
    check_date("20150724", "2015-07-24");
    check_date("20150724T10:00:00Z", "2015-07-24T10:00:00Z");
    check_date("201507241", NULL);
    check_date("2024-02-29", "2024-02-29");
    check_date("2023-02-29", NULL);
    check_date("2015-02-30", NULL);
    check_date("1066-10-14", NULL);
    check_date("1970-01-01T00:00:00Z", NULL); /* a zero timestamp */
}

static void worded_dates(void **state)
{
    (void)state;
    check_date("Wed, 01 May 2024 12:00:00 GMT", "2024-05-01T12:00:00Z");
    check_date("Thu, 29 Feb 2024 23:30:00 -0500", "2024-03-01T04:30:00Z");
    check_date("Tue, 1 Mar 2016 10:00:00 EST", "2016-03-01T15:00:00Z");
    check_date("Sun, 6 Nov 1994 08:49:37 UT", "1994-11-06T08:49:37Z");
    check_date("May 1, 2024", "2024-05-01");
    check_date("Sept. 3rd, 2021", "2021-09-03");
    check_date("1 December 2020", "2020-12-01");
    check_date("March 11, 2015 3:46 PM", "2015-03-11");
    check_date("March 2, 2022 3:15 PM UTC", "2022-03-02T15:15:00Z");
    check_date("yesterday", NULL);
    check_date("", NULL);
    check_date("12345", NULL);
}

static void epoch_dates(void **state)
{
    (void)state;
    check_date("1714566000", "2024-05-01T12:20:00Z");
    check_date("1714566000000", "2024-05-01T12:20:00Z");
    check_date("1700000000123", "2023-11-14T22:13:20Z");
}

static void month_words(void **state)
{
    (void)state;
    assert_int_equal(date_month_word("May", 3), 5);
    assert_int_equal(date_month_word("SEPT", 4), 9);
    assert_int_equal(date_month_word("september", 9), 9);
    assert_int_equal(date_month_word("Dec", 3), 12);
    assert_int_equal(date_month_word("Ma", 2), 0);
    assert_int_equal(date_month_word("Mayor", 5), 0);
    assert_int_equal(date_month_word("Marc", 4), 0);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(iso_dates),
        cmocka_unit_test(worded_dates),
        cmocka_unit_test(epoch_dates),
        cmocka_unit_test(month_words),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
