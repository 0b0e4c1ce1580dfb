/* analyze/counts.c: count disagreements: independent outlets giving
 * different numbers for the same counted thing in the same context ("1,000
 * prisoners" in one report, "900 prisoners" in another, each in a clause
 * saying the same thing about the same swap). Precision comes first, so a
 * pair only conflicts when every test below holds:
 *   - both are quantities with a value, of the same counted noun (plural
 *     folded: "prisoner" = "prisoners"), a lower-case word within
 *     NOUN_WITHIN words after the figure itself (not inherited from an
 *     earlier figure, no "percent" or "million" before it), per side in
 *     both or in neither;
 *   - their clauses are alike (likeness.c, with at least COUNT_MIN_SHARED
 *     terms besides names and figures): the same statement, so the
 *     figure is the slot that differs;
 *   - neither sentence is dated to a day (or a round of talks) other than
 *     the other's: different days are different events;
 *   - their outlets differ and their clauses are not one text (a copy or
 *     an update is not an independent source), and neither report also
 *     gives the other's figure for that noun (then the two figures count
 *     different things);
 *   - the values differ beyond approximation: "about", "nearly" widen a
 *     figure by APPROX_SHARE, "at least", "more than" make it open above,
 *     "at most" open below, a range covers its span, and exact figures may
 *     still differ by ROUNDING_SHARE (1,000 for 1,012). Overlapping values
 *     agree. */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "analyze_int.h"

/* "about 1,000" stands for 850..1,150. */
#define APPROX_SHARE 0.15
/* Exact figures closer than this are one figure rounded two ways. */
#define ROUNDING_SHARE 0.05
/* A story's figures compared at most: each figure meets every other of its
 * noun, so this bounds the work on a huge storyline. */
#define MAX_COUNT_NUMS 2000
/* Clauses sharing this much of each one's weight are one text copied,
 * not two sources (a changed figure in a copy is an edit or an update).
 * Alike clauses of independent seed reports share 0.1-0.7 of the lighter
 * one (docs/bench/analysis-3.md); edited copies of bench/gen.py 0.78-1. */
#define COPY_SHARE 0.75f
/* What is counted is named within this many words of the figure
 * ("1,000 Ukrainian soldiers", "1,000 prisoners of war"). */
#define NOUN_WITHIN 3
/* Clauses whose figures are compared say the same thing more surely
 * than likeness.c asks: this many shared terms besides names and
 * figures, and this share of the lighter clause. */
#define COUNT_MIN_SHARED 3
#define COUNT_MIN_SHARE  0.25f
/* Longest counted noun kept (bytes). */
#define NOUN_MAX 40

/* Words after a figure that say how big, not what is counted. */
static const char *const not_nouns[] = {
    "hundred", "thousand", "million", "billion", "trillion", "percent", "per",    "cent",  "dozen",
    "times",   "one",      "two",     "three",   "four",     "five",    "six",    "seven", "eight",
    "nine",    "ten",      "more",    "less",    "fewer",    "other",   "others", NULL
};

/* A figure with what it counts, ready to compare. */
typedef struct cnum {
    uint32_t num;  /* index in an->nums */
    uint32_t unit; /* clause (likeness unit), or UINT32_MAX */
    char noun[NOUN_MAX];
    double lo, hi; /* the values it allows */
} cnum_t;

/* Plural folded: "prisoners" -> "prisoner", "bodies" -> "body". 0 when
 * the word is no counted noun. */
