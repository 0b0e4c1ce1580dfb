/* analyze/summary.c: 3 to 7 sentences taken from the reports, each citing
 * the reports that say the same thing (a clause of theirs shares most of
 * a clause of it, likeness.c), and no others. A sentence scores by how many
 * other reports back it, earlier sentences first; a sentence like one
 * already chosen is skipped, so none repeats another. */
#include <string.h>

#include "analyze_int.h"
#include "util/err.h"

typedef struct cand {
    uint32_t doc, sent;
    uint32_t ub, ue; /* its clauses: units [ub, ue) */
    double score;
    int is_used;
} cand_t;

/* Is a clause of candidate a like a clause of sentence (doc, sent)? */
static int cand_like(const analysis_t *an, const cand_t *a, const cand_t *b)
{
    const an_unit_t *u = an->in->units;
    for (uint32_t i = a->ub; i < a->ue; i++) {
        for (size_t k = 0; k < u[i].n_nb; k++) {
            uint32_t j = u[i].nb[k].unit;
            if (j >= b->ub && j < b->ue) {
                return 1;
            }
        }
    }
    return 0;
}

/* The reports backing candidate c: its own and those with a clause like
 * one of its clauses. */
static int backing(analysis_t *an, const cand_t *c, uint32_t **docs, size_t *nd)
{
    const an_unit_t *u = an->in->units;
    size_t dcap = 0;
    *docs = NULL;
    *nd = 0;
    if (docs_add(an->arena, docs, nd, &dcap, c->doc)) {
        return SIFT_ENOMEM;
    }
    for (uint32_t i = c->ub; i < c->ue; i++) {
        for (size_t k = 0; k < u[i].n_nb; k++) {
            const an_nb_t *x = &u[i].nb[k];
            if (x->n_shared < AN_LIKE_CITE_TERMS || x->share < AN_LIKE_CITE_SHARE) {
                continue;
            }
            if (docs_add(an->arena, docs, nd, &dcap, u[x->unit].doc)) {
                return SIFT_ENOMEM;
            }
        }
    }
    return 0;
}

static int is_summary_sentence(const an_doc_t *d, const an_sent_t *s)
{
    uint32_t words = 0;
    int quoted = 0;
    for (uint32_t t = s->tb; t < s->te; t++) {
        words += d->in->toks[t].kind == TK_WORD;
        quoted += (d->in->toks[t].flags & TF_INQ) != 0;
    }
    const char *last = tok_ptr(d, s->te - 1);
    return words >= 5 && words <= 60 && quoted * 2 <= (int)(s->te - s->tb) &&
           (*last == '.' || *last == '"' || (unsigned char)*last == 0xE2);
}

/* The number of reports backing candidate c (as backing() lists them),
 * counted with stamps: per doc, the last candidate that counted it. */
static size_t n_backing(const analysis_t *an, const cand_t *c, uint32_t *stamp, uint32_t id)
{
    const an_unit_t *u = an->in->units;
    size_t nd = 1;
    stamp[c->doc] = id;
    for (uint32_t i = c->ub; i < c->ue; i++) {
        for (size_t k = 0; k < u[i].n_nb; k++) {
            const an_nb_t *x = &u[i].nb[k];
            if (x->n_shared < AN_LIKE_CITE_TERMS || x->share < AN_LIKE_CITE_SHARE) {
                continue;
            }
            uint32_t d = u[x->unit].doc;
            nd += stamp[d] != id;
            stamp[d] = id;
        }
    }
    return nd;
}

/* Pick the summary's sentences (indexes into c, best first) into pick. */
static size_t pick_sentences(const analysis_t *an, cand_t *c, size_t n, size_t want, size_t *pick)
{
    size_t n_pick = 0;
    while (n_pick < want) {
        long best = -1;
        for (size_t i = 0; i < n; i++) {
            if (c[i].is_used || (best >= 0 && c[i].score <= c[best].score)) {
                continue;
            }
            /* like none already chosen (a list of at most 7: a scan of
             * every candidate for the chosen ones grew with the square
             * of the story) */
            int dup = 0;
            for (size_t j = 0; j < n_pick && !dup; j++) {
                dup = cand_like(an, &c[i], &c[pick[j]]);
            }
            if (!dup) {
                best = (long)i;
            }
        }
        if (best < 0) {
            break;
        }
        c[best].is_used = 1;
        pick[n_pick++] = (size_t)best;
    }
    return n_pick;
}

int summary_build(analysis_t *an, sift_err_t *err)
{
    if (likeness_build(an)) {
        goto nomem;
    }
    const an_unit_t *u = an->in->units;
    size_t nu = an->in->n_units;
    /* candidates and stamps are scratch, given back before the lines */
    arena_mark_t mark = arena_mark(an->arena);
    cand_t *c = arena_alloc(an->arena, (nu + 1) * sizeof(cand_t));
    uint32_t *stamp = arena_alloc(an->arena, (an->n_docs + 1) * sizeof(uint32_t));
    if (!c || !stamp) {
        goto nomem;
    }
    memset(stamp, 0, (an->n_docs + 1) * sizeof(uint32_t));
    size_t n = 0;
    for (size_t i = 0; i < nu;) {
        size_t e = i + 1;
        while (e < nu && u[e].doc == u[i].doc && u[e].sent == u[i].sent) {
            e++;
        }
        const an_doc_t *d = &an->docs[u[i].doc];
        if (is_summary_sentence(d, &d->in->sents[u[i].sent])) {
            cand_t *x = &c[n++];
            memset(x, 0, sizeof(*x));
            x->doc = u[i].doc;
            x->sent = u[i].sent;
            x->ub = (uint32_t)i;
            x->ue = (uint32_t)e;
            size_t nd = n_backing(an, x, stamp, (uint32_t)n);
            /* reports backing it, then an early place in its report */
            x->score = (double)nd + 1.0 / (1.0 + (double)x->sent);
        }
        i = e;
    }
    size_t want = an->n_docs + 2;
    want = want < 3 ? 3 : want > 7 ? 7 : want;
    size_t pick[7];
    cand_t chosen[7];
    size_t n_pick = pick_sentences(an, c, n, want, pick);
    for (size_t k = 0; k < n_pick; k++) {
        chosen[k] = c[pick[k]];
    }
    arena_release(an->arena, mark);
    an->summary = arena_alloc(an->arena, (n_pick + 1) * sizeof(an_summary_line_t));
    if (!an->summary) {
        goto nomem;
    }
    for (size_t k = 0; k < n_pick; k++) {
        const cand_t *b = &chosen[k];
        an_summary_line_t *l = &an->summary[an->n_summary++];
        memset(l, 0, sizeof(*l));
        const an_doc_t *d = &an->docs[b->doc];
        l->text = tok_span(an->arena, d, d->in->sents[b->sent].tb, d->in->sents[b->sent].te);
        if (!l->text || backing(an, b, &l->docs, &l->n_docs)) {
            goto nomem;
        }
    }
    return 0;
nomem:
    return err_oom(err);
}
