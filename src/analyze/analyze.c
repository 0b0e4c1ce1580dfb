/* analyze/analyze.c: the analysis driver: copies the reports' text into
 * one arena, tokenises each, then runs the passes in dependency order
 * (entities before quotes and citations; dates before numbers, claims
 * and the timeline; the summary last). */
#include <stdlib.h>
#include <string.h>

#include "analyze_int.h"
#include "util/buf.h"
#include "util/day.h"
#include "util/err.h"
#include "util/limits.h"

#ifndef SIFT_MAX_ANALYZE_BYTES
/* Text of one story analysed at once: a storyline of a few hundred
 * reports; the passes hold tokens for all of it. */
#define SIFT_MAX_ANALYZE_BYTES ((size_t)64 * 1024 * 1024)
#endif

const char *analyze_ent_type_name(an_ent_type_t t)
{
    switch (t) {
    case AN_ENT_PERSON:
        return "person";
    case AN_ENT_ORG:
        return "organisation";
    case AN_ENT_PLACE:
        return "place";
    default:
        return "other";
    }
}

void analysis_free(analysis_t *a)
{
    if (!a) {
        return;
    }
    arena_t *ar = a->arena;
    free(a);
    arena_free(ar);
}

static analysis_t *analysis_new(void)
{
    analysis_t *a = calloc(1, sizeof(*a));
    if (!a) {
        return NULL;
    }
    a->arena = arena_new();
    a->in = a->arena ? arena_alloc(a->arena, sizeof(an_int_t)) : NULL;
    if (!a->in) {
        analysis_free(a);
        return NULL;
    }
    memset(a->in, 0, sizeof(an_int_t));
    a->in->words = words_get();
    if (!a->in->words) {
        analysis_free(a);
        return NULL;
    }
    return a;
}

static const char *dup_str(arena_t *ar, const char *s)
{
    return arena_strndup(ar, s ? s : "", s ? strlen(s) : 0);
}

/* Clutter that still says something about the story: captions and
 * credits carry dates, places and agencies (who cites whom), bylines
 * and datelines their people and dates. Related links, share prompts
 * and the like belong to other stories and stay out. */
static int is_evidence_clutter(const char *reason)
{
    static const char *const kept[] = { "caption", "photo-credit", "credit", "byline", "dateline" };
    for (size_t i = 0; i < sizeof(kept) / sizeof(kept[0]); i++) {
        if (strcmp(reason, kept[i]) == 0) {
            return 1;
        }
    }
    return 0;
}

/* text: title and blocks; all: text, then clutter. */
static int build_doc(analysis_t *an, const sift_report_t *r, an_doc_t *d, size_t *total)
{
    arena_t *ar = an->arena;
    buf_t b;
    buf_init(&b, SIFT_MAX_ANALYZE_BYTES);
    int rc = 0;
    if (r->title && *r->title) {
        rc |= buf_puts(&b, r->title);
    }
    for (size_t i = 0; i < r->n_blocks; i++) {
        if (r->blocks[i].kind == SIFT_BLOCK_TITLE) {
            continue;
        }
        if (b.len) {
            rc |= buf_puts(&b, "\n\n");
        }
        rc |= buf_append(&b, r->blocks[i].text, r->blocks[i].len);
    }
    size_t text_len = b.len;
    for (size_t i = 0; i < r->n_clutter; i++) {
        if (!is_evidence_clutter(r->clutter[i].reason)) {
            continue;
        }
        rc |= buf_puts(&b, "\n\n");
        rc |= buf_append(&b, r->clutter[i].text, r->clutter[i].len);
    }
    if (rc || __builtin_add_overflow(*total, b.len, total) || *total > SIFT_MAX_ANALYZE_BYTES) {
        buf_release(&b);
        return rc == SIFT_ENOMEM ? SIFT_ENOMEM : SIFT_ELIMIT;
    }
    char *all = arena_strndup(ar, b.ptr ? b.ptr : "", b.len);
    buf_release(&b);
    d->in = arena_alloc(ar, sizeof(an_doc_int_t));
    if (!all || !d->in) {
        return SIFT_ENOMEM;
    }
    memset(d->in, 0, sizeof(an_doc_int_t));
    d->in->all = all;
    d->in->all_len = strlen(all);
    d->text = all;
    d->len = text_len;
    d->clutter = all + text_len;
    d->clutter_len = d->in->all_len - text_len;
    d->report_id = dup_str(ar, r->id);
    d->source = dup_str(ar, r->source);
    d->outlet = dup_str(ar, r->outlet);
    d->outlet_evidence = dup_str(ar, r->outlet_evidence);
    d->title = dup_str(ar, r->title);
    d->date_how = "";
    if (r->date && strlen(r->date) >= 10) {
        memcpy(d->date, r->date, 10);
        d->date[10] = '\0';
        d->is_date_certain = r->is_date_certain;
        d->date_how = "report";
    }
    return 0;
}

