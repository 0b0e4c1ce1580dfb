/* analyze/likeness.c: which sentences of different reports say the same
 * thing. Each body sentence becomes a set of normalised terms: the entity
 * a name belongs to (after merging, so Zelensky and Zelenskyy are one
 * term), a place's demonym stem (Turkish meets Türkiye), content-word
 * stems, the values of its numbers and its resolved dates. Terms weigh by
 * their rarity in the story (inverse sentence frequency), so "talks" or
 * "Russia" in every sentence count little and "facilitated" or "sign" a
 * lot. Two clauses that both name people but no person in common say
 * the same kind of thing of different people (another happening), and
 * are not alike; nor are a statement and its negation ("not", "never",
 * "without", "n't": an odd count of them negates the clause). A clause
 * that is only an attribution ("Peskov told reporters on Friday") is left
 * out. An inverted index finds every pair sharing a term without
 * comparing all pairs; a pair is alike when its shared weight is high in
 * absolute terms and as a share of the lighter sentence. Claims and the
 * summary both read these neighbours. */
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "analyze_int.h"
#include "gaz.h"

/* Sentences indexed per story: bounded so a huge storyline stays fast. */
#define MAX_UNITS 4000
/* A term in more sentences than this adds nothing to the pair scores
 * (its weight is tiny) and would make the index quadratic. */
#define MAX_POSTINGS 200

/* Term kinds, in the top bits of a term so kinds never collide. */
enum { TERM_WORD = 1, TERM_NAME, TERM_ENT, TERM_NUM, TERM_DATE, TERM_PERSON };

static uint64_t term_hash(int kind, const char *s, size_t n)
{
    uint64_t h = 1469598103934665603ULL;
    for (size_t i = 0; i < n; i++) {
        h = (h ^ (unsigned char)s[i]) * 1099511628211ULL;
    }
    return (h >> 4) | ((uint64_t)kind << 60);
}

static uint64_t term_int(int kind, uint64_t v)
{
    v = (v ^ (v >> 31)) * 0x9E3779B97F4A7C15ULL;
    return (v >> 4) | ((uint64_t)kind << 60);
}

/* A crude English stem: plural and tense endings off, then at most six
 * letters, so "authorised" and "authority", "facilitated" and
 * "facilitation" meet. */
static size_t stem_len(const char *low, size_t l)
{
    if (l > 4 && memcmp(low + l - 3, "ing", 3) == 0) {
        l -= 3;
    } else if (l > 4 && memcmp(low + l - 2, "ed", 2) == 0) {
        l -= 2;
    } else if (l > 3 && low[l - 1] == 's' && low[l - 2] != 's') {
        l -= 1;
    }
    return l > 6 ? 6 : l;
}

/* Folded first four letters of a name ("Türkiye", "Turkish" -> "turk"). */
static uint64_t name_term(arena_t *a, const char *s, size_t len)
{
    int ascii = 1;
    for (size_t i = 0; i < len; i++) {
        ascii &= (unsigned char)s[i] < 0x80;
    }
    char buf[8];
    size_t k = 0;
    if (ascii) {
        for (; k < len && k < 4; k++) {
            char c = s[k];
            buf[k] = (char)(c >= 'A' && c <= 'Z' ? c + 32 : c);
        }
        return term_hash(TERM_NAME, buf, k);
    }
    const char *f = an_fold(a, s, len);
    if (!f) {
        return 0;
    }
    for (; k < 4 && f[k]; k++) {
        buf[k] = f[k];
    }
    return term_hash(TERM_NAME, buf, k);
}

/* A clause's terms as they are found: written straight into the story's
 * term array, whose room is counted before (at most three terms a token:
 * a place's entity, name and country; and one a number or date). */
typedef struct tset {
    uint64_t *v;
    size_t n, cap;
} tset_t;

static int tset_add(arena_t *a, tset_t *s, uint64_t t)
{
    (void)a;
    if (s->n == s->cap) {
        return SIFT_ENOMEM; /* the room counted is short: never */
    }
    s->v[s->n++] = t;
    return 0;
}

