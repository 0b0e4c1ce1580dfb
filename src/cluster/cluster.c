/* cluster/cluster.c: single-pass clustering. Each report becomes a
 * sparse vector (TF-IDF over stems, plus a separate part for capitalised
 * names), is scored against the centroids of the events its top terms
 * index, and joins the best one above a threshold or starts a new event;
 * a new event then looks for a storyline the same way. Centroids are
 * sums of member vectors cut to their heaviest terms, kept sorted by
 * term number so a dot product is one merge. */
#include "cluster.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "util/day.h"
#include "util/err.h"
#include "util/hash.h"

/* Terms and names kept of one report: enough to describe it, small
 * enough that scoring a candidate is a short merge. 48 terms: the same
 * ECB+ B3 F1 as 64 (0.849 / 0.892 vs 0.848 / 0.892) in three quarters
 * of the index; 40 and 32 lose event F1 (0.838, 0.829), see
 * docs/bench/clusters-quality.md. */
#define DOC_TERMS 48
#define DOC_NAMES 16
/* Body sentences whose words count twice, like a title's: 2 gave ECB+
 * B3 F1 0.860 / 0.906 (events / storylines) against 0.849 / 0.892 with
 * none; 1: 0.851 / 0.894, 3: 0.857 / 0.896, 4: 0.860 / 0.898
 * (docs/bench/clusters-quality.md). */
#define LEAD_SENTS 2
/* Terms kept in a centroid: events grow slowly, storylines more. */
#define EVENT_TERMS     96
#define STORYLINE_TERMS 160
/* Index keys looked up and written per report. */
#define QUERY_TERMS 12
#define QUERY_NAMES 6
/* Clusters kept per index key, most recent last: a word in every report
 * ("government") points only at the latest clusters that use it. */
#define POSTING_MAX 48
/* Candidates scored per report at most: those sharing the most index
 * keys with it. */
#define MAX_CANDIDATES 64
/* Reports assumed seen before the first (see doc_vector). */
#define IDF_PRIOR_DOCS 50
/* Name keys differ from term keys in their lowest bit. */
#define NAME_BIT 1ULL

typedef struct entry {
    uint32_t term; /* vocabulary index */
    float w;
} entry_t;

typedef struct vec {
    entry_t *e; /* sorted by term */
    uint32_t n, cap;
    float norm_t, norm_n; /* L2 norms of the term and name parts */
} vec_t;

/* 96 bytes: the fields of one level only share their room, counts and
 * ids are 32 bits (ids are 32 bits in the postings already). */
typedef struct ccl {
    vec_t c;
    double label_score;
    int64_t label_rid;
    int64_t day_sum;
    union {
        struct {            /* storyline */
            uint32_t *kids; /* its events in memory */
            uint32_t n_kids, cap_kids;
        };
        struct {               /* event */
            int32_t text_max;  /* the latest day the texts of its undated
                                  members name (see TIME_AFTER) */
            int32_t lead_day;  /* the day its leads report (see lead_factor) */
            uint8_t lead_cert; /* lead_day was read from a text, not inferred */
        };
    };
    uint32_t parent;
    uint32_t n_reports;
    uint32_t n_dated;
    uint32_t id;   /* its id; 0: a free slot of the pool */
    uint32_t last; /* n_docs when it last gained a report (see is_retired) */
    int32_t day_min, day_max;
    uint8_t is_dirty;
    /* storyline: c is a shallow copy of its one event's centroid, whose
     * entries it borrows (see share_sync) */
    uint8_t is_shared;
} ccl_t;

typedef struct plist {
    uint32_t *ids; /* cluster ids, oldest first */
    uint32_t n, cap;
} plist_t;

/* The clusters in memory sit in a pool; ix maps an id to its slot. A
 * cluster merged away or retired (see is_retired) leaves the pool, so
 * memory follows the active clusters, plus 4 bytes an id. */
typedef struct level {
    uint32_t *ix;     /* by id - 1: pool index + 1; 0: not in memory */
    size_t n, cap_ix; /* ids given out (the last id is n) */
    ccl_t *pool;
    size_t n_pool, cap_pool;
    uint32_t *free_slots; /* pool indexes free for reuse */
    size_t n_free, cap_free;
    plist_t *post; /* by vocabulary index (allocated with the vocabulary) */
    int64_t *dirty;
    size_t n_dirty, cap_dirty;
    size_t max_terms;
    int is_event; /* events (else storylines): which part of ccl_t's union */
} level_t;

struct cluster {
    cluster_params_t p;
    /* vocabulary: open addressing from key to index */
    uint32_t *slot; /* index + 1; 0 = empty */
    size_t cap_slot;
    uint64_t *key;     /* by index */
    uint32_t *df;      /* by index */
    uint8_t *is_dirty; /* by index: df changed since the last save */
    float *scat;       /* by index: the report being added's weights, names
                          negated, 0 elsewhere (see similarity) */
    size_t n_terms, cap_terms;
    uint32_t *dirty_terms;
    size_t n_dirty_terms, cap_dirty_terms;
    int64_t n_docs;
    level_t ev, st;
    int64_t has_postings; /* the store holds the candidate index (else rebuilt) */
    int64_t day_newest;   /* the latest publication day seen (CLUSTER_NO_DAY: none) */
    int64_t n_scanned;    /* n_docs at the last retirement sweep */
};

void cluster_params_init(cluster_params_t *p)
{
    /* chosen on the ECB+ development topics, see docs/bench/clusters.md */
    p->event_min = 0.25;
    p->storyline_min = 0.18;
    p->name_weight = 0.3;
    p->storyline_name_weight = 0.3;
    p->storyline_merge = 0.15;
    p->event_merge = 0.45;
    p->event_days = 30.0;
    /* ECB+ events (subtopics) are covered over weeks: a month either way
     * costs nothing, and text tells happenings of one month apart */
    p->event_slack = 30.0;
    p->storyline_days = 60.0;
    p->numbers_as_names = 1;
    /* on: a date the text gives by itself, compared one way (after the
     * event's latest day), splits the seeds' July round from May without
     * costing ECB+ (0.8590 vs 0.8596 off, docs/bench/events-2.md); dates
     * lent by the storyline cost 0.02-0.06 (clusters-quality.md) */
    p->estimate_days = 1;
    /* lead days (docs/bench/events-3.md): two leads read from their
     * texts a week apart at most make a report twice as close to an
     * event (ECB+ events 0.8682 -> 0.8736); every way of letting lead
     * days split events cost ECB+ (0.824-0.871), whose events include
     * follow-ups days to years later, so none is on */
    p->lead_bonus_days = 7.0;
    p->lead_bonus = 2.0;
    p->lead_days = 1e9;
    p->lead_slack = 1e9;
    p->lead_decay = 3.0;
    p->lead_from_text = 0;
    /* retirement (docs/internals/clustering.md, "Memory"): see is_retired */
    p->retire_reports = 200000;
    p->retire_days = 120.0;
}

int cluster_new(cluster_t **out, const cluster_params_t *p, sift_err_t *err)
{
    *out = calloc(1, sizeof(**out));
    if (!*out) {
        return err_oom(err);
    }
    (*out)->p = *p;
    (*out)->ev.max_terms = EVENT_TERMS;
    (*out)->ev.is_event = 1;
    (*out)->st.max_terms = STORYLINE_TERMS;
    (*out)->day_newest = CLUSTER_NO_DAY;
    return 0;
}

static void level_release(level_t *lv, size_t n_terms)
{
    for (size_t i = 0; i < lv->n_pool; i++) {
        if (lv->pool[i].id && !lv->pool[i].is_shared) {
            free(lv->pool[i].c.e);
        }
        if (lv->pool[i].id && !lv->is_event) {
            free(lv->pool[i].kids);
        }
    }
    free(lv->pool);
    free(lv->ix);
    free(lv->free_slots);
    if (lv->post) {
        for (size_t i = 0; i < n_terms; i++) {
            free(lv->post[i].ids);
        }
    }
    free(lv->post);
    free(lv->dirty);
}

void cluster_free(cluster_t *cl)
{
    if (!cl) {
        return;
    }
    level_release(&cl->ev, cl->n_terms);
    level_release(&cl->st, cl->n_terms);
    free(cl->slot);
    free(cl->key);
    free(cl->df);
    free(cl->is_dirty);
    free(cl->scat);
    free(cl->dirty_terms);
    free(cl);
}

/* ---- dates ----------------------------------------------------------------- */

int32_t cluster_day(const char *date)
{
    if (!date || strlen(date) < 10 || date[4] != '-' || date[7] != '-') {
        return CLUSTER_NO_DAY;
    }
    int v[8];
    const int pos[8] = { 0, 1, 2, 3, 5, 6, 8, 9 };
    for (int i = 0; i < 8; i++) {
        char c = date[pos[i]];
        if (c < '0' || c > '9') {
            return CLUSTER_NO_DAY;
        }
        v[i] = c - '0';
    }
    int y = v[0] * 1000 + v[1] * 100 + v[2] * 10 + v[3];
    int m = v[4] * 10 + v[5];
    int d = v[6] * 10 + v[7];
    if (m < 1 || m > 12 || d < 1 || d > 31) {
        return CLUSTER_NO_DAY;
    }
    return (int32_t)day_from_civil(y, m, d);
}

void cluster_day_format(char *out, size_t out_len, int32_t day)
{
    if (day == CLUSTER_NO_DAY) {
        snprintf(out, out_len, "%s", "");
        return;
    }
    int64_t z = (int64_t)day + 719468;
    int64_t era = (z >= 0 ? z : z - 146096) / 146097;
    int64_t doe = z - era * 146097;
    int64_t yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
    int64_t y = yoe + era * 400;
    int64_t doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    int64_t mp = (5 * doy + 2) / 153;
    int64_t d = doy - (153 * mp + 2) / 5 + 1;
    int64_t m = mp + (mp < 10 ? 3 : -9);
    y += m <= 2;
    snprintf(out, out_len, "%04lld-%02lld-%02lld", (long long)y, (long long)m, (long long)d);
}

