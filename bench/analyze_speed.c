/* bench/analyze_speed.c: DIR [GROUP]: read every report under DIR, then
 * analyse them in stories of GROUP reports (default 5) and print the
 * analysis CPU time per report in ms (reading not counted; CPU time, not
 * wall, as the machine is shared). Built by
 * bench/analyze-speed.sh. */
#include <stdio.h>
#include <stdlib.h>
#include <time.h>

#include "analyze/analyze.h"

typedef struct coll {
    sift_report_t **r;
    size_t n, cap;
} coll_t;

static int emit(void *user, sift_report_t *r)
{
    coll_t *c = user;
    if (c->n == c->cap) {
        size_t ncap = c->cap ? c->cap * 2 : 256;
        void *g = realloc(c->r, ncap * sizeof(*c->r));
        if (!g) {
            sift_report_free(r);
            return SIFT_ENOMEM;
        }
        c->r = g;
        c->cap = ncap;
    }
    c->r[c->n++] = r;
    return 0;
}

static void reject(void *user, const sift_err_t *err)
{
    (void)user;
    (void)err;
}

int main(int argc, char **argv)
{
    if (argc < 2) {
        fprintf(stderr, "usage: analyze_speed DIR [GROUP]\n");
        return 2;
    }
    size_t group = argc > 2 ? (size_t)strtoul(argv[2], NULL, 10) : 5;
    sift_ctx_t ctx;
    sift_ctx_init(&ctx);
    coll_t c = { NULL, 0, 0 };
    sift_sink_t sink = { emit, reject, &c };
    sift_err_t err;
    sift_err_clear(&err);
    sift_read_path(&ctx, argv[1], &sink, &err);
    struct timespec t0, t1;
    clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &t0);
    size_t quotes = 0;
    for (size_t i = 0; i < c.n; i += group) {
        size_t n = c.n - i < group ? c.n - i : group;
        analysis_t *a = NULL;
        if (analyze_story((const sift_report_t *const *)(c.r + i), n, &a, &err) == 0) {
            quotes += a->n_quotes;
        }
        analysis_free(a);
    }
    clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &t1);
    double ms = (double)(t1.tv_sec - t0.tv_sec) * 1e3 + (double)(t1.tv_nsec - t0.tv_nsec) / 1e6;
    printf("%zu reports, %zu quotes, %.3f ms per report\n", c.n, quotes, c.n ? ms / (double)c.n : 0);
    for (size_t i = 0; i < c.n; i++) {
        sift_report_free(c.r[i]);
    }
    free(c.r);
    return 0;
}
