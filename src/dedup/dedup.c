/* dedup/dedup.c: MinHash sketches by one-permutation hashing (each
 * shingle hashed once, its hash picks a bin and the bin keeps its
 * minimum; empty bins borrow from the next full one), an LSH band table
 * and a paragraph table as open-addressing multimaps. Both tables are
 * sized by a target load, not to powers of two (the home slot of a key
 * is its hash scaled to the table's size, "fastrange"), so their load
 * stays between 0.53 and 0.8 at every size. A paragraph entry is 64 bits
 * (32 bits of key, 32 bits of report id). A band slot is 32 bits: the
 * report id and a 5-bit tag of the band's hash; the band itself (its
 * three bins) is read from the report's sketch, which is kept anyway to
 * score candidates, when the tag matches, and the band table is rebuilt
 * from the sketches when it grows. A report's 21 band slots are
 * prefetched before they are probed, and the sketches of their tag
 * matches before they are checked, so the cache misses overlap
 * (docs/internals/dedup.md). */
#include "dedup.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>

#include "util/err.h"
#include "util/hash.h"

/* Shingles hashed per report at most: the first 20,000 words decide. */
#define MAX_SHINGLES 20000

/* A band slot: rid << TAG_BITS | tag, TAG_BITS of the band's hash. */
#define TAG_BITS 5
#define TAG_MASK ((1U << TAG_BITS) - 1)
#define MAX_RID  ((1U << (32 - TAG_BITS)) - 1)

/* Tag matches kept per band of a lookup before their keys are checked:
 * twice the candidates a band may give, so that false tags (1 in 32 of
 * the other slots a probe passes) cannot push out a true match. */
#define HITS_PER_BAND ((size_t)2 * DEDUP_MAX_CANDIDATES)

/* Table loads: a table grows by half when an entry would take it past
 * 0.8 (to 0.53), so the load is 0.53-0.8, 0.67 on average; linear
 * probing at 0.8 scans about 13 slots (52 bytes of band slots: one or
 * two cache lines) for a key that is not there. */
#define LOAD_MAX_NUM 4
#define LOAD_MAX_DEN 5
#define TAB_MIN_CAP  1024
/* A home slot is (hash >> 32) * cap >> 32: caps stay below 2^32. */
#define TAB_MAX_CAP 0xffffffffULL

/* Sketch rows are kept in chunks of 2^SK_CHUNK_BITS reports (512 KB),
 * 64-byte aligned: a row is two whole cache lines, the index grows
 * without copying what it holds, and at most one chunk is unused. */
#define SK_CHUNK_BITS 12
#define SK_CHUNK      ((size_t)1 << SK_CHUNK_BITS)

/* A zeroed table of n bytes, on huge pages when it is large (Linux,
 * transparent huge pages in "madvise" mode; elsewhere the advice is
 * left out). Probes land on random slots of tables of 100 MB and more
 * at a million reports: with 4 KB pages nearly every probe is a TLB
 * miss too, with 2 MB pages few are. Free with free(). */
#define HUGE_MIN ((size_t)4 << 20)
static void *table_alloc(size_t n)
{
    void *p = calloc(1, n);
#ifdef MADV_HUGEPAGE
    if (p && n >= HUGE_MIN) {
        uintptr_t b = ((uintptr_t)p + 4095) & ~(uintptr_t)4095;
        uintptr_t e = ((uintptr_t)p + n) & ~(uintptr_t)4095;
        (void)madvise((void *)b, e - b, MADV_HUGEPAGE);
    }
#endif
    return p;
}

typedef struct tab {
    uint64_t *slot; /* key << 32 | rid; 0 = empty */
    size_t cap;
    size_t n;
} tab_t;

/* The band table: slots of 4 bytes, the report id and 5 bits of the
 * band's hash (TAG_BITS). The band itself (its three bins) is not
 * stored: a probe passes a slot whose tag differs (31 in 32) without
 * reading the report's sketch, and checks the others on it. */
typedef struct btab {
    uint32_t *slot; /* rid << TAG_BITS | tag; 0 = empty */
    size_t cap;
    size_t n;
} btab_t;

typedef uint16_t bins_t[DEDUP_BINS];