/* ---- vocabulary ------------------------------------------------------------ */

static int grow_array(void **p, size_t *cap, size_t need, size_t elem)
{
    if (need <= *cap) {
        return 0;
    }
    /* by half: the pools and the vocabulary's arrays are most of the
     * index, and doubling left up to half of them unused */
    size_t n = *cap ? *cap : 256;
    while (n < need) {
        n += n / 2;
    }
    void *q = realloc(*p, n * elem);
    if (!q) {
        return SIFT_ENOMEM;
    }
    memset((char *)q + *cap * elem, 0, (n - *cap) * elem);
    *p = q;
    *cap = n;
    return 0;
}

static int vocab_rehash(cluster_t *cl)
{
    size_t cap = cl->cap_slot ? cl->cap_slot * 2 : 4096;
    uint32_t *slot = calloc(cap, sizeof(*slot));
    if (!slot) {
        return SIFT_ENOMEM;
    }
    for (size_t i = 0; i < cl->n_terms; i++) {
        size_t j = hash_mix64(cl->key[i]) & (cap - 1);
        while (slot[j]) {
            j = (j + 1) & (cap - 1);
        }
        slot[j] = (uint32_t)i + 1;
    }
    free(cl->slot);
    cl->slot = slot;
    cl->cap_slot = cap;
    return 0;
}

/* Index of key, added (df 0) when new. -1 when out of memory. */
static int64_t vocab_get(cluster_t *cl, uint64_t key)
{
    if ((cl->n_terms + 1) * 2 > cl->cap_slot && vocab_rehash(cl)) {
        return -1;
    }
    size_t j = hash_mix64(key) & (cl->cap_slot - 1);
    while (cl->slot[j]) {
        uint32_t i = cl->slot[j] - 1;
        if (cl->key[i] == key) {
            return i;
        }
        j = (j + 1) & (cl->cap_slot - 1);
    }
    size_t cap = cl->cap_terms;
    if (cl->n_terms == cap) {
        size_t c1 = cap, c2 = cap, c3 = cap, c4 = cap;
        if (grow_array((void **)&cl->key, &c1, cap + 1, sizeof(uint64_t)) ||
            grow_array((void **)&cl->df, &c2, cap + 1, sizeof(uint32_t)) ||
            grow_array((void **)&cl->is_dirty, &c3, cap + 1, sizeof(uint8_t)) ||
            grow_array((void **)&cl->ev.post, &c4, cap + 1, sizeof(plist_t))) {
            return -1;
        }
        size_t c5 = cap, c6 = cap;
        if (grow_array((void **)&cl->st.post, &c5, cap + 1, sizeof(plist_t)) ||
            grow_array((void **)&cl->scat, &c6, cap + 1, sizeof(float))) {
            return -1;
        }
        cl->cap_terms = c1;
    }
    size_t i = cl->n_terms++;
    cl->key[i] = key;
    cl->df[i] = 0;
    cl->slot[j] = (uint32_t)i + 1;
    return (int64_t)i;
}

static int mark_term_dirty(cluster_t *cl, uint32_t t)
{
    if (cl->is_dirty[t]) {
        return 0;
    }
    if (grow_array((void **)&cl->dirty_terms, &cl->cap_dirty_terms, cl->n_dirty_terms + 1,
                   sizeof(uint32_t))) {
        return SIFT_ENOMEM;
    }
    cl->is_dirty[t] = 1;
    cl->dirty_terms[cl->n_dirty_terms++] = t;
    return 0;
}

/* ---- vectors --------------------------------------------------------------- */

static int is_name(const cluster_t *cl, uint32_t t)
{
    return (cl->key[t] & NAME_BIT) != 0;
}

static void vec_norms(const cluster_t *cl, vec_t *v)
{
    double nt = 0, nn = 0;
    for (uint32_t i = 0; i < v->n; i++) {
        double w = v->e[i].w;
        if (is_name(cl, v->e[i].term)) {
            nn += w * w;
        } else {
            nt += w * w;
        }
    }
    v->norm_t = (float)sqrt(nt);
    v->norm_n = (float)sqrt(nn);
}

/* ---- sorting ---------------------------------------------------------------- */

/* Entries and candidates are sorted as 64-bit keys that encode the
 * whole order (and the entry) by an LSD radix sort: glibc's qsort, a merge
 * sort calling a comparator through a pointer, was a ninth of `sift add`
 * (docs/bench/speed-2.md). Each order sorted here is total (terms and
 * cluster ids are unique within one sort), so the result is the one
 * qsort gave. */
#define SORT_SMALL 32

static void sort_u64(uint64_t *k, uint64_t *tmp, size_t n)
{
    size_t n_sorted = 1;
    while (n_sorted < n && k[n_sorted - 1] <= k[n_sorted]) {
        n_sorted++;
    }
    if (n_sorted >= n) {
        return; /* a reloaded centroid comes sorted already */
    }
    if (n <= SORT_SMALL) {
        for (size_t i = 1; i < n; i++) {
            uint64_t v = k[i];
            size_t j = i;
            while (j > 0 && k[j - 1] > v) {
                k[j] = k[j - 1];
                j--;
            }
            k[j] = v;
        }
        return;
    }
    /* the counts of all eight digits in one pass; a digit with one
     * value throughout (most high bytes) costs no pass */
    uint32_t count[8][256];
    memset(count, 0, sizeof(count));
    for (size_t i = 0; i < n; i++) {
        uint64_t v = k[i];
        for (unsigned d = 0; d < 8; d++) {
            count[d][(v >> (8 * d)) & 0xff]++;
        }
    }
    uint64_t *src = k, *dst = tmp;
    for (unsigned d = 0; d < 8; d++) {
        unsigned shift = 8 * d;
        uint32_t *c = count[d];
        if (c[(src[0] >> shift) & 0xff] == n) {
            continue;
        }
        uint32_t sum = 0;
        for (size_t b = 0; b < 256; b++) {
            uint32_t x = c[b];
            c[b] = sum;
            sum += x;
        }
        for (size_t i = 0; i < n; i++) {
            dst[c[(src[i] >> shift) & 0xff]++] = src[i];
        }
        uint64_t *t = src;
        src = dst;
        dst = t;
    }
    if (src != k) {
        memcpy(k, src, n * sizeof(uint64_t));
    }
}

/* Weights are positive (sums and products of positive TF-IDF values),
 * and positive floats order as their bit patterns. */
static uint32_t w_bits(float w)
{
    uint32_t b;
    memcpy(&b, &w, sizeof(b));
    return b;
}

static float bits_w(uint32_t b)
{
    float w;
    memcpy(&w, &b, sizeof(w));
    return w;
}

/* Key scratch for n entries (2n keys: keys and the sort's buffer):
 * stack (STACK_KEYS of them) when it fits, else the heap (NULL when
 * that fails). Give it back with keys_done. */
#define STACK_KEYS ((size_t)4 * STORYLINE_TERMS)

static uint64_t *keys_for(uint64_t *stack, size_t n)
{
    return 2 * n <= STACK_KEYS ? stack : malloc(2 * n * sizeof(uint64_t));
}

static void keys_done(uint64_t *k, const uint64_t *stack)
{
    if (k != stack) {
        free(k);
    }
}

/* Sort e[0..n) heaviest first, ties by term, or by term (by_term).
 * 0, or SIFT_ENOMEM when n is too large for the stack scratch and the
 * heap one cannot be allocated. */
static int sort_entries(entry_t *e, size_t n, int by_term)
{
    uint64_t stack[STACK_KEYS];
    uint64_t *k = keys_for(stack, n);
    if (!k) {
        return SIFT_ENOMEM;
    }
    for (size_t i = 0; i < n; i++) {
        k[i] = by_term ? (uint64_t)e[i].term << 32 | w_bits(e[i].w)
                       : (uint64_t)(UINT32_MAX - w_bits(e[i].w)) << 32 | e[i].term;
    }
    sort_u64(k, k + n, n);
    for (size_t i = 0; i < n; i++) {
        e[i] = by_term ? (entry_t){ (uint32_t)(k[i] >> 32), bits_w((uint32_t)k[i]) }
                       : (entry_t){ (uint32_t)k[i], bits_w(UINT32_MAX - (uint32_t)(k[i] >> 32)) };
    }
    keys_done(k, stack);
    return 0;
}

/* The key that orders entries heaviest first, ties by term. */
static uint64_t heavy_key(entry_t e)
{
    return (uint64_t)(UINT32_MAX - w_bits(e.w)) << 32 | e.term;
}

/* Rearrange k[0..n) so that its m smallest keys come first, in no order
 * (0 < m < n): quickselect, three-way around a median of three. An input
 * that takes more than 64 rounds is sorted instead (tmp holds n). */
static void select_u64(uint64_t *k, uint64_t *tmp, size_t n, size_t m)
{
    size_t lo = 0, hi = n;
    for (int round = 0; hi - lo > SORT_SMALL; round++) {
        if (round == 64) {
            break;
        }
        uint64_t a = k[lo], b = k[lo + (hi - lo) / 2], c = k[hi - 1];
        uint64_t p = a < b ? (b < c ? b : (a < c ? c : a)) : (a < c ? a : (b < c ? c : b));
        size_t lt = lo;
        for (size_t j = lo; j < hi; j++) {
            if (k[j] < p) {
                uint64_t t = k[lt];
                k[lt++] = k[j];
                k[j] = t;
            }
        }
        size_t eq = lt;
        for (size_t j = lt; j < hi; j++) {
            if (k[j] == p) {
                uint64_t t = k[eq];
                k[eq++] = k[j];
                k[j] = t;
            }
        }
        if (m <= lt) {
            hi = lt;
        } else if (m <= eq) {
            return;
        } else {
            lo = eq;
        }
    }
    sort_u64(k + lo, tmp, hi - lo);
}

