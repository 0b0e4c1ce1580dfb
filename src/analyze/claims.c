/* analyze/claims.c: weighing the reports against each other. Sentences
 * of different reports that share enough content words make one claim,
 * backed by the reports they come from; numbers of the same value in such
 * sentences make a count claim. Disagreements: a person's title with and
 * without "former" in different reports, and a figure tied to different
 * dates (or rounds, resolved to dates through the story). Spelling
 * variants are listed as variants, never as conflicts. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "analyze_int.h"
#include "util/err.h"

static const char *sent_text(analysis_t *an, uint32_t doc, uint32_t sent)
{
    return tok_sent_text(an->arena, &an->docs[doc], sent);
}

static const char *sent_subject(const analysis_t *an, uint32_t doc, uint32_t si)
{
    const an_doc_t *d = &an->docs[doc];
    const an_sent_t *s = &d->in->sents[si];
    for (uint32_t t = s->tb; t < s->te; t++) {
        const an_mention_t *m = ent_mention_at(an, doc, t);
        if (m && !m->is_modifier && !(d->in->toks[t].flags & TF_INQ)) {
            return an->ents[ent_root(an, m->ent)].name;
        }
    }
    return "";
}

static int add_ev(analysis_t *an, an_evidence_t **ev, size_t *n, size_t *cap, uint32_t doc,
                  const char *text)
{
    an_evidence_t *e = an_push(an->arena, ev, n, cap, sizeof(an_evidence_t));
    if (!e || !text) {
        return SIFT_ENOMEM;
    }
    e->doc = doc;
    e->text = text;
    return 0;
}

static size_t count_outlets(const analysis_t *an, const uint32_t *docs, size_t n)
{
    size_t k = 0;
    for (size_t i = 0; i < n; i++) {
        const char *o = an->docs[docs[i]].outlet;
        int seen = 0;
        for (size_t j = 0; j < i && o[0]; j++) {
            seen |= strcmp(an->docs[docs[j]].outlet, o) == 0;
        }
        k += !seen;
    }
    return k;
}

/* Sentence claims: a seed clause and, from each other report, the
 * clause most like it (likeness.c). Seeds go by how many reports echo
 * them, then by how strongly; every member must be like the seed itself
 * (no chains of likeness). A clause that joined a claim whose seed is its
 * own best match seeds none, but may join others. */
static uint32_t best_in_doc(const an_unit_t *u, uint32_t i, uint32_t doc)
{
    for (size_t k = 0; k < u[i].n_nb; k++) {
        if (u[u[i].nb[k].unit].doc == doc) {
            return u[i].nb[k].unit; /* neighbours come best first */
        }
    }
    return UINT32_MAX;
}

typedef struct seed_keys {
    const uint32_t *n_docs;
    const float *strength;
} seed_keys_t;

/* a before b: more reports, then stronger, then earlier */
static int seed_before(uint32_t a, uint32_t b, const seed_keys_t *k)
{
    if (k->n_docs[a] != k->n_docs[b]) {
        return k->n_docs[a] > k->n_docs[b];
    }
    if (k->strength[a] != k->strength[b]) {
        return k->strength[a] > k->strength[b];
    }
    return a < b;
}

/* Merge sort through tmp (qsort takes no context). The keys end in the
 * index, so the order is total. */
static void sort_seeds(uint32_t *v, uint32_t *tmp, size_t n, const seed_keys_t *k)
{
    if (n < 2) {
        return;
    }
    size_t h = n / 2;
    sort_seeds(v, tmp, h, k);
    sort_seeds(v + h, tmp, n - h, k);
    size_t i = 0, j = h, o = 0;
    while (i < h && j < n) {
        tmp[o++] = seed_before(v[j], v[i], k) ? v[j++] : v[i++];
    }
    while (i < h) {
        tmp[o++] = v[i++];
    }
    while (j < n) {
        tmp[o++] = v[j++];
    }
    memcpy(v, tmp, n * sizeof(uint32_t));
}

/* Evidence from a report already backing the claim: its sentence, unless
 * that sentence is there already (two clauses of one sentence). */
static int add_again(analysis_t *an, an_evidence_t **ev, size_t *n, size_t *cap, uint32_t doc,
                     uint32_t sent)
{
    const char *t = sent_text(an, doc, sent);
    if (!t) {
        return SIFT_ENOMEM;
    }
    for (size_t i = 0; i < *n; i++) {
        if ((*ev)[i].doc == doc && strcmp((*ev)[i].text, t) == 0) {
            return 0;
        }
    }
    return add_ev(an, ev, n, cap, doc, t);
}