static int noun_of(const analysis_t *an, const an_number_t *x, char *out)
{
    const char *u = x->unit;
    size_t n = strlen(u);
    if (n < 3 || n >= NOUN_MAX || x->counts == x->unit) {
        return 0; /* short, or inherited from an earlier figure */
    }
    for (size_t i = 0; i < n; i++) {
        if (u[i] < 'a' || u[i] > 'z') {
            return 0;
        }
    }
    if (words_class(an->in->words, u, n) & (AW_STOP | AW_SPEECH | AW_PLACE_PREP | AW_CONNECTOR)) {
        return 0; /* "its", "said", "in" */
    }
    for (size_t i = 0; not_nouns[i]; i++) {
        if (strcmp(u, not_nouns[i]) == 0) {
            return 0;
        }
    }
    /* verbs and adverbs the number reader took for a noun */
    if (strcmp(u + n - 2, "ed") == 0 || strcmp(u + n - 2, "ly") == 0 ||
        strcmp(u + n - 3, "ing") == 0) {
        return 0;
    }
    /* the noun as written, lower case (not a name), within the first
     * NOUN_WITHIN words of what the figure counts, after no scale word
     * ("36.1 percent of voters": a share, not a count of voters) */
    const char *p = x->counts;
    for (int w = 0;; w++) {
        while (*p == ' ') {
            p++;
        }
        const char *e = p;
        while (*e && *e != ' ') {
            e++;
        }
        if (w >= NOUN_WITHIN || e == p) {
            return 0;
        }
        if ((size_t)(e - p) == n && memcmp(p, u, n) == 0) {
            break;
        }
        for (size_t i = 0; not_nouns[i]; i++) {
            if (strlen(not_nouns[i]) == (size_t)(e - p) &&
                memcmp(p, not_nouns[i], (size_t)(e - p)) == 0) {
                return 0;
            }
        }
        p = e;
    }
    memcpy(out, u, n + 1);
    if (n > 4 && strcmp(out + n - 3, "ies") == 0) {
        memcpy(out + n - 3, "y", 2);
    } else if (n > 3 && out[n - 1] == 's' && out[n - 2] != 's') {
        out[n - 1] = '\0';
    }
    return 1;
}

/* The values a figure allows. */
static void span_of(const an_number_t *x, double *lo, double *hi)
{
    *lo = x->lo;
    *hi = x->hi;
    if (x->approx) {
        *lo *= 1 - APPROX_SHARE;
        *hi *= 1 + APPROX_SHARE;
    }
    if (x->bound && strcmp(x->bound, "lower") == 0) {
        *hi = INFINITY;
    } else if (x->bound && strcmp(x->bound, "upper") == 0) {
        *lo = 0;
    }
}

static int values_conflict(const cnum_t *a, const cnum_t *b)
{
    /* the ends facing each other across the gap (finite: an open end
     * never faces a gap) */
    double below = a->hi < b->lo ? a->hi : b->hi, above = a->hi < b->lo ? b->lo : a->lo;
    if (below >= above) {
        return 0; /* they overlap */
    }
    return above - below > ROUNDING_SHARE * above;
}

/* The clause holding byte off of doc: units are in doc, then token
 * order. */
static uint32_t unit_at(const analysis_t *an, uint32_t doc, uint32_t off)
{
    const an_unit_t *u = an->in->units;
    size_t lo = 0, hi = an->in->n_units;
    const an_tok_t *toks = an->docs[doc].in->toks;
    while (lo < hi) {
        size_t mid = lo + (hi - lo) / 2;
        if (u[mid].doc < doc || (u[mid].doc == doc && toks[u[mid].te - 1].off < off)) {
            lo = mid + 1;
        } else {
            hi = mid;
        }
    }
    if (lo < an->in->n_units && u[lo].doc == doc && toks[u[lo].tb].off <= off) {
        return (uint32_t)lo;
    }
    return UINT32_MAX;
}

/* Clauses a and b are alike but not one text: two clauses that share
 * nearly all the weight of each (not just of the shorter, which a longer
 * report may hold whole) are a copy or an update of one report, not two
 * sources, whatever their outlets. */
static int is_independent_neighbour(const analysis_t *an, uint32_t a, uint32_t b)
{
    const an_unit_t *u = &an->in->units[a], *v = &an->in->units[b];
    float heavier = u->total > v->total ? u->total : v->total;
    for (size_t k = 0; k < u->n_nb; k++) {
        if (u->nb[k].unit == b) {
            return u->nb[k].score < COPY_SHARE * heavier && u->nb[k].n_shared >= COUNT_MIN_SHARED &&
                   u->nb[k].share >= COUNT_MIN_SHARE;
        }
    }
    return 0;
}

static int same_value(const an_number_t *x, const an_number_t *y)
{
    return x->lo == y->lo && x->hi == y->hi && x->approx == y->approx &&
           ((x->bound == NULL && y->bound == NULL) ||
            (x->bound && y->bound && strcmp(x->bound, y->bound) == 0));
}

