/* dedup/dedup.c: MinHash sketches by one-permutation hashing (each
 * shingle hashed once, its hash picks a bin and the bin keeps its
 * minimum; empty bins borrow from the next full one), an LSH band table
 * and a paragraph table as open-addressing multimaps. A paragraph entry
 * is 64 bits (32 bits of key, 32 bits of report id). A band entry is 32
 * bits, the report id and the band number, plus an 8-bit tag of its
 * key: the key is recomputed from the report's sketch, which is kept
 * anyway to score candidates, when the tag matches. The table holds 5/8
 * of the bytes with the same slots, probe order and matches as a table
 * of 64-bit entries (docs/internals/dedup.md). */
#include "dedup.h"

#include <stdlib.h>
#include <string.h>

#include "util/err.h"
#include "util/hash.h"

/* Shingles hashed per report at most: the first 20,000 words decide. */
#define MAX_SHINGLES 20000

/* A band entry: rid << BAND_BITS | band (DEDUP_BANDS <= 32). */
#define BAND_BITS 5
#define MAX_RID   ((1U << (32 - BAND_BITS)) - 1)
_Static_assert(DEDUP_BANDS <= 1 << BAND_BITS, "a band number fits in BAND_BITS");

typedef struct tab {
    uint64_t *slot; /* key << 32 | rid; 0 = empty */
    size_t cap;     /* power of two */
    size_t n;
} tab_t;

/* The band table: slots as in tab_t, of 5 bytes: a 32-bit entry and
 * the low 8 bits of its key, beside it so that one cache line read
 * serves a probe; a probe passes a slot whose tag differs without
 * reading the report's sketch (255 times in 256). */
#define BSLOT 5
typedef struct btab {
    unsigned char *slot; /* by slot: rid << BAND_BITS | band (0 = empty), tag */
    size_t cap;          /* power of two */
    size_t n;
} btab_t;

static uint32_t bslot_entry(const unsigned char *slot, size_t j)
{
    uint32_t e;
    memcpy(&e, slot + j * BSLOT, sizeof(e));
    return e;
}

static uint8_t bslot_tag(const unsigned char *slot, size_t j)
{
    return slot[j * BSLOT + 4];
}

static void bslot_set(unsigned char *slot, size_t j, uint32_t e, uint32_t key)
{
    memcpy(slot + j * BSLOT, &e, sizeof(e));
    slot[j * BSLOT + 4] = (uint8_t)key;
}

typedef uint16_t bins_t[DEDUP_BINS];

struct dedup {
    uint64_t seed;
    btab_t bands;
    tab_t paras;
    bins_t *bins;  /* by rid: the sketch of an indexed report */
    uint64_t *has; /* by rid, one bit: indexed (a rid is indexed once) */
    size_t n_sketch;
};

/* Grow to the next power of two (at least min_cap), rehashing. */
static int tab_grow(tab_t *t, size_t min_cap)
{
    size_t cap = t->cap ? t->cap * 2 : 1024;
    while (cap < min_cap) {
        cap *= 2;
    }
    uint64_t *slot = calloc(cap, sizeof(*slot));
    if (!slot) {
        return SIFT_ENOMEM;
    }
    for (size_t i = 0; i < t->cap; i++) {
        uint64_t e = t->slot[i];
        if (e) {
            size_t j = hash_mix64(e >> 32) & (cap - 1);
            while (slot[j]) {
                j = (j + 1) & (cap - 1);
            }
            slot[j] = e;
        }
    }
    free(t->slot);
    t->slot = slot;
    t->cap = cap;
    return 0;
}

static int tab_put(tab_t *t, uint32_t key, uint32_t rid)
{
    /* load at most 0.75: probe runs stay short */
    if ((t->n + 1) * 4 > t->cap * 3 && tab_grow(t, 0)) {
        return SIFT_ENOMEM;
    }
    uint64_t e = (uint64_t)key << 32 | rid;
    size_t j = hash_mix64(key) & (t->cap - 1);
    while (t->slot[j]) {
        if (t->slot[j] == e) {
            return 0;
        }
        j = (j + 1) & (t->cap - 1);
    }
    t->slot[j] = e;
    t->n++;
    return 0;
}

