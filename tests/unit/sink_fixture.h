/* tests/unit/sink_fixture.h: a sift_sink_t that keeps what readers emit
 * and reject, for the reader tests (test_jsonl.c, test_warc.c). */
#ifndef SIFT_SINK_FIXTURE_H
#define SIFT_SINK_FIXTURE_H

#include <string.h>

#include "sift.h"

#define MAX_SEEN 16

typedef struct seen {
    sift_report_t *reports[MAX_SEEN];
    size_t n_reports;
    char rejects[MAX_SEEN][512];
    size_t n_rejects;
} seen_t;

static int on_emit(void *user, sift_report_t *r)
{
    seen_t *s = user;
    if (s->n_reports == MAX_SEEN) {
        sift_report_free(r);
        return 0;
    }
    s->reports[s->n_reports++] = r;
    return 0;
}

static void on_reject(void *user, const sift_err_t *err)
{
    seen_t *s = user;
    if (s->n_rejects < MAX_SEEN) {
        sift_err_format(s->rejects[s->n_rejects++], sizeof(s->rejects[0]), err);
    }
}

static void seen_release(seen_t *s)
{
    for (size_t i = 0; i < s->n_reports; i++) {
        sift_report_free(s->reports[i]);
    }
    memset(s, 0, sizeof(*s));

#endif
