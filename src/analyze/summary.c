/* analyze/summary.c: 3 to 7 sentences taken from the reports, each citing
 * every report that says much the same. A sentence scores by how many
 * other reports share its words, earlier sentences first; a sentence too
 * close to one already chosen is skipped, so none repeats another. */
#include <string.h>

#include "analyze_int.h"
#include "util/err.h"

#define MAX_SUMMARY_SENTS 2000

typedef struct cand {
    uint32_t doc, sent;
    uint64_t *stems;
    size_t n_stems;
    uint64_t sig[2];
    double score;
    int is_used;
} cand_t;

static int sim(const cand_t *a, const cand_t *b)
{
    if (__builtin_popcountll(a->sig[0] & b->sig[0]) + __builtin_popcountll(a->sig[1] & b->sig[1]) <
        3) {
        return 0;
    }
    size_t sh = stems_shared(a->stems, a->n_stems, b->stems, b->n_stems);
    size_t mn = a->n_stems < b->n_stems ? a->n_stems : b->n_stems;
    return sh >= AN_SIM_MIN_SHARED && mn && (double)sh / (double)mn >= AN_SIM_MIN_SHARE;
}

int summary_build(analysis_t *an, sift_err_t *err)
{
    cand_t *c = NULL;
    size_t n = 0, cap = 0;
    for (uint32_t di = 0; di < an->n_docs; di++) {
        const an_doc_t *d = &an->docs[di];
        for (uint32_t si = 1; si < d->in->n_sents && n < MAX_SUMMARY_SENTS; si++) {
            const an_sent_t *s = &d->in->sents[si];
            if (s->tb >= d->in->clutter_tok) {
                break;
            }
            uint32_t words = 0;
            int quoted = 0;
            for (uint32_t t = s->tb; t < s->te; t++) {
                words += d->in->toks[t].kind == TK_WORD;
                quoted += (d->in->toks[t].flags & TF_INQ) != 0;
            }
            const char *last = tok_ptr(d, s->te - 1);
            if (words < 5 || words > 60 || quoted * 2 > (int)(s->te - s->tb) ||
                (*last != '.' && *last != '"' && (unsigned char)*last != 0xE2)) {
                continue;
            }
            cand_t *x = an_push(an->arena, &c, &n, &cap, sizeof(cand_t));
            if (!x || tok_sent_stems(an->arena, d, si, &x->stems, &x->n_stems)) {
                goto nomem;
            }
            x->doc = di;
            x->sent = si;
            stems_sig(x->sig, x->stems, x->n_stems);
        }
    }
    for (size_t i = 0; i < n; i++) {
        uint32_t *docs = NULL;
        size_t nd = 0, dcap = 0;
        for (size_t j = 0; j < n; j++) {
            if (c[j].doc != c[i].doc && sim(&c[i], &c[j]) &&
                docs_add(an->arena, &docs, &nd, &dcap, c[j].doc)) {
                goto nomem;
            }
        }
        /* reports backing it, then an early place in its report */
        c[i].score = (double)nd + 1.0 / (1.0 + (double)c[i].sent);
    }
    size_t want = an->n_docs + 2;
    want = want < 3 ? 3 : want > 7 ? 7 : want;
    size_t scap = 0;
    while (an->n_summary < want) {
        long best = -1;
        for (size_t i = 0; i < n; i++) {
            if (c[i].is_used || (best >= 0 && c[i].score <= c[best].score)) {
                continue;
            }
            int dup = 0;
            for (size_t j = 0; j < n && !dup; j++) {
                dup = c[j].is_used &&
                      (sim(&c[i], &c[j]) ||
                       stems_shared(c[i].stems, c[i].n_stems, c[j].stems, c[j].n_stems) * 2 >
                           c[i].n_stems);
            }
            if (!dup) {
                best = (long)i;
            }
        }
        if (best < 0) {
            break;
        }
        cand_t *b = &c[best];
        b->is_used = 1;
        an_summary_line_t *l =
            an_push(an->arena, &an->summary, &an->n_summary, &scap, sizeof(an_summary_line_t));
        if (!l) {
            goto nomem;
        }
        const an_doc_t *d = &an->docs[b->doc];
        l->text = tok_span(an->arena, d, d->in->sents[b->sent].tb, d->in->sents[b->sent].te);
        size_t dcap = 0;
        if (!l->text || docs_add(an->arena, &l->docs, &l->n_docs, &dcap, b->doc)) {
            goto nomem;
        }
        for (size_t j = 0; j < n; j++) {
            if (c[j].doc != b->doc && sim(b, &c[j]) &&
                docs_add(an->arena, &l->docs, &l->n_docs, &dcap, c[j].doc)) {
                goto nomem;
            }
        }
    }
    return 0;
nomem:
    return err_set(err, SIFT_ENOMEM, NULL, SIFT_NOPOS, 0, "out of memory");
}