static int sentence_claims(analysis_t *an, size_t *cap)
{
    if (likeness_build(an)) {
        return SIFT_ENOMEM;
    }
    an_unit_t *u = an->in->units;
    size_t n = an->in->n_units;
    int *group = arena_alloc(an->arena, (n + 1) * sizeof(int));
    uint32_t *n_docs = arena_alloc(an->arena, (n + 1) * sizeof(uint32_t));
    float *strength = arena_alloc(an->arena, (n + 1) * sizeof(float));
    uint8_t *seen = arena_alloc(an->arena, an->n_docs + 1);
    if (!group || !n_docs || !strength || !seen) {
        return SIFT_ENOMEM;
    }
    for (size_t i = 0; i < n; i++) {
        group[i] = -1;
        n_docs[i] = 0;
        strength[i] = 0;
        memset(seen, 0, an->n_docs + 1);
        for (size_t k = 0; k < u[i].n_nb; k++) {
            uint32_t d = u[u[i].nb[k].unit].doc;
            if (!seen[d]) { /* neighbours come best first */
                seen[d] = 1;
                n_docs[i]++;
                strength[i] += u[i].nb[k].score;
            }
        }
    }
    /* seeds in order once (the keys never change; a search of all
     * clauses per claim grew with the square of the story) */
    uint32_t *order = arena_alloc(an->arena, (n + 1) * sizeof(uint32_t));
    uint32_t *tmp = arena_alloc(an->arena, (n + 1) * sizeof(uint32_t));
    if (!order || !tmp) {
        return SIFT_ENOMEM;
    }
    size_t n_order = 0;
    for (size_t i = 0; i < n; i++) {
        if (n_docs[i] > 0) {
            order[n_order++] = (uint32_t)i;
        }
    }
    seed_keys_t keys = { n_docs, strength };
    sort_seeds(order, tmp, n_order, &keys);
    for (size_t oi = 0; oi < n_order; oi++) {
        long seed = (long)order[oi];
        if (group[seed] >= 0) {
            continue;
        }
        const an_unit_t *sd = &u[seed];
        group[seed] = (int)seed;
        uint32_t *docs = NULL;
        size_t nd = 0, dcap = 0;
        an_evidence_t *ev = NULL;
        size_t ne = 0, ecap = 0;
        if (docs_add(an->arena, &docs, &nd, &dcap, sd->doc) ||
            add_ev(an, &ev, &ne, &ecap, sd->doc, sent_text(an, sd->doc, sd->sent))) {
            return SIFT_ENOMEM;
        }
        memset(seen, 0, an->n_docs + 1);
        int aligned = 0;
        for (size_t k = 0; k < sd->n_nb; k++) {
            uint32_t j = sd->nb[k].unit;
            /* aligned both ways: the clause's own best match in the seed's
             * report is in the seed's sentence */
            uint32_t back = best_in_doc(u, j, sd->doc);
            int mutual = back != UINT32_MAX && u[back].sent == sd->sent;
            if (seen[u[j].doc]) {
                /* the report says it again in another sentence (aligned
                 * both ways): more evidence, not another report */
                if (mutual && add_again(an, &ev, &ne, &ecap, u[j].doc, u[j].sent)) {
                    return SIFT_ENOMEM;
                }
                continue;
            }
            seen[u[j].doc] = 1;
            aligned |= mutual;
            /* a member whose own best match in the seed's report is the
             * seed says nothing more: it will not seed a claim */
            if (group[j] < 0 && back == (uint32_t)seed) {
                group[j] = (int)seed;
            }
            if (docs_add(an->arena, &docs, &nd, &dcap, u[j].doc) ||
                add_ev(an, &ev, &ne, &ecap, u[j].doc, sent_text(an, u[j].doc, u[j].sent))) {
                return SIFT_ENOMEM;
            }
        }
        /* a claim needs one report aligned with the seed both ways: a
         * seed that is only each report's least bad match shares a topic
         * with them, not a statement */
        if (!aligned || nd < 2) {
            continue;
        }
        an_claim_t *c = an_push(an->arena, &an->claims, &an->n_claims, cap, sizeof(an_claim_t));
        if (!c) {
            return SIFT_ENOMEM;
        }
        c->ev = ev;
        c->n_ev = ne;
        c->docs = docs;
        c->n_docs = nd;
        c->n_outlets = count_outlets(an, docs, nd);
        c->subject = sent_subject(an, sd->doc, sd->sent);
        c->relation = "states";
        c->value = ev[0].text;
        c->when = "";
    }
    return 0;
}