/* The terms of sentence si of doc di. Number and date terms come from the
 * numbers and dates passes (nums and dates of this doc, by sentence). */
static int unit_terms(analysis_t *an, uint32_t di, uint32_t tb, uint32_t te, tset_t *out)
{
    const an_doc_t *d = &an->docs[di];
    out->n = 0;
    for (uint32_t t = tb; t < te; t++) {
        const an_tok_t *k = &d->in->toks[t];
        const an_mention_t *m = ent_mention_at(an, di, t);
        if (m) {
            int e = ent_root(an, m->ent);
            if (e >= 0 && !m->is_role &&
                tset_add(an->arena, out,
                         term_int(an->ents[e].type == AN_ENT_PERSON ? TERM_PERSON : TERM_ENT,
                                  (uint64_t)e))) {
                return SIFT_ENOMEM;
            }
            /* a place also meets its demonym ("Turkish", "Ukrainian") and
             * its country ("Kyiv" meets "Ukraine", "Moscow" "Russia") */
            if (e >= 0 && an->ents[e].type == AN_ENT_PLACE) {
                const char *nm = an->ents[e].name;
                uint64_t h = name_term(an->arena, nm, strlen(nm));
                if (!h || tset_add(an->arena, out, h)) {
                    return SIFT_ENOMEM;
                }
                char key[80], cc[3];
                size_t kl = gaz_fold(key, sizeof(key), nm, strlen(nm));
                if (kl != SIZE_MAX && gaz_place(key, kl, cc) && cc[0] &&
                    tset_add(an->arena, out, term_hash(TERM_NAME, cc, 2))) {
                    return SIFT_ENOMEM;
                }
            }
            t = m->te > t + 1 ? m->te - 1 : t;
            continue;
        }
        if (k->kind != TK_WORD || k->len < 3) {
            continue;
        }
        const char *p = tok_ptr(d, t);
        if ((k->flags & TF_CAP) && !(k->flags & TF_SENT)) {
            if (tok_month(d, t) || tok_weekday(d, t) >= 0) {
                continue; /* the date term stands for it */
            }
            uint64_t h = name_term(an->arena, p, k->len);
            if (!h || tset_add(an->arena, out, h)) {
                return SIFT_ENOMEM;
            }
            continue;
        }
        if (tok_in(d, t, AW_STOP | AW_SPEECH) || tok_weekday(d, t) >= 0) {
            continue;
        }
        /* the lowered text in place (a word holds no NUL), at most 63
         * bytes as tok_lower() into 64 would give */
        const char *low = d->in->low + k->off;
        size_t l = k->len < 63 ? k->len : 63;
        if (tset_add(an->arena, out, term_hash(TERM_WORD, low, stem_len(low, l)))) {
            return SIFT_ENOMEM;
        }
    }
    return 0;
}

/* Numbers and dates of the story by (doc, offset), so a clause finds its
 * own by binary search: a scan of the story's every figure per clause
 * grew with the square of the story. */
typedef struct fact_ix {
    uint32_t doc, off, i;
} fact_ix_t;

typedef struct facts {
    fact_ix_t *nums, *dates;
    size_t n_nums, n_dates;
} facts_t;

static int cmp_fact(const void *a, const void *b)
{
    const fact_ix_t *x = a, *y = b;
    if (x->doc != y->doc) {
        return x->doc < y->doc ? -1 : 1;
    }
    if (x->off != y->off) {
        return x->off < y->off ? -1 : 1;
    }
    return (x->i > y->i) - (x->i < y->i);
}

static int facts_index(analysis_t *an, facts_t *f)
{
    f->nums = arena_alloc(an->arena, (an->n_nums + 1) * sizeof(fact_ix_t));
    f->dates = arena_alloc(an->arena, (an->n_dates + 1) * sizeof(fact_ix_t));
    if (!f->nums || !f->dates) {
        return SIFT_ENOMEM;
    }
    f->n_nums = f->n_dates = 0;
    for (size_t i = 0; i < an->n_nums; i++) {
        const an_number_t *x = &an->nums[i];
        if (x->has_value && x->lo >= 2) {
            f->nums[f->n_nums++] = (fact_ix_t){ x->doc, x->off, (uint32_t)i };
        }
    }
    for (size_t i = 0; i < an->n_dates; i++) {
        const an_date_t *x = &an->dates[i];
        if (x->date[0]) {
            f->dates[f->n_dates++] = (fact_ix_t){ x->doc, x->off, (uint32_t)i };
        }
    }
    qsort(f->nums, f->n_nums, sizeof(fact_ix_t), cmp_fact);
    qsort(f->dates, f->n_dates, sizeof(fact_ix_t), cmp_fact);
    return 0;
}