/* Does doc give a figure with x's value among c[0..nc) (one noun)? */
static int doc_says(const analysis_t *an, const cnum_t *c, size_t nc, uint32_t doc,
                    const an_number_t *x)
{
    for (size_t i = 0; i < nc; i++) {
        const an_number_t *y = &an->nums[c[i].num];
        if (y->doc == doc && y->lo == x->lo && y->hi == x->hi) {
            return 1;
        }
    }
    return 0;
}

/* Does sentence si of doc hold the figure v in digits ("46", "1,000")?
 * Then its report gives both figures, for different things. */
static int sent_has_value(const analysis_t *an, uint32_t doc, uint32_t si, double v)
{
    const an_doc_t *d = &an->docs[doc];
    const an_sent_t *s = &d->in->sents[si];
    for (uint32_t t = s->tb; t < s->te; t++) {
        const an_tok_t *k = &d->in->toks[t];
        if (k->kind != TK_NUM) {
            continue;
        }
        const char *p = d->in->all + k->off;
        double x = 0, scale = 0;
        for (size_t i = 0; i < k->len; i++) {
            if (p[i] == '.') {
                scale = 1;
            } else if (p[i] >= '0' && p[i] <= '9') {
                x = x * 10 + (p[i] - '0');
                scale *= 10;
            } else if (p[i] != ',') {
                break;
            }
        }
        if ((scale > 0 ? x / scale : x) == v) {
            return 1;
        }
    }
    return 0;
}

static int pair_conflicts(const analysis_t *an, const cnum_t *c, size_t nc, const cnum_t *a,
                          const cnum_t *b)
{
    const an_number_t *x = &an->nums[a->num], *y = &an->nums[b->num];
    const char *ox = an->docs[x->doc].outlet, *oy = an->docs[y->doc].outlet;
    if (x->doc == y->doc || (ox[0] && strcmp(ox, oy) == 0) || !values_conflict(a, b) ||
        doc_says(an, c, nc, x->doc, y) || doc_says(an, c, nc, y->doc, x) ||
        sent_has_value(an, x->doc, x->sent, y->lo) || sent_has_value(an, y->doc, y->sent, x->lo)) {
        return 0;
    }
    const char *wx = claims_sent_when(an, x->doc, x->sent);
    const char *wy = claims_sent_when(an, y->doc, y->sent);
    return !(wx && wy && strcmp(wx, wy) != 0);
}

/* The slot of anchor a among c[0..nc), the figures of a's noun: a and,
 * per other report, its first figure in a clause like a's that agrees
 * with a or conflicts with it. Emitted when some figure conflicts and the
 * two sides are clean (each figure agrees with its own side, conflicts
 * with the other); a mixed slot says nothing clear and is dropped. */