/* Keep the max heaviest of e[0..*n) (ties by term) in their order; *n
 * becomes max when it was more. 0 or SIFT_ENOMEM. Picks the same entries
 * a full sort by weight would, without sorting them. */
static int keep_heaviest(entry_t *e, size_t *n, size_t max)
{
    if (*n <= max) {
        return 0;
    }
    uint64_t stack[STACK_KEYS];
    uint64_t *k = keys_for(stack, *n);
    if (!k) {
        return SIFT_ENOMEM;
    }
    for (size_t i = 0; i < *n; i++) {
        k[i] = heavy_key(e[i]);
    }
    uint64_t cut = 0;
    if (max > 0) {
        select_u64(k, k + *n, *n, max);
        for (size_t i = 0; i < max; i++) {
            cut = k[i] > cut ? k[i] : cut;
        }
    }
    size_t j = 0;
    for (size_t i = 0; i < *n && max > 0; i++) {
        if (heavy_key(e[i]) <= cut) {
            e[j++] = e[i];
        }
    }
    *n = j;
    keys_done(k, stack);
    return 0;
}

/* c += v, then keep the max heaviest entries. The sum is built in a
 * scratch array and the centroid reallocated to exactly what is kept:
 * most clusters stay small, and slack per centroid would be most of the
 * index (docs/bench/clusters-quality.md). */
static int vec_add(const cluster_t *cl, vec_t *c, const vec_t *v, size_t max)
{
    entry_t tmp[2 * STORYLINE_TERMS];
    entry_t *m = tmp;
    size_t need = (size_t)c->n + v->n;
    if (need > sizeof(tmp) / sizeof(tmp[0])) {
        m = malloc(need * sizeof(entry_t));
        if (!m) {
            return SIFT_ENOMEM;
        }
    }
    size_t i = 0, j = 0, k = 0;
    while (i < c->n || j < v->n) {
        if (j == v->n || (i < c->n && c->e[i].term < v->e[j].term)) {
            m[k++] = c->e[i++];
        } else if (i == c->n || v->e[j].term < c->e[i].term) {
            m[k++] = v->e[j++];
        } else {
            entry_t e = c->e[i++];
            e.w += v->e[j++].w;
            m[k++] = e;
        }
    }
    if (keep_heaviest(m, &k, max)) { /* m stays in term order */
        if (m != tmp) {
            free(m);
        }
        return SIFT_ENOMEM;
    }
    if (k != c->cap) {
        entry_t *e = realloc(c->e, (k ? k : 1) * sizeof(entry_t));
        if (!e) {
            if (m != tmp) {
                free(m);
            }
            return SIFT_ENOMEM;
        }
        c->e = e;
        c->cap = (uint32_t)k;
    }
    memcpy(c->e, m, k * sizeof(entry_t));
    c->n = (uint32_t)k;
    if (m != tmp) {
        free(m);
    }
    vec_norms(cl, c);
    return 0;
}

/* ---- the report's vector --------------------------------------------------- */

/* Count the report's term and name keys in acc, an open-addressing
 * table of cap slots (a power of two above twice the tokens, zeroed),
 * then pack the used slots to its front in slot order, which is the
 * order cluster_add meets them (new terms are numbered in it). Returns
 * how many. */
static size_t count_keys(cluster_key_t *acc, size_t cap, const cluster_params_t *p,
                         const text_doc_t *d, size_t n_title_blocks)
{
    size_t n_acc = 0;
    uint32_t title_end =
        n_title_blocks <= d->n_blocks ? d->block_start[n_title_blocks] : (uint32_t)d->n_toks;
    /* The lead (first LEAD_SENTS sentences of the body) says what
     * happened, where and when; later ones add background shared with
     * other happenings of the topic. */
    uint32_t lead_end = title_end < d->n_toks ? d->toks[title_end].sent + LEAD_SENTS : 0;
    /* A title in sentence case (most of its words lower case) names
     * things the way a body sentence does: its capitalised words count as
     * names (ECB+ events 0.8590 -> 0.8682, docs/bench/events-2.md); a
     * title-cased one says nothing */
    size_t n_title_words = 0, n_title_caps = 0;
    for (size_t i = 0; i < title_end && i < d->n_toks; i++) {
        if (!(d->toks[i].flags & (TEXT_TOK_STOP | TEXT_TOK_NUM))) {
            n_title_words++;
            n_title_caps += (d->toks[i].flags & TEXT_TOK_CAP) != 0;
        }
    }
    int is_title_cased = n_title_caps * 2 > n_title_words;
    for (size_t i = 0; i < d->n_toks; i++) {
        const text_tok_t *t = &d->toks[i];
        if (t->flags & TEXT_TOK_STOP) {
            continue;
        }
        int is_title = i < title_end;
        int is_lead = !is_title && t->sent < lead_end;
        uint64_t keys[2];
        int n_keys = 0;
        if (t->flags & TEXT_TOK_NUM) {
            /* a number (a toll, an age, a year, a score) is specific to
             * one happening: it goes with the names, not the topic */
            if (p->numbers_as_names) {
                keys[n_keys++] = t->hash | NAME_BIT;
            }
        } else {
            keys[n_keys++] = hash64(t->stem.ptr, t->stem.len, TEXT_HASH_SEED) & ~NAME_BIT;
            /* a capitalised word inside a sentence of the body is a name;
             * titles are title-cased and say nothing */
            if ((t->flags & TEXT_TOK_CAP) && !(t->flags & TEXT_TOK_SENT_START) &&
                (!is_title || !is_title_cased)) {
                keys[n_keys++] = t->hash | NAME_BIT;
            }
        }
        for (int k = 0; k < n_keys; k++) {
            size_t j = hash_mix64(keys[k]) & (cap - 1);
            while (acc[j].tf && acc[j].key != keys[k]) {
                j = (j + 1) & (cap - 1);
            }
            if (!acc[j].tf) {
                acc[j].key = keys[k];
                n_acc++;
            }
            /* a title or lead word counts twice */
            acc[j].tf += is_title || is_lead ? 2 : 1;
            acc[j].is_title |= (uint32_t)is_title;
        }
    }
    size_t n = 0;
    for (size_t j = 0; j < cap && n < n_acc; j++) {
        if (acc[j].tf) {
            acc[n++] = acc[j];
        }
    }
    return n;
}

/* Slots of count_keys' table for d. */
static size_t keys_cap(const text_doc_t *d)
{
    size_t cap = 64;
    while (cap < d->n_toks * 2 + 2) {
        cap *= 2;
    }
    return cap;
}

int cluster_terms_make(cluster_terms_t *out, arena_t *a, const cluster_params_t *p,
                       const text_doc_t *d, size_t n_title_blocks)
{
    size_t cap = keys_cap(d);
    out->n = 0;
    out->keys = arena_alloc(a, cap * sizeof(cluster_key_t));
    if (!out->keys) {
        return SIFT_ENOMEM;
    }
    memset(out->keys, 0, cap * sizeof(cluster_key_t));
    out->n = count_keys(out->keys, cap, p, d, n_title_blocks);
    return 0;
}

/* Turn the report's key counts (made now from its text unless made
 * already) into TF-IDF weights, keep the heaviest and normalise each
 * part. df is bumped once per distinct key. */
static int doc_vector(cluster_t *cl, const cluster_doc_t *doc, vec_t *out, uint32_t *title_terms,
                      size_t *n_title_terms)
{
    cluster_key_t *acc = NULL;
    const cluster_key_t *keys = doc->terms ? doc->terms->keys : NULL;
    size_t n_acc = doc->terms ? doc->terms->n : 0;
    entry_t *all = NULL;
    int rc = SIFT_ENOMEM;
    if (!doc->terms) {
        size_t cap = keys_cap(doc->text);
        acc = calloc(cap, sizeof(cluster_key_t));
        if (!acc) {
            goto out;
        }
        n_acc = count_keys(acc, cap, &cl->p, doc->text, doc->n_title_blocks);
        keys = acc;
    }
    all = malloc((n_acc + 1) * sizeof(entry_t));
    if (!all) {
        goto out;
    }
    cl->n_docs++;
    size_t n_all = 0;
    *n_title_terms = 0;
    for (size_t j = 0; j < n_acc; j++) {
        int64_t t = vocab_get(cl, keys[j].key);
        if (t < 0) {
            goto out;
        }
        cl->df[t]++;
        if (mark_term_dirty(cl, (uint32_t)t)) {
            goto out;
        }
        /* IDF as if IDF_PRIOR_DOCS earlier reports lacked every term: in a
         * young store the words its few reports share are not common
         * words, and must not weigh as if they were */
        double idf = log((double)(cl->n_docs + IDF_PRIOR_DOCS) / (double)cl->df[t]);
        double w = (1.0 + log((double)keys[j].tf)) * idf;
        all[n_all++] = (entry_t){ (uint32_t)t, (float)w };
        if (keys[j].is_title && !(keys[j].key & NAME_BIT) && *n_title_terms < DOC_TERMS) {
            title_terms[(*n_title_terms)++] = (uint32_t)t;
        }
    }
    /* only the heaviest DOC_NAMES names and DOC_TERMS terms are kept:
     * pick them, then sort those few heaviest first (the norms below
     * sum in that order) */
    size_t n_nm = 0;
    for (size_t i = 0; i < n_all; i++) {
        if (is_name(cl, all[i].term)) {
            entry_t t = all[n_nm];
            all[n_nm++] = all[i];
            all[i] = t;
        }
    }
    size_t names_end = n_nm, n_tm = n_all - n_nm;
    if (keep_heaviest(all, &n_nm, DOC_NAMES) || keep_heaviest(all + names_end, &n_tm, DOC_TERMS)) {
        goto out;
    }
    memmove(all + n_nm, all + names_end, n_tm * sizeof(entry_t));
    n_all = n_nm + n_tm;
    if (sort_entries(all, n_all, 0)) {
        goto out;
    }

    out->e = malloc((DOC_TERMS + DOC_NAMES) * sizeof(entry_t));
    if (!out->e) {
        goto out;
    }
    out->cap = DOC_TERMS + DOC_NAMES;
    size_t n_t = 0, n_n = 0;
    double st = 0, sn = 0;
    for (size_t i = 0; i < n_all; i++) {
        int nm = is_name(cl, all[i].term);
        if (nm && n_n < DOC_NAMES) {
            out->e[out->n++] = all[i];
            n_n++;
            sn += (double)all[i].w * all[i].w;
        } else if (!nm && n_t < DOC_TERMS) {
            out->e[out->n++] = all[i];
            n_t++;
            st += (double)all[i].w * all[i].w;
        }
    }
    st = st > 0 ? 1.0 / sqrt(st) : 0;
    sn = sn > 0 ? 1.0 / sqrt(sn) : 0;
    for (uint32_t i = 0; i < out->n; i++) {
        out->e[i].w = (float)(out->e[i].w * (is_name(cl, out->e[i].term) ? sn : st));
    }
    if (sort_entries(out->e, out->n, 1)) {
        goto out;
    }
    vec_norms(cl, out);
    rc = 0;
out:
    free(acc);
    free(all);
    return rc;
}

