/* analyze/citations.c: who cites whom inside each report: "citing X",
 * "according to X", "told Reuters", "X contributed reporting", photo
 * credits ("Photo: AFP", "(AP Photo/...)", "via AFP"), and an
 * organisation that "said" or "reported". Also finds a report's outlet
 * when the report did not name one: "X reports, citing ..." or the web
 * domain of a URL in its text. */
#include <string.h>

#include "analyze_int.h"
#include "util/err.h"

/* Nouns that make a phrase a source: "Russian media", "unnamed sources". */
static const char *const source_heads[] = { "media",     "sources",   "source",  "officials",
                                            "official",  "report",    "reports", "agency",
                                            "agencies",  "statement", "outlets", "newspaper",
                                            "documents", "analysts",  "people",  "witnesses",
                                            "diplomats", "data",      NULL };

/* Source nouns that a name only qualifies: "Russian media", "Ukrainian
 * officials" (but "a Bloomberg report" is Bloomberg's). */
static const char *const group_heads[] = { "media",     "sources",  "officials", "outlets",
                                           "agencies",  "analysts", "diplomats", "people",
                                           "witnesses", NULL };

/* The source named at or just after t: an entity within 5 tokens ("a
 * Bloomberg report" -> Bloomberg), an entity's modifier with a source
 * noun ("Russian media"), the name after a possessive ("Ukraine's
 * Coordination Headquarters"), or a phrase of up to 7 words ending in a
 * source noun ("an unnamed source familiar with"). "citing security
 * concerns" names no source: NULL. */
static const char *named_after(analysis_t *an, uint32_t di, uint32_t t, uint32_t end)
{
    const an_doc_t *d = &an->docs[di];
    for (uint32_t u = t; u < end && u < t + 5; u++) {
        const an_mention_t *m = ent_mention_at(an, di, u);
        if (m) {
            uint32_t e = m->te;
            if (e + 1 < end && d->in->toks[e].kind == TK_POSS && ent_mention_at(an, di, e + 1)) {
                m = ent_mention_at(an, di, e + 1); /* "Ukraine's Coordination Headquarters" */
                return an->ents[ent_root(an, m->ent)].name;
            }
            if (e < end && tok_is_any(d, e, group_heads)) {
                return tok_span(an->arena, d, m->tb, e + 1); /* "Russian media" */
            }
            return an->ents[ent_root(an, m->ent)].name;
        }
        if (d->in->toks[u].kind == TK_PUNCT) {
            break;
        }
    }
    uint32_t e = t, head = t;
    while (e < end && e < t + 7 && d->in->toks[e].kind == TK_WORD) {
        if (tok_is_any(d, e, source_heads)) {
            head = e + 1;
        }
        e++;
    }
    if (head == t) {
        return NULL;
    }
    /* past the source noun, what qualifies it ("familiar with the talks") */
    return tok_span(an->arena, d, t, e);
}

/* The entity that ends just before t (skipping a comma). */
static const char *named_before(const analysis_t *an, uint32_t di, uint32_t t, uint32_t tb)
{
    const an_doc_t *d = &an->docs[di];
    uint32_t u = t;
    while (u > tb &&
           (tok_is(d, u - 1, ",") || tok_is(d, u - 1, "report") || tok_is(d, u - 1, "reports"))) {
        u--;
    }
    if (u > tb) {
        const an_mention_t *m = ent_mention_at(an, di, u - 1);
        if (m && m->te == u) {
            return an->ents[ent_root(an, m->ent)].name;
        }
    }
    return NULL;
}

static int add_cite(analysis_t *an, size_t *cap, uint32_t di, const char *citing, const char *cited,
                    const char *rel, uint32_t tb, uint32_t te)
{
    if (!cited || !*cited) {
        return 0;
    }
    const an_doc_t *d = &an->docs[di];
    for (size_t i = 0; i < an->n_cites; i++) {
        const an_citation_t *c = &an->cites[i];
        if (c->doc == di && strcmp(c->cited, cited) == 0 && strcmp(c->relation, rel) == 0 &&
            strcmp(c->citing, citing) == 0) {
            return 0;
        }
    }
    an_citation_t *c = an_push(an->arena, &an->cites, &an->n_cites, cap, sizeof(an_citation_t));
    if (!c) {
        return SIFT_ENOMEM;
    }
    c->doc = di;
    c->citing = citing;
    c->cited = cited;
    c->relation = rel;
    c->evidence = tok_span(an->arena, d, tb, te);
    return c->evidence ? 0 : SIFT_ENOMEM;
}

static int is_org(const analysis_t *an, uint32_t di, uint32_t t)
{
    const an_mention_t *m = ent_mention_at(an, di, t);
    return m && an->ents[ent_root(an, m->ent)].type == AN_ENT_ORG;
}

