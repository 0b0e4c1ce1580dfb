/* dedup/dedup.h: the copy finder's whole interface. Near-duplicate
 * reports are found with MinHash sketches (one-permutation hashing over
 * word 2-shingles) and LSH banding; copied paragraphs with fingerprints of
 * their folded words. Both indexes live in memory and hold only what is
 * needed to find candidates: the caller stores relations and reloads the
 * indexes with dedup_insert()/dedup_para_insert() on the next run. See
 * docs/internals/dedup.md for why MinHash and not SimHash. */
#ifndef SIFT_DEDUP_H
#define SIFT_DEDUP_H

#include <stddef.h>
#include <stdint.h>

#include "sift.h"
#include "text/text.h"

/* Bins of a sketch and the LSH bands over them: 21 bands of 3 bins give
 * a candidate with probability 0.99 at Jaccard 0.6 and 0.02 at 0.1 (see
 * docs/internals/dedup.md). */
#define DEDUP_BINS  64
#define DEDUP_ROWS  3
#define DEDUP_BANDS 21

/* Estimated Jaccard of 2-shingle sets at which two reports are near
 * duplicates: 0.5 is reached by a 10% word edit plus boilerplate (see
 * docs/bench/clusters.md). */
#define DEDUP_NEAR_MIN 0.5

/* Paragraphs shorter than this many words are not fingerprinted: short
 * lines ("Read more", datelines) repeat without being copies. */
#define DEDUP_PARA_MIN_WORDS 10

/* Candidates looked at per report at most (bounds the work on a bucket
 * that everything falls in, such as empty or boilerplate-only texts). */
#define DEDUP_MAX_CANDIDATES 64

typedef struct dedup_sketch {
    uint16_t bin[DEDUP_BINS];
    uint32_t n_shingles; /* 0: empty text, never a near duplicate */
} dedup_sketch_t;

typedef struct dedup_match {
    uint32_t rid; /* the indexed report */
    double sim;   /* estimated Jaccard similarity */
} dedup_match_t;

/* In-memory indexes. Owned: free with dedup_free(). */
typedef struct dedup dedup_t;

int dedup_new(dedup_t **out, uint64_t seed, sift_err_t *err);
void dedup_free(dedup_t *dd); /* NULL is a no-op */

/* Sketch of a document's words. */
void dedup_sketch(dedup_sketch_t *out, const dedup_t *dd, const text_doc_t *d);

/* Estimated Jaccard similarity of two sketches. */
double dedup_similarity(const dedup_sketch_t *a, const dedup_sketch_t *b);

/* Indexed reports whose sketch shares an LSH band with s and whose
 * similarity is at least min_sim, best first, ties by rid; at most max.
 * Returns how many. */
size_t dedup_find_near(dedup_match_t *out, size_t max, const dedup_t *dd, const dedup_sketch_t *s,
                       double min_sim);

/* Make room for about n_reports reports at once (a reload knows how
 * many are coming): no table regrows on the way, nor for the first
 * n_reports / 4 reports added after. 0 or SIFT_ENOMEM. */
int dedup_reserve(dedup_t *dd, size_t n_reports, sift_err_t *err);

/* Index report rid (> 0) with sketch s. 0 or SIFT_ENOMEM. */
int dedup_insert(dedup_t *dd, uint32_t rid, const dedup_sketch_t *s, sift_err_t *err);

/* Fingerprint of paragraph toks[from..to), or 0 when it is too short to
 * count as a copy (DEDUP_PARA_MIN_WORDS). */
uint64_t dedup_para_fp(const dedup_t *dd, const text_doc_t *d, size_t from, size_t to);

/* Start loading the table slots that dedup_para_find() and
 * dedup_para_insert() read for fp, and return at once: a report's
 * fingerprints prefetched together, then looked up, overlap their cache
 * misses (the table is 50 MB and more at a million reports). */
void dedup_para_prefetch(const dedup_t *dd, uint64_t fp);

/* Reports indexed with paragraph fingerprint fp, earliest first; at most
 * max. Returns how many. */
size_t dedup_para_find(uint32_t *out, size_t max, const dedup_t *dd, uint64_t fp);

/* Index paragraph fingerprint fp (not 0) of report rid. */
int dedup_para_insert(dedup_t *dd, uint64_t fp, uint32_t rid, sift_err_t *err);

/* Bytes the indexes hold in memory (for benchmarks). */
size_t dedup_mem_bytes(const dedup_t *dd);

#endif