/* ---- levels ---------------------------------------------------------------- */

static ccl_t *level_at(const level_t *lv, int64_t id)
{
    return (id >= 1 && (size_t)id <= lv->n && lv->ix[id - 1]) ? &lv->pool[lv->ix[id - 1] - 1]
                                                              : NULL;
}

static int level_mark(level_t *lv, int64_t id)
{
    ccl_t *c = level_at(lv, id);
    if (!c || c->is_dirty) {
        return 0;
    }
    if (grow_array((void **)&lv->dirty, &lv->cap_dirty, lv->n_dirty + 1, sizeof(int64_t))) {
        return SIFT_ENOMEM;
    }
    c->is_dirty = 1;
    lv->dirty[lv->n_dirty++] = id;
    return 0;
}

/* Grow lv to n ids: ids of clusters merged away or retired are not in
 * memory, yet new clusters are numbered on from them. */
static int level_extend(level_t *lv, int64_t n)
{
    if ((int64_t)lv->n >= n) {
        return 0;
    }
    if (grow_array((void **)&lv->ix, &lv->cap_ix, (size_t)n, sizeof(uint32_t))) {
        return SIFT_ENOMEM;
    }
    lv->n = (size_t)n; /* grow_array zeroed the new entries */
    return 0;
}

/* A fresh cluster with id (not in memory yet), NULL when out of memory.
 * Pointers into the pool are valid until the next call. */
static ccl_t *level_put(level_t *lv, int64_t id, int64_t parent)
{
    if (level_extend(lv, id)) {
        return NULL;
    }
    size_t slot;
    if (lv->n_free) {
        slot = lv->free_slots[--lv->n_free];
    } else {
        if (grow_array((void **)&lv->pool, &lv->cap_pool, lv->n_pool + 1, sizeof(ccl_t))) {
            return NULL;
        }
        slot = lv->n_pool++;
    }
    lv->ix[id - 1] = (uint32_t)slot + 1;
    ccl_t *c = &lv->pool[slot];
    memset(c, 0, sizeof(*c));
    c->id = (uint32_t)id;
    c->parent = (uint32_t)parent;
    c->day_min = CLUSTER_NO_DAY;
    c->day_max = CLUSTER_NO_DAY;
    if (lv->is_event) {
        c->text_max = CLUSTER_NO_DAY;
        c->lead_day = CLUSTER_NO_DAY;
    }
    c->label_score = -1;
    return c;
}

static int64_t level_new(level_t *lv, int64_t parent)
{
    int64_t id = (int64_t)lv->n + 1;
    return level_put(lv, id, parent) ? id : -1;
}

/* ---- retirement ------------------------------------------------------------
 * A cluster that has gained no report for retire_reports reports, or for
 * a tenth of that when its latest publication day is more than
 * retire_days behind the latest day seen, is retired: candidate lookups
 * skip it and a copy of one of its reports no longer joins it (it stays
 * in the store and every listing unchanged). An event is retired with its
 * storyline. The rule is a function of the saved state (n_docs, each
 * cluster's last, day_newest), so a process that reloads the store (and
 * loads the active clusters only) decides exactly as the one that saved
 * it; when a retired cluster leaves memory (retire_sweep, after a save)
 * changes nothing. Why these bounds: docs/internals/clustering.md. */
static int retired_one(const cluster_t *cl, const ccl_t *c)
{
    int64_t k = cl->p.retire_reports;
    if (k <= 0) {
        return 0;
    }
    int64_t age = cl->n_docs - (int64_t)c->last;
    if (age > k) {
        return 1;
    }
    return cl->p.retire_days > 0 && age > k / 10 && c->n_dated > 0 &&
           cl->day_newest != CLUSTER_NO_DAY &&
           (double)(cl->day_newest - c->day_max) > cl->p.retire_days;
}

static int is_retired(const cluster_t *cl, const level_t *lv, const ccl_t *c)
{
    if (retired_one(cl, c)) {
        return 1;
    }
    if (lv != &cl->ev) {
        return 0;
    }
    const ccl_t *st = level_at(&cl->st, c->parent);
    return !st || retired_one(cl, st);
}

/* Take cluster c out of memory (its id stays given out). */
static int level_drop(level_t *lv, ccl_t *c)
{
    if (grow_array((void **)&lv->free_slots, &lv->cap_free, lv->n_free + 1, sizeof(uint32_t))) {
        return SIFT_ENOMEM;
    }
    if (!c->is_shared) {
        free(c->c.e);
    }
    if (!lv->is_event) {
        free(c->kids);
    }
    lv->ix[c->id - 1] = 0;
    lv->free_slots[lv->n_free++] = (uint32_t)(c - lv->pool);
    memset(c, 0, sizeof(*c));
    return 0;
}

static int post_add(plist_t *pl, uint32_t id)
{
    for (uint32_t i = pl->n; i > 0; i--) {
        if (pl->ids[i - 1] == id) {
            return 0;
        }
    }
    if (pl->n == pl->cap && pl->cap < POSTING_MAX) {
        /* most keys index a few clusters: grow 4, 8, ... up to the cap */
        uint32_t cap = pl->cap ? pl->cap * 2 : 4;
        cap = cap < POSTING_MAX ? cap : POSTING_MAX;
        uint32_t *ids = realloc(pl->ids, cap * sizeof(uint32_t));
        if (!ids) {
            return SIFT_ENOMEM;
        }
        pl->ids = ids;
        pl->cap = cap;
    }
    if (pl->n == POSTING_MAX) {
        memmove(pl->ids, pl->ids + 1, (POSTING_MAX - 1) * sizeof(uint32_t));
        pl->n--;
    }
    pl->ids[pl->n++] = id;
    return 0;
}

static int kid_add(ccl_t *st, uint32_t eid)
{
    if (st->n_kids == st->cap_kids) {
        /* most storylines hold one or two events: grow 2, 4, 8, ... (not
         * grow_array's 256 at first, a kilobyte a storyline) */
        uint32_t cap = st->cap_kids ? st->cap_kids * 2 : 2;
        uint32_t *kids = realloc(st->kids, cap * sizeof(uint32_t));
        if (!kids) {
            return SIFT_ENOMEM;
        }
        st->kids = kids;
        st->cap_kids = cap;
    }
    st->kids[st->n_kids++] = eid;
    return 0;
}

static void kid_remove(ccl_t *st, uint32_t eid)
{
    for (uint32_t i = 0; st && i < st->n_kids; i++) {
        if (st->kids[i] == eid) {
            st->kids[i] = st->kids[--st->n_kids];
            break;
        }
    }
}

/* A storyline of one event whose centroid was never cut holds the same
 * entries as that event: the sum of the same report vectors, under both
 * caps (EVENT_TERMS < STORYLINE_TERMS). Such a storyline borrows the
 * event's entries instead of a copy (most storylines have one event, and
 * their copies were a third of the index); it takes its own copy
 * (share_end) before the two could differ: a second event, a merge, or an
 * add that would cut the event's centroid. Results are the same either way. */
static int share_end(ccl_t *st)
{
    if (!st->is_shared) {
        return 0;
    }
    entry_t *e = malloc((st->c.n ? st->c.n : 1) * sizeof(entry_t));
    if (!e) {
        return SIFT_ENOMEM;
    }
    memcpy(e, st->c.e, st->c.n * sizeof(entry_t));
    st->c.e = e;
    st->c.cap = st->c.n;
    st->is_shared = 0;
    return 0;
}

/* Refresh a sharing storyline after its event's centroid changed. */
static void share_sync(cluster_t *cl, ccl_t *st)
{
    const ccl_t *ev = st->is_shared && st->n_kids == 1 ? level_at(&cl->ev, st->kids[0]) : NULL;
    if (ev) {
        st->c = ev->c;
    }
}

/* Entries in the sum of a and b. */
static size_t union_size(const vec_t *a, const vec_t *b)
{
    size_t i = 0, j = 0, n = 0;
    while (i < a->n || j < b->n) {
        if (j == b->n || (i < a->n && a->e[i].term < b->e[j].term)) {
            i++;
        } else if (i == a->n || b->e[j].term < a->e[i].term) {
            j++;
        } else {
            i++;
            j++;
        }
        n++;
    }
    return n;
}