/* Report ids stored under key, at most max, in probe order. */
static size_t tab_get(uint32_t *out, size_t max, const tab_t *t, uint32_t key)
{
    if (!t->cap) {
        return 0;
    }
    size_t n = 0;
    size_t j = hash_mix64(key) & (t->cap - 1);
    while (t->slot[j] && n < max) {
        if ((uint32_t)(t->slot[j] >> 32) == key) {
            out[n++] = (uint32_t)t->slot[j];
        }
        j = (j + 1) & (t->cap - 1);
    }
    return n;
}

static uint32_t band_key_of(const uint16_t *bin, size_t band)
{
    uint64_t h = hash_mix64(band + 1);
    for (size_t r = 0; r < DEDUP_ROWS; r++) {
        h = hash_mix64(h ^ bin[band * DEDUP_ROWS + r]);
    }
    return (uint32_t)(h >> 32);
}

/* The key a band entry is stored under. */
static uint32_t entry_key(const dedup_t *dd, uint32_t e)
{
    return band_key_of(dd->bins[e >> BAND_BITS], e & ((1U << BAND_BITS) - 1));
}

/* btab versions of tab_grow, tab_put and tab_get: the same slots and
 * probes, the key of an entry being entry_key(). */
static int btab_grow(dedup_t *dd, size_t min_cap)
{
    btab_t *t = &dd->bands;
    size_t cap = t->cap ? t->cap * 2 : 1024;
    while (cap < min_cap) {
        cap *= 2;
    }
    unsigned char *slot = calloc(cap, BSLOT);
    if (!slot) {
        return SIFT_ENOMEM;
    }
    for (size_t i = 0; i < t->cap; i++) {
        uint32_t e = bslot_entry(t->slot, i);
        if (e) {
            uint32_t key = entry_key(dd, e);
            size_t j = hash_mix64(key) & (cap - 1);
            while (bslot_entry(slot, j)) {
                j = (j + 1) & (cap - 1);
            }
            bslot_set(slot, j, e, key);
        }
    }
    free(t->slot);
    t->slot = slot;
    t->cap = cap;
    return 0;
}

static int btab_put(dedup_t *dd, uint32_t key, uint32_t rid, size_t band)
{
    btab_t *t = &dd->bands;
    if ((t->n + 1) * 4 > t->cap * 3 && btab_grow(dd, 0)) {
        return SIFT_ENOMEM;
    }
    size_t j = hash_mix64(key) & (t->cap - 1);
    for (uint32_t e = bslot_entry(t->slot, j); e; e = bslot_entry(t->slot, j)) {
        /* the same (key, rid) pair is there already */
        if (e >> BAND_BITS == rid && bslot_tag(t->slot, j) == (uint8_t)key &&
            entry_key(dd, e) == key) {
            return 0;
        }
        j = (j + 1) & (t->cap - 1);
    }
    bslot_set(t->slot, j, rid << BAND_BITS | (uint32_t)band, key);
    t->n++;
    return 0;
}

static size_t btab_get(uint32_t *out, size_t max, const dedup_t *dd, uint32_t key)
{
    const btab_t *t = &dd->bands;
    if (!t->cap) {
        return 0;
    }
    size_t n = 0;
    size_t j = hash_mix64(key) & (t->cap - 1);
    for (uint32_t e = bslot_entry(t->slot, j); e && n < max; e = bslot_entry(t->slot, j)) {
        if (bslot_tag(t->slot, j) == (uint8_t)key && entry_key(dd, e) == key) {
            out[n++] = e >> BAND_BITS;
        }
        j = (j + 1) & (t->cap - 1);
    }
    return n;
}

int dedup_new(dedup_t **out, uint64_t seed, sift_err_t *err)
{
    *out = calloc(1, sizeof(**out));
    if (!*out) {
        return err_oom(err);
    }
    (*out)->seed = seed;
    return 0;
}

void dedup_free(dedup_t *dd)
{
    if (!dd) {
        return;
    }
    free(dd->bands.slot);
    free(dd->paras.slot);
    free(dd->bins);
    free(dd->has);
    free(dd);
}

