/* cli/cmd_analyze.c: `sift analyze [--format F] [ID...]`: weigh a set of
 * stored reports as one story (entities, quotes, numbers, dates, claims,
 * disagreements, citations, timeline, summary). Until stories exist, the
 * set is the given reports, or every stored report. */
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "analyze/analyze.h"
#include "cli_int.h"
#include "render/render.h"

typedef struct idlist {
    char (*ids)[17];
    size_t n, cap;
} idlist_t;

static int collect_id(void *user, const sift_report_t *r)
{
    idlist_t *l = user;
    if (l->n == l->cap) {
        size_t ncap = l->cap ? l->cap * 2 : 64;
        void *g = realloc(l->ids, ncap * sizeof(*l->ids));
        if (!g) {
            return SIFT_ENOMEM;
        }
        l->ids = g;
        l->cap = ncap;
    }
    memcpy(l->ids[l->n++], r->id, 17);
    return 0;
}

static int render(const char *fmt, const analysis_t *a)
{
    if (strcmp(fmt, "json") == 0) {
        return render_analysis_json(stdout, a);
    }
    if (strcmp(fmt, "md") == 0) {
        return render_analysis_md(stdout, a);
    }
    if (strcmp(fmt, "html") == 0) {
        return render_analysis_html(stdout, a);
    }
    return render_analysis_text(stdout, a);
}

static int run(const cli_opts_t *opts, int argc, char **argv)
{
    static const struct option longopts[] = { { "format", required_argument, NULL, 'f' },
                                              { NULL, 0, NULL, 0 } };
    const char *fmt = "text";
    int c;
    optind = 1;
    while ((c = getopt_long(argc, argv, "f:", longopts, NULL)) != -1) {
        if (c == 'f') {
            fmt = optarg;
        } else {
            return cli_usage(&cmd_analyze, 1);
        }
    }
    if (strcmp(fmt, "text") != 0 && strcmp(fmt, "md") != 0 && strcmp(fmt, "json") != 0 &&
        strcmp(fmt, "html") != 0) {
        cli_errorf("analyze: unknown format '%s'", fmt);
        return cli_usage(&cmd_analyze, 1);
    }
    store_t *store;
    int rc = cli_open_store(opts, STORE_READONLY, &store);
    if (rc) {
        return rc;
    }
    sift_err_t err;
    sift_err_clear(&err);
    idlist_t ids = { NULL, 0, 0 };
    if (optind == argc) {
        rc = store_each_report(store, collect_id, &ids, &err);
    } else {
        for (int i = optind; i < argc && !rc; i++) {
            char id[17];
            snprintf(id, sizeof(id), "%s", argv[i]);
            rc = collect_id(&ids, &(sift_report_t){ .id = { 0 } });
            if (!rc) {
                memcpy(ids.ids[ids.n - 1], id, sizeof(id));
            }
        }
    }
    sift_report_t **reps = calloc(ids.n ? ids.n : 1, sizeof(sift_report_t *));
    if (!reps) {
        rc = SIFT_ENOMEM;
    }
    size_t n = 0;
    for (size_t i = 0; !rc && i < ids.n; i++) {
        rc = store_get_report(store, ids.ids[i], &reps[n], &err);
        n += rc == 0;
    }
    store_close(store);
    analysis_t *a = NULL;
    if (!rc) {
        rc = analyze_story((const sift_report_t *const *)reps, n, &a, &err);
    }
    if (!rc) {
        rc = render(fmt, a);
        if (rc) {
            cli_errorf("analyze: cannot write the output");
        }
    } else if (err.code) {
        cli_print_err(&err);
    } else {
        cli_errorf("analyze: out of memory");
    }
    analysis_free(a);
    for (size_t i = 0; i < n; i++) {
        sift_report_free(reps[i]);
    }
    free(reps);
    free(ids.ids);
    return cli_exit_code(rc);
}

const cli_cmd_t cmd_analyze = {
    "analyze",
    run,
    "weigh stored reports as one story: who said what, numbers, dates",
    "usage: sift analyze [--format text|md|json|html] [ID...]\n\n"
    "Analyse the given stored reports (ids or their first digits), or every\n"
    "stored report, as one story: entities and their roles, quotes with\n"
    "speakers, numbers with what they count, dates, claims and the reports\n"
    "backing them, disagreements, spelling variants, citations, a timeline\n"
    "and a short summary. The JSON schema is in docs/story-json.md.\n\n"
    "  --format F  text (default), md, json or html\n",
};
