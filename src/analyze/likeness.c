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

typedef struct tset {
    uint64_t *v;
    size_t n, cap;
} tset_t;

static int tset_add(arena_t *a, tset_t *s, uint64_t t)
{
    if (s->n == s->cap) {
        size_t ncap = s->cap ? s->cap * 2 : 64;
        uint64_t *g = arena_grow(a, s->v, s->n, ncap, sizeof(uint64_t));
        if (!g) {
            return SIFT_ENOMEM;
        }
        s->v = g;
        s->cap = ncap;
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
        char low[64];
        tok_lower(d, t, low, sizeof(low));
        size_t l = strlen(low);
        if (tok_in(d, t, AW_STOP | AW_SPEECH) || tok_weekday(d, t) >= 0) {
            continue;
        }
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

static int add_fact_terms(analysis_t *an, const facts_t *f, an_unit_t *u, tset_t *ts)
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

/* Sorted unique copy of the set into the unit. */
static int unit_set(arena_t *a, an_unit_t *u, tset_t *ts)
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
    u->terms = arena_alloc(a, (k + 1) * sizeof(uint64_t));
    u->w = arena_alloc(a, (k + 1) * sizeof(float));
    if (!u->terms || !u->w) {
        return SIFT_ENOMEM;
    }
    if (k) {
        memcpy(u->terms, ts->v, k * sizeof(uint64_t));
    }
    u->n_terms = (uint32_t)k;
    return 0;
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

/* End of the clause starting at tb: the next break after at least
 * MIN_CLAUSE_WORDS words, and no clause left with fewer after it. */
#define MIN_CLAUSE_WORDS 4
static uint32_t clause_end(const an_doc_t *d, uint32_t tb, uint32_t te)
{
    uint32_t words = 0, left = 0;
    for (uint32_t t = tb; t < te; t++) {
        left += d->in->toks[t].kind == TK_WORD;
    }
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
 * index, then per index the sentence count and where its postings start
 * (a counting sort: no comparison sort of all postings). */
typedef struct vocab {
    uint64_t *keys; /* 0: empty (a term always has its kind bits set) */
    uint32_t *idx;
    size_t cap, n;
} vocab_t;

static uint32_t vocab_index(vocab_t *v, uint64_t term)
{
    size_t i = (size_t)((term * 0x9E3779B97F4A7C15ULL) >> 20) & (v->cap - 1);
    while (v->keys[i] && v->keys[i] != term) {
        i = (i + 1) & (v->cap - 1);
    }
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

static int cmp_nb(const void *a, const void *b)
{
    const an_nb_t *x = a, *y = b;
    return x->score < y->score   ? 1
           : x->score > y->score ? -1
                                 : (x->unit > y->unit) - (x->unit < y->unit);
}

int likeness_build(analysis_t *an)
{
    an_int_t *in = an->in;
    if (in->units_built) {
        return 0;
    }
    in->units_built = 1;
    arena_t *a = an->arena;
    size_t cap = 0, tot = 0;
    tset_t ts = { 0 };
    facts_t facts;
    if (facts_index(an, &facts)) {
        return SIFT_ENOMEM;
    }
    for (uint32_t di = 0; di < an->n_docs; di++) {
        const an_doc_t *d = &an->docs[di];
        for (uint32_t si = 1; si < d->in->n_sents && in->n_units < MAX_UNITS; si++) {
            if (d->in->sents[si].tb >= d->in->clutter_tok) {
                break;
            }
            const an_sent_t *s = &d->in->sents[si];
            uint32_t cb = s->tb;
            while (cb < s->te && in->n_units < MAX_UNITS) {
                uint32_t ce = clause_end(d, cb, s->te);
                if (is_frame(an, di, cb, ce)) {
                    cb = ce;
                    continue;
                }
                an_unit_t *u = an_push(a, &in->units, &in->n_units, &cap, sizeof(an_unit_t));
                if (!u) {
                    return SIFT_ENOMEM;
                }
                u->doc = di;
                u->sent = si;
                u->tb = cb;
                u->te = ce;
                if (unit_terms(an, di, cb, ce, &ts) || add_fact_terms(an, &facts, u, &ts) ||
                    unit_set(a, u, &ts)) {
                    return SIFT_ENOMEM;
                }
                tot += u->n_terms;
                cb = ce;
            }
        }
    }
    size_t n = in->n_units;
    vocab_t voc = { 0 };
    voc.cap = 64;
    while (voc.cap < 2 * tot + 2) {
        voc.cap *= 2;
    }
    voc.keys = arena_alloc(a, voc.cap * sizeof(uint64_t));
    voc.idx = arena_alloc(a, voc.cap * sizeof(uint32_t));
    uint32_t *tix = arena_alloc(a, (tot + 1) * sizeof(uint32_t)); /* per unit term */
    uint32_t *df = arena_alloc(a, (tot + 1) * sizeof(uint32_t));
    uint32_t *start = arena_alloc(a, (tot + 2) * sizeof(uint32_t));
    uint32_t *post = arena_alloc(a, (tot + 1) * sizeof(uint32_t));
    float *score = arena_alloc(a, (n + 1) * sizeof(float));
    uint32_t *shared = arena_alloc(a, (n + 1) * sizeof(uint32_t));
    uint32_t *touched = arena_alloc(a, (n + 1) * sizeof(uint32_t));
    uint8_t *hit = arena_alloc(a, n + 1);
    an_nb_t *scratch = arena_alloc(a, (n + 1) * sizeof(an_nb_t));
    /* each clause's report, packed: the posting loop reads it per posting */
    uint32_t *udoc = arena_alloc(a, (n + 1) * sizeof(uint32_t));
    if (!voc.keys || !voc.idx || !tix || !df || !start || !post || !score || !shared || !touched ||
        !hit || !scratch || !udoc) {
        return SIFT_ENOMEM;
    }
    for (uint32_t i = 0; i < n; i++) {
        udoc[i] = in->units[i].doc;
    }
    memset(voc.keys, 0, voc.cap * sizeof(uint64_t));
    memset(df, 0, (tot + 1) * sizeof(uint32_t));
    size_t at = 0;
    for (uint32_t i = 0; i < n; i++) {
        for (uint32_t k = 0; k < in->units[i].n_terms; k++) {
            tix[at] = vocab_index(&voc, in->units[i].terms[k]);
            df[tix[at]]++;
            at++;
        }
    }
    start[0] = 0;
    for (size_t t = 0; t < voc.n; t++) {
        start[t + 1] = start[t] + df[t];
        df[t] = 0; /* refilled as postings go in */
    }
    at = 0;
    for (uint32_t i = 0; i < n; i++) {
        for (uint32_t k = 0; k < in->units[i].n_terms; k++, at++) {
            post[start[tix[at]] + df[tix[at]]++] = i;
        }
    }
    /* weights: log of (clauses / clauses with the term) */
    at = 0;
    for (uint32_t i = 0; i < n; i++) {
        an_unit_t *u = &in->units[i];
        u->total = 0;
        for (uint32_t k = 0; k < u->n_terms; k++, at++) {
            u->w[k] = (float)log((double)(n + 1) / (double)df[tix[at]]);
            u->total += u->w[k];
        }
    }
    uint32_t *npers = arena_alloc(a, (n + 1) * sizeof(uint32_t));
    uint32_t *pshared = arena_alloc(a, (n + 1) * sizeof(uint32_t));
    if (!npers || !pshared) {
        return SIFT_ENOMEM;
    }
    uint8_t *neg = arena_alloc(a, n + 1);
    if (!neg) {
        return SIFT_ENOMEM;
    }
    for (uint32_t i = 0; i < n; i++) {
        const an_unit_t *v = &in->units[i];
        neg[i] = clause_negated(&an->docs[v->doc], v->tb, v->te);
    }
    /* the people a clause names, as the pair loop sees them (a person in
     * more than MAX_POSTINGS clauses is left out on both sides) */
    at = 0;
    for (uint32_t i = 0; i < n; i++) {
        npers[i] = 0;
        pshared[i] = 0;
        for (uint32_t k = 0; k < in->units[i].n_terms; k++, at++) {
            npers[i] += (in->units[i].terms[k] >> 60) == TERM_PERSON &&
                        start[tix[at] + 1] - start[tix[at]] <= MAX_POSTINGS;
        }
    }
    memset(score, 0, (n + 1) * sizeof(float));
    memset(shared, 0, (n + 1) * sizeof(uint32_t));
    memset(hit, 0, n + 1);
    at = 0;
    for (uint32_t i = 0; i < n; i++) {
        an_unit_t *u = &in->units[i];
        size_t nt = 0;
        for (uint32_t k = 0; k < u->n_terms; k++, at++) {
            uint32_t b = start[tix[at]], e = start[tix[at] + 1];
            if (e - b > MAX_POSTINGS) {
                continue;
            }
            /* names count in the weight; what is said about them (words,
             * figures, dates) in the number of terms */
            uint64_t kind = u->terms[k] >> 60;
            uint32_t said = kind != TERM_ENT && kind != TERM_NAME && kind != TERM_PERSON;
            uint32_t person = kind == TERM_PERSON;
            float wk = u->w[k];
            for (uint32_t q = b; q < e; q++) {
                uint32_t j = post[q];
                if (udoc[j] == u->doc) {
                    continue;
                }
                if (!hit[j]) {
                    touched[nt++] = j;
                }
                shared[j] += said;
                hit[j] = 1;
                score[j] += wk;
            }
            /* people shared: a second pass for person terms only, to keep
             * the hot loop above as it was */
            for (uint32_t q = b; person && q < e; q++) {
                pshared[post[q]] += udoc[post[q]] != u->doc;
            }
        }
        size_t nn = 0;
        for (size_t q = 0; q < nt; q++) {
            uint32_t j = touched[q];
            const an_unit_t *v = &in->units[j];
            float lighter = u->total < v->total ? u->total : v->total;
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
                an_nb_t *x = &scratch[nn++];
                x->unit = j;
                x->score = score[j];
                x->share = score[j] / lighter;
                x->n_shared = shared[j];
            }
            score[j] = 0;
            shared[j] = 0;
            hit[j] = 0;
        }
        if (nn) {
            u->nb = arena_alloc(a, nn * sizeof(an_nb_t));
            if (!u->nb) {
                return SIFT_ENOMEM;
            }
            memcpy(u->nb, scratch, nn * sizeof(an_nb_t));
            u->n_nb = nn;
            qsort(u->nb, nn, sizeof(an_nb_t), cmp_nb);
        }
    }
    return 0;
}