void dedup_sketch(dedup_sketch_t *out, const dedup_t *dd, const text_doc_t *d)
{
    uint64_t mins[DEDUP_BINS];
    for (size_t b = 0; b < DEDUP_BINS; b++) {
        mins[b] = UINT64_MAX;
    }
    size_t n_toks = d->n_toks;
    size_t n = 0;
    uint64_t seed = hash_mix64(dd->seed ^ 0xd3d0);
    for (size_t i = 0; i + 1 < n_toks && n < MAX_SHINGLES; i++, n++) {
        uint64_t h = hash_mix64(seed ^ d->toks[i].hash);
        h = hash_mix64(h ^ d->toks[i + 1].hash);
        size_t b = (size_t)(h >> 58); /* top 6 bits: the bin */
        uint64_t v = h & ((1ULL << 58) - 1);
        if (v < mins[b]) {
            mins[b] = v;
        }
    }
    if (n_toks == 1) {
        uint64_t h = hash_mix64(seed ^ d->toks[0].hash);
        mins[h >> 58] = h & ((1ULL << 58) - 1);
        n = 1;
    }
    out->n_shingles = (uint32_t)n;
    if (n == 0) {
        memset(out->bin, 0, sizeof(out->bin));
        return;
    }
    /* Densify: an empty bin takes the next full bin's minimum, rehashed
     * with the distance so that two sketches agree on it only when they
     * agree on the bin it came from. */
    for (size_t b = 0; b < DEDUP_BINS; b++) {
        uint64_t v = mins[b];
        size_t k = 0;
        while (v == UINT64_MAX) {
            k++;
            v = mins[(b + k) % DEDUP_BINS];
        }
        if (k) {
            v = hash_mix64(v ^ k);
        }
        out->bin[b] = (uint16_t)(hash_mix64(v ^ b) >> 48);
    }
}

double dedup_similarity(const dedup_sketch_t *a, const dedup_sketch_t *b)
{
    if (!a->n_shingles || !b->n_shingles) {
        return 0.0;
    }
    int same = 0;
    for (size_t i = 0; i < DEDUP_BINS; i++) {
        same += a->bin[i] == b->bin[i];
    }
    return (double)same / DEDUP_BINS;
}

static uint32_t band_key(const dedup_sketch_t *s, size_t band)
{
    return band_key_of(s->bin, band);
}

static int cmp_match(const void *pa, const void *pb)
{
    const dedup_match_t *a = pa, *b = pb;
    if (a->sim != b->sim) {
        return a->sim > b->sim ? -1 : 1;
    }
    return a->rid < b->rid ? -1 : (a->rid > b->rid);
}

size_t dedup_find_near(dedup_match_t *out, size_t max, const dedup_t *dd, const dedup_sketch_t *s,
                       double min_sim)
{
    if (!s->n_shingles) {
        return 0;
    }
    uint32_t cand[DEDUP_MAX_CANDIDATES];
    size_t n_cand = 0;
    for (size_t band = 0; band < DEDUP_BANDS && n_cand < DEDUP_MAX_CANDIDATES; band++) {
        uint32_t got[DEDUP_MAX_CANDIDATES];
        size_t n = btab_get(got, DEDUP_MAX_CANDIDATES, dd, band_key(s, band));
        for (size_t i = 0; i < n && n_cand < DEDUP_MAX_CANDIDATES; i++) {
            size_t j = 0;
            while (j < n_cand && cand[j] != got[i]) {
                j++;
            }
            if (j == n_cand) {
                cand[n_cand++] = got[i];
            }
        }
    }
    size_t n_out = 0;
    dedup_match_t all[DEDUP_MAX_CANDIDATES] = { { 0, 0.0 } };
    for (size_t i = 0; i < n_cand; i++) {
        if (cand[i] >= dd->n_sketch) {
            continue;
        }
        /* a candidate is indexed, so its text was not empty */
        int same = 0;
        for (size_t b = 0; b < DEDUP_BINS; b++) {
            same += s->bin[b] == dd->bins[cand[i]][b];
        }
        double sim = (double)same / DEDUP_BINS;
        if (sim >= min_sim) {
            all[n_out++] = (dedup_match_t){ cand[i], sim };
        }
    }
    qsort(all, n_out, sizeof(all[0]), cmp_match);
    if (n_out > max) {
        n_out = max;
    }
    memcpy(out, all, n_out * sizeof(all[0]));
    return n_out;
}

