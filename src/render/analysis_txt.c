/* render/analysis_txt.c: a story's analysis for the terminal, and the section
 * walk (analysis_render) that the Markdown and HTML writers reuse with their
 * own styles. Every string that is not a literal of this file goes through
 * st->put (the format's escaper), even ids and dates: a report's date or
 * source can carry markup, and one unescaped path is enough to inject it. */
#include <string.h>

#include "analysis_int.h"
#include "render.h"

static void put(const analysis_style_t *st, FILE *f, const char *s)
{
    st->put(f, s, strlen(s));
}

static void refs(FILE *f, const analysis_style_t *st, const analysis_t *a, const uint32_t *docs,
                 size_t n)
{
    fputs(" [", f);
    for (size_t i = 0; i < n; i++) {
        const char *id = a->docs[docs[i]].report_id;
        fputs(i ? " " : "", f);
        st->put(f, id, strnlen(id, 8));
    }
    fputc(']', f);
}

static void heading(FILE *f, const analysis_style_t *st, const char *h)
{
    fprintf(f, "%s%s%s", st->h_open, h, st->h_close);
}

/* A citation's relation in words ("according_to" -> "according to"). */
static const char *cite_how(const char *rel)
{
    static const char *const words[][2] = { { "according_to", "according to" },
                                            { "contributed_reporting", "contributed reporting" },
                                            { "photo_credit", "photo credit" },
                                            { "told", "a source told it" } };
    for (size_t i = 0; i < sizeof(words) / sizeof(words[0]); i++) {
        if (strcmp(rel, words[i][0]) == 0) {
            return words[i][1];
        }
    }
    return rel; /* "citing", "statement", "reported" read as they are */
}