/* Fold storyline victim into survivor: centroid, counts, dates, events
 * (each marked for saving with its new parent). The victim stays as an
 * empty slot that candidates skip. */
static int merge_storylines(cluster_t *cl, int64_t survivor, int64_t victim)
{
    ccl_t *s = level_at(&cl->st, survivor), *v = level_at(&cl->st, victim);
    if (share_end(s) || vec_add(cl, &s->c, &v->c, cl->st.max_terms) ||
        level_mark(&cl->st, survivor)) {
        return SIFT_ENOMEM;
    }
    s->n_reports += v->n_reports;
    if (v->n_dated) {
        s->day_min = s->n_dated && s->day_min < v->day_min ? s->day_min : v->day_min;
        s->day_max = s->n_dated && s->day_max > v->day_max ? s->day_max : v->day_max;
        s->day_sum += v->day_sum;
        s->n_dated += v->n_dated;
    }
    s->last = s->last > v->last ? s->last : v->last;
    /* its events in memory move here; those retired are moved in the
     * store (store_cl_merge_storyline) */
    for (uint32_t i = 0; i < v->n_kids; i++) {
        ccl_t *e = level_at(&cl->ev, v->kids[i]);
        if (!e || kid_add(s, v->kids[i]) || level_mark(&cl->ev, v->kids[i])) {
            return SIFT_ENOMEM;
        }
        e->parent = (uint32_t)survivor;
    }
    return level_drop(&cl->st, v);
}

/* Fold event victim into survivor (same storyline): centroid, counts,
 * dates, label; the victim leaves its storyline's list of events. */
static int merge_events(cluster_t *cl, int64_t survivor, int64_t victim)
{
    ccl_t *s = level_at(&cl->ev, survivor), *v = level_at(&cl->ev, victim);
    if (vec_add(cl, &s->c, &v->c, cl->ev.max_terms) || level_mark(&cl->ev, survivor)) {
        return SIFT_ENOMEM;
    }
    s->n_reports += v->n_reports;
    if (v->n_dated) {
        s->day_min = s->n_dated && s->day_min < v->day_min ? s->day_min : v->day_min;
        s->day_max = s->n_dated && s->day_max > v->day_max ? s->day_max : v->day_max;
        s->day_sum += v->day_sum;
        s->n_dated += v->n_dated;
    }
    if (v->text_max != CLUSTER_NO_DAY &&
        (s->text_max == CLUSTER_NO_DAY || v->text_max > s->text_max)) {
        s->text_max = v->text_max;
    }
    if (v->lead_day != CLUSTER_NO_DAY &&
        (s->lead_day == CLUSTER_NO_DAY || (v->lead_cert && !s->lead_cert))) {
        s->lead_day = v->lead_day;
        s->lead_cert = v->lead_cert;
    }
    s->last = s->last > v->last ? s->last : v->last;
    kid_remove(level_at(&cl->st, v->parent), (uint32_t)victim);
    return level_drop(&cl->ev, v);
}

/* The report's index keys: its heaviest terms and names. */
static size_t query_keys(uint32_t *out, const cluster_t *cl, const vec_t *v)
{
    entry_t tmp[DOC_TERMS + DOC_NAMES];
    memcpy(tmp, v->e, v->n * sizeof(entry_t));
    sort_entries(tmp, v->n, 0); /* cannot fail: fits the stack scratch */
    size_t n = 0, n_t = 0, n_n = 0;
    for (uint32_t i = 0; i < v->n; i++) {
        if (is_name(cl, tmp[i].term)) {
            if (n_n < QUERY_NAMES) {
                out[n++] = tmp[i].term;
                n_n++;
            }
        } else if (n_t < QUERY_TERMS) {
            out[n++] = tmp[i].term;
            n_t++;
        }
    }
    return n;
}

/* How a day is compared with a cluster's days (time_factor). */
enum {
    TIME_MEAN = 0,  /* distance to the mean day, less the slack */
    TIME_RANGE = 1, /* distance to the range of days */
    TIME_AFTER = 2  /* days after the latest day, less the slack: the day is
                       the latest date the text names, which a report about
                       an earlier happening may name too (background) */
};

static double time_factor(int32_t day, const ccl_t *c, double decay, double slack, int mode)
{
    if (mode == TIME_AFTER && day != CLUSTER_NO_DAY) {
        int32_t ref = c->text_max;
        if (c->n_dated && (ref == CLUSTER_NO_DAY || c->day_max > ref)) {
            ref = c->day_max;
        }
        if (ref == CLUSTER_NO_DAY) {
            return 1.0;
        }
        double d = day > ref + slack ? (double)day - ref - slack : 0.0;
        return exp(-d / decay);
    }
    if (day == CLUSTER_NO_DAY || c->n_dated == 0) {
        return 1.0;
    }
    double dist;
    if (mode == TIME_RANGE) {
        dist = day < c->day_min ? c->day_min - day : (day > c->day_max ? day - c->day_max : 0);
    } else {
        double mean = (double)c->day_sum / (double)c->n_dated;
        dist = fabs((double)day - mean);
        dist = dist > slack ? dist - slack : 0.0; /* a day either way is the same news */
    }
    return exp(-dist / decay);
}

/* ---- lead days -------------------------------------------------------------
 * Two reports of one happening report one day in their leads, even when
 * published days or weeks apart; successive happenings of one story
 * (talks on Friday, the Kremlin's remarks on Saturday) share their words
 * but not that day. An event keeps the lead day of its first member whose
 * lead names one, a day read from a text (certain) before an inferred one. */

/* The day m/d of a year from y_from to y_to that is nearest to anchor
 * (the earliest such on a tie). */
static int64_t nearest_md(int m, int d, int y_from, int y_to, int32_t anchor)
{
    int64_t best = CLUSTER_NO_DAY;
    for (int y = y_from; y <= y_to; y++) {
        int64_t day = day_from_civil(y, m, d);
        if (best == CLUSTER_NO_DAY || llabs(day - anchor) < llabs(best - anchor)) {
            best = day;
        }
    }
    return best;
}

/* The report's lead day, the parts its text leaves out taken from anchor
 * (a candidate event's lead day); CLUSTER_NO_DAY when it has none. */
static int32_t lead_resolve(const cluster_lead_t *ld, int32_t anchor)
{
    if (!ld || !ld->is_found) {
        return CLUSTER_NO_DAY;
    }
    if (ld->has_day) {
        return ld->day;
    }
    if (anchor == CLUSTER_NO_DAY) {
        return CLUSTER_NO_DAY;
    }
    int ay, am, ad;
    day_to_civil(anchor, &ay, &am, &ad);
    if (ld->m) {
        /* a day of a month: the nearest such day to the anchor */
        return (int32_t)nearest_md(ld->m, ld->d, ay - 1, ay + 1, anchor);
    }
    if (ld->wd > 6) {
        return CLUSTER_NO_DAY;
    }
    /* a weekday: the latest such before the future day the text names, or
     * on or before the anchor (0 = Monday; 1970-01-01 was a Thursday) */
    int64_t end = anchor;
    if (ld->bound_m) {
        int y_from = ld->bound_y ? ld->bound_y : ay - 1;
        int y_to = ld->bound_y ? ld->bound_y : ay + 1;
        end = nearest_md(ld->bound_m, ld->bound_d, y_from, y_to, anchor) - 1;
    }
    int64_t wd = ((end + 3) % 7 + 7) % 7;
    return (int32_t)(end - (wd - ld->wd + 7) % 7);
}

/* How much the lead days of a report and an event let it join: 1 when
 * they are close or either is unknown, less for each day beyond. */
static double lead_factor(const cluster_t *cl, const cluster_lead_t *ld, const ccl_t *c)
{
    if (!ld || !ld->is_found || c->lead_day == CLUSTER_NO_DAY || cl->p.lead_decay <= 0) {
        return 1.0;
    }
    if (!ld->has_day && !ld->m && !ld->bound_m) {
        return 1.0; /* a lone weekday comes out within a week of any anchor */
    }
    int32_t day = lead_resolve(ld, c->lead_day);
    if (day == CLUSTER_NO_DAY) {
        return 1.0;
    }
    double gap = fabs((double)day - (double)c->lead_day);
    int is_read = ld->has_day && ld->is_certain && c->lead_cert;
    if (is_read && gap <= cl->p.lead_bonus_days) {
        return cl->p.lead_bonus;
    }
    double tol = is_read ? cl->p.lead_days : cl->p.lead_slack;
    return gap > tol ? exp(-(gap - tol) / cl->p.lead_decay) : 1.0;
}

/* Give event c the report's lead day (resolved against anchor: a day
 * of the story it reads like) when it has none, or only an inferred one
 * and the report's is read. */
static void lead_join(ccl_t *c, const cluster_lead_t *ld, int32_t anchor)
{
    if (!ld || (!ld->has_day && !ld->m && !ld->bound_m)) {
        return; /* a lone weekday says nothing an anchor did not */
    }
    int32_t day = lead_resolve(ld, anchor);
    int cert = ld && ld->has_day && ld->is_certain;
    if (day != CLUSTER_NO_DAY && (c->lead_day == CLUSTER_NO_DAY || (cert && !c->lead_cert))) {
        c->lead_day = day;
        c->lead_cert = (uint8_t)cert;
    }
}

/* Similarity of the report (its weights scattered into cl->scat by
 * scatter(), names negated so one array serves both parts) to cluster
 * c: one pass over the centroid, no merge of sorted lists. */
static double similarity(const vec_t *v, const ccl_t *c, double name_weight, const cluster_t *cl)
{
    double dt = 0, dn = 0;
    const entry_t *e = c->c.e;
    for (uint32_t i = 0; i < c->c.n; i++) {
        double x = (double)cl->scat[e[i].term] * e[i].w;
        if (x >= 0) {
            dt += x;
        } else {
            dn -= x;
        }
    }
    double ct = c->c.norm_t > 0 ? dt / c->c.norm_t : 0;
    if (v->norm_n <= 0 || c->c.norm_n <= 0 || name_weight <= 0) {
        return ct;
    }
    double cn = dn / c->c.norm_n;
    return (1.0 - name_weight) * ct + name_weight * cn;
}