/* The explicit day of a sentence, or of the round it names ("the second
 * round of talks") as another sentence of the story dates it. */
const char *claims_sent_when(const analysis_t *an, uint32_t doc, uint32_t si)
{
    for (size_t i = 0; i < an->n_dates; i++) {
        if (an->dates[i].doc == doc && an->dates[i].sent == si && strlen(an->dates[i].date) == 10) {
            return an->dates[i].date;
        }
    }
    const an_doc_t *d = &an->docs[doc];
    const an_sent_t *s = &d->in->sents[si];
    for (size_t i = 0; i < an->n_nums; i++) {
        const an_number_t *x = &an->nums[i];
        if (x->doc != doc || x->sent != si || strcmp(x->kind, "ordinal") != 0 ||
            strncmp(x->counts, "round", 5) != 0) {
            continue;
        }
        /* the same round dated elsewhere */
        for (size_t j = 0; j < an->n_nums; j++) {
            const an_number_t *y = &an->nums[j];
            if (j == i || strcmp(y->kind, "ordinal") != 0 || y->lo != x->lo ||
                strncmp(y->counts, "round", 5) != 0) {
                continue;
            }
            for (size_t k = 0; k < an->n_dates; k++) {
                if (an->dates[k].doc == y->doc && an->dates[k].sent == y->sent &&
                    strlen(an->dates[k].date) == 10) {
                    return an->dates[k].date;
                }
            }
        }
    }
    (void)s;
    return NULL;
}

/* Quantities of one value chained in story order: next[i] is the next
 * quantity with nums[i]'s value (UINT32_MAX at the end), is_first[i] when
 * none comes before it. A scan of every earlier and later number per
 * number grew with the square of the story. */
typedef struct qty_key {
    double lo;
    uint32_t i;
} qty_key_t;

static int cmp_qty(const void *a, const void *b)
{
    const qty_key_t *x = a, *y = b;
    if (x->lo != y->lo) {
        return x->lo < y->lo ? -1 : 1;
    }
    return (x->i > y->i) - (x->i < y->i);
}

static int chain_quantities(analysis_t *an, uint32_t **out_next, uint8_t **out_first)
{
    size_t n = an->n_nums, nk = 0;
    qty_key_t *k = arena_alloc(an->arena, (n + 1) * sizeof(qty_key_t));
    uint32_t *next = arena_alloc(an->arena, (n + 1) * sizeof(uint32_t));
    uint8_t *first = arena_alloc(an->arena, n + 1);
    if (!k || !next || !first) {
        return SIFT_ENOMEM;
    }
    for (size_t i = 0; i < n; i++) {
        const an_number_t *x = &an->nums[i];
        next[i] = UINT32_MAX;
        first[i] = 0;
        if (x->has_value && strcmp(x->kind, "quantity") == 0) {
            k[nk++] = (qty_key_t){ x->lo, (uint32_t)i };
        }
    }
    qsort(k, nk, sizeof(qty_key_t), cmp_qty);
    for (size_t q = 0; q < nk; q++) {
        first[k[q].i] = q == 0 || k[q - 1].lo != k[q].lo;
        if (q + 1 < nk && k[q + 1].lo == k[q].lo) {
            next[k[q].i] = k[q + 1].i;
        }
    }
    *out_next = next;
    *out_first = first;
    return 0;
}

