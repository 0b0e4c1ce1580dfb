/* tests/fuzz/fuzz_analyze.c: libFuzzer target for the analysis stage and
 * the number and date parsers inside it: the input, split at form feeds
 * into up to 4 texts, is read as plain-text reports and analysed as one
 * story (analyze_story); the direct-quote finder also reads it raw.
 * fuzz-requires: analyze_story analyze_quotes_text */
#include <stdint.h>
#include <string.h>

#include "analyze/analyze.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

#define MAX_DOCS 4

typedef struct docs {
    sift_report_t *r[MAX_DOCS];
    size_t n;
} docs_t;

static int keep(void *user, sift_report_t *r)
{
    docs_t *d = user;
    if (d->n < MAX_DOCS) {
        d->r[d->n++] = r;
    } else {
        sift_report_free(r);
    }
    return 0;
}

static void ignore(void *user, const sift_err_t *err)
{
    (void)user;
    (void)err;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    sift_ctx_t ctx;
    sift_ctx_init(&ctx);
    docs_t d = { { NULL }, 0 };
    sift_sink_t sink = { keep, ignore, &d };
    const char *p = (const char *)data, *end = p + size;
    while (p < end && d.n < MAX_DOCS) {
        const char *ff = memchr(p, '\f', (size_t)(end - p));
        const char *stop = ff ? ff : end;
        sift_err_t err;
        sift_err_clear(&err);
        (void)sift_read_buffer(&ctx, "fuzz", SIFT_FMT_TEXT, p, (size_t)(stop - p), &sink, &err);
        p = ff ? ff + 1 : end;
    }
    analysis_t *a = NULL;
    sift_err_t err;
    sift_err_clear(&err);
    if (d.n && analyze_story((const sift_report_t *const *)d.r, d.n, &a, &err) == 0) {
        analysis_free(a);
    }
    a = NULL;
    if (analyze_quotes_text((const char *)data, size, &a, &err) == 0) {
        analysis_free(a);
    }
    for (size_t i = 0; i < d.n; i++) {
        sift_report_free(d.r[i]);
    }
    return 0;
}