/* First entry at or after (doc, off). */
static size_t fact_lower(const fact_ix_t *v, size_t n, uint32_t doc, uint32_t off)
{
    size_t lo = 0, hi = n;
    while (lo < hi) {
        size_t mid = lo + (hi - lo) / 2;
        if (v[mid].doc < doc || (v[mid].doc == doc && v[mid].off < off)) {
            lo = mid + 1;
        } else {
            hi = mid;
        }
    }
    return lo;
}

static int add_fact_terms(analysis_t *an, const facts_t *f, const an_unit_t *u, tset_t *ts)
{
    const an_tok_t *toks = an->docs[u->doc].in->toks;
    uint32_t ob = toks[u->tb].off, oe = toks[u->te - 1].off + toks[u->te - 1].len;
    for (size_t k = fact_lower(f->nums, f->n_nums, u->doc, ob);
         k < f->n_nums && f->nums[k].doc == u->doc && f->nums[k].off < oe; k++) {
        const an_number_t *x = &an->nums[f->nums[k].i];
        if (tset_add(an->arena, ts, term_int(TERM_NUM, (uint64_t)(x->lo * 100.0)))) {
            return SIFT_ENOMEM;
        }
    }
    for (size_t k = fact_lower(f->dates, f->n_dates, u->doc, ob);
         k < f->n_dates && f->dates[k].doc == u->doc && f->dates[k].off < oe; k++) {
        const an_date_t *x = &an->dates[f->dates[k].i];
        if (tset_add(an->arena, ts, term_hash(TERM_DATE, x->date, strlen(x->date)))) {
            return SIFT_ENOMEM;
        }
    }
    return 0;
}

/* Sort the set and drop repeats, in place; its new size. */
static size_t set_sort_unique(tset_t *ts)
{
    /* insertion sort: a clause has a few dozen terms */
    for (size_t i = 1; i < ts->n; i++) {
        uint64_t x = ts->v[i];
        size_t j = i;
        while (j > 0 && ts->v[j - 1] > x) {
            ts->v[j] = ts->v[j - 1];
            j--;
        }
        ts->v[j] = x;
    }
    size_t k = 0;
    for (size_t i = 0; i < ts->n; i++) {
        if (k == 0 || ts->v[k - 1] != ts->v[i]) {
            ts->v[k++] = ts->v[i];
        }
    }
    return k;
}

/* Is token t a clause break: a comma, semicolon, colon or dash, or a
 * conjunction that opens a contrast ("while", "but")? */
static int is_clause_break(const an_doc_t *d, uint32_t t)
{
    const an_tok_t *k = &d->in->toks[t];
    const char *p = tok_ptr(d, t);
    if (k->kind == TK_PUNCT) {
        return (k->len == 1 && (*p == ',' || *p == ';' || *p == ':')) ||
               (k->len == 3 && (unsigned char)p[0] == 0xE2 && (unsigned char)p[1] == 0x80 &&
                ((unsigned char)p[2] == 0x93 || (unsigned char)p[2] == 0x94));
    }
    return k->kind == TK_WORD && (tok_is(d, t, "while") || tok_is(d, t, "but") ||
                                  tok_is(d, t, "whereas") || tok_is(d, t, "although"));
}

/* End of the clause starting at tb (left: the words from tb to te): the
 * next break after at least MIN_CLAUSE_WORDS words, and no clause left
 * with fewer after it. */
