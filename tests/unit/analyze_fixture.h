/* tests/unit/analyze_fixture.h: build small reports from paragraphs and
 * analyse them, for the test_analyze_*.c files. */
#ifndef SIFT_TEST_ANALYZE_FIXTURE_H
#define SIFT_TEST_ANALYZE_FIXTURE_H

#include <string.h>

#include "analyze/analyze.h"
#include "util/report.h"

/* A report titled title with the NULL-terminated paragraphs. */
static inline sift_report_t *fx_report(const char *title, const char *const *paras)
{
    sift_report_t *r = sift_report_new("test", SIFT_FMT_TEXT);
    if (!r) {
        return NULL;
    }
    report_set_str(r, &r->title, title);
    for (size_t i = 0; paras[i]; i++) {
        report_add_block(r, SIFT_BLOCK_PARAGRAPH, paras[i], strlen(paras[i]));
    }
    report_finish(r);
    return r;
}

/* Analyse n reports; frees them. NULL on failure. */
static inline analysis_t *fx_analyze(sift_report_t **reps, size_t n)
{
    analysis_t *a = NULL;
    sift_err_t err;
    sift_err_clear(&err);
    int rc = analyze_story((const sift_report_t *const *)reps, n, &a, &err);
    for (size_t i = 0; i < n; i++) {
        sift_report_free(reps[i]);
    }
    return rc ? NULL : a;
}

static inline analysis_t *fx_one(const char *title, const char *const *paras)
{
    sift_report_t *r = fx_report(title, paras);
    return fx_analyze(&r, 1);
}

/* The root entity named name (or having it as a form), or NULL. */
static inline const an_entity_t *fx_entity(const analysis_t *a, const char *name)
{
    for (size_t i = 0; i < a->n_ents; i++) {
        const an_entity_t *e = &a->ents[i];
        if (e->merged_into >= 0) {
            continue;
        }
        if (strcmp(e->name, name) == 0) {
            return e;
        }
        for (size_t k = 0; k < e->n_forms; k++) {
            if (strcmp(e->forms[k].text, name) == 0) {
                return e;
            }
        }
    }
    return NULL;
}

/* The quote whose text starts with prefix, or NULL. */
static inline const an_quote_t *fx_quote(const analysis_t *a, const char *prefix)
{
    for (size_t i = 0; i < a->n_quotes; i++) {
        const an_quote_t *q = &a->quotes[i];
        if (q->len >= strlen(prefix) &&
            strncmp(a->docs[q->doc].text + q->off, prefix, strlen(prefix)) == 0) {
            return q;
        }
    }
    return NULL;
}

#endif