static int number_claims(analysis_t *an, size_t *cap, size_t *dcap)
{
    size_t n = an->n_nums;
    uint32_t *next;
    uint8_t *first;
    if (chain_quantities(an, &next, &first)) {
        return SIFT_ENOMEM;
    }
    for (size_t i = 0; i < n; i++) {
        const an_number_t *x = &an->nums[i];
        if (!x->has_value || x->lo < 10 || strcmp(x->kind, "quantity") != 0 || !first[i]) {
            continue;
        }
        /* numbers of this value in sentences like this one's */
        uint64_t *a, *b;
        size_t na, nb;
        uint32_t *docs = NULL;
        size_t nd = 0, dc = 0;
        an_evidence_t *ev = NULL;
        size_t ne = 0, ecap = 0;
        const char *when[64];
        uint32_t wdoc[64];
        const char *wtext[64];
        size_t nw = 0;
        if (tok_sent_stems(an->arena, &an->docs[x->doc], x->sent, &a, &na)) {
            return SIFT_ENOMEM;
        }
        for (size_t j = i; j != UINT32_MAX; j = next[j]) {
            const an_number_t *y = &an->nums[j];
            if (tok_sent_stems(an->arena, &an->docs[y->doc], y->sent, &b, &nb)) {
                return SIFT_ENOMEM;
            }
            if (j != i && stems_shared(a, na, b, nb) < AN_SIM_MIN_SHARED) {
                continue;
            }
            if (docs_add(an->arena, &docs, &nd, &dc, y->doc)) {
                return SIFT_ENOMEM;
            }
            char *txt = arena_strndup(an->arena, an->docs[y->doc].in->all + y->off, y->len);
            if (add_ev(an, &ev, &ne, &ecap, y->doc, txt)) {
                return SIFT_ENOMEM;
            }
            const char *w = claims_sent_when(an, y->doc, y->sent);
            if (w && nw < 64) {
                when[nw] = w;
                wdoc[nw] = y->doc;
                wtext[nw] = sent_text(an, y->doc, y->sent);
                nw++;
            }
        }
        if (nd < 2) {
            continue;
        }
        an_claim_t *c = an_push(an->arena, &an->claims, &an->n_claims, cap, sizeof(an_claim_t));
        char *val = arena_alloc(an->arena, 96);
        if (!c || !val) {
            return SIFT_ENOMEM;
        }
        snprintf(val, 96, "%.0f%s", x->lo, x->is_per_side ? " each" : "");
        c->subject = sent_subject(an, x->doc, x->sent);
        c->relation = x->unit[0] ? x->unit : "count";
        c->value = val;
        c->when = nw ? when[0] : "";
        c->ev = ev;
        c->n_ev = ne;
        c->docs = docs;
        c->n_docs = nd;
        c->n_outlets = count_outlets(an, docs, nd);
        /* the same figure tied to different days in different reports */
        int differs = 0;
        for (size_t k = 1; k < nw; k++) {
            differs |= strcmp(when[k], when[0]) != 0 && wdoc[k] != wdoc[0];
        }
        if (!differs) {
            continue;
        }
        an_disagreement_t *g = an_push(an->arena, &an->disagreements, &an->n_disagreements, dcap,
                                       sizeof(an_disagreement_t));
        char *slot = arena_alloc(an->arena, 160);
        if (!g || !slot) {
            return SIFT_ENOMEM;
        }
        snprintf(slot, 160, "when %s %s was agreed or happened", val, c->relation);
        g->slot = slot;
        g->kind = "when";
        size_t vcap = 0;
        for (size_t k = 0; k < nw; k++) {
            an_dvalue_t *dv = NULL;
            for (size_t m = 0; m < g->n_values; m++) {
                if (strcmp(g->values[m].value, when[k]) == 0) {
                    dv = &g->values[m];
                }
            }
            if (!dv) {
                dv = an_push(an->arena, &g->values, &g->n_values, &vcap, sizeof(an_dvalue_t));
                if (!dv) {
                    return SIFT_ENOMEM;
                }
                dv->value = when[k];
            }
            size_t c2 = dv->n_ev;
            if (add_ev(an, &dv->ev, &dv->n_ev, &c2, wdoc[k], wtext[k])) {
                return SIFT_ENOMEM;
            }
        }
    }
    return 0;
}

static int has_word(const char *s, const char *w, size_t wl)
{
    for (const char *p = s; (p = strstr(p, w)) != NULL; p++) {
        int start = p == s || p[-1] == ' ';
        int end = p[wl] == '\0' || p[wl] == ' ';
        if (start && end) {
            return 1;
        }
    }
    return 0;
}

/* Every word of a is in b. */
static int words_in(const char *a, const char *b)
{
    const char *p = a;
    while (*p) {
        const char *e = strchr(p, ' ');
        size_t l = e ? (size_t)(e - p) : strlen(p);
        char w[64];
        if (l >= sizeof(w)) {
            return 0;
        }
        memcpy(w, p, l);
        w[l] = '\0';
        if (!has_word(b, w, l)) {
            return 0;
        }
        p += l;
        while (*p == ' ') {
            p++;
        }
    }
    return 1;
}

static const char *last_word(const char *s)
{
    const char *sp = strrchr(s, ' ');
    return sp ? sp + 1 : s;
}