#define MIN_CLAUSE_WORDS 4
static uint32_t clause_end(const an_doc_t *d, uint32_t tb, uint32_t te, uint32_t left)
{
    uint32_t words = 0;
    for (uint32_t t = tb; t < te; t++) {
        int w = d->in->toks[t].kind == TK_WORD;
        if (words >= MIN_CLAUSE_WORDS && left - words >= MIN_CLAUSE_WORDS &&
            is_clause_break(d, t)) {
            return d->in->toks[t].kind == TK_PUNCT ? t + 1 : t;
        }
        words += (uint32_t)w;
    }
    return te;
}

/* Is the clause only an attribution: a speech verb with names, roles,
 * titles, days and function words around it, and at most one other word
 * (", Kremlin spokesman Dmitry Peskov told reporters on Friday.")? Who
 * said it is not what was said: such a clause is left out, or any two
 * attributions of a speaker would look alike. */
static int is_frame(analysis_t *an, uint32_t di, uint32_t tb, uint32_t te)
{
    const an_doc_t *d = &an->docs[di];
    int speech = 0, other = 0;
    for (uint32_t t = tb; t < te; t++) {
        const an_tok_t *k = &d->in->toks[t];
        const an_mention_t *m = ent_mention_at(an, di, t);
        if (m) {
            t = m->te > t + 1 ? m->te - 1 : t;
            continue;
        }
        if (k->kind == TK_NUM || (k->kind == TK_WORD && (k->flags & TF_INQ))) {
            return 0; /* a figure or quoted words are content */
        }
        if (k->kind != TK_WORD) {
            continue;
        }
        if (tok_in(d, t, AW_SPEECH)) {
            speech = 1;
        } else if (!tok_in(d, t, AW_STOP | AW_ROLE | AW_TITLE | AW_ROLE_MOD) &&
                   tok_weekday(d, t) < 0 && !tok_month(d, t)) {
            other++;
        }
    }
    return speech && other <= 1;
}

/* The story's distinct terms: an open-addressing table from term to its
 * index (grown by doubling at half full, so it stays about the size of
 * the story's vocabulary), then per index the clause count and where its
 * postings start (a counting sort: no comparison sort of all postings). */
typedef struct vocab {
    uint64_t *keys; /* 0: empty (a term always has its kind bits set) */
    uint32_t *idx;
    size_t cap, n;
} vocab_t;

static size_t vocab_slot(const vocab_t *v, uint64_t term)
{
    size_t i = (size_t)((term * 0x9E3779B97F4A7C15ULL) >> 20) & (v->cap - 1);
    while (v->keys[i] && v->keys[i] != term) {
        i = (i + 1) & (v->cap - 1);
    }
    return i;
}

static int vocab_init(arena_t *a, vocab_t *v, size_t cap)
{
    v->keys = arena_alloc(a, cap * sizeof(uint64_t));
    v->idx = arena_alloc(a, cap * sizeof(uint32_t));
    if (!v->keys || !v->idx) {
        return SIFT_ENOMEM;
    }
    memset(v->keys, 0, cap * sizeof(uint64_t));
    v->cap = cap;
    return 0;
}

/* Index of term (a new one gets the next). UINT32_MAX when out of memory. */
static uint32_t vocab_index(arena_t *a, vocab_t *v, uint64_t term)
{
    if ((v->n + 1) * 2 > v->cap) {
        vocab_t g = { 0 };
        if (vocab_init(a, &g, v->cap * 2)) {
            return UINT32_MAX;
        }
        for (size_t i = 0; i < v->cap; i++) {
            if (v->keys[i]) {
                size_t j = vocab_slot(&g, v->keys[i]);
                g.keys[j] = v->keys[i];
                g.idx[j] = v->idx[i];
            }
        }
        g.n = v->n;
        *v = g;
    }
    size_t i = vocab_slot(v, term);
    if (!v->keys[i]) {
        v->keys[i] = term;
        v->idx[i] = (uint32_t)v->n++;
    }
    return v->idx[i];
}

/* Is the clause negated: "not", "n't", "no", "never", "without",
 * "nor"? A statement and its negation are not one claim. */
