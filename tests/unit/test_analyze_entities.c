/* tests/unit/test_analyze_entities.c: analyze/entities.c: names by
 * capitalisation and titles, roles kept, and spellings merged across
 * reports (surname, transliteration, acronym). */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include <cmocka.h>

#include "analyze_fixture.h"

static void title_gives_person_and_role(void **state)
{
    (void)state;
    static const char *const p[] = {
        "The talks went on, Foreign Ministry spokesperson Lena Marsh said on Monday.",
        "Later, Marsh said the talks would resume.", NULL
    };
    analysis_t *a = fx_one("Talks resume", p);
    assert_non_null(a);
    const an_entity_t *e = fx_entity(a, "Lena Marsh");
    assert_non_null(e);
    assert_int_equal(e->type, AN_ENT_PERSON);
    assert_ptr_equal(fx_entity(a, "Marsh"), e); /* surname merged */
    int has_role = 0;
    for (size_t i = 0; i < e->n_roles; i++) {
        has_role |= strstr(e->roles[i].text, "spokesperson") != NULL;
    }
    assert_true(has_role);
    assert_non_null(fx_entity(a, "Foreign Ministry"));
    assert_null(fx_entity(a, "Later"));
    analysis_free(a);
}

static void transliterations_merge(void **state)
{
    (void)state;
    static const char *const p1[] = { "Officials in Kyiv met President Volodymyr Zelenskyy.",
                                      NULL };
    static const char *const p2[] = { "Officials in Kiev met President Volodymyr Zelensky.", NULL };
    sift_report_t *r[2] = { fx_report("One", p1), fx_report("Two", p2) };
    analysis_t *a = fx_analyze(r, 2);
    assert_non_null(a);
    assert_non_null(fx_entity(a, "Kyiv"));
    assert_ptr_equal(fx_entity(a, "Kyiv"), fx_entity(a, "Kiev"));
    assert_ptr_equal(fx_entity(a, "Volodymyr Zelensky"), fx_entity(a, "Volodymyr Zelenskyy"));
    analysis_free(a);
}

static void acronym_merges(void **state)
{
    (void)state;
    static const char *const p[] = {
        "Envoys from the United States arrived in Geneva on Tuesday.",
        "A US official said talks with the delegation of Norway went well.", NULL
    };
    analysis_t *a = fx_one("Envoys arrive", p);
    assert_non_null(a);
    assert_ptr_equal(fx_entity(a, "United States"), fx_entity(a, "US"));
    assert_ptr_not_equal(fx_entity(a, "Geneva"), fx_entity(a, "Norway"));
    analysis_free(a);
}

static void types_from_gazetteer_and_capitals(void **state)
{
    (void)state;
    static const char *const p[] = {
        "Russia and Ukraine met again, and Moscow said the talks would go on.",
        "The talks were reported by AFP and covered by Reuters.",
        "Senator Amy Klobuchar (D-Minn.) asked for more time.", NULL
    };
    analysis_t *a = fx_one("Talks", p);
    assert_non_null(a);
    const an_entity_t *e = fx_entity(a, "Russia");
    assert_non_null(e);
    assert_int_equal(e->type, AN_ENT_PLACE); /* CLDR territory */
    e = fx_entity(a, "Moscow");
    assert_non_null(e);
    assert_int_equal(e->type, AN_ENT_PLACE); /* a tz city, no "in" before it */
    e = fx_entity(a, "AFP");
    assert_non_null(e);
    assert_int_equal(e->type, AN_ENT_ORG); /* all capitals */
    /* the party bracket after a name is not part of it */
    assert_non_null(fx_entity(a, "Amy Klobuchar"));
    analysis_free(a);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(title_gives_person_and_role),
        cmocka_unit_test(transliterations_merge),
        cmocka_unit_test(acronym_merges),
        cmocka_unit_test(types_from_gazetteer_and_capitals),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