/* "former US President" in one report, "US President" in another. */
static int title_conflicts(analysis_t *an, size_t *dcap)
{
    for (size_t e = 0; e < an->n_ents; e++) {
        const an_entity_t *en = &an->ents[e];
        if (en->merged_into >= 0 || en->type != AN_ENT_PERSON) {
            continue;
        }
        for (size_t i = 0; i < en->n_roles; i++) {
            const char *r = en->roles[i].text;
            if (strncasecmp(r, "former ", 7) != 0) {
                continue;
            }
            const char *bare = r + 7;
            an_disagreement_t *g = NULL;
            size_t vcap = 0;
            for (size_t j = 0; j < en->n_roles; j++) {
                const char *r2 = en->roles[j].text;
                if (j == i || strstr(r2, "former") || strcmp(last_word(r2), last_word(bare)) != 0 ||
                    !(words_in(r2, bare) || words_in(bare, r2))) {
                    continue;
                }
                int other_doc = 0;
                for (size_t a = 0; a < en->roles[j].n_docs; a++) {
                    int shared = 0;
                    for (size_t b = 0; b < en->roles[i].n_docs; b++) {
                        shared |= en->roles[j].docs[a] == en->roles[i].docs[b];
                    }
                    other_doc |= !shared;
                }
                if (!other_doc) {
                    continue;
                }
                if (!g) {
                    g = an_push(an->arena, &an->disagreements, &an->n_disagreements, dcap,
                                sizeof(an_disagreement_t));
                    char *slot = arena_alloc(an->arena, strlen(en->name) + 16);
                    if (!g || !slot) {
                        return SIFT_ENOMEM;
                    }
                    snprintf(slot, strlen(en->name) + 16, "%s: title", en->name);
                    g->slot = slot;
                    g->kind = "title";
                    an_dvalue_t *dv =
                        an_push(an->arena, &g->values, &g->n_values, &vcap, sizeof(an_dvalue_t));
                    if (!dv) {
                        return SIFT_ENOMEM;
                    }
                    dv->value = r;
                    size_t c = 0;
                    for (size_t a = 0; a < en->roles[i].n_docs; a++) {
                        if (add_ev(an, &dv->ev, &dv->n_ev, &c, en->roles[i].docs[a], r)) {
                            return SIFT_ENOMEM;
                        }
                    }
                }
                an_dvalue_t *dv =
                    an_push(an->arena, &g->values, &g->n_values, &vcap, sizeof(an_dvalue_t));
                if (!dv) {
                    return SIFT_ENOMEM;
                }
                dv->value = r2;
                size_t c = 0;
                for (size_t a = 0; a < en->roles[j].n_docs; a++) {
                    if (add_ev(an, &dv->ev, &dv->n_ev, &c, en->roles[j].docs[a], r2)) {
                        return SIFT_ENOMEM;
                    }
                }
            }
        }
    }
    return 0;
}

/* Role words with spelling and gender variants made equal: "Defence"
 * and "Defense", "spokesperson" and "spokesman". */
static void role_norm(char *out, size_t n, const char *s)
{
    size_t k = 0;
    for (const char *p = s; *p && k + 1 < n;) {
        if (strncasecmp(p, "spokesperson", 12) == 0 || strncasecmp(p, "spokeswoman", 11) == 0) {
            const char *r = "spokesman";
            for (; *r && k + 1 < n; r++) {
                out[k++] = *r;
            }
            p += p[6] == 'p' || p[6] == 'P' ? 12 : 11;
            continue;
        }
        char c = (char)((*p >= 'A' && *p <= 'Z') ? *p + 32 : *p);
        /* -ence -> -ense, -our -> -or, -ise -> -ize at a word end */
        int at_end = p[1] == '\0' || p[1] == ' ';
        if (c == 'c' && k > 1 && out[k - 1] == 'n' && out[k - 2] == 'e' &&
            (p[1] == 'e' || p[1] == 'E') && (p[2] == '\0' || p[2] == ' ')) {
            c = 's';
        } else if (c == 's' && k > 0 && out[k - 1] == 'i' && (p[1] == 'e' || p[1] == 'E')) {
            c = 'z';
        } else if (c == 'u' && k > 0 && out[k - 1] == 'o' && (p[1] == 'r' || p[1] == 'R') &&
                   (p[2] == '\0' || p[2] == ' ')) {
            p++;
            continue;
        }
        (void)at_end;
        out[k++] = c;
        p++;
    }
    out[k] = '\0';
}