/* Put v's weights into the scatter arrays (is_set) or take them out. */
static void scatter(cluster_t *cl, const vec_t *v, int is_set)
{
    for (uint32_t i = 0; i < v->n; i++) {
        uint32_t t = v->e[i].term;
        float w = is_set ? v->e[i].w : 0.0f;
        cl->scat[t] = is_name(cl, t) ? -w : w;
    }
}

typedef struct cand {
    uint32_t id;
    uint32_t hits; /* index keys shared with the report */
} cand_t;

/* Best cluster of lv for v among those its keys index, other than
 * exclude; 0 when none. Only the MAX_SCORED clusters sharing the most
 * keys with the report are scored. */
static int64_t best_of(const cluster_t *cl, const level_t *lv, const vec_t *v, const uint32_t *keys,
                       size_t n_keys, int32_t day, double decay, int mode, double name_weight,
                       const cluster_lead_t *lead, int64_t exclude, double *out_sim)
{
    /* Count the keys each cluster shares with the report in a small
     * open-addressing table (ids are >= 1; 0 marks an empty slot). */
    enum { N_RAW = (QUERY_TERMS + QUERY_NAMES) * POSTING_MAX, N_SLOTS = 2048 };
    _Static_assert(N_SLOTS >= 2 * N_RAW, "candidate table at most half full");
    uint32_t slot[N_SLOTS];
    uint16_t at[N_SLOTS]; /* index in cand of the id in slot */
    memset(slot, 0, sizeof(slot));
    cand_t cand[N_RAW];
    size_t n_cand = 0;
    for (size_t k = 0; k < n_keys; k++) {
        const plist_t *pl = &lv->post[keys[k]];
        for (uint32_t i = 0; i < pl->n; i++) {
            uint32_t id = pl->ids[i];
            size_t j = (size_t)((id * 0x9e3779b1u) >> 21) & (N_SLOTS - 1);
            while (slot[j] && slot[j] != id) {
                j = (j + 1) & (N_SLOTS - 1);
            }
            if (slot[j]) {
                cand[at[j]].hits++;
            } else {
                slot[j] = id;
                at[j] = (uint16_t)n_cand;
                cand[n_cand++] = (cand_t){ id, 1 };
            }
        }
    }
    if (n_cand > MAX_CANDIDATES) {
        /* Keep the MAX_CANDIDATES sharing the most keys, then the newest:
         * find the fewest hits that still makes the cut, and pick among
         * the candidates with at least that many. */
        size_t n_with[QUERY_TERMS + QUERY_NAMES + 2] = { 0 };
        for (size_t i = 0; i < n_cand; i++) {
            n_with[cand[i].hits]++;
        }
        uint32_t min_hits = QUERY_TERMS + QUERY_NAMES + 1;
        size_t n_above = 0;
        while (min_hits > 1 && n_above + n_with[min_hits] < MAX_CANDIDATES) {
            n_above += n_with[min_hits];
            min_hits--;
        }
        uint64_t sel[N_RAW], tmp[N_RAW];
        size_t n_sel = 0;
        for (size_t i = 0; i < n_cand; i++) {
            if (cand[i].hits >= min_hits) {
                sel[n_sel++] =
                    (uint64_t)(UINT32_MAX - cand[i].hits) << 32 | (UINT32_MAX - cand[i].id);
            }
        }
        if (n_sel > MAX_CANDIDATES) {
            select_u64(sel, tmp, n_sel, MAX_CANDIDATES); /* the order does not matter */
        }
        n_cand = MAX_CANDIDATES;
        for (size_t i = 0; i < n_cand; i++) {
            cand[i] =
                (cand_t){ UINT32_MAX - (uint32_t)sel[i], UINT32_MAX - (uint32_t)(sel[i] >> 32) };
        }
    }
    int64_t best = 0;
    double best_sim = -1;
    for (size_t i = 0; i < n_cand; i++) {
        const ccl_t *c = level_at(lv, cand[i].id);
        if (!c || c->n_reports == 0 || cand[i].id == exclude || is_retired(cl, lv, c)) {
            continue; /* merged away, retired, or the caller's own */
        }
        double sim =
            similarity(v, c, name_weight, cl) * time_factor(day, c, decay, cl->p.event_slack, mode);
        if (lead) {
            sim *= lead_factor(cl, lead, c);
        }
        if (sim > best_sim || (sim == best_sim && cand[i].id < best)) {
            best_sim = sim;
            best = cand[i].id;
        }
    }
    *out_sim = best_sim;
    return best;
}

/* Add report vector v to cluster id of lv and index it under keys. */
static int join(cluster_t *cl, level_t *lv, int64_t id, const cluster_doc_t *doc, int32_t day,
                const vec_t *v, const uint32_t *keys, size_t n_keys, const uint32_t *title_terms,
                size_t n_title_terms)
{
    ccl_t *c = level_at(lv, id);
    if (c->is_shared) {
        share_sync(cl, c); /* its event took v already */
    } else if (vec_add(cl, &c->c, v, lv->max_terms)) {
        return SIFT_ENOMEM;
    }
    if (level_mark(lv, id)) {
        return SIFT_ENOMEM;
    }
    c->n_reports++;
    c->last = (uint32_t)cl->n_docs;
    if (day != CLUSTER_NO_DAY) {
        if (c->n_dated == 0 || day < c->day_min) {
            c->day_min = day;
        }
        if (c->n_dated == 0 || day > c->day_max) {
            c->day_max = day;
        }
        c->day_sum += day;
        c->n_dated++;
    }
    /* label: the title closest to the centroid so far */
    if (n_title_terms > 0 && c->c.norm_t > 0) {
        double score = 0;
        for (size_t i = 0; i < n_title_terms; i++) {
            for (uint32_t j = 0; j < c->c.n; j++) {
                if (c->c.e[j].term == title_terms[i]) {
                    score += c->c.e[j].w;
                    break;
                }
            }
        }
        score /= c->c.norm_t * sqrt((double)n_title_terms);
        if (score > c->label_score) {
            c->label_score = score;
            c->label_rid = doc->rid;
        }
    } else if (c->label_rid == 0) {
        c->label_rid = doc->rid;
        c->label_score = 0;
    }
    for (size_t k = 0; k < n_keys; k++) {
        if (post_add(&lv->post[keys[k]], (uint32_t)id)) {
            return SIFT_ENOMEM;
        }
    }
    return 0;
}

/* The day an undated report's text gives by itself (a date line, a date
 * with its year): CLUSTER_NO_DAY when it gives none. No anchor is lent:
 * a lone "on Saturday", or a bare "May 16" dated with the year of the
 * storyline the report reads like, comes out next to the day it is lent,
 * and on ECB+ that put reports of one happening next to the other
 * happening of their topic years later (docs/bench/events-2.md). */
static int estimate_day(const cluster_doc_t *doc, int32_t *out_day, sift_err_t *err)
{
    *out_day = CLUSTER_NO_DAY;
    return doc->estimate_day(doc->estimate_user, 0, CLUSTER_NO_DAY, out_day, err);
}

