/* cli/add_feed.h: `sift add` reads on a thread of its own. A reader
 * thread reads the inputs in order (files, folders, stdin) and hands
 * each report, each rejection and the end of each input to the adding
 * thread through a short queue, in the order it met them. It also
 * analyses each report's words for copies and clusters (add_prep_t). So
 * reading, cleaning and analysing the next reports overlaps storing, copy
 * finding and clustering of this one, on a second core, and the outcome is the same
 * as reading and adding in one thread. */
#ifndef SIFT_ADD_FEED_H
#define SIFT_ADD_FEED_H

#include "add_pipe.h"
#include "sift.h"

typedef enum {
    FEED_REPORT, /* r: a report and prep its prep (NULL when it could not
                    be made), both owned by the taker */
    FEED_REJECT, /* err: one input rejected */
    FEED_INPUT,  /* one command-line input read to its end; rc and err as sift_read_path's */
    FEED_IDLE,   /* nothing came for FEED_IDLE_SECONDS (a slow stream on
                    stdin): a good time to commit what was added */
    FEED_END     /* nothing more */
} feed_kind_t;

typedef struct feed_item {
    feed_kind_t kind;
    sift_report_t *r;
    add_prep_t *prep;
    int rc;
    sift_err_t err;
} feed_item_t;

typedef struct add_feed add_feed_t;

/* Start reading paths[0..n) with ctx (both borrowed until add_feed_free),
 * preparing each report with pc (taken: the reading thread uses and frees
 * it; NULL: no preps). With ctx->is_strict the reader stops after the
 * first rejection. Owned: free with add_feed_free(). 0 or SIFT_ENOMEM
 * (pc is freed then too). */
int add_feed_start(add_feed_t **out, const sift_ctx_t *ctx, char *const *paths, int n,
                   add_prep_ctx_t *pc, sift_err_t *err);

/* Seconds the taker waits on an empty queue before FEED_IDLE; items
 * queued but not yet enough to wake it are taken after as long. */
#define FEED_IDLE_SECONDS 1

/* The next item, waiting for it (FEED_IDLE after FEED_IDLE_SECONDS of
 * nothing). After FEED_END, FEED_END again. */
void add_feed_next(add_feed_t *f, feed_item_t *out);

/* CPU seconds the reading thread used; valid once FEED_END was taken. */
double add_feed_reader_cpu(add_feed_t *f);

/* Ask the reader to stop soon (the adding side failed). */
void add_feed_stop(add_feed_t *f);

/* Stop the reader, wait for it and free what it queued. NULL is a no-op. */
void add_feed_free(add_feed_t *f);

#endif