static uint8_t clause_negated(const an_doc_t *d, uint32_t tb, uint32_t te)
{
    uint8_t n = 0;
    for (uint32_t t = tb; t < te; t++) {
        if (d->in->toks[t].kind != TK_WORD) {
            continue;
        }
        const char *p = tok_ptr(d, t);
        uint32_t l = d->in->toks[t].len;
        /* "don't", "didn’t" (straight or curly apostrophe) */
        int nt = (l > 3 && memcmp(p + l - 3, "n't", 3) == 0) ||
                 (l > 5 && memcmp(p + l - 5, "n\xE2\x80\x99t", 5) == 0);
        n ^= (uint8_t)(nt || tok_is(d, t, "not") || tok_is(d, t, "no") || tok_is(d, t, "never") ||
                       tok_is(d, t, "without") || tok_is(d, t, "nor"));
    }
    return n;
}

int likeness_is_alike(float shared, float lighter, uint32_t n_shared)
{
    return n_shared >= AN_LIKE_MIN_TERMS && shared >= AN_LIKE_MIN_WEIGHT && lighter > 0 &&
           shared >= AN_LIKE_MIN_SHARE * lighter;
}

/* x before y in a neighbour list: stronger first, then by clause (a
 * total order, so any sort gives the same list) */
static inline int nb_before(const an_nb_t *x, const an_nb_t *y)
{
    return x->score > y->score || (x->score == y->score && x->unit < y->unit);
}

/* Sort a neighbour list through tmp (room for n): insertion sort for the
 * short lists, merges beyond; inline comparisons, where qsort's call per
 * comparison was a tenth of the likeness on stories of 100 reports. */
static void sort_nb(an_nb_t *v, an_nb_t *tmp, size_t n)
{
    if (n <= 16) {
        for (size_t i = 1; i < n; i++) {
            an_nb_t x = v[i];
            size_t j = i;
            while (j > 0 && nb_before(&x, &v[j - 1])) {
                v[j] = v[j - 1];
                j--;
            }
            v[j] = x;
        }
        return;
    }
    size_t h = n / 2;
    sort_nb(v, tmp, h);
    sort_nb(v + h, tmp, n - h);
    size_t i = 0, j = h, o = 0;
    while (i < h && j < n) {
        tmp[o++] = nb_before(&v[j], &v[i]) ? v[j++] : v[i++];
    }
    while (i < h) {
        tmp[o++] = v[i++];
    }
    while (j < n) {
        tmp[o++] = v[j++];
    }
    memcpy(v, tmp, n * sizeof(an_nb_t));
}

/* The story's clauses (body sentences, doc by doc, split at clause
 * breaks, at most MAX_UNITS) into *out, taken from pa; their count. The
 * room for their terms: 3 a token (see tset_t). UINT32_MAX when out of
 * memory. */
static size_t walk_units(analysis_t *an, arena_t *pa, an_unit_t **out, size_t *room)
{
    size_t n = 0, cap = 0;
    *room = 0;
    *out = NULL;
    for (uint32_t di = 0; di < an->n_docs; di++) {
        const an_doc_t *d = &an->docs[di];
        for (uint32_t si = 1; si < d->in->n_sents && n < MAX_UNITS; si++) {
            if (d->in->sents[si].tb >= d->in->clutter_tok) {
                break;
            }
            const an_sent_t *s = &d->in->sents[si];
            uint32_t cb = s->tb, left = 0; /* words from cb to the end */
            for (uint32_t t = s->tb; t < s->te; t++) {
                left += d->in->toks[t].kind == TK_WORD;
            }
            while (cb < s->te && n < MAX_UNITS) {
                uint32_t ce = clause_end(d, cb, s->te, left);
                for (uint32_t t = cb; t < ce; t++) {
                    left -= d->in->toks[t].kind == TK_WORD;
                }
                if (is_frame(an, di, cb, ce)) {
                    cb = ce;
                    continue;
                }
                an_unit_t *u = an_push(pa, out, &n, &cap, sizeof(an_unit_t));
                if (!u) {
                    return UINT32_MAX;
                }
                u->doc = di;
                u->sent = si;
                u->tb = cb;
                u->te = ce;
                *room += 3 * (size_t)(ce - cb);
                cb = ce;
            }
        }
    }
    return n;
}