int cluster_add(cluster_t *cl, const cluster_doc_t *doc, cluster_result_t *out, sift_err_t *err)
{
    memset(out, 0, sizeof(*out));
    vec_t v;
    memset(&v, 0, sizeof(v));
    uint32_t title_terms[DOC_TERMS];
    size_t n_title_terms = 0;
    int rc = doc_vector(cl, doc, &v, title_terms, &n_title_terms);
    if (rc) {
        free(v.e);
        return err_set(err, rc, NULL, SIFT_NOPOS, 0, "out of memory");
    }
    scatter(cl, &v, 1);
    if (doc->day != CLUSTER_NO_DAY &&
        (cl->day_newest == CLUSTER_NO_DAY || doc->day > cl->day_newest)) {
        cl->day_newest = doc->day;
    }
    uint32_t keys[QUERY_TERMS + QUERY_NAMES];
    size_t n_keys = query_keys(keys, cl, &v);
    int32_t day = doc->day;
    int day_mode = TIME_MEAN;
    if (day == CLUSTER_NO_DAY && doc->estimate_day && cl->p.estimate_days) {
        rc = estimate_day(doc, &day, err);
        day_mode = TIME_AFTER;
        if (rc) {
            scatter(cl, &v, 0);
            free(v.e);
            return rc;
        }
    }
    /* an undated report whose lead names no day: the day its text gives
     * by itself stands in, inferred (the July round's photo caption) */
    cluster_lead_t text_lead;
    const cluster_lead_t *lead = doc->lead;
    if ((!lead || !lead->is_found) && day_mode == TIME_AFTER && day != CLUSTER_NO_DAY &&
        cl->p.lead_from_text) {
        memset(&text_lead, 0, sizeof(text_lead));
        text_lead.day = day;
        text_lead.is_found = text_lead.has_day = 1;
        text_lead.wd = 7;
        lead = &text_lead;
    }
    /* storylines span happenings: only a date the reader found counts */
    int32_t st_day = doc->day;
    double sim = 0;
    int64_t eid = 0;
    /* a copy goes where its original went */
    const ccl_t *orig = level_at(&cl->ev, doc->copy_of_event);
    if (orig && !is_retired(cl, &cl->ev, orig)) {
        eid = doc->copy_of_event;
        sim = similarity(&v, level_at(&cl->ev, eid), cl->p.name_weight, cl);
    }
    int64_t near_eid = 0; /* the closest event, even below event_min */
    if (!eid) {
        near_eid = best_of(cl, &cl->ev, &v, keys, n_keys, day, cl->p.event_days, day_mode,
                           cl->p.name_weight, lead, 0, &sim);
        if (near_eid && sim >= cl->p.event_min) {
            eid = near_eid;
        }
    }
    int64_t sid;
    if (eid) {
        sid = level_at(&cl->ev, eid)->parent;
    } else {
        /* A new event joins the storyline of the closest event or the
         * closest storyline centroid, whichever is more similar. */
        double ssim = 0;
        sid = best_of(cl, &cl->st, &v, keys, n_keys, st_day, cl->p.storyline_days, TIME_RANGE,
                      cl->p.storyline_name_weight, NULL, 0, &ssim);
        if (near_eid && sim > ssim) {
            sid = level_at(&cl->ev, near_eid)->parent;
            ssim = sim;
        }
        if (sid && ssim < cl->p.storyline_min) {
            sid = 0;
        }
        if (!sid) {
            sid = level_new(&cl->st, 0);
            out->is_new_storyline = 1;
            if (sid > 0) {
                level_at(&cl->st, sid)->is_shared = 1; /* both empty */
            }
        }
        eid = sid > 0 ? level_new(&cl->ev, sid) : -1;
        if (eid > 0 && kid_add(level_at(&cl->st, sid), (uint32_t)eid)) {
            eid = -1;
        }
        out->is_new_event = 1;
        sim = 1.0;
    }
    ccl_t *st = sid > 0 ? level_at(&cl->st, sid) : NULL;
    if (st && st->is_shared && eid > 0 &&
        (st->n_kids != 1 || st->kids[0] != (uint32_t)eid ||
         union_size(&level_at(&cl->ev, eid)->c, &v) > cl->ev.max_terms) &&
        share_end(st)) {
        eid = -1;
    }
    if (eid < 0 || sid < 0 ||
        join(cl, &cl->ev, eid, doc, day_mode == TIME_AFTER ? CLUSTER_NO_DAY : day, &v, keys, n_keys,
             title_terms, n_title_terms) ||
        join(cl, &cl->st, sid, doc, st_day, &v, keys, n_keys, title_terms, n_title_terms)) {
        scatter(cl, &v, 0);
        free(v.e);
        return err_oom(err);
    }
    {
        /* a new event's inferred lead day takes the year of the closest
         * event's (the story it reads like) */
        ccl_t *e = level_at(&cl->ev, eid);
        const ccl_t *anchor = level_at(&cl->ev, out->is_new_event ? near_eid : eid);
        lead_join(e, lead, anchor ? anchor->lead_day : CLUSTER_NO_DAY);
    }
    if (day_mode == TIME_AFTER && day != CLUSTER_NO_DAY) {
        ccl_t *e = level_at(&cl->ev, eid);
        if (e->text_max == CLUSTER_NO_DAY || day > e->text_max) {
            e->text_max = day;
        }
    }
    /* A report close to another storyline too shows the two are one:
     * merge them into the older, which single-pass clustering could not
     * see when their first reports came. */
    double msim = 0;
    int64_t other = best_of(cl, &cl->st, &v, keys, n_keys, st_day, cl->p.storyline_days, TIME_RANGE,
                            cl->p.storyline_name_weight, NULL, sid, &msim);
    if (other && msim >= cl->p.storyline_merge) {
        int64_t survivor = other < sid ? other : sid;
        int64_t victim = other < sid ? sid : other;
        if (merge_storylines(cl, survivor, victim)) {
            scatter(cl, &v, 0);
            free(v.e);
            return err_oom(err);
        }
        out->merged_storyline = victim;
        sid = survivor;
    }
    /* The same for two events of one storyline. */
    int64_t other_ev = best_of(cl, &cl->ev, &v, keys, n_keys, day, cl->p.event_days, day_mode,
                               cl->p.name_weight, lead, eid, &msim);
    if (other_ev && msim >= cl->p.event_merge && level_at(&cl->ev, other_ev)->parent == sid) {
        int64_t survivor = other_ev < eid ? other_ev : eid;
        int64_t victim = other_ev < eid ? eid : other_ev;
        if (merge_events(cl, survivor, victim)) {
            scatter(cl, &v, 0);
            free(v.e);
            return err_oom(err);
        }
        out->merged_event = victim;
        eid = survivor;
    }
    scatter(cl, &v, 0);
    free(v.e);
    out->eid = eid;
    out->sid = sid;
    out->sim = sim;
    return 0;
}

/* ---- persistence ------------------------------------------------------------ */

/* A centroid on disk: per entry the 64-bit key and the weight as a
 * 32-bit float, little-endian: 12 bytes. */
static unsigned char *pack(const cluster_t *cl, const vec_t *v, size_t *out_len)
{
    unsigned char *p = malloc((size_t)v->n * 12 + 1);
    if (!p) {
        return NULL;
    }
    for (uint32_t i = 0; i < v->n; i++) {
        uint64_t k = cl->key[v->e[i].term];
        uint32_t w;
        memcpy(&w, &v->e[i].w, 4);
        for (int b = 0; b < 8; b++) {
            p[i * 12 + (uint32_t)b] = (unsigned char)(k >> (8 * b));
        }
        for (int b = 0; b < 4; b++) {
            p[i * 12 + 8 + (uint32_t)b] = (unsigned char)(w >> (8 * b));
        }
    }
    *out_len = (size_t)v->n * 12;
    return p;
}

static int unpack(cluster_t *cl, vec_t *v, const unsigned char *p, size_t len)
{
    size_t n = len / 12;
    if (n > STORYLINE_TERMS) {
        n = STORYLINE_TERMS;
    }
    v->e = malloc((n ? n : 1) * sizeof(entry_t));
    if (!v->e) {
        return SIFT_ENOMEM;
    }
    v->cap = (uint32_t)n;
    v->n = 0;
    for (size_t i = 0; i < n; i++) {
        uint64_t k = 0;
        uint32_t w = 0;
        for (int b = 0; b < 8; b++) {
            k |= (uint64_t)p[i * 12 + (size_t)b] << (8 * b);
        }
        for (int b = 0; b < 4; b++) {
            w |= (uint32_t)p[i * 12 + 8 + (size_t)b] << (8 * b);
        }
        int64_t t = vocab_get(cl, k);
        if (t < 0) {
            return SIFT_ENOMEM;
        }
        float f;
        memcpy(&f, &w, 4);
        v->e[v->n++] = (entry_t){ (uint32_t)t, f };
    }
    if (sort_entries(v->e, v->n, 1)) {
        return SIFT_ENOMEM;
    }
    vec_norms(cl, v);
    return 0;
}

typedef struct load_ctx {
    cluster_t *cl;
    level_t *lv;
} load_ctx_t;

/* Postings on disk: cluster ids as 32-bit little-endian, oldest first. */
static unsigned char *pack_post(const plist_t *pl, unsigned char *buf, size_t *out_len)
{
    for (uint32_t i = 0; i < pl->n; i++) {
        for (int b = 0; b < 4; b++) {
            buf[i * 4 + (uint32_t)b] = (unsigned char)(pl->ids[i] >> (8 * b));
        }
    }
    *out_len = (size_t)pl->n * 4;
    return buf;
}

static int unpack_post(plist_t *pl, const unsigned char *p, size_t len)
{
    size_t n = len / 4;
    if (n > POSTING_MAX) {
        n = POSTING_MAX;
    }
    if (n > pl->cap) {
        /* the capacity post_add would have grown to, in one allocation */
        uint32_t cap = pl->cap ? pl->cap : 4;
        while (cap < n) {
            cap = cap * 2 < POSTING_MAX ? cap * 2 : POSTING_MAX;
        }
        uint32_t *ids = realloc(pl->ids, cap * sizeof(uint32_t));
        if (!ids) {
            return SIFT_ENOMEM;
        }
        pl->ids = ids;
        pl->cap = cap;
    }
    for (size_t i = 0; i < n; i++) {
        uint32_t id = (uint32_t)p[i * 4] | (uint32_t)p[i * 4 + 1] << 8 |
                      (uint32_t)p[i * 4 + 2] << 16 | (uint32_t)p[i * 4 + 3] << 24;
        if (post_add(pl, id)) {
            return SIFT_ENOMEM;
        }
    }
    return 0;
}

/* Terms come in vocabulary order (ix), so each gets back the index it
 * had in the process that saved it: centroids sorted by index, ties
 * between equal weights and the order of float sums all come out the
 * same as in that process. */
static int load_term(void *user, const store_cl_term_t *row)
{
    cluster_t *cl = user;
    int64_t t = vocab_get(cl, row->h);
    if (t < 0) {
        return SIFT_ENOMEM;
    }
    cl->df[t] = (uint32_t)row->df;
    if (cl->has_postings) {
        if (unpack_post(&cl->ev.post[t], row->ev_post, row->ev_len) ||
            unpack_post(&cl->st.post[t], row->st_post, row->st_len)) {
            return SIFT_ENOMEM;
        }
    }
    return 0;
}