/* Variant groups: an entity's spellings, and British/American words. */
static int variant_groups(analysis_t *an)
{
    size_t cap = 0;
    for (size_t e = 0; e < an->n_ents; e++) {
        const an_entity_t *en = &an->ents[e];
        if (en->merged_into >= 0 || en->n_forms < 2) {
            continue;
        }
        /* every form, when two of them spell the name differently (not
         * just a shorter part: "Peskov" in "Dmitry Peskov") */
        an_tagged_t *forms = NULL;
        size_t nf = 0, fcap = 0;
        int differs = 0;
        for (size_t i = 0; i < en->n_forms; i++) {
            const char *f = en->forms[i].text;
            if (strchr(f, '(')) {
                continue;
            }
            for (size_t j = 0; j < en->n_forms && !differs; j++) {
                const char *g = en->forms[j].text;
                differs = j != i && !strchr(g, '(') && !words_in(f, g) && !words_in(g, f);
            }
            an_tagged_t *t = an_push(an->arena, &forms, &nf, &fcap, sizeof(an_tagged_t));
            if (!t) {
                return SIFT_ENOMEM;
            }
            *t = en->forms[i];
        }
        if (!differs) {
            continue;
        }
        if (nf < 2) {
            continue;
        }
        an_variant_group_t *g =
            an_push(an->arena, &an->variants, &an->n_variants, &cap, sizeof(an_variant_group_t));
        if (!g) {
            return SIFT_ENOMEM;
        }
        g->about = en->name;
        int acr = 0;
        for (size_t i = 0; i < nf; i++) {
            int up = 1;
            for (const char *p = forms[i].text; *p; p++) {
                up &= !(*p >= 'a' && *p <= 'z');
            }
            acr |= up;
        }
        g->kind = acr ? "abbreviation" : "transliteration";
        g->forms = forms;
        g->n_forms = nf;
    }
    /* a person's roles: spellings of one title (Defence/Defense Minister,
     * spokesman/spokesperson) and the other descriptions reports give */
    for (size_t e = 0; e < an->n_ents; e++) {
        const an_entity_t *en = &an->ents[e];
        if (en->merged_into >= 0 || en->type != AN_ENT_PERSON || en->n_roles < 2) {
            continue;
        }
        an_tagged_t *forms = NULL;
        size_t nf = 0, fcap = 0;
        for (size_t i = 0; i < en->n_roles; i++) {
            for (size_t j = 0; j < en->n_roles; j++) {
                const char *a = en->roles[i].text, *b = en->roles[j].text;
                size_t wa = 1, wb = 1;
                for (const char *p = a; *p; p++) {
                    wa += *p == ' ';
                }
                for (const char *p = b; *p; p++) {
                    wb += *p == ' ';
                }
                if (i == j || wa < wb) {
                    continue;
                }
                /* the last words of the longer role against the shorter */
                const char *tail = a;
                for (size_t k = 0; k < wa - wb; k++) {
                    tail = strchr(tail, ' ') + 1;
                }
                char fa[128], fb[128];
                role_norm(fa, sizeof(fa), tail);
                role_norm(fb, sizeof(fb), b);
                if (strcmp(fa, fb) != 0 || strcmp(tail, b) == 0) {
                    continue;
                }
                char *t = arena_strndup(an->arena, tail, strlen(tail));
                if (!t || tagged_add(an->arena, &forms, &nf, &fcap, t, en->roles[i].docs[0])) {
                    return SIFT_ENOMEM;
                }
                for (size_t k = 0; k < en->roles[j].n_docs; k++) {
                    if (tagged_add(an->arena, &forms, &nf, &fcap, b, en->roles[j].docs[k])) {
                        return SIFT_ENOMEM;
                    }
                }
            }
        }
        an_variant_group_t *g;
        if (nf >= 2) {
            g = an_push(an->arena, &an->variants, &an->n_variants, &cap,
                        sizeof(an_variant_group_t));
            if (!g) {
                return SIFT_ENOMEM;
            }
            g->about = en->name;
            g->kind = "role spelling";
            g->forms = forms;
            g->n_forms = nf;
        }
        /* every role, when reports describe the person differently and no
         * title conflict was found for them */
        int conflicted = 0;
        for (size_t k = 0; k < an->n_disagreements; k++) {
            conflicted |= strncmp(an->disagreements[k].slot, en->name, strlen(en->name)) == 0;
        }
        /* nor when every role is one of the spellings just listed */
        size_t spelled = 0;
        for (size_t k = 0; nf >= 2 && k < en->n_roles; k++) {
            for (size_t i = 0; i < nf; i++) {
                if (strcmp(forms[i].text, en->roles[k].text) == 0) {
                    spelled++;
                    break;
                }
            }
        }
        if (conflicted || (nf >= 2 && spelled == en->n_roles)) {
            continue;
        }
        g = an_push(an->arena, &an->variants, &an->n_variants, &cap, sizeof(an_variant_group_t));
        if (!g) {
            return SIFT_ENOMEM;
        }
        g->about = en->name;
        g->kind = "role descriptions";
        g->forms = en->roles;
        g->n_forms = en->n_roles;
    }
    /* British and American spellings of one word: -ise/-ize, -isation */
    an_tagged_t *forms = NULL;
    size_t nf = 0, fcap = 0;
    int has_s = 0, has_z = 0;
    for (uint32_t di = 0; di < an->n_docs; di++) {
        const an_doc_t *d = &an->docs[di];
        for (uint32_t t = 0; t < d->in->clutter_tok; t++) {
            /* every suffix below ends in d, g, n or e and needs 7 letters
             * in all: most tokens go without a copy */
            const an_tok_t *tk = &d->in->toks[t];
            unsigned char end = an_low((unsigned char)d->in->all[tk->off + tk->len - 1]);
            if (tk->len < 7 ||
                (tk->len < 48 && end != 'd' && end != 'g' && end != 'n' && end != 'e')) {
                continue;
            }
            char low[48];
            tok_lower(d, t, low, sizeof(low));
            size_t l = strlen(low);
            const char *sfx[] = { "ised",    "ized", "ising", "izing", "isation",
                                  "ization", "ise",  "ize",   NULL };
            for (int k = 0; sfx[k]; k++) {
                size_t sl = strlen(sfx[k]);
                if (l > sl + 3 && strcmp(low + l - sl, sfx[k]) == 0) {
                    char *w = arena_strndup(an->arena, low, l);
                    if (!w || tagged_add(an->arena, &forms, &nf, &fcap, w, di)) {
                        return SIFT_ENOMEM;
                    }
                    if (strchr(sfx[k], 'z')) {
                        has_z = 1;
                    } else {
                        has_s = 1;
                    }
                    break;
                }
            }
        }
    }
    if (has_s && has_z && nf >= 2) {
        an_variant_group_t *g =
            an_push(an->arena, &an->variants, &an->n_variants, &cap, sizeof(an_variant_group_t));
        if (!g) {
            return SIFT_ENOMEM;
        }
        g->about = "spelling";
        g->kind = "British and American spelling";
        g->forms = forms;
        g->n_forms = nf;
    }
    return 0;
}

