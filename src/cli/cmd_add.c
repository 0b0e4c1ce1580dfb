/* cli/cmd_add.c: `sift add PATH...|-`: read inputs (on a reader thread,
 * add_feed.c) and store their reports in input order, committing in
 * batches. Idempotent: a report already stored (same id) is counted, not
 * stored again. */
#include <errno.h>
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "add_feed.h"
#include "add_pipe.h"
#include "cli_int.h"
#include "util/limits.h"

/* Reports a batch holds at most: the first batch holds SIFT_STORE_BATCH
 * and each next one twice the last, up to this. A batch writes each term
 * it touched and a full-text segment once, so the later, larger batches
 * cost less a report (-21% CPU of the adding thread on 4,000 reports,
 * docs/bench/speed-3.md); a crash still loses at most one batch, which
 * the next run adds again, and another writer waits a few seconds at most. */
#define ADD_BATCH_MAX 4000

typedef struct add_state {
    store_t *store;
    add_pipe_t *pipe; /* copies and clusters of each new report */
    int is_progress;
    long n_read, n_new, n_rejected, n_batch;
    long batch_size; /* reports of the batch under way (see ADD_BATCH_MAX) */
    double last_progress;
    sift_err_t store_err; /* first store failure: stops the run */
} add_state_t;

static double now_seconds(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

static void progress(add_state_t *st, int is_final)
{
    if (!st->is_progress) {
        return;
    }
    double t = now_seconds();
    if (!is_final && t - st->last_progress < 0.25) {
        return;
    }
    st->last_progress = t;
    fprintf(stderr, "\rsift: %ld reports read, %ld new, %ld rejected%s", st->n_read, st->n_new,
            st->n_rejected, is_final ? "\n" : "");
}

/* Commit the batch under way (its reports, copies and clusters at once)
 * and start the next. */
static int commit_batch(add_state_t *st)
{
    st->n_batch = 0;
    int rc = add_pipe_flush(st->pipe, &st->store_err);
    rc = rc ? rc : store_commit(st->store, &st->store_err);
    rc = rc ? rc : store_begin(st->store, &st->store_err);
    return rc ? rc : add_pipe_sync(st->pipe, &st->store_err);
}

/* Store r (owned) and, when new, find its copies and clusters with its
 * prep (owned; NULL: made here); commit every st->batch_size reports. */
static int add_report(add_state_t *st, sift_report_t *r, add_prep_t *prep)
{
    int is_new = 0;
    int rc = store_put_report(st->store, r, &is_new, &st->store_err);
    if (rc == 0 && is_new) {
        rc = add_pipe_report(st->pipe, r, prep, &st->store_err);
    }
    sift_report_free(r);
    add_prep_free(prep);
    if (rc) {
        return rc;
    }
    st->n_read++;
    st->n_new += is_new;
    if (++st->n_batch >= st->batch_size) {
        st->batch_size = st->batch_size * 2 < ADD_BATCH_MAX ? st->batch_size * 2 : ADD_BATCH_MAX;
        rc = commit_batch(st);
        if (rc) {
            return rc;
        }
    }
    progress(st, 0);
    return 0;
}

static void on_reject(add_state_t *st, const sift_err_t *err)
{
    st->n_rejected++;
    if (st->is_progress) {
        fputc('\r', stderr);
    }
    cli_print_err(err);
}

/* For benchmarks (SIFT_ADD_STATS set): the CPU time of each thread, the
 * adding thread's being the critical path, and the in-memory index. */
static void print_stats(const add_state_t *st, double reader_cpu)
{
    struct timespec ts;
    clock_gettime(CLOCK_THREAD_CPUTIME_ID, &ts);
    size_t dd = 0, cl = 0;
    int64_t n = 0;
    add_pipe_mem(st->pipe, &dd, &cl, &n);
    double per = n > 0 ? 1.0 / (double)n : 0;
    fprintf(stderr,
            "sift: stats: cpu adding %.2f s, reading %.2f s; index %zu + %zu bytes "
            "(copies + clusters) for %lld reports: %.0f + %.0f bytes a report\n",
            (double)ts.tv_sec + (double)ts.tv_nsec / 1e9, reader_cpu, dd, cl, (long long)n,
            (double)dd * per, (double)cl * per);
}

/* Another process holds the store's write lock for more than 2 s. */
static void on_wait(void *user, const char *path)
{
    (void)user;
    cli_errorf("%s: waiting for another process writing to this store", path);
}

static int run(const cli_opts_t *opts, int argc, char **argv)
{
    static const struct option longopts[] = { { "strict", no_argument, NULL, 's' },
                                              { "quiet", no_argument, NULL, 'q' },
                                              { "keep-active", required_argument, NULL, 'k' },
                                              { NULL, 0, NULL, 0 } };
    sift_ctx_t ctx;
    sift_ctx_init(&ctx);
    int is_quiet = 0;
    int64_t keep_active = -1; /* the default */
    int c;
    optind = 1;
    while ((c = getopt_long(argc, argv, "sq", longopts, NULL)) != -1) {
        if (c == 's') {
            ctx.is_strict = 1;
        } else if (c == 'q') {
            is_quiet = 1;
        } else if (c == 'k') {
            char *end = NULL;
            errno = 0;
            long long n = strtoll(optarg, &end, 10);
            if (errno || end == optarg || *end || n < 0) {
                cli_errorf("add: --keep-active wants a count of reports (0: keep all), not '%s'",
                           optarg);
                return cli_usage(&cmd_add, 1);
            }
            keep_active = (int64_t)n;
        } else {
            return cli_usage(&cmd_add, 1);
        }
    }
    if (optind >= argc) {
        cli_errorf("add: no input given: name files, folders or '-'");
        return cli_usage(&cmd_add, 1);
    }
    add_state_t st;
    memset(&st, 0, sizeof(st));
    sift_err_clear(&st.store_err);
    st.batch_size = SIFT_STORE_BATCH;
    st.is_progress = !is_quiet && isatty(STDERR_FILENO);
    int rc = cli_open_store(opts, 0, &st.store);
    if (rc) {
        return rc;
    }
    store_on_wait(st.store, on_wait, NULL);
    sift_err_t err;
    sift_err_clear(&err);
    if (add_pipe_new(&st.pipe, st.store, &ctx, keep_active, &err) || store_begin(st.store, &err) ||
        add_pipe_sync(st.pipe, &err)) {
        cli_print_err(&err);
        add_pipe_free(st.pipe);
        store_close(st.store);
        return EXIT_IO;
    }
    /* a second thread reads; this one stores and clusters, in input order */
    add_feed_t *feed = NULL;
    add_prep_ctx_t *pc = NULL;
    if (add_prep_ctx_new(&pc, st.pipe, &err) ||
        add_feed_start(&feed, &ctx, argv + optind, argc - optind, pc, &err)) {
        cli_print_err(&err);
        add_pipe_free(st.pipe);
        store_close(st.store);
        return EXIT_IO;
    }
    int any_rejected = 0;
    int status = EXIT_OK;
    for (;;) {
        feed_item_t it;
        add_feed_next(feed, &it);
        if (it.kind == FEED_END) {
            break;
        }
        if (it.kind == FEED_REPORT) {
            if (add_report(&st, it.r, it.prep)) {
                cli_print_err(&st.store_err);
                status = EXIT_IO;
                break;
            }
        } else if (it.kind == FEED_IDLE) {
            /* input comes slowly (a stream on stdin): what came is stored
             * now, not when a batch fills */
            if (st.n_batch > 0 && commit_batch(&st)) {
                cli_print_err(&st.store_err);
                status = EXIT_IO;
                break;
            }
        } else if (it.kind == FEED_REJECT) {
            on_reject(&st, &it.err);
        } else if (it.rc == SIFT_EINPUT) {
            any_rejected = 1; /* under --strict the reader stops here */
        } else if (it.rc) {
            cli_print_err(&it.err);
            status = cli_exit_code(it.rc);
            break;
        }
    }
    double reader_cpu = add_feed_reader_cpu(feed);
    add_feed_free(feed);
    if (status == EXIT_OK || status == EXIT_REJECTED) {
        if (add_pipe_flush(st.pipe, &err) || store_commit(st.store, &err)) {
            cli_print_err(&err);
            status = EXIT_IO;
        }
    }
    progress(&st, 1);
    if (!is_quiet && !st.is_progress) {
        fprintf(stderr, "sift: %ld reports read, %ld new, %ld rejected\n", st.n_read, st.n_new,
                st.n_rejected);
    }
    if (getenv("SIFT_ADD_STATS") && status == EXIT_OK) {
        print_stats(&st, reader_cpu);
    }
    add_pipe_free(st.pipe);
    store_close(st.store);
    if (status == EXIT_OK && any_rejected) {
        status = EXIT_REJECTED;
    }
    return status;
}

const cli_cmd_t cmd_add = {
    "add",
    run,
    "read reports from files, folders or stdin into the store",
    "usage: sift add [--strict] [--quiet] [--keep-active N] PATH...|-\n\n"
    "Read news reports (text, Markdown, HTML, JSON Lines, WARC, .warc.gz) from\n"
    "files, folders (recursively) or '-' (stdin) and store them. A report that\n"
    "is already stored is not stored again. Bad inputs are reported one line\n"
    "each and skipped; the rest goes in. A stream on '-' that pauses for a\n"
    "second has what came so far committed.\n\n"
    "  --strict  stop at the first rejected input\n"
    "  --quiet   no progress or summary on stderr\n"
    "  --keep-active N  keep in memory the events and storylines that gained a\n"
    "            report in the last N reports added (default 200000; 0: all);\n"
    "            older ones stay stored and listed but take no new reports.\n"
    "            Raise it to add years of archives out of date order\n\n"
    "exit status: 0 all read, 1 some input rejected, 2 usage, 3 I/O or store error\n",
};