struct dedup {
    uint64_t seed;
    btab_t bands;
    tab_t paras;
    uint16_t **chunk; /* by rid >> SK_CHUNK_BITS: SK_CHUNK sketches of
                         DEDUP_BINS bins, of indexed reports */
    size_t n_chunks;
    uint64_t *has;   /* by rid, one bit: indexed (a rid is indexed once) */
    size_t n_sketch; /* rids below this have a row: n_chunks * SK_CHUNK */
};

static const uint16_t *row_of(const dedup_t *dd, uint32_t rid)
{
    return dd->chunk[rid >> SK_CHUNK_BITS] + (rid & (SK_CHUNK - 1)) * DEDUP_BINS;
}

static int is_indexed(const dedup_t *dd, uint32_t rid)
{
    return rid < dd->n_sketch && (dd->has[rid / 64] >> (rid % 64) & 1);
}

/* Home slot of a hash in a table of cap slots (cap < 2^32). */
static size_t home_of(uint64_t h, size_t cap)
{
    return (size_t)(((h >> 32) * (uint64_t)cap) >> 32);
}

/* The capacity a table of n entries grows to: half as large again, and
 * at least enough for min_n entries at the target load. 0: too large. */
static size_t grown_cap(size_t cap, size_t min_n)
{
    size_t want = cap ? cap + cap / 2 : TAB_MIN_CAP;
    size_t need = min_n / LOAD_MAX_NUM * LOAD_MAX_DEN + LOAD_MAX_DEN;
    if (want < need) {
        want = need;
    }
    if (want > TAB_MAX_CAP) {
        want = need > TAB_MAX_CAP ? 0 : TAB_MAX_CAP;
    }
    return want;
}

/* Would one more entry take a table of n entries past the target load? */
static int tab_full(size_t n, size_t cap)
{
    return (n + 1) * LOAD_MAX_DEN > cap * LOAD_MAX_NUM;
}

/* Home hash of a paragraph key: keys are hash bits already. */
static uint64_t para_hash(uint32_t key)
{
    return (uint64_t)key << 32;
}

