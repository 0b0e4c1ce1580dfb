/* cli/add_feed.c: the reader thread of `sift add` and its queue (see
 * add_feed.h). The queue is a ring of FEED_CAP items under one mutex:
 * the reader waits when it is full, so memory stays bounded by FEED_CAP
 * reports however far reading runs ahead. */
#include "add_feed.h"

#include <pthread.h>
#include <stdlib.h>
#include <time.h>

#include "util/err.h"

/* Reports read ahead at most: enough to keep both threads busy. */
#define FEED_CAP 32

struct add_feed {
    const sift_ctx_t *ctx;
    add_prep_ctx_t *pc; /* used by the reader only */
    char *const *paths;
    int n_paths;
    pthread_t thread;
    pthread_mutex_t mu;
    pthread_cond_t changed; /* an item was put or taken, or stop was asked */
    feed_item_t ring[FEED_CAP];
    size_t head, n;
    int stop;
    int ended;         /* FEED_END was taken */
    double reader_cpu; /* set by the reader before it queues FEED_END */
};

/* Put an item, waiting for room; 0, or -1 once stop was asked (the item
 * is then not queued and its report is freed). */
static int put(add_feed_t *f, const feed_item_t *it)
{
    pthread_mutex_lock(&f->mu);
    while (f->n == FEED_CAP && !f->stop) {
        pthread_cond_wait(&f->changed, &f->mu);
    }
    if (f->stop && it->kind != FEED_END) {
        pthread_mutex_unlock(&f->mu);
        sift_report_free(it->r);
        add_prep_free(it->prep);
        return -1;
    }
    if (f->n == FEED_CAP) { /* stopped with a full ring: END replaces the last */
        sift_report_free(f->ring[(f->head + f->n - 1) % FEED_CAP].r);
        add_prep_free(f->ring[(f->head + f->n - 1) % FEED_CAP].prep);
        f->n--;
    }
    f->ring[(f->head + f->n) % FEED_CAP] = *it;
    f->n++;
    pthread_cond_broadcast(&f->changed);
    pthread_mutex_unlock(&f->mu);
    return 0;
}

static int on_report(void *user, sift_report_t *r)
{
    add_feed_t *f = user;
    feed_item_t it = { FEED_REPORT, r, NULL, 0, { 0 } };
    if (f->pc) {
        sift_err_t err;
        sift_err_clear(&err);
        /* on failure the adding thread makes the prep, and reports the
         * error if it fails there too */
        if (add_prep_new(&it.prep, f->pc, r, &err)) {
            it.prep = NULL;
        }
    }
    /* any nonzero answer stops the reading; the code is not shown */
    return put(user, &it) ? SIFT_EUSAGE : 0;
}

static void on_reject(void *user, const sift_err_t *err)
{
    feed_item_t it = { FEED_REJECT, NULL, NULL, 0, *err };
    put(user, &it);
}

static void *reader(void *arg)
{
    add_feed_t *f = arg;
    sift_sink_t sink = { on_report, on_reject, f };
    for (int i = 0; i < f->n_paths; i++) {
        feed_item_t it = { FEED_INPUT, NULL, NULL, 0, { 0 } };
        sift_err_clear(&it.err);
        it.rc = sift_read_path(f->ctx, f->paths[i], &sink, &it.err);
        if (put(f, &it) || (it.rc && (it.rc != SIFT_EINPUT || f->ctx->is_strict))) {
            break;
        }
    }
    struct timespec ts;
    clock_gettime(CLOCK_THREAD_CPUTIME_ID, &ts);
    pthread_mutex_lock(&f->mu);
    f->reader_cpu = (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
    pthread_mutex_unlock(&f->mu);
    feed_item_t end = { FEED_END, NULL, NULL, 0, { 0 } };
    put(f, &end);
    return NULL;
}

int add_feed_start(add_feed_t **out, const sift_ctx_t *ctx, char *const *paths, int n,
                   add_prep_ctx_t *pc, sift_err_t *err)
{
    *out = NULL;
    add_feed_t *f = calloc(1, sizeof(*f));
    if (!f) {
        add_prep_ctx_free(pc);
        return err_oom(err);
    }
    f->ctx = ctx;
    f->pc = pc;
    f->paths = paths;
    f->n_paths = n;
    pthread_mutex_init(&f->mu, NULL);
    pthread_cond_init(&f->changed, NULL);
    if (pthread_create(&f->thread, NULL, reader, f) != 0) {
        pthread_cond_destroy(&f->changed);
        pthread_mutex_destroy(&f->mu);
        add_prep_ctx_free(pc);
        free(f);
        return err_set(err, SIFT_ENOMEM, NULL, SIFT_NOPOS, 0, "cannot start the reading thread");
    }
    *out = f;
    return 0;
}

void add_feed_next(add_feed_t *f, feed_item_t *out)
{
    pthread_mutex_lock(&f->mu);
    if (f->ended) {
        pthread_mutex_unlock(&f->mu);
        *out = (feed_item_t){ FEED_END, NULL, NULL, 0, { 0 } };
        return;
    }
    while (f->n == 0) {
        pthread_cond_wait(&f->changed, &f->mu);
    }
    *out = f->ring[f->head];
    f->head = (f->head + 1) % FEED_CAP;
    f->n--;
    f->ended = out->kind == FEED_END;
    pthread_cond_broadcast(&f->changed);
    pthread_mutex_unlock(&f->mu);
}

double add_feed_reader_cpu(add_feed_t *f)
{
    pthread_mutex_lock(&f->mu);
    double s = f->reader_cpu;
    pthread_mutex_unlock(&f->mu);
    return s;
}

void add_feed_stop(add_feed_t *f)
{
    pthread_mutex_lock(&f->mu);
    f->stop = 1;
    pthread_cond_broadcast(&f->changed);
    pthread_mutex_unlock(&f->mu);
}

void add_feed_free(add_feed_t *f)
{
    if (!f) {
        return;
    }
    add_feed_stop(f);
    pthread_join(f->thread, NULL);
    for (size_t i = 0; i < f->n; i++) {
        sift_report_free(f->ring[(f->head + i) % FEED_CAP].r);
        add_prep_free(f->ring[(f->head + i) % FEED_CAP].prep);
    }
    add_prep_ctx_free(f->pc);
    pthread_cond_destroy(&f->changed);
    pthread_mutex_destroy(&f->mu);
    free(f);
}
