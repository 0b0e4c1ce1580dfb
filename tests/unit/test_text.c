/* tests/unit/test_text.c: text/, dedup/ and cluster/ on small inputs:
 * folding, tokens, sentences, stems, stop words; sketches of edited
 * copies; dates; clustering that separates two unrelated stories. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>

#include <cmocka.h>

#include "cluster/cluster.h"
#include "dedup/dedup.h"
#include "text/text.h"

static int slice_is(sift_slice_t s, const char *want)
{
    return s.len == strlen(want) && memcmp(s.ptr, want, s.len) == 0;
}

static void fold_normalises(void **state)
{
    (void)state;
    arena_t *a = arena_new();
    sift_slice_t out;
    assert_int_equal(text_fold(a, "Zelenskyy", 9, &out), 0);
    assert_true(slice_is(out, "zelenskyy"));
    /* accents stripped, ligature and sharp s folded */
    const char *s = "Stra\xc3\x9f"
                    "e \xc3\x89lys\xc3\xa9"
                    "e \xef\xac\x81n";
    assert_int_equal(text_fold(a, s, strlen(s), &out), 0);
    assert_true(slice_is(out, "strasse elysee fin"));
    arena_free(a);
}

static void tokens_sentences_stems(void **state)
{
    (void)state;
    text_ctx_t *tc = NULL;
    assert_int_equal(text_ctx_new(&tc, NULL), 0);
    arena_t *a = arena_new();
    const char *t = "Mr. Peskov said the talks were running. Negotiators met in Istanbul!";
    sift_slice_t b = { t, strlen(t) };
    text_doc_t d;
    assert_int_equal(text_analyze(tc, a, "en", &b, 1, TEXT_STEM, &d, NULL), 0);
    assert_int_equal(d.n_toks, 11);
    assert_int_equal(d.n_sents, 2);
    assert_true(slice_is(d.toks[1].raw, "Peskov"));
    assert_int_equal(d.toks[1].sent, 0); /* "Mr." does not end the sentence */
    assert_true(d.toks[1].flags & TEXT_TOK_CAP);
    assert_true(d.toks[2].flags & TEXT_TOK_STOP); /* said */
    assert_true(slice_is(d.toks[6].stem, "run"));
    assert_true(slice_is(d.toks[7].stem, "negoti"));
    assert_true(d.toks[7].flags & TEXT_TOK_SENT_START);
    assert_int_equal(d.toks[7].sent, 1);
    uint64_t sh[16];
    assert_int_equal(text_shingles(sh, 16, &d, 0, d.n_toks, 3, 1), 9);
    arena_free(a);
    text_ctx_free(tc);
}

/* text_analyze's stop flag (a hash table in the context) says what
 * text_is_stop says, for stop words, their neighbours and their prefixes. */
static void stop_flags_match(void **state)
{
    (void)state;
    text_ctx_t *tc = NULL;
    assert_int_equal(text_ctx_new(&tc, NULL), 0);
    arena_t *a = arena_new();
    const char *t =
        "A an and ANDS the them themselves thems said saying says Told tol "
        "yours your yo you x Y 7 12 yourself ourselves were wer were2 \xc3\xa9t\xc3\xa9 "
        "between betwee because becaus whom whomever Q dr i";
    sift_slice_t b = { t, strlen(t) };
    text_doc_t d;
    assert_int_equal(text_analyze(tc, a, "en", &b, 1, 0, &d, NULL), 0);
    assert_true(d.n_toks > 30);
    size_t n_stop = 0;
    for (size_t i = 0; i < d.n_toks; i++) {
        int is_stop = (d.toks[i].flags & TEXT_TOK_STOP) != 0;
        assert_int_equal(is_stop, text_is_stop(d.toks[i].fold));
        n_stop += (size_t)is_stop;
    }
    assert_int_equal(n_stop, 20);
    arena_free(a);
    text_ctx_free(tc);
}

/* A text of n words from a fixed pseudo-random vocabulary. */
static size_t make_text(char *out, size_t cap, unsigned seed, size_t n, size_t edit_every)
{
    size_t o = 0;
    unsigned x = seed;
    for (size_t i = 0; i < n && o + 16 < cap; i++) {
        x = x * 1103515245u + 12345u;
        unsigned w = (x >> 16) % 5000;
        if (edit_every && i % edit_every == 0) {
            w = 6000 + (unsigned)i;
        }
        o += (size_t)snprintf(out + o, cap - o, "w%u ", w);
    }
    return o;
}