/* An alike pair of clauses, i < j, found once for both. */
typedef struct pair {
    uint32_t i, j, n_shared;
    float score, share;
} pair_t;

/* The clauses' terms into terms (tbeg[i] .. tbeg[i + 1] for clause i),
 * sorted within each clause. 0 or SIFT_ENOMEM. */
static int units_terms(analysis_t *an, size_t room, uint64_t *terms, uint32_t *tbeg)
{
    an_int_t *in = an->in;
    facts_t facts;
    if (facts_index(an, &facts)) {
        return SIFT_ENOMEM;
    }
    size_t at = 0;
    for (size_t i = 0; i < in->n_units; i++) {
        an_unit_t *u = &in->units[i];
        tset_t ts = { terms + at, 0, room - at };
        if (unit_terms(an, u->doc, u->tb, u->te, &ts) || add_fact_terms(an, &facts, u, &ts)) {
            return SIFT_ENOMEM;
        }
        tbeg[i] = (uint32_t)at;
        at += set_sort_unique(&ts);
    }
    tbeg[in->n_units] = (uint32_t)at;
    return 0;
}

/* Each pair of clauses of different reports sharing a term is met once,
 * from its first clause: the shared terms are summed in term order, which
 * is the same from either side, so the pair's score is the same float as
 * if each side summed it (half the work of meeting it from both). */
