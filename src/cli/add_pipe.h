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
 * free with add_pipe_free() before closing s. keep_active: clusters that
 * gained no report in the last keep_active reports leave memory
 * (retirement, docs/internals/clustering.md); 0 keeps them all, a
 * negative value takes the default. */
int add_pipe_new(add_pipe_t **out, store_t *s, const sift_ctx_t *ctx, int64_t keep_active,
                 sift_err_t *err);
void add_pipe_free(add_pipe_t *p); /* NULL is a no-op */

/* What add_pipe_report needs of a report that depends on the report
 * alone: the copy sketch of its body, its paragraph fingerprints and its
 * clustering terms, all from one analysis of its words. `sift add` makes
 * it on the reading thread, so that this costly part overlaps the
 * adding thread's lookups, decisions and SQL. */
typedef struct add_prep add_prep_t;

/* What making preps takes (stemmers and their cache, a scratch arena,
 * the copy seed and the clustering parameters of p): one per thread.
 * Owned: free with add_prep_ctx_free(). 0 or SIFT_ENOMEM. */
typedef struct add_prep_ctx add_prep_ctx_t;
int add_prep_ctx_new(add_prep_ctx_t **out, const add_pipe_t *p, sift_err_t *err);
void add_prep_ctx_free(add_prep_ctx_t *pc); /* NULL is a no-op */

/* Prepare report r (borrowed). Owned: free with add_prep_free(); it
 * borrows nothing. 0 or SIFT_ENOMEM. */
int add_prep_new(add_prep_t **out, add_prep_ctx_t *pc, const sift_report_t *r, sift_err_t *err);
void add_prep_free(add_prep_t *pr); /* NULL is a no-op */

/* Process report r, just stored as new (inside the open batch), with
 * prep made from it by a context of this pipe (borrowed), or NULL to
 * make it here. */
int add_pipe_report(add_pipe_t *p, const sift_report_t *r, const add_prep_t *prep, sift_err_t *err);

/* Write the online state that changed and the store's state generation
 * (reports processed); call before each commit. */
int add_pipe_flush(add_pipe_t *p, sift_err_t *err);

/* Call right after each store_begin(): when another process committed
 * state since this one last loaded or flushed it (the generation
 * differs), reload the whole state, so the batch starts from exactly
 * what the store holds. */
int add_pipe_sync(add_pipe_t *p, sift_err_t *err);

/* Bytes held in memory by the copy and cluster indexes, and the reports
 * they index. */
void add_pipe_mem(const add_pipe_t *p, size_t *out_dedup, size_t *out_cluster,
                  int64_t *out_n_reports);

#endif