static int load_row(void *user, const store_cl_row_t *row)
{
    load_ctx_t *lc = user;
    level_t *lv = lc->lv;
    cluster_t *cl = lc->cl;
    /* only the active clusters come back (see is_retired) */
    ccl_t probe;
    memset(&probe, 0, sizeof(probe));
    probe.parent = (uint32_t)row->parent;
    probe.last = (uint32_t)row->last;
    probe.n_dated = (uint32_t)row->n_dated;
    probe.day_max = row->day_max;
    if (row->id < 1 || row->id > UINT32_MAX || is_retired(cl, lv, &probe)) {
        return 0;
    }
    ccl_t *c = level_put(lv, row->id, row->parent);
    if (!c) {
        return SIFT_ENOMEM;
    }
    c->last = (uint32_t)row->last;
    c->n_reports = (uint32_t)row->n_reports;
    c->label_rid = row->label_rid;
    c->label_score = row->label_score;
    c->day_min = row->day_min;
    c->day_max = row->day_max;
    c->day_sum = row->day_sum;
    c->n_dated = (uint32_t)row->n_dated;
    if (lv->is_event) {
        c->text_max = row->text_max;
        c->lead_day = row->lead_day;
        c->lead_cert = (uint8_t)row->lead_cert;
    }
    if (unpack(lc->cl, &c->c, row->blob, row->blob_len)) {
        return SIFT_ENOMEM;
    }
    if (lv == &lc->cl->ev && kid_add(level_at(&lc->cl->st, row->parent), (uint32_t)row->id)) {
        return SIFT_ENOMEM;
    }
    if (lc->cl->has_postings) {
        return 0; /* the candidate index came with the terms */
    }
    /* a store from before the index was saved: index the cluster under
     * its heaviest terms and names */
    uint32_t keys[QUERY_TERMS + QUERY_NAMES];
    vec_t top = c->c;
    if (top.n > DOC_TERMS + DOC_NAMES) {
        top.n = DOC_TERMS + DOC_NAMES;
    }
    entry_t tmp[EVENT_TERMS + STORYLINE_TERMS];
    memcpy(tmp, c->c.e, c->c.n * sizeof(entry_t));
    sort_entries(tmp, c->c.n, 0); /* cannot fail: fits the stack scratch */
    top.e = tmp;
    size_t n_keys = query_keys(keys, lc->cl, &top);
    for (size_t k = 0; k < n_keys; k++) {
        if (post_add(&lv->post[keys[k]], (uint32_t)row->id)) {
            return SIFT_ENOMEM;
        }
    }
    return 0;
}

/* After a load each storyline has its own copy: one of a single event
 * with the same entries borrows them again, as it did before the save. */
static void share_after_load(cluster_t *cl)
{
    for (size_t i = 0; i < cl->st.n_pool; i++) {
        ccl_t *st = &cl->st.pool[i];
        const ccl_t *ev = st->id && st->n_kids == 1 ? level_at(&cl->ev, st->kids[0]) : NULL;
        if (!ev || st->is_shared || ev->c.n != st->c.n ||
            (st->c.n && memcmp(ev->c.e, st->c.e, st->c.n * sizeof(entry_t)) != 0)) {
            continue;
        }
        free(st->c.e);
        st->c = ev->c;
        st->is_shared = 1;
    }
}

int cluster_load(cluster_t *cl, store_cl_t *sc, sift_err_t *err)
{
    int64_t n_ev = 0, n_st = 0;
    int rc = store_cl_get_state(sc, "n_docs", &cl->n_docs, err);
    rc = rc ? rc : store_cl_get_state(sc, "n_events", &n_ev, err);
    rc = rc ? rc : store_cl_get_state(sc, "n_storylines", &n_st, err);
    rc = rc ? rc : store_cl_get_state(sc, "postings", &cl->has_postings, err);
    rc = rc ? rc : store_cl_get_state(sc, "day_newest", &cl->day_newest, err);
    rc = rc ? rc : store_cl_each_term(sc, load_term, cl, err);
    cl->n_scanned = cl->n_docs;
    /* clusters that gained a report in the last retire_reports: the
     * others are retired (load_row drops those retired by date) */
    int64_t min_last = cl->p.retire_reports > 0 ? cl->n_docs - cl->p.retire_reports : INT64_MIN;
    load_ctx_t lc = { cl, &cl->st };
    rc = rc ? rc : store_cl_each_storyline(sc, min_last, load_row, &lc, err);
    rc = rc ? rc : level_extend(&cl->st, n_st);
    lc.lv = &cl->ev;
    rc = rc ? rc : store_cl_each_event(sc, min_last, load_row, &lc, err);
    rc = rc ? rc : level_extend(&cl->ev, n_ev);
    if (rc == 0) {
        share_after_load(cl);
    }
    /* postings rebuilt for a store from before they were saved: save them
     * all at the next commit, so later loads read them */
    for (size_t t = 0; rc == 0 && !cl->has_postings && t < cl->n_terms; t++) {
        rc = mark_term_dirty(cl, (uint32_t)t);
    }
    if (rc == SIFT_ENOMEM) {
        err_set(err, rc, NULL, SIFT_NOPOS, 0, "out of memory");
    }
    return rc;
}

static int save_level(cluster_t *cl, level_t *lv, int is_event, store_cl_t *sc, sift_err_t *err)
{
    for (size_t i = 0; i < lv->n_dirty; i++) {
        int64_t id = lv->dirty[i];
        ccl_t *c = level_at(lv, id);
        if (!c) {
            continue; /* merged away: its row is deleted (store_cl_merge_*) */
        }
        size_t len = 0;
        unsigned char *blob = pack(cl, &c->c, &len);
        if (!blob) {
            return err_oom(err);
        }
        store_cl_row_t row = { id,
                               c->parent,
                               c->n_reports,
                               c->label_rid,
                               c->label_score,
                               c->day_min,
                               c->day_max,
                               c->day_sum,
                               c->n_dated,
                               blob,
                               len,
                               CLUSTER_NO_DAY,
                               CLUSTER_NO_DAY,
                               0,
                               c->last };
        if (is_event) {
            row.text_max = c->text_max;
            row.lead_day = c->lead_day;
            row.lead_cert = c->lead_cert;
        }
        int rc =
            is_event ? store_cl_put_event(sc, &row, err) : store_cl_put_storyline(sc, &row, err);
        free(blob);
        if (rc) {
            return rc;
        }
        c->is_dirty = 0;
    }
    lv->n_dirty = 0;
    return 0;
}

/* Take the retired clusters out of memory: all are saved (the caller
 * saved the dirty ones), and what the store holds of them is what they
 * were. Events first, so that a storyline that borrows its event's
 * entries takes a copy before they are freed. */
static int retire_sweep(cluster_t *cl)
{
    if (cl->p.retire_reports <= 0 || cl->n_docs == cl->n_scanned) {
        return 0;
    }
    cl->n_scanned = cl->n_docs;
    for (size_t i = 0; i < cl->ev.n_pool; i++) {
        ccl_t *e = &cl->ev.pool[i];
        if (!e->id || !is_retired(cl, &cl->ev, e)) {
            continue;
        }
        ccl_t *st = level_at(&cl->st, e->parent);
        if (st && st->is_shared && !retired_one(cl, st) && share_end(st)) {
            return SIFT_ENOMEM;
        }
        kid_remove(st, e->id);
        if (level_drop(&cl->ev, e)) {
            return SIFT_ENOMEM;
        }
    }
    for (size_t i = 0; i < cl->st.n_pool; i++) {
        ccl_t *st = &cl->st.pool[i];
        if (st->id && retired_one(cl, st) && level_drop(&cl->st, st)) {
            return SIFT_ENOMEM;
        }
    }
    return 0;
}

/* Everything cluster_load() reads back: counters, the dirty terms with
 * their postings (every key a report is indexed under is one of its
 * terms, so changed postings are always on dirty terms), then the dirty
 * clusters. */
int cluster_save(cluster_t *cl, store_cl_t *sc, sift_err_t *err)
{
    int rc = store_cl_put_state(sc, "n_docs", cl->n_docs, err);
    rc = rc ? rc : store_cl_put_state(sc, "n_events", (int64_t)cl->ev.n, err);
    rc = rc ? rc : store_cl_put_state(sc, "n_storylines", (int64_t)cl->st.n, err);
    rc = rc ? rc : store_cl_put_state(sc, "postings", 1, err);
    unsigned char ev_buf[POSTING_MAX * 4], st_buf[POSTING_MAX * 4];
    for (size_t i = 0; rc == 0 && i < cl->n_dirty_terms; i++) {
        uint32_t t = cl->dirty_terms[i];
        store_cl_term_t row = { cl->key[t], cl->df[t], t, NULL, NULL, 0, 0 };
        row.ev_post = pack_post(&cl->ev.post[t], ev_buf, &row.ev_len);
        row.st_post = pack_post(&cl->st.post[t], st_buf, &row.st_len);
        rc = store_cl_put_term(sc, &row, err);
        cl->is_dirty[t] = 0;
    }
    cl->n_dirty_terms = 0;
    rc = rc ? rc : store_cl_put_state(sc, "day_newest", cl->day_newest, err);
    rc = rc ? rc : save_level(cl, &cl->ev, 1, sc, err);
    rc = rc ? rc : save_level(cl, &cl->st, 0, sc, err);
    rc = rc ? rc : retire_sweep(cl);
    if (rc == SIFT_ENOMEM) {
        err_set(err, rc, NULL, SIFT_NOPOS, 0, "out of memory");
    }
    return rc;
}

size_t cluster_mem_bytes(const cluster_t *cl)
{
    size_t n = cl->cap_slot * sizeof(uint32_t) +
               cl->cap_terms *
                   (sizeof(uint64_t) + sizeof(uint32_t) + 1 + 2 * sizeof(plist_t) + sizeof(float));
    const level_t *lvs[2] = { &cl->ev, &cl->st };
    for (int l = 0; l < 2; l++) {
        n += lvs[l]->cap_pool * sizeof(ccl_t) + lvs[l]->cap_ix * sizeof(uint32_t) +
             lvs[l]->cap_free * sizeof(uint32_t);
        for (size_t i = 0; i < lvs[l]->n_pool; i++) {
            const ccl_t *c = &lvs[l]->pool[i];
            n += !c->id || c->is_shared ? 0 : c->c.cap * sizeof(entry_t);
            n += c->id && !lvs[l]->is_event ? c->cap_kids * sizeof(uint32_t) : 0;
        }
        for (size_t i = 0; i < cl->n_terms; i++) {
            n += lvs[l]->post[i].cap * sizeof(uint32_t);
        }
    }
    return n;
}