int analysis_render(FILE *f, const analysis_t *a, const analysis_style_t *st)
{
    fputs(st->begin, f);
    heading(f, st, "Reports");
    fputs(st->l_open, f);
    for (size_t i = 0; i < a->n_docs; i++) {
        const an_doc_t *d = &a->docs[i];
        fputs(st->i_open, f);
        st->put(f, d->report_id, strnlen(d->report_id, 8));
        fputc(' ', f);
        put(st, f, d->date[0] ? d->date : "-");
        fputs(d->is_date_certain ? " " : "? ", f);
        put(st, f, d->outlet[0] ? d->outlet : "-");
        fputs(": ", f);
        put(st, f, d->title);
        fputs(st->i_close, f);
    }
    fputs(st->l_close, f);
    heading(f, st, "Summary");
    fputs(st->l_open, f);
    for (size_t i = 0; i < a->n_summary; i++) {
        fputs(st->i_open, f);
        put(st, f, a->summary[i].text);
        refs(f, st, a, a->summary[i].docs, a->summary[i].n_docs);
        fputs(st->i_close, f);
    }
    fputs(st->l_close, f);
    heading(f, st, "Timeline");
    fputs(st->l_open, f);
    for (size_t i = 0; i < a->n_timeline; i++) {
        const an_event_t *e = &a->timeline[i];
        fputs(st->i_open, f);
        put(st, f, e->date);
        fputs(e->is_certain ? " " : " (inferred) ", f);
        put(st, f, e->what);
        uint32_t docs[64];
        size_t nd = 0;
        for (size_t k = 0; k < e->n_ev && nd < 64; k++) {
            int seen = 0;
            for (size_t j = 0; j < nd; j++) {
                seen |= docs[j] == e->ev[k].doc;
            }
            if (!seen) {
                docs[nd++] = e->ev[k].doc;
            }
        }
        refs(f, st, a, docs, nd);
        fputs(st->i_close, f);
    }
    fputs(st->l_close, f);
    heading(f, st, "Who");
    fputs(st->l_open, f);
    for (size_t i = 0; i < a->n_ents; i++) {
        const an_entity_t *e = &a->ents[i];
        if (e->merged_into >= 0 || e->n_mentions < 2) {
            continue;
        }
        fputs(st->i_open, f);
        put(st, f, e->name);
        fputs(" (", f);
        put(st, f, analyze_ent_type_name(e->type));
        fputc(')', f);
        for (size_t k = 0; k < e->n_roles && k < 4; k++) {
            fputs(k ? ", " : ": ", f);
            put(st, f, e->roles[k].text);
        }
        fputs(st->i_close, f);
    }
    fputs(st->l_close, f);
    heading(f, st, "Quotes");
    fputs(st->l_open, f);
    for (size_t i = 0; i < a->n_quotes; i++) {
        const an_quote_t *q = &a->quotes[i];
        fputs(st->i_open, f);
        put(st, f, q->speaker[0] ? q->speaker : "(unknown)");
        fputs(": \"", f);
        st->put(f, a->docs[q->doc].text + q->off, q->len);
        fputc('"', f);
        refs(f, st, a, &q->doc, 1);
        fputs(st->i_close, f);
    }
    fputs(st->l_close, f);
    heading(f, st, "Numbers");
    fputs(st->l_open, f);
    for (size_t i = 0; i < a->n_nums; i++) {
        const an_number_t *x = &a->nums[i];
        fputs(st->i_open, f);
        st->put(f, a->docs[x->doc].text + x->off, x->len);
        fputs(" (", f);
        put(st, f, x->kind);
        fputc(')', f);
        refs(f, st, a, &x->doc, 1);
        fputs(st->i_close, f);
    }
    fputs(st->l_close, f);
    heading(f, st, "Claims");
    fputs(st->l_open, f);
    for (size_t i = 0; i < a->n_claims; i++) {
        const an_claim_t *c = &a->claims[i];
        fputs(st->i_open, f);
        if (strcmp(c->relation, "role") == 0) {
            /* a role claim's sentences say much else: name the role */
            put(st, f, c->subject);
            fputs(": ", f);
            put(st, f, c->value);
        } else {
            put(st, f, c->ev[0].text);
        }
        fprintf(f, " (%zu outlets)", c->n_outlets);
        refs(f, st, a, c->docs, c->n_docs);
        fputs(st->i_close, f);
    }
    fputs(st->l_close, f);
    heading(f, st, "Disagreements");
    fputs(st->l_open, f);
    for (size_t i = 0; i < a->n_disagreements; i++) {
        const an_disagreement_t *g = &a->disagreements[i];
        fputs(st->i_open, f);
        put(st, f, g->slot);
        for (size_t k = 0; k < g->n_values; k++) {
            fputs(k ? " vs " : ": ", f);
            put(st, f, g->values[k].value);
            uint32_t docs[64];
            size_t nd = 0;
            for (size_t e = 0; e < g->values[k].n_ev && nd < 64; e++) {
                docs[nd++] = g->values[k].ev[e].doc;
            }
            refs(f, st, a, docs, nd);
        }
        fputs(st->i_close, f);
    }
    fputs(st->l_close, f);
    heading(f, st, "Spelling variants (not conflicts)");
    fputs(st->l_open, f);
    for (size_t i = 0; i < a->n_variants; i++) {
        const an_variant_group_t *g = &a->variants[i];
        fputs(st->i_open, f);
        put(st, f, g->about);
        fputs(" (", f);
        put(st, f, g->kind);
        fputs("): ", f);
        for (size_t k = 0; k < g->n_forms; k++) {
            fputs(k ? " / " : "", f);
            put(st, f, g->forms[k].text);
        }
        fputs(st->i_close, f);
    }
    fputs(st->l_close, f);
    heading(f, st, "Citations");
    fputs(st->l_open, f);
    for (size_t i = 0; i < a->n_cites; i++) {
        const an_citation_t *c = &a->cites[i];
        fputs(st->i_open, f);
        put(st, f, c->citing);
        fputs(" cites ", f);
        put(st, f, c->cited);
        fputs(" (", f);
        put(st, f, cite_how(c->relation));
        fputc(')', f);
        refs(f, st, a, &c->doc, 1);
        fputs(st->i_close, f);
    }
    fputs(st->l_close, f);
    fputs(st->end, f);
    return ferror(f) ? SIFT_EIO : 0;
}

static void put_plain(FILE *f, const char *s, size_t n)
{
    fwrite(s, 1, n, f);
}

int render_analysis_text(FILE *f, const analysis_t *a)
{
    static const analysis_style_t st = { "", "", "\n", "\n", "", "", "  ", "\n", put_plain };
    return analysis_render(f, a, &st);
}
