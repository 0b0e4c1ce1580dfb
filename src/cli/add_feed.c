/* cli/add_feed.c: the reader thread of `sift add` and its queue (see
 * add_feed.h). The queue is a ring of FEED_CAP items under one mutex:
 * the reader waits when it is full, so memory stays bounded by FEED_CAP
 * reports however far reading runs ahead. A waiting thread is woken
 * only once FEED_WAKE items (or free slots) are there for it, so the
 * two threads switch once per FEED_WAKE reports, not once per report. */
#include "add_feed.h"

#include <errno.h>
#include <pthread.h>
#include <stdlib.h>
#include <time.h>

#include "util/err.h"

/* Reports read ahead at most: enough to keep both threads busy. */
#define FEED_CAP 64
/* A waiting taker is woken when this many items are queued (or an item
 * other than a report: an input's end must not wait), a waiting reader
 * when this many slots are free. Each wake-up costs futex calls and a
 * context switch: 21,000 futex calls for 10,000 reports when the other
 * thread was woken at every item, 1,100 now (docs/bench/io-4.md). */
#define FEED_WAKE 16

struct add_feed {
    const sift_ctx_t *ctx;
    add_prep_ctx_t *pc; /* used by the reader only */
    char *const *paths;
    int n_paths;
    pthread_t thread;
    pthread_mutex_t mu;
    pthread_cond_t has_items; /* the taker may go on (see FEED_WAKE), or stop was asked */
    pthread_cond_t has_room;  /* the reader may go on (see FEED_WAKE), or stop was asked */
    int is_taker_waiting;
    int is_reader_waiting;
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
        f->is_reader_waiting = 1;
        pthread_cond_wait(&f->has_room, &f->mu);
        f->is_reader_waiting = 0;
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
    /* the taker waits only on an empty ring, so this reaches FEED_WAKE
     * (or the ring fills) before the reader can wait itself */
    if (f->is_taker_waiting && (f->n >= FEED_WAKE || it->kind != FEED_REPORT)) {
        pthread_cond_signal(&f->has_items);
    }
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
    pthread_cond_init(&f->has_items, NULL);
    pthread_cond_init(&f->has_room, NULL);
    if (pthread_create(&f->thread, NULL, reader, f) != 0) {
        pthread_cond_destroy(&f->has_items);
        pthread_cond_destroy(&f->has_room);
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
    if (f->n == 0) {
        /* a slow stream queues fewer than FEED_WAKE items for a long
         * while: take them after a timed wait, and say when nothing came */
        struct timespec until;
        clock_gettime(CLOCK_REALTIME, &until);
        until.tv_sec += FEED_IDLE_SECONDS;
        int w = 0;
        while (f->n == 0 && w != ETIMEDOUT) {
            f->is_taker_waiting = 1;
            w = pthread_cond_timedwait(&f->has_items, &f->mu, &until);
            f->is_taker_waiting = 0;
        }
        if (f->n == 0) {
            pthread_mutex_unlock(&f->mu);
            *out = (feed_item_t){ FEED_IDLE, NULL, NULL, 0, { 0 } };
            return;
        }
    }
    *out = f->ring[f->head];
    f->head = (f->head + 1) % FEED_CAP;
    f->n--;
    f->ended = out->kind == FEED_END;
    /* the reader waits only on a full ring, and the taker goes on taking
     * until it is empty, so the ring gets this far down */
    if (f->is_reader_waiting && FEED_CAP - f->n >= FEED_WAKE) {
        pthread_cond_signal(&f->has_room);
    }
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
    pthread_cond_broadcast(&f->has_room);
    pthread_cond_broadcast(&f->has_items);
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
    pthread_cond_destroy(&f->has_items);
    pthread_cond_destroy(&f->has_room);
    pthread_mutex_destroy(&f->mu);
    free(f);
}