/* "X reports," / "X reports, citing": the report's outlet. */
static void find_outlet(analysis_t *an, uint32_t di)
{
    an_doc_t *d = &an->docs[di];
    if (d->outlet[0]) {
        return;
    }
    for (uint32_t t = 1; t + 1 < d->in->n_toks; t++) {
        if (tok_is(d, t, "reports") && (tok_is(d, t + 1, ",") || tok_is(d, t + 1, "."))) {
            const an_mention_t *m = ent_mention_at(an, di, t - 1);
            if (m && m->te == t) {
                d->outlet = an->ents[ent_root(an, m->ent)].name;
                d->outlet_evidence = tok_span(an->arena, d, m->tb, t + 1);
                return;
            }
        }
    }
    /* a URL in the text: its host, without "www." */
    const char *p = strstr(d->in->all, "://");
    if (p) {
        p += 3;
        if (strncmp(p, "www.", 4) == 0) {
            p += 4;
        }
        size_t n = strcspn(p, "/ >)\n");
        if (n > 3 && n < 80 && memchr(p, '.', n)) {
            char *host = arena_strndup(an->arena, p, n);
            if (host && ent_add_name(an, host, AN_ENT_ORG, di) == 0) {
                d->outlet = host;
                d->outlet_evidence = "url in the text";
            }
        }
    }
}

int citations_find(analysis_t *an, sift_err_t *err)
{
    size_t cap = 0;
    int rc = 0;
    for (uint32_t di = 0; di < an->n_docs && !rc; di++) {
        find_outlet(an, di);
        const an_doc_t *d = &an->docs[di];
        const char *self = d->outlet[0] ? d->outlet : "this report";
        for (uint32_t si = 0; si < d->in->n_sents && !rc; si++) {
            const an_sent_t *s = &d->in->sents[si];
            for (uint32_t t = s->tb; t < s->te && !rc; t++) {
                if (d->in->toks[t].flags & TF_INQ) {
                    continue;
                }
                if (tok_is(d, t, "citing")) {
                    const char *by = named_before(an, di, t, s->tb);
                    const char *cited = named_after(an, di, t + 1, s->te);
                    rc = add_cite(an, &cap, di, by ? by : self, cited, "citing",
                                  t > s->tb + 3 ? t - 3 : s->tb, t + 4 < s->te ? t + 4 : s->te);
                } else if (tok_is(d, t, "according") && tok_is(d, t + 1, "to")) {
                    const char *cited = named_after(an, di, t + 2, s->te);
                    rc = add_cite(an, &cap, di, self, cited, "according_to", t,
                                  t + 6 < s->te ? t + 6 : s->te);
                } else if (tok_is(d, t, "told") && t + 1 < s->te && is_org(an, di, t + 1)) {
                    rc = add_cite(an, &cap, di, self, named_after(an, di, t + 1, s->te), "told",
                                  t > s->tb + 3 ? t - 3 : s->tb, t + 2);
                } else if (tok_is(d, t, "contributed") &&
                           (tok_is(d, t + 1, "reporting") || tok_is(d, t + 1, "to"))) {
                    const char *by = named_before(an, di, t, s->tb);
                    rc = add_cite(an, &cap, di, self, by, "contributed_reporting", s->tb, t + 2);
                } else if (tok_is(d, t, "photo") || tok_is(d, t, "via") || tok_is(d, t, "photos")) {
                    const char *by = NULL;
                    if (t + 1 < s->te && (tok_is(d, t + 1, ":") || tok_is(d, t, "via"))) {
                        uint32_t at = tok_is(d, t + 1, ":") ? t + 2 : t + 1; /* "Photo: AFP" */
                        by = named_after(an, di, at, s->te);
                        /* "via AFP", not "via video link": an organisation or an acronym */
                        if (by && tok_is(d, t, "via") && !is_org(an, di, at) &&
                            !(at < s->te && (d->in->toks[at].flags & TF_ALLCAPS))) {
                            by = NULL;
                        }
                    } else {
                        by = named_before(an, di, t, s->tb);
                    }
                    if (by && strcmp(by, "FILE") != 0 && strcmp(by, "File") != 0) {
                        rc = add_cite(an, &cap, di, self, by, "photo_credit", t > s->tb ? t - 1 : t,
                                      t + 3 < s->te ? t + 3 : s->te);
                    }
                } else if ((tok_is(d, t, "said") || tok_is(d, t, "reported")) && t > s->tb &&
                           is_org(an, di, t - 1)) {
                    const char *by = named_before(an, di, t, s->tb);
                    if (by && strcmp(by, self) != 0) {
                        rc = add_cite(an, &cap, di, self, by,
                                      tok_is(d, t, "said") ? "statement" : "reported",
                                      t > s->tb + 2 ? t - 2 : s->tb, t + 1);
                    }
                }
            }
        }
    }
    if (rc) {
        return err_oom(err);
    }
    return 0;
}