static int find_pairs(analysis_t *an, arena_t *pa, const uint32_t *tbeg, const uint64_t *terms,
                      pair_t **out, size_t *n_out)
{
    an_int_t *in = an->in;
    arena_t *a = an->arena;
    size_t n = in->n_units, tot = tbeg[n];
    vocab_t voc = { 0 };
    size_t cap0 = 64;
    while (cap0 < tot / 2) {
        cap0 *= 2;
    }
    uint32_t *tix = arena_alloc(a, (tot + 1) * sizeof(uint32_t)); /* per clause term */
    uint32_t *post = arena_alloc(a, (tot + 1) * sizeof(uint32_t));
    float *wt = arena_alloc(a, (tot + 1) * sizeof(float));
    if (!tix || !post || !wt || vocab_init(a, &voc, cap0)) {
        return SIFT_ENOMEM;
    }
    for (size_t at = 0; at < tot; at++) {
        tix[at] = vocab_index(a, &voc, terms[at]);
        if (tix[at] == UINT32_MAX) {
            return SIFT_ENOMEM;
        }
    }
    uint32_t *df = arena_alloc(a, (voc.n + 1) * sizeof(uint32_t));
    uint32_t *start = arena_alloc(a, (voc.n + 2) * sizeof(uint32_t));
    float *score = arena_alloc(a, (n + 1) * sizeof(float));
    uint32_t *shared = arena_alloc(a, (n + 1) * sizeof(uint32_t));
    uint32_t *touched = arena_alloc(a, (n + 1) * sizeof(uint32_t));
    /* each clause's report and weight, packed: read per posting and per
     * candidate */
    uint32_t *udoc = arena_alloc(a, (n + 1) * sizeof(uint32_t));
    float *utot = arena_alloc(a, (n + 1) * sizeof(float));
    if (!df || !start || !score || !shared || !touched || !udoc || !utot) {
        return SIFT_ENOMEM;
    }
    for (uint32_t i = 0; i < n; i++) {
        udoc[i] = in->units[i].doc;
    }
    memset(df, 0, (voc.n + 1) * sizeof(uint32_t));
    for (size_t at = 0; at < tot; at++) {
        df[tix[at]]++;
    }
    start[0] = 0;
    for (size_t t = 0; t < voc.n; t++) {
        start[t + 1] = start[t] + df[t];
        df[t] = 0; /* refilled as postings go in */
    }
    for (uint32_t i = 0; i < n; i++) {
        for (uint32_t at = tbeg[i]; at < tbeg[i + 1]; at++) {
            post[start[tix[at]] + df[tix[at]]++] = i;
        }
    }
    /* weights: log of (clauses / clauses with the term), once a term */
    float *wterm = arena_alloc(a, (voc.n + 1) * sizeof(float));
    if (!wterm) {
        return SIFT_ENOMEM;
    }
    for (size_t t = 0; t < voc.n; t++) {
        wterm[t] = (float)log((double)(n + 1) / (double)df[t]);
    }
    for (uint32_t i = 0; i < n; i++) {
        an_unit_t *u = &in->units[i];
        u->total = 0;
        for (uint32_t at = tbeg[i]; at < tbeg[i + 1]; at++) {
            wt[at] = wterm[tix[at]];
            u->total += wt[at];
        }
        utot[i] = u->total;
    }
    uint32_t *npers = arena_alloc(a, (n + 1) * sizeof(uint32_t));
    uint32_t *pshared = arena_alloc(a, (n + 1) * sizeof(uint32_t));
    uint8_t *neg = arena_alloc(a, n + 1);
    if (!npers || !pshared || !neg) {
        return SIFT_ENOMEM;
    }
    /* per clause: negated or not, and the people it names as the pair
     * loop sees them (a person in more than MAX_POSTINGS clauses is left
     * out on both sides) */
    for (uint32_t i = 0; i < n; i++) {
        const an_unit_t *v = &in->units[i];
        neg[i] = clause_negated(&an->docs[v->doc], v->tb, v->te);
        npers[i] = 0;
        pshared[i] = 0;
        for (uint32_t at = tbeg[i]; at < tbeg[i + 1]; at++) {
            npers[i] += (terms[at] >> 60) == TERM_PERSON &&
                        start[tix[at] + 1] - start[tix[at]] <= MAX_POSTINGS;
        }
    }
    /* df becomes each term's cursor: clause i is at post[df[t]] when its
     * turn comes (postings are in clause order), later clauses follow */
    memcpy(df, start, voc.n * sizeof(uint32_t));
    memset(score, 0, (n + 1) * sizeof(float));
    memset(shared, 0, (n + 1) * sizeof(uint32_t));
    size_t np = 0, pcap = 0;
    pair_t *pairs = NULL;
    for (uint32_t i = 0; i < n; i++) {
        const an_unit_t *u = &in->units[i];
        size_t nt = 0;
        for (uint32_t at = tbeg[i]; at < tbeg[i + 1]; at++) {
            uint32_t t = tix[at], b = df[t]++, e = start[t + 1];
            if (e - start[t] > MAX_POSTINGS) {
                continue;
            }
            /* names count in the weight; what is said about them (words,
             * figures, dates) in the number of terms */
            uint64_t kind = terms[at] >> 60;
            uint32_t said = kind != TERM_ENT && kind != TERM_NAME && kind != TERM_PERSON;
            uint32_t person = kind == TERM_PERSON;
            float wk = wt[at];
            /* postings are in clause order and clauses doc by doc: the
             * later clauses of i's own report come first, all together */
            uint32_t q0 = b + 1;
            while (q0 < e && udoc[post[q0]] == u->doc) {
                q0++;
            }
            for (uint32_t q = q0; q < e; q++) {
                uint32_t j = post[q];
                /* every weight is > 0 (a term's clauses are fewer than
                 * n + 1): a score of 0 is a clause not met yet */
                if (score[j] == 0.0f) {
                    touched[nt++] = j;
                }
                shared[j] += said;
                score[j] += wk;
            }
            /* people shared: a second pass for person terms only, to keep
             * the hot loop above as it was */
            for (uint32_t q = q0; person && q < e; q++) {
                pshared[post[q]]++;
            }
        }
        for (size_t q = 0; q < nt; q++) {
            uint32_t j = touched[q];
            float lighter = u->total < utot[j] ? u->total : utot[j];
            /* both name people and none in common: the same kind of
             * thing said of other people (another happening); a
             * statement and its negation are two claims. Tested only on
             * pairs alike otherwise (most touched pairs are not). */
            int alike = likeness_is_alike(score[j], lighter, shared[j]) && neg[i] == neg[j] &&
                        !(npers[i] && npers[j] && !pshared[j]);
            if (npers[i]) {
                pshared[j] = 0; /* only person terms of i raised it */
            }
            if (alike) {
                pair_t *x = an_push(pa, &pairs, &np, &pcap, sizeof(pair_t));
                if (!x) {
                    return SIFT_ENOMEM;
                }
                x->i = i;
                x->j = j;
                x->score = score[j];
                x->share = score[j] / lighter;
                x->n_shared = shared[j];
            }
            score[j] = 0;
            shared[j] = 0;
        }
    }
    *out = pairs;
    *n_out = np;
    return 0;
}