/* The head of a role, normalised: its last word through role_norm
 * ("Russia's chief negotiator" and "lead negotiator" -> "negotiator",
 * "Kremlin spokesperson" and "spokesman" -> "spokesman"). */
static void role_head(char *out, size_t n, const char *role)
{
    role_norm(out, n, last_word(role));
}

/* The body sentence of doc where the entity's role is written: a sentence
 * with a mention of the entity and the role's text, else one with a
 * mention and the role's last word. UINT32_MAX if none. */
static uint32_t role_sent(analysis_t *an, int root, uint32_t doc, const char *role)
{
    uint32_t fallback = UINT32_MAX;
    const an_doc_t *d = &an->docs[doc];
    for (size_t i = 0; i < an->in->n_ments; i++) {
        const an_mention_t *m = &an->in->ments[i];
        if (m->doc != doc || ent_root(an, m->ent) != root || m->tb >= d->in->clutter_tok ||
            (d->in->toks[m->tb].flags & TF_INQ)) {
            continue;
        }
        uint32_t si = tok_sent_of(d, m->tb);
        const char *t = sent_text(an, doc, si);
        if (!t) {
            return UINT32_MAX;
        }
        if (strstr(t, role)) {
            return si;
        }
        if (fallback == UINT32_MAX && has_word(t, last_word(role), strlen(last_word(role)))) {
            fallback = si;
        }
    }
    return fallback;
}

/* Whether role j of en has the head noun head and is not a "former"
 * title (a role claim groups those). */
static int same_role(const an_entity_t *en, size_t j, const char *head)
{
    char hj[64];
    const char *rj = en->roles[j].text;
    role_head(hj, sizeof(hj), rj);
    return strncasecmp(rj, "former ", 7) != 0 && strcmp(head, hj) == 0;
}

