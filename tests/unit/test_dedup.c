/* tests/unit/test_dedup.c: the copy index's tables on synthetic
 * sketches: candidates come from shared bands only, survive the tables'
 * regrowth (the band table is rebuilt from the sketches, the paragraph
 * table from its entries), and paragraph lookups give the earliest
 * report first. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include <cmocka.h>

#include "dedup/dedup.h"
#include "util/hash.h"

/* A random sketch: report rid's, from its own stream of numbers. */
static void sketch_of(dedup_sketch_t *out, uint32_t rid)
{
    for (size_t b = 0; b < DEDUP_BINS; b++) {
        out->bin[b] = (uint16_t)(hash_mix64((uint64_t)rid << 8 | b) >> 48);
    }
    out->n_shingles = 100;
}

#define N_REPORTS 20000u

static void bands_find_after_growth(void **state)
{
    (void)state;
    dedup_t *dd = NULL;
    assert_int_equal(dedup_new(&dd, 7, NULL), 0);
    dedup_sketch_t s;
    for (uint32_t rid = 1; rid <= N_REPORTS; rid++) {
        sketch_of(&s, rid);
        assert_int_equal(dedup_insert(dd, rid, &s, NULL), 0);
    }
    /* indexing a report again changes nothing */
    sketch_of(&s, 5);
    assert_int_equal(dedup_insert(dd, 5, &s, NULL), 0);
    size_t mem = dedup_mem_bytes(dd);
    /* load 0.53-0.8: 21 band slots of 4 bytes take 105-160 bytes */
    assert_true(mem < (size_t)N_REPORTS * (128 + 170));

    dedup_match_t m[4];
    /* report 1234 with 20 of its 64 bins changed: found, 44/64 alike */
    sketch_of(&s, 1234);
    for (size_t b = 0; b < 20; b++) {
        s.bin[b * 3] ^= 0x5a5a;
    }
    assert_int_equal(dedup_find_near(m, 4, dd, &s, DEDUP_NEAR_MIN), 1);
    assert_int_equal(m[0].rid, 1234);
    assert_true(m[0].sim == 44.0 / 64);

    /* a sketch sharing only band 5 (bins 15-17) with report 77: a
     * candidate at any threshold, never at 0.5 */
    sketch_of(&s, N_REPORTS + 1);
    dedup_sketch_t src;
    sketch_of(&src, 77);
    memcpy(&s.bin[5 * DEDUP_ROWS], &src.bin[5 * DEDUP_ROWS], DEDUP_ROWS * sizeof(s.bin[0]));
    assert_int_equal(dedup_find_near(m, 4, dd, &s, 0.0), 1);
    assert_int_equal(m[0].rid, 77);
    assert_int_equal(dedup_find_near(m, 4, dd, &s, DEDUP_NEAR_MIN), 0);

    /* two bins of band 5 only: no band shared, no candidate */
    s.bin[5 * DEDUP_ROWS + 2] ^= 1;
    assert_int_equal(dedup_find_near(m, 4, dd, &s, 0.0), 0);
    dedup_free(dd);
}

static void paragraphs_earliest_first(void **state)
{
    (void)state;
    dedup_t *dd = NULL;
    assert_int_equal(dedup_new(&dd, 7, NULL), 0);
    /* many fingerprints, so the table regrows; fp 42 in three reports */
    for (uint32_t rid = N_REPORTS; rid >= 1; rid--) {
        assert_int_equal(dedup_para_insert(dd, hash_mix64(rid) | 1, rid, NULL), 0);
        if (rid % 7000 == 0) {
            assert_int_equal(dedup_para_insert(dd, hash_mix64(42) | 1, rid, NULL), 0);
        }
    }
    uint32_t src[8];
    uint64_t fp = hash_mix64(42) | 1;
    dedup_para_prefetch(dd, fp);
    assert_int_equal(dedup_para_find(src, 8, dd, fp), 3);
    assert_int_equal(src[0], 42);
    assert_int_equal(src[1], 7000);
    assert_int_equal(src[2], 14000);
    assert_int_equal(dedup_para_find(src, 8, dd, hash_mix64(N_REPORTS + 1) | 1), 0);
    dedup_free(dd);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(bands_find_after_growth),
        cmocka_unit_test(paragraphs_earliest_first),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