/* What a story's analysis takes from its arena, from the text it reads:
 * tokens, mentions, clause terms and copies of sentences come to at most
 * ARENA_PER_BYTE bytes a byte of text (18 kept at the end, more at the
 * likeness pass's peak: docs/bench/analysis-4.md). Taken as one chunk up
 * front so the story's memory is one block (see arena_reserve()); pages
 * never touched cost nothing; a story that needs more grows the arena. */
#define ARENA_PER_BYTE    32
#define ARENA_RESERVE_MAX ((size_t)64 * 1024 * 1024)

static size_t reserve_bytes(const sift_report_t *const *reports, size_t n)
{
    size_t bytes = 0;
    for (size_t i = 0; i < n; i++) {
        const sift_report_t *r = reports[i];
        bytes += r->title ? strlen(r->title) : 0;
        for (size_t b = 0; b < r->n_blocks; b++) {
            bytes += r->blocks[b].len;
        }
        for (size_t c = 0; c < r->n_clutter; c++) {
            bytes += r->clutter[c].len;
        }
        if (bytes > ARENA_RESERVE_MAX / ARENA_PER_BYTE) {
            return ARENA_RESERVE_MAX;
        }
    }
    /* Rounded up to a power of two: the analyses of stories of about the
     * same size then ask for the same block, which glibc reuses from its
     * heap once the first one is freed, instead of mapping fresh pages
     * (each zero-filled by the kernel at first touch) for every story a
     * little larger than the last. The pages a story never touches cost
     * nothing. */
    size_t want = bytes * ARENA_PER_BYTE + 4096, size = (size_t)64 * 1024;
    while (size < want) {
        size *= 2;
    }
    return size;
}

static int run_passes(analysis_t *an, sift_err_t *err)
{
    int (*const passes[])(analysis_t *, sift_err_t *) = { entities_find,  quotes_find,
                                                          dates_find,     numbers_find,
                                                          citations_find, claims_find,
                                                          timeline_build, summary_build };
    for (size_t i = 0; i < sizeof(passes) / sizeof(passes[0]); i++) {
        int rc = passes[i](an, err);
        if (rc) {
            return rc;
        }
    }
    return 0;
}

int analyze_story(const sift_report_t *const *reports, size_t n, analysis_t **out, sift_err_t *err)
{
    *out = NULL;
    analysis_t *an = analysis_new();
    if (!an) {
        return err_oom(err);
    }
    an->docs = arena_alloc(an->arena, (n ? n : 1) * sizeof(an_doc_t));
    if (!an->docs) {
        analysis_free(an);
        return err_oom(err);
    }
    memset(an->docs, 0, (n ? n : 1) * sizeof(an_doc_t));
    an->n_docs = n;
    if (arena_reserve(an->arena, reserve_bytes(reports, n))) {
        analysis_free(an);
        return err_oom(err);
    }
    size_t total = 0;
    for (size_t i = 0; i < n; i++) {
        int rc = build_doc(an, reports[i], &an->docs[i], &total);
        if (!rc) {
            rc = tok_doc(an->arena, an->in->words, &an->docs[i]);
        }
        if (rc) {
            analysis_free(an);
            return err_set(err, rc, reports[i]->source, SIFT_NOPOS, 0,
                           rc == SIFT_ELIMIT ? "story too large to analyse" : "out of memory");
        }
    }
    int rc = run_passes(an, err);
    if (rc) {
        analysis_free(an);
        return rc;
    }
    *out = an;
    return 0;
}