static int emit_slot(analysis_t *an, const cnum_t *c, size_t nc, size_t a, uint8_t *used,
                     size_t *dcap)
{
    /* members: index into c; side 0 agrees with the anchor, side 1 not */
    uint32_t mem[64];
    uint8_t side[64];
    size_t nm = 0;
    mem[nm] = (uint32_t)a;
    side[nm++] = 0;
    int has_conflict = 0;
    for (size_t j = 0; j < nc && nm < 64; j++) {
        const an_number_t *y = &an->nums[c[j].num];
        if (j == a || used[j] || y->is_per_side != an->nums[c[a].num].is_per_side ||
            !is_independent_neighbour(an, c[a].unit, c[j].unit)) {
            continue;
        }
        int dup_doc = 0;
        for (size_t k = 0; k < nm; k++) {
            dup_doc |= an->nums[c[mem[k]].num].doc == y->doc;
        }
        if (dup_doc) {
            continue;
        }
        int conflict = pair_conflicts(an, c, nc, &c[a], &c[j]);
        int agree = !values_conflict(&c[a], &c[j]);
        if (!conflict && !agree) {
            continue; /* differs, but not independently: leave it out */
        }
        /* every member of the other side must conflict with it, every
         * member of its own side agree: else the slot is not clean */
        int clean = 1;
        for (size_t k = 1; k < nm && clean; k++) {
            const cnum_t *m = &c[mem[k]];
            if (side[k] == (uint8_t)conflict) {
                clean = !values_conflict(m, &c[j]);
            } else {
                clean = pair_conflicts(an, c, nc, m, &c[j]);
            }
        }
        if (!clean) {
            return 0; /* mixed figures: no clear disagreement */
        }
        mem[nm] = (uint32_t)j;
        side[nm++] = (uint8_t)conflict;
        has_conflict |= conflict;
    }
    if (!has_conflict) {
        return 0;
    }
    an_disagreement_t *g = an_push(an->arena, &an->disagreements, &an->n_disagreements, dcap,
                                   sizeof(an_disagreement_t));
    char *slot = arena_alloc(an->arena, NOUN_MAX + 16);
    if (!g || !slot) {
        return SIFT_ENOMEM;
    }
    const an_number_t *x = &an->nums[c[a].num];
    snprintf(slot, NOUN_MAX + 16, "number of %s", x->unit);
    g->slot = slot;
    g->kind = "count";
    size_t vcap = 0;
    uint32_t vnum[64] = { 0 }; /* per value: its first figure */
    for (uint8_t sd = 0; sd < 2; sd++) {
        for (size_t k = 0; k < nm; k++) {
            if (side[k] != sd) {
                continue;
            }
            const an_number_t *y = &an->nums[c[mem[k]].num];
            an_dvalue_t *dv = NULL;
            for (size_t m = 0; m < g->n_values; m++) {
                if (same_value(&an->nums[vnum[m]], y)) {
                    dv = &g->values[m];
                }
            }
            if (!dv) {
                vnum[g->n_values] = c[mem[k]].num;
                dv = an_push(an->arena, &g->values, &g->n_values, &vcap, sizeof(an_dvalue_t));
                if (!dv) {
                    return SIFT_ENOMEM;
                }
                dv->value = arena_strndup(an->arena, an->docs[y->doc].in->all + y->off, y->len);
                if (!dv->value) {
                    return SIFT_ENOMEM;
                }
            }
            size_t ecap = dv->n_ev;
            an_evidence_t *e = an_push(an->arena, &dv->ev, &dv->n_ev, &ecap, sizeof(an_evidence_t));
            const char *txt = tok_sent_text(an->arena, &an->docs[y->doc], y->sent);
            if (!e || !txt) {
                return SIFT_ENOMEM;
            }
            e->doc = y->doc;
            e->text = txt;
            used[mem[k]] = 1;
        }
    }
    return 0;
}

static int cmp_cnum(const void *a, const void *b)
{
    const cnum_t *x = a, *y = b;
    int r = strcmp(x->noun, y->noun);
    return r ? r : (x->num > y->num) - (x->num < y->num);
}

int counts_find(analysis_t *an, size_t *dcap)
{
    if (likeness_build(an)) {
        return SIFT_ENOMEM;
    }
    size_t nc = 0;
    cnum_t *c = arena_alloc(an->arena, (an->n_nums + 1) * sizeof(cnum_t));
    if (!c) {
        return SIFT_ENOMEM;
    }
    for (size_t i = 0; i < an->n_nums && nc < MAX_COUNT_NUMS; i++) {
        const an_number_t *x = &an->nums[i];
        if (!x->has_value || x->lo < 2 || strcmp(x->kind, "quantity") != 0 ||
            !noun_of(an, x, c[nc].noun)) {
            continue;
        }
        c[nc].num = (uint32_t)i;
        c[nc].unit = unit_at(an, x->doc, x->off);
        span_of(x, &c[nc].lo, &c[nc].hi);
        if (c[nc].unit != UINT32_MAX) {
            nc++;
        }
    }
    /* figures of one noun side by side: a slot compares only those */
    qsort(c, nc, sizeof(cnum_t), cmp_cnum);
    uint8_t *used = arena_alloc(an->arena, nc + 1);
    if (!used) {
        return SIFT_ENOMEM;
    }
    memset(used, 0, nc + 1);
    for (size_t gb = 0, ge; gb < nc; gb = ge) {
        ge = gb + 1;
        while (ge < nc && strcmp(c[ge].noun, c[gb].noun) == 0) {
            ge++;
        }
        for (size_t a = gb; a < ge; a++) {
            if (!used[a]) {
                int rc = emit_slot(an, c + gb, ge - gb, a - gb, used + gb, dcap);
                if (rc) {
                    return rc;
                }
            }
        }
    }
    return 0;
}
