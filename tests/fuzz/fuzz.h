/* tests/fuzz/fuzz.h: what every libFuzzer target shares: read one input
 * with a reader forced, touch every field of each report it yields (so
 * ASan sees reads past the end), and free it. Targets are built by
 * bench/fuzz.sh (clang, libFuzzer) and replayed by tests/fuzz/replay.sh
 * (gcc, tests/fuzz/standalone.c) in `make check`. */
#ifndef SIFT_FUZZ_H
#define SIFT_FUZZ_H

#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include "sift.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

/* Sum of lengths so the compiler cannot drop the reads. */
static size_t fuzz_touch(const sift_report_t *r)
{
    size_t n = strlen(r->id) + strlen(r->source) + strlen(r->url) + strlen(r->outlet);
    n += strlen(r->outlet_evidence) + strlen(r->title) + strlen(r->subtitle);
    n += strlen(r->byline) + strlen(r->credits) + strlen(r->date) + strlen(r->date_evidence);
    n += strlen(r->lang);
    for (size_t i = 0; i < r->n_blocks; i++) {
        n += strlen(r->blocks[i].text) + r->blocks[i].len;
    }
    for (size_t i = 0; i < r->n_clutter; i++) {
        n += strlen(r->clutter[i].reason) + strlen(r->clutter[i].text);
    }
    return n;
}

static int fuzz_emit(void *user, sift_report_t *r)
{
    size_t *total = user;
    *total += fuzz_touch(r);
    *total += strlen(sift_report_body(r));
    sift_report_free(r);
    return 0;
}

static void fuzz_reject(void *user, const sift_err_t *err)
{
    char line[512];
    size_t *total = user;
    *total += strlen(sift_err_format(line, sizeof(line), err));
}

/* Read data as fmt (SIFT_FMT_UNKNOWN: sniffed). Smaller caps than the
 * defaults keep each run fast; the code paths are the same. */
static int fuzz_read(sift_format_t fmt, const uint8_t *data, size_t size)
{
    sift_ctx_t ctx;
    sift_ctx_init(&ctx);
    ctx.max_report_bytes = 1u << 20;
    ctx.max_line_bytes = 1u << 20;
    ctx.max_record_bytes = 1u << 20;
    size_t total = 0;
    sift_sink_t sink = { fuzz_emit, fuzz_reject, &total };
    sift_err_t err;
    sift_err_clear(&err);
    (void)sift_read_buffer(&ctx, "fuzz", fmt, (const char *)data, size, &sink, &err);
    char line[512];
    total += strlen(sift_err_format(line, sizeof(line), &err));
    return total == (size_t)-1; /* never true; keeps total live */
}

#endif
