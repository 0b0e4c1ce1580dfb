/* tests/unit/test_gaz.c: the place gazetteer reads CLDR territory names
 * and tz cities (packages unicode-cldr-core and tzdata, installed by
 * .ci/install-deps) and folds names the same way on both sides. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include <cmocka.h>

#include "analyze/gaz.h"

static int is_place(const char *name)
{
    char k[80];
    size_t n = gaz_fold(k, sizeof(k), name, strlen(name));
    return n != SIZE_MAX && gaz_is_place(k, n);
}

static void folds(void **state)
{
    (void)state;
    char k[16];
    assert_int_equal(gaz_fold(k, sizeof(k), "U.S.", 4), 2);
    assert_string_equal(k, "us");
    const char *ci = "C\xc3\xb4te d\xe2\x80\x99Ivoire";
    assert_int_equal(gaz_fold(k, sizeof(k), ci, strlen(ci)), 12);
    assert_string_equal(k, "c\xc3\xb4tedivoire");
    assert_int_equal(gaz_fold(k, 4, "Ukraine", 7), SIZE_MAX);
}

static void knows_places(void **state)
{
    (void)state;
    assert_true(gaz_size() > 500);
    assert_true(is_place("Russia"));
    assert_true(is_place("United Kingdom"));
    assert_true(is_place("U.S."));
    assert_true(is_place("Kyiv"));
    assert_true(is_place("Kiev")); /* a tz link keeps the old spelling */
    assert_true(is_place("Buenos Aires"));
    assert_false(is_place("United Nations")); /* an organisation */
    assert_false(is_place("European Union"));
    assert_false(is_place("Western"));
    assert_false(is_place("Kremlin"));
    assert_false(is_place("Davis")); /* an Antarctic station, a common surname */
}

static void check_country(const char *name, const char *want)
{
    char k[80], cc[3];
    size_t n = gaz_fold(k, sizeof(k), name, strlen(name));
    assert_int_equal(gaz_place(k, n, cc), 1);
    assert_string_equal(cc, want);
}

static void knows_countries(void **state)
{
    (void)state;
    check_country("Ukraine", "UA");
    check_country("Kyiv", "UA");
    check_country("Kiev", "UA"); /* through the link's target zone */
    check_country("Moscow", "RU");
    check_country("New York", "US");
    check_country("Europe", ""); /* a region, no country */
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(folds),
        cmocka_unit_test(knows_places),
        cmocka_unit_test(knows_countries),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