int analyze_quotes_text(const char *text, size_t len, analysis_t **out, sift_err_t *err)
{
    *out = NULL;
    analysis_t *an = analysis_new();
    if (!an) {
        return err_oom(err);
    }
    an_doc_t *d = arena_alloc(an->arena, sizeof(an_doc_t));
    char *all = arena_strndup(an->arena, text, len);
    an_doc_int_t *in = arena_alloc(an->arena, sizeof(an_doc_int_t));
    if (!d || !all || !in) {
        analysis_free(an);
        return err_oom(err);
    }
    memset(d, 0, sizeof(*d));
    memset(in, 0, sizeof(*in));
    in->all = all;
    in->all_len = len;
    d->in = in;
    d->text = all;
    d->len = len;
    d->clutter = all + len;
    d->report_id = d->source = d->outlet = d->outlet_evidence = d->title = d->date_how = "";
    an->docs = d;
    an->n_docs = 1;
    int rc = tok_doc(an->arena, an->in->words, d);
    if (!rc) {
        rc = entities_find(an, err);
    }
    if (!rc) {
        rc = quotes_find(an, err);
    }
    if (rc) {
        analysis_free(an);
        return rc == SIFT_ENOMEM ? err_set(err, rc, NULL, SIFT_NOPOS, 0, "out of memory") : rc;
    }
    *out = an;
    return 0;
}

/* The analysis of r alone, tokenised, for the day finders: *out owned
 * by the caller (analysis_free). 0 or a SIFT_E* code with err set. */
static int analyse_one(const sift_report_t *r, int has_anchor, int64_t anchor_day, analysis_t **out,
                       sift_err_t *err)
{
    *out = NULL;
    analysis_t *an = analysis_new();
    if (!an) {
        err_oom(err);
        return SIFT_ENOMEM;
    }
    an->in->has_anchor = has_anchor;
    an->in->anchor_day = anchor_day;
    an->docs = arena_alloc(an->arena, sizeof(an_doc_t));
    int rc = an->docs ? 0 : SIFT_ENOMEM;
    if (!rc) {
        memset(an->docs, 0, sizeof(an_doc_t));
        an->n_docs = 1;
        size_t total = 0;
        rc = build_doc(an, r, an->docs, &total);
    }
    rc = rc ? rc : tok_doc(an->arena, an->in->words, an->docs);
    if (rc) {
        analysis_free(an);
        err_set(err, rc, r->source, SIFT_NOPOS, 0,
                rc == SIFT_ELIMIT ? "report too large to analyse" : "out of memory");
        return rc;
    }
    *out = an;
    return 0;
}

int analyze_report_day(const sift_report_t *r, int has_anchor, int64_t anchor_day, int64_t *out_day,
                       int *out_found, sift_err_t *err)
{
    *out_day = 0;
    *out_found = 0;
    analysis_t *an;
    int rc = analyse_one(r, has_anchor, anchor_day, &an, err);
    if (rc) {
        return rc;
    }
    rc = dates_find(an, err);
    const char *date = an->docs->date;
    if (!rc && strlen(date) == 10) {
        int y = 0, m = 0, d = 0;
        for (int i = 0; i < 4; i++) {
            y = y * 10 + (date[i] - '0');
        }
        m = (date[5] - '0') * 10 + (date[6] - '0');
        d = (date[8] - '0') * 10 + (date[9] - '0');
        *out_day = day_from_civil(y, m, d);
        *out_found = 1;
    }
    analysis_free(an);
    return rc;
}

int analyze_lead_day(const sift_report_t *r, an_lead_t *out, sift_err_t *err)
{
    memset(out, 0, sizeof(*out));
    out->wd = -1;
    analysis_t *an;
    int rc = analyse_one(r, 0, 0, &an, err);
    if (rc) {
        return rc;
    }
    rc = dates_lead(an, out, err);
    analysis_free(an);
    return rc;
}