static void sketches_find_copies(void **state)
{
    (void)state;
    text_ctx_t *tc = NULL;
    dedup_t *dd = NULL;
    assert_int_equal(text_ctx_new(&tc, NULL), 0);
    assert_int_equal(dedup_new(&dd, 7, NULL), 0);
    arena_t *a = arena_new();
    static char t1[20000], t2[20000], t3[20000];
    size_t n1 = make_text(t1, sizeof(t1), 1, 800, 0);
    size_t n2 = make_text(t2, sizeof(t2), 1, 800, 12); /* ~8% of words edited */
    size_t n3 = make_text(t3, sizeof(t3), 2, 800, 0);  /* another text */
    sift_slice_t s1 = { t1, n1 }, s2 = { t2, n2 }, s3 = { t3, n3 };
    text_doc_t d1, d2, d3;
    assert_int_equal(text_analyze(tc, a, "", &s1, 1, 0, &d1, NULL), 0);
    assert_int_equal(text_analyze(tc, a, "", &s2, 1, 0, &d2, NULL), 0);
    assert_int_equal(text_analyze(tc, a, "", &s3, 1, 0, &d3, NULL), 0);
    dedup_sketch_t k1, k2, k3;
    dedup_sketch(&k1, dd, &d1);
    dedup_sketch(&k2, dd, &d2);
    dedup_sketch(&k3, dd, &d3);
    assert_int_equal(dedup_insert(dd, 1, &k1, NULL), 0);
    dedup_match_t m[4];
    assert_int_equal(dedup_find_near(m, 4, dd, &k2, DEDUP_NEAR_MIN), 1);
    assert_int_equal(m[0].rid, 1);
    assert_int_equal(dedup_find_near(m, 4, dd, &k3, DEDUP_NEAR_MIN), 0);
    arena_free(a);
    dedup_free(dd);
    text_ctx_free(tc);
}

static void days_round_trip(void **state)
{
    (void)state;
    assert_int_equal(cluster_day("1970-01-02"), 1);
    assert_int_equal(cluster_day("2025-05-17T10:00:00Z") - cluster_day("2025-05-16"), 1);
    assert_int_equal(cluster_day("2025-13-01"), CLUSTER_NO_DAY);
    assert_int_equal(cluster_day(""), CLUSTER_NO_DAY);
    char out[16];
    cluster_day_format(out, sizeof(out), cluster_day("2024-02-29"));
    assert_string_equal(out, "2024-02-29");
}

static void add_text(cluster_t *cl, text_ctx_t *tc, arena_t *a, int64_t rid, const char *title,
                     const char *body, cluster_result_t *res)
{
    sift_slice_t b[2] = { { title, strlen(title) }, { body, strlen(body) } };
    text_doc_t d;
    assert_int_equal(text_analyze(tc, a, "en", b, 2, TEXT_STEM, &d, NULL), 0);
    cluster_doc_t cd = { rid, CLUSTER_NO_DAY, &d, 1, 0, 0, NULL, NULL, NULL, NULL };
    assert_int_equal(cluster_add(cl, &cd, res, NULL), 0);
}

static void clusters_separate_stories(void **state)
{
    (void)state;
    text_ctx_t *tc = NULL;
    cluster_t *cl = NULL;
    cluster_params_t p;
    cluster_params_init(&p);
    assert_int_equal(text_ctx_new(&tc, NULL), 0);
    assert_int_equal(cluster_new(&cl, &p, NULL), 0);
    arena_t *a = arena_new();
    cluster_result_t r1, r2, r3;
    add_text(cl, tc, a, 1, "Earthquake hits coastal town",
             "A strong earthquake struck the coastal town of Mereville on Monday, "
             "destroying houses. Rescuers searched the rubble in Mereville.",
             &r1);
    add_text(cl, tc, a, 2, "Rescuers search rubble after earthquake",
             "Rescuers in Mereville searched the rubble of destroyed houses after the "
             "earthquake struck the coastal town.",
             &r2);
    add_text(cl, tc, a, 3, "Central bank raises interest rates",
             "The Central Bank of Ostland raised its interest rate to fight inflation, "
             "Governor Anna Berg told parliament.",
             &r3);
    assert_int_equal(r1.eid, r2.eid);
    assert_true(r3.eid != r1.eid);
    assert_true(r3.sid != r1.sid);
    arena_free(a);
    cluster_free(cl);
    text_ctx_free(tc);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(fold_normalises),  cmocka_unit_test(tokens_sentences_stems),
        cmocka_unit_test(stop_flags_match), cmocka_unit_test(sketches_find_copies),
        cmocka_unit_test(days_round_trip),  cmocka_unit_test(clusters_separate_stories),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