/* Role claims: a person described with the same kind of role by
 * independent reports ("Vladimir Medinsky, Russia's chief negotiator" and
 * "lead negotiator Vladimir Medinsky"): the role of a person is a claim
 * the reports make, in whatever words. Roles are grouped by their head
 * noun; a "former" title and a person whose title is in dispute are left
 * to the title disagreement. */
static int role_claims(analysis_t *an, size_t *cap)
{
    for (size_t e = 0; e < an->n_ents; e++) {
        const an_entity_t *en = &an->ents[e];
        if (en->merged_into >= 0 || en->type != AN_ENT_PERSON || en->n_roles == 0) {
            continue;
        }
        int conflicted = 0;
        for (size_t k = 0; k < an->n_disagreements; k++) {
            conflicted |= strcmp(an->disagreements[k].kind, "title") == 0 &&
                          strncmp(an->disagreements[k].slot, en->name, strlen(en->name)) == 0;
        }
        if (conflicted) {
            continue;
        }
        for (size_t i = 0; i < en->n_roles; i++) {
            char hi[64];
            const char *ri = en->roles[i].text;
            role_head(hi, sizeof(hi), ri);
            if (strncasecmp(ri, "former ", 7) == 0 || !hi[0]) {
                continue;
            }
            /* the first role with this head makes the claim */
            int earlier = 0;
            for (size_t j = 0; j < i && !earlier; j++) {
                earlier = same_role(en, j, hi);
            }
            if (earlier) {
                continue;
            }
            /* the reports giving it first (cheap), the sentences only when
             * two outlets give it (a scan of the story's mentions each) */
            uint32_t *docs = NULL;
            size_t nd = 0, dc = 0;
            for (size_t j = i; j < en->n_roles; j++) {
                if (!same_role(en, j, hi)) {
                    continue;
                }
                for (size_t k = 0; k < en->roles[j].n_docs; k++) {
                    int have = 0;
                    for (size_t q = 0; q < nd; q++) {
                        have |= docs[q] == en->roles[j].docs[k];
                    }
                    if (!have && docs_add(an->arena, &docs, &nd, &dc, en->roles[j].docs[k])) {
                        return SIFT_ENOMEM;
                    }
                }
            }
            if (count_outlets(an, docs, nd) < 2) {
                continue;
            }
            docs = NULL;
            nd = dc = 0;
            an_evidence_t *ev = NULL;
            size_t ne = 0, ecap = 0;
            for (size_t j = i; j < en->n_roles; j++) {
                if (!same_role(en, j, hi)) {
                    continue;
                }
                for (size_t k = 0; k < en->roles[j].n_docs; k++) {
                    uint32_t doc = en->roles[j].docs[k];
                    int have = 0;
                    for (size_t q = 0; q < nd; q++) {
                        have |= docs[q] == doc;
                    }
                    uint32_t si = have ? UINT32_MAX : role_sent(an, (int)e, doc, en->roles[j].text);
                    if (si == UINT32_MAX) {
                        continue;
                    }
                    if (docs_add(an->arena, &docs, &nd, &dc, doc) ||
                        add_ev(an, &ev, &ne, &ecap, doc, sent_text(an, doc, si))) {
                        return SIFT_ENOMEM;
                    }
                }
            }
            if (count_outlets(an, docs, nd) < 2) {
                continue;
            }
            an_claim_t *c = an_push(an->arena, &an->claims, &an->n_claims, cap, sizeof(an_claim_t));
            if (!c) {
                return SIFT_ENOMEM;
            }
            c->subject = en->name;
            c->relation = "role";
            c->value = ri;
            c->when = "";
            c->ev = ev;
            c->n_ev = ne;
            c->docs = docs;
            c->n_docs = nd;
            c->n_outlets = count_outlets(an, docs, nd);
        }
    }
    return 0;
}

int claims_find(analysis_t *an, sift_err_t *err)
{
    size_t ccap = 0, dcap = 0;
    int rc = number_claims(an, &ccap, &dcap);
    if (!rc) {
        rc = sentence_claims(an, &ccap);
    }
    if (!rc) {
        rc = title_conflicts(an, &dcap);
    }
    if (!rc) {
        rc = counts_find(an, &dcap);
    }
    if (!rc) {
        rc = role_claims(an, &ccap);
    }
    if (!rc) {
        rc = variant_groups(an);
    }
    if (rc) {
        return err_oom(err);
    }
    return 0;
}