/* Room for sketches of report ids up to max_rid: a quarter more than
 * asked (not the next power of two), so at most a fifth is unused. */
static int sketch_room(dedup_t *dd, size_t max_rid)
{
    if (max_rid < dd->n_sketch) {
        return 0;
    }
    size_t n = max_rid + max_rid / 4 + 1024;
    size_t n_words = (n + 63) / 64, old_words = (dd->n_sketch + 63) / 64;
    bins_t *p = realloc(dd->bins, n * sizeof(*p));
    if (p) {
        dd->bins = p; /* grown: kept even if has fails below */
    }
    uint64_t *h = p ? realloc(dd->has, n_words * sizeof(*h)) : NULL;
    if (!h) {
        return SIFT_ENOMEM;
    }
    memset(p + dd->n_sketch, 0, (n - dd->n_sketch) * sizeof(*p));
    memset(h + old_words, 0, (n_words - old_words) * sizeof(*h));
    dd->has = h;
    dd->n_sketch = n;
    return 0;
}

int dedup_reserve(dedup_t *dd, size_t n_reports, sift_err_t *err)
{
    size_t want = n_reports * DEDUP_BANDS * 4 / 3 + 1;
    int rc = sketch_room(dd, n_reports);
    if (rc == 0 && want > dd->bands.cap) {
        rc = btab_grow(dd, want);
    }
    return rc ? err_oom(err) : 0;
}

int dedup_insert(dedup_t *dd, uint32_t rid, const dedup_sketch_t *s, sift_err_t *err)
{
    if (rid == 0 || !s->n_shingles) {
        return 0;
    }
    if (rid > MAX_RID) {
        return err_set(err, SIFT_ELIMIT, NULL, SIFT_NOPOS, 0,
                       "too many reports for the copy index (%u at most)", MAX_RID);
    }
    if (sketch_room(dd, rid)) {
        return err_oom(err);
    }
    if (dd->has[rid / 64] >> (rid % 64) & 1) {
        return 0; /* indexed already: its band entries hang on its sketch */
    }
    memcpy(dd->bins[rid], s->bin, sizeof(dd->bins[rid]));
    dd->has[rid / 64] |= 1ULL << (rid % 64);
    for (size_t band = 0; band < DEDUP_BANDS; band++) {
        if (btab_put(dd, band_key(s, band), rid, band)) {
            return err_oom(err);
        }
    }
    return 0;
}

uint64_t dedup_para_fp(const dedup_t *dd, const text_doc_t *d, size_t from, size_t to)
{
    if (to > d->n_toks || to < from || to - from < DEDUP_PARA_MIN_WORDS) {
        return 0;
    }
    uint64_t h = hash_mix64(dd->seed ^ 0x9a4a);
    for (size_t i = from; i < to; i++) {
        h = hash_mix64(h ^ d->toks[i].hash);
    }
    return h ? h : 1;
}

size_t dedup_para_find(uint32_t *out, size_t max, const dedup_t *dd, uint64_t fp)
{
    size_t n = tab_get(out, max, &dd->paras, (uint32_t)(fp >> 32));
    /* probe order is not add order: sort so the earliest comes first */
    for (size_t i = 1; i < n; i++) {
        uint32_t v = out[i];
        size_t j = i;
        while (j > 0 && out[j - 1] > v) {
            out[j] = out[j - 1];
            j--;
        }
        out[j] = v;
    }
    return n;
}

int dedup_para_insert(dedup_t *dd, uint64_t fp, uint32_t rid, sift_err_t *err)
{
    if (tab_put(&dd->paras, (uint32_t)(fp >> 32), rid)) {
        return err_oom(err);
    }
    return 0;
}

size_t dedup_mem_bytes(const dedup_t *dd)
{
    return dd->bands.cap * BSLOT + dd->paras.cap * sizeof(uint64_t) +
           dd->n_sketch * sizeof(bins_t) + (dd->n_sketch + 63) / 64 * sizeof(uint64_t);
}
