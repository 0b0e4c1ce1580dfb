/* bench/bench_dedup.c: time copy detection alone (text analysis without
 * stems, sketch, LSH lookup and insert, paragraph fingerprints) and the
 * in-memory clustering (stems, TF-IDF, candidates, centroids) on files
 * read into memory first, so disk and SQLite are out of the figure.
 * Prints MB/s, reports/s and in-memory index bytes per report.
 *
 * usage: bench_dedup MODE FILE...   (MODE: dedup or cluster)
 *        bench_dedup MODE -  < list  (file names one a line) 
 * build: see bench/speed.sh */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
#include <time.h>

#include "cluster/cluster.h"
#include "dedup/dedup.h"
#include "text/text.h"
#include "util/arena.h"

static double now(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

/* CPU seconds used by this process: the machine is shared, so wall
 * time overstates the cost of one core. */
static double cpu_seconds(void)
{
    struct rusage ru;
    getrusage(RUSAGE_SELF, &ru);
    return (double)ru.ru_utime.tv_sec + (double)ru.ru_utime.tv_usec / 1e6 +
           (double)ru.ru_stime.tv_sec + (double)ru.ru_stime.tv_usec / 1e6;
}

int main(int argc, char **argv)
{
    if (argc < 3) {
        fprintf(stderr, "usage: bench_dedup dedup|cluster FILE...\n");
        return 2;
    }
    int is_cluster = strcmp(argv[1], "cluster") == 0;
    size_t n = (size_t)argc - 2;
    char **names = argv + 2;
    if (strcmp(argv[2], "-") == 0) {
        size_t cap = 1024;
        names = malloc(cap * sizeof(char *));
        n = 0;
        char line[4096];
        while (fgets(line, sizeof(line), stdin)) {
            line[strcspn(line, "\n")] = '\0';
            if (n == cap) {
                cap *= 2;
                names = realloc(names, cap * sizeof(char *));
            }
            names[n++] = strdup(line);
        }
    }
    char **text = calloc(n, sizeof(char *));
    size_t *len = calloc(n, sizeof(size_t));
    size_t total = 0;
    for (size_t i = 0; i < n; i++) {
        FILE *f = fopen(names[i], "rb");
        if (!f) {
            perror(names[i]);
            return 1;
        }
        fseek(f, 0, SEEK_END);
        long sz = ftell(f);
        fseek(f, 0, SEEK_SET);
        text[i] = malloc((size_t)sz + 1);
        len[i] = fread(text[i], 1, (size_t)sz, f);
        fclose(f);
        total += len[i];
    }
    text_ctx_t *tc = NULL;
    dedup_t *dd = NULL;
    cluster_t *cl = NULL;
    cluster_params_t p;
    cluster_params_init(&p);
    arena_t *a = arena_new();
    if (text_ctx_new(&tc, NULL) || dedup_new(&dd, 1, NULL) || cluster_new(&cl, &p, NULL)) {
        return 1;
    }
    size_t n_near = 0;
    double t0 = now(), c0 = cpu_seconds();
    double slice_cpu = c0;
    for (size_t i = 0; i < n; i++) {
        if (i % 1000 == 0) {
            slice_cpu = cpu_seconds();
        }
        arena_reset(a);
        /* paragraphs split on blank lines, as the text reader does */
        sift_slice_t blocks[256];
        size_t nb = 0;
        const char *s = text[i], *end = text[i] + len[i];
        while (s < end && nb < 256) {
            const char *e = strstr(s, "\n\n");
            if (!e || e > end) {
                e = end;
            }
            blocks[nb++] = (sift_slice_t){ s, (size_t)(e - s) };
            s = e + 2;
        }
        text_doc_t d;
        if (text_analyze(tc, a, "en", blocks, nb, is_cluster ? TEXT_STEM : 0, &d, NULL)) {
            return 1;
        }
        dedup_sketch_t sk;
        dedup_sketch(&sk, dd, &d);
        dedup_match_t m[4];
        size_t k = dedup_find_near(m, 4, dd, &sk, DEDUP_NEAR_MIN);
        n_near += k > 0;
        dedup_insert(dd, (uint32_t)i + 1, &sk, NULL);
        uint64_t fps[256];
        for (size_t b = 1; b < nb; b++) {
            fps[b] = dedup_para_fp(dd, &d, d.block_start[b], d.block_start[b + 1]);
            dedup_para_prefetch(dd, fps[b]);
        }
        for (size_t b = 1; b < nb; b++) {
            uint64_t fp = fps[b];
            uint32_t src[8];
            if (fp && dedup_para_find(src, 8, dd, fp) == 0) {
                dedup_para_insert(dd, fp, (uint32_t)i + 1, NULL);
            }
        }
        if (is_cluster) {
            cluster_doc_t cd = { (int64_t)i + 1, CLUSTER_NO_DAY, &d, 1, 0, 0, NULL, NULL, NULL };
            cluster_result_t res;
            if (cluster_add(cl, &cd, &res, NULL)) {
                return 1;
            }
        }
        if ((i + 1) % 10000 == 0 || i + 1 == 1000) {
            /* cost per report of the last 1000, with i + 1 indexed */
            printf("  %zu indexed: %.1f us CPU per report over the last 1000\n", i + 1,
                   (cpu_seconds() - slice_cpu) * 1e3);
        }
    }
    double dt = now() - t0, ct = cpu_seconds() - c0;
    printf("%s: %zu reports, %.1f MB; wall %.2f s: %.1f MB/s, %.0f reports/s; CPU %.2f s: "
           "%.1f MB/s, %.0f reports/s; near copies %zu; in-memory index: dedup %.0f bytes/report",
           argv[1], n, (double)total / 1e6, dt, (double)total / 1e6 / dt, (double)n / dt, ct,
           (double)total / 1e6 / ct, (double)n / ct, n_near,
           (double)dedup_mem_bytes(dd) / (double)n);
    if (is_cluster) {
        printf(", cluster %.0f bytes/report", (double)cluster_mem_bytes(cl) / (double)n);
    }
    printf("\n");
    return 0;
}
