/* cli/add_pipe.h: what `sift add` does with each new report after
 * storing it: analyse its text, find its copies, put it in an event and
 * a storyline. The stages (text, dedup, cluster) do not know each other;
 * this file passes one's results to the next. */
#ifndef SIFT_ADD_PIPE_H
#define SIFT_ADD_PIPE_H

#include "sift.h"
#include "store/store.h"

typedef struct add_pipe add_pipe_t;

/* Pipeline over store s, reloading the state earlier runs saved. Owned:
 * free with add_pipe_free() before closing s. */
int add_pipe_new(add_pipe_t **out, store_t *s, const sift_ctx_t *ctx, sift_err_t *err);
void add_pipe_free(add_pipe_t *p); /* NULL is a no-op */

/* Process report r, just stored as new (inside the open batch). */
int add_pipe_report(add_pipe_t *p, const sift_report_t *r, sift_err_t *err);

/* Write the online state that changed and the store's state generation
 * (reports processed); call before each commit. */
int add_pipe_flush(add_pipe_t *p, sift_err_t *err);

/* Call right after each store_begin(): when another process committed
 * state since this one last loaded or flushed it (the generation
 * differs), reload the whole state, so the batch starts from exactly
 * what the store holds. */
int add_pipe_sync(add_pipe_t *p, sift_err_t *err);

/* Bytes held in memory by the copy and cluster indexes. */
void add_pipe_mem(const add_pipe_t *p, size_t *out_dedup, size_t *out_cluster);

#endif