/* Regrow to a capacity for at least min_n entries, rehashing. */
static int tab_grow(tab_t *t, size_t min_n)
{
    size_t cap = grown_cap(t->cap, min_n);
    uint64_t *slot = cap ? table_alloc(cap * sizeof(*slot)) : NULL;
    if (!slot) {
        return SIFT_ENOMEM;
    }
    for (size_t i = 0; i < t->cap; i++) {
        uint64_t e = t->slot[i];
        if (e) {
            size_t j = home_of(para_hash((uint32_t)(e >> 32)), cap);
            while (slot[j]) {
                j = j + 1 == cap ? 0 : j + 1;
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
    if (tab_full(t->n, t->cap) && tab_grow(t, t->n + 1)) {
        return SIFT_ENOMEM;
    }
    uint64_t e = (uint64_t)key << 32 | rid;
    size_t j = home_of(para_hash(key), t->cap);
    while (t->slot[j]) {
        if (t->slot[j] == e) {
            return 0;
        }
        j = j + 1 == t->cap ? 0 : j + 1;
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
    size_t j = home_of(para_hash(key), t->cap);
    while (t->slot[j] && n < max) {
        if ((uint32_t)(t->slot[j] >> 32) == key) {
            out[n++] = (uint32_t)t->slot[j];
        }
        j = j + 1 == t->cap ? 0 : j + 1;
    }
    return n;
}

_Static_assert(DEDUP_ROWS == 3, "a band packs into 48 bits");

/* Hash of band `band` of a sketch: its three 16-bit bins and the band
 * number packed into 64 bits and mixed once (a bijection, so two bands
 * hash alike only when they are equal). */
static uint64_t band_hash(const uint16_t *bin, size_t band)
{
    const uint16_t *b = bin + band * DEDUP_ROWS;
    uint64_t x =
        (uint64_t)b[0] | (uint64_t)b[1] << 16 | (uint64_t)b[2] << 32 | (uint64_t)(band + 1) << 48;
    return hash_mix64(x ^ 0x6a09e667f3bcc908ULL);
}

/* Do two sketches agree on band `band`? */
static int band_equal(const uint16_t *a, const uint16_t *b, size_t band)
{
    return memcmp(a + band * DEDUP_ROWS, b + band * DEDUP_ROWS, DEDUP_ROWS * sizeof(*a)) == 0;
}

/* Put report rid's band of hash h in a band table known to have room. */
static void btab_place(uint32_t *slot, size_t cap, uint32_t rid, uint64_t h)
{
    size_t j = home_of(h, cap);
    while (slot[j]) {
        j = j + 1 == cap ? 0 : j + 1;
    }
    slot[j] = rid << TAG_BITS | ((uint32_t)h & TAG_MASK);
}

/* Regrow the band table for at least min_n entries. The entries are put
 * back report by report from the sketches (read in order, not at random
 * as a pass over the old slots would). */
static int btab_grow(dedup_t *dd, size_t min_n)
{
    btab_t *t = &dd->bands;
    size_t cap = grown_cap(t->cap, min_n);
    uint32_t *slot = cap ? table_alloc(cap * sizeof(*slot)) : NULL;
    if (!slot) {
        return SIFT_ENOMEM;
    }
    for (size_t w = 0; w < (dd->n_sketch + 63) / 64; w++) {
        for (uint64_t bits = dd->has[w]; bits; bits &= bits - 1) {
            uint32_t rid = (uint32_t)(w * 64 + (size_t)__builtin_ctzll(bits));
            const uint16_t *bin = row_of(dd, rid);
            uint64_t h[DEDUP_BANDS];
            for (size_t band = 0; band < DEDUP_BANDS; band++) {
                h[band] = band_hash(bin, band);
                __builtin_prefetch(slot + home_of(h[band], cap), 1);
            }
            for (size_t band = 0; band < DEDUP_BANDS; band++) {
                btab_place(slot, cap, rid, h[band]);
            }
        }
    }
    free(t->slot);
    t->slot = slot;
    t->cap = cap;
    return 0;
}

/* Start loading the home slots of a sketch's bands; their hashes to h. */
static void btab_prefetch(uint64_t *h, const btab_t *t, const uint16_t *bin)
{
    for (size_t band = 0; band < DEDUP_BANDS; band++) {
        h[band] = band_hash(bin, band);
        if (t->cap) {
            __builtin_prefetch(t->slot + home_of(h[band], t->cap));
        }
    }
}

/* Reports whose slot under hash h has h's tag, at most max, in probe
 * order; the line of each one's sketch holding band `band` is fetched. */
static size_t btab_hits(uint32_t *out, size_t max, const dedup_t *dd, size_t band, uint64_t h)
{
    const btab_t *t = &dd->bands;
    if (!t->cap) {
        return 0;
    }
    size_t n = 0;
    uint32_t tag = (uint32_t)h & TAG_MASK;
    for (size_t j = home_of(h, t->cap); t->slot[j] && n < max; j = j + 1 == t->cap ? 0 : j + 1) {
        if ((t->slot[j] & TAG_MASK) == tag) {
            uint32_t rid = t->slot[j] >> TAG_BITS;
            const uint16_t *b = row_of(dd, rid) + band * DEDUP_ROWS;
            __builtin_prefetch(b);
            __builtin_prefetch(b + DEDUP_ROWS - 1);
            out[n++] = rid;
        }
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
    for (size_t c = 0; c < dd->n_chunks; c++) {
        free(dd->chunk[c]);
    }
    free(dd->chunk);
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
    /* First every band's tag matches, their sketch lines fetched as they
     * are found, then the bands checked on the sketches: the misses of a
     * report's 21 probes, and of its candidates, overlap. */
    uint64_t h[DEDUP_BANDS];
    btab_prefetch(h, &dd->bands, s->bin);
    uint32_t hit[DEDUP_BANDS][HITS_PER_BAND];
    size_t n_hit[DEDUP_BANDS];
    for (size_t band = 0; band < DEDUP_BANDS; band++) {
        n_hit[band] = btab_hits(hit[band], HITS_PER_BAND, dd, band, h[band]);
    }
    uint32_t cand[DEDUP_MAX_CANDIDATES];
    size_t n_cand = 0;
    for (size_t band = 0; band < DEDUP_BANDS && n_cand < DEDUP_MAX_CANDIDATES; band++) {
        size_t n = 0; /* of this band: at most DEDUP_MAX_CANDIDATES */
        for (size_t i = 0;
             i < n_hit[band] && n < DEDUP_MAX_CANDIDATES && n_cand < DEDUP_MAX_CANDIDATES; i++) {
            uint32_t rid = hit[band][i];
            if (!band_equal(row_of(dd, rid), s->bin, band)) {
                continue; /* a tag alike, not the band */
            }
            n++;
            size_t j = 0;
            while (j < n_cand && cand[j] != rid) {
                j++;
            }
            if (j == n_cand) {
                cand[n_cand++] = rid;
            }
        }
    }
    size_t n_out = 0;
    dedup_match_t all[DEDUP_MAX_CANDIDATES] = { { 0, 0.0 } };
    for (size_t i = 0; i < n_cand; i++) {
        /* a candidate is indexed, so its text was not empty */
        const uint16_t *bin = row_of(dd, cand[i]);
        int same = 0;
        for (size_t b = 0; b < DEDUP_BINS; b++) {
            same += s->bin[b] == bin[b];
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

/* Rows for sketches of report ids up to max_rid: whole chunks, zeroed,
 * and their bits in has. */
static int sketch_room(dedup_t *dd, size_t max_rid)
{
    if (max_rid < dd->n_sketch) {
        return 0;
    }
    size_t n_chunks = (max_rid >> SK_CHUNK_BITS) + 1;
    uint16_t **chunk = realloc(dd->chunk, n_chunks * sizeof(*chunk));
    if (!chunk) {
        return SIFT_ENOMEM;
    }
    dd->chunk = chunk;
    size_t old_words = dd->n_sketch / 64, n_words = n_chunks * SK_CHUNK / 64;
    uint64_t *has = realloc(dd->has, n_words * sizeof(*has));
    if (!has) {
        return SIFT_ENOMEM;
    }
    memset(has + old_words, 0, (n_words - old_words) * sizeof(*has));
    dd->has = has;
    while (dd->n_chunks < n_chunks) {
        size_t bytes = SK_CHUNK * sizeof(bins_t);
        uint16_t *c = aligned_alloc(64, bytes);
        if (!c) {
            return SIFT_ENOMEM;
        }
        /* rows are read only once written (has): no need to zero them */
        dd->chunk[dd->n_chunks++] = c;
        dd->n_sketch = dd->n_chunks * SK_CHUNK;
    }
    return 0;
}

int dedup_reserve(dedup_t *dd, size_t n_reports, sift_err_t *err)
{
    /* a quarter more band room than the reload needs: sized exactly, the
     * table would be at its full load and the first report added after a
     * reload would rehash every entry (a second at a million reports) */
    size_t want = (n_reports + n_reports / 4) * DEDUP_BANDS;
    int rc = sketch_room(dd, n_reports);
    if (rc == 0 && tab_full(want, dd->bands.cap)) {
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
    if (is_indexed(dd, rid)) {
        return 0; /* indexed already: its band entries hang on its sketch */
    }
    btab_t *t = &dd->bands;
    if (tab_full(t->n + DEDUP_BANDS - 1, t->cap) && btab_grow(dd, t->n + DEDUP_BANDS)) {
        return err_oom(err);
    }
    memcpy(dd->chunk[rid >> SK_CHUNK_BITS] + (rid & (SK_CHUNK - 1)) * DEDUP_BINS, s->bin,
           sizeof(bins_t));
    dd->has[rid / 64] |= 1ULL << (rid % 64);
    for (size_t band = 0; band < DEDUP_BANDS; band++) {
        btab_place(t->slot, t->cap, rid, band_hash(s->bin, band));
    }
    t->n += DEDUP_BANDS;
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

void dedup_para_prefetch(const dedup_t *dd, uint64_t fp)
{
    if (dd->paras.cap) {
        __builtin_prefetch(dd->paras.slot +
                           home_of(para_hash((uint32_t)(fp >> 32)), dd->paras.cap));
    }
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
    return dd->bands.cap * sizeof(*dd->bands.slot) + dd->paras.cap * sizeof(uint64_t) +
           dd->n_sketch * sizeof(bins_t) + dd->n_chunks * sizeof(*dd->chunk) +
           dd->n_sketch / 64 * sizeof(uint64_t);
}