/* Each clause's neighbours from the pairs, best first. */
static int units_neighbours(analysis_t *an, arena_t *pa, const pair_t *pairs, size_t np)
{
    an_int_t *in = an->in;
    if (!np) {
        return 0;
    }
    an_nb_t *all = arena_alloc(an->arena, 2 * np * sizeof(an_nb_t));
    if (!all) {
        return SIFT_ENOMEM;
    }
    for (size_t p = 0; p < np; p++) {
        in->units[pairs[p].i].n_nb++;
        in->units[pairs[p].j].n_nb++;
    }
    size_t at = 0, most = 0;
    for (size_t i = 0; i < in->n_units; i++) {
        an_unit_t *u = &in->units[i];
        u->nb = u->n_nb ? all + at : NULL;
        at += u->n_nb;
        most = u->n_nb > most ? u->n_nb : most;
        u->n_nb = 0; /* refilled below */
    }
    an_nb_t *tmp = arena_alloc(pa, (most + 1) * sizeof(an_nb_t));
    if (!tmp) {
        return SIFT_ENOMEM;
    }
    for (size_t p = 0; p < np; p++) {
        const pair_t *x = &pairs[p];
        an_unit_t *u = &in->units[x->i], *v = &in->units[x->j];
        u->nb[u->n_nb++] = (an_nb_t){ x->j, x->score, x->share, x->n_shared };
        v->nb[v->n_nb++] = (an_nb_t){ x->i, x->score, x->share, x->n_shared };
    }
    for (size_t i = 0; i < in->n_units; i++) {
        an_unit_t *u = &in->units[i];
        sort_nb(u->nb, tmp, u->n_nb);
    }
    return 0;
}

int likeness_build(analysis_t *an)
{
    an_int_t *in = an->in;
    if (in->units_built) {
        return 0;
    }
    in->units_built = 1;
    arena_t *a = an->arena;
    /* the clauses are first listed, and later the pairs wait, in a small
     * arena of their own; the story's arena gets the clauses at their
     * final size */
    arena_t *pa = arena_new();
    an_unit_t *walked = NULL;
    size_t room = 0;
    size_t n = pa ? walk_units(an, pa, &walked, &room) : UINT32_MAX;
    in->units = n != UINT32_MAX ? arena_alloc(a, (n + 1) * sizeof(an_unit_t)) : NULL;
    if (!in->units) {
        arena_free(pa);
        return SIFT_ENOMEM;
    }
    if (n) {
        memcpy(in->units, walked, n * sizeof(an_unit_t));
    }
    in->n_units = n;
    room += an->n_nums + an->n_dates;
    /* what follows is scratch but for the clauses' totals and neighbours:
     * given back to the arena at the end, so the passes after this one
     * reuse its pages */
    arena_mark_t mark = arena_mark(a);
    uint64_t *terms = arena_alloc(a, (room + 1) * sizeof(uint64_t));
    uint32_t *tbeg = arena_alloc(a, (n + 1) * sizeof(uint32_t));
    pair_t *pairs = NULL;
    size_t np = 0;
    int rc = terms && tbeg ? 0 : SIFT_ENOMEM;
    if (!rc) {
        rc = units_terms(an, room, terms, tbeg);
    }
    if (!rc) {
        rc = find_pairs(an, pa, tbeg, terms, &pairs, &np);
    }
    arena_release(a, mark);
    if (!rc) {
        rc = units_neighbours(an, pa, pairs, np);
    }
    arena_free(pa);
    return rc;
}
