/* cli/add_pipe.c: the per-report pipeline of `sift add`: text analysis,
 * near-duplicate and paragraph copies (stored with which report came
 * first), then clustering. One arena holds a report's whole analysis and
 * is reset after it. */
#include "add_pipe.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "analyze/analyze.h"
#include "cluster/cluster.h"
#include "dedup/dedup.h"
#include "text/text.h"
#include "util/arena.h"
#include "util/err.h"

/* Near duplicates recorded per report: the closest few are enough to
 * show where a copy came from. */
#define MAX_NEAR 4
/* Earlier reports looked at per copied paragraph. */
#define MAX_PARA_SOURCES 8

struct add_pipe {
    store_cl_t *sc;
    text_ctx_t *tc;
    dedup_t *dd;
    cluster_t *cl;
    arena_t *arena;
    cluster_params_t cp;
    uint64_t seed;
    /* state generation: reports this store's pipes have processed, as
     * of this process's last load plus the reports it processed since.
     * Every change of the state comes with a new report, and the count
     * is the same however the adds were split or killed, so a canonical
     * dump can keep it. */
    int64_t gen;
};

static int load_sketch(void *user, int64_t rid, const void *blob, size_t len)
{
    add_pipe_t *p = user;
    dedup_sketch_t s;
    if (len != sizeof(s.bin) + 4) {
        return 0; /* a sketch from another layout: skip, it is only an index */
    }
    const unsigned char *b = blob;
    for (size_t i = 0; i < DEDUP_BINS; i++) {
        s.bin[i] = (uint16_t)(b[2 * i] | b[2 * i + 1] << 8);
    }
    const unsigned char *n = b + sizeof(s.bin);
    s.n_shingles =
        (uint32_t)n[0] | (uint32_t)n[1] << 8 | (uint32_t)n[2] << 16 | (uint32_t)n[3] << 24;
    return dedup_insert(p->dd, (uint32_t)rid, &s, NULL);
}

static int load_para(void *user, int64_t rid, uint64_t fp)
{
    add_pipe_t *p = user;
    return dedup_para_insert(p->dd, fp, (uint32_t)rid, NULL);
}

/* (Re)build the in-memory indexes from the store: exactly the state the
 * process that last flushed held (docs/internals/clustering.md). */
static int pipe_load(add_pipe_t *p, sift_err_t *err)
{
    cluster_free(p->cl);
    dedup_free(p->dd);
    p->cl = NULL;
    p->dd = NULL;
    p->gen = 0;
    int rc = dedup_new(&p->dd, p->seed, err);
    rc = rc ? rc : cluster_new(&p->cl, &p->cp, err);
    rc = rc ? rc : store_cl_get_state(p->sc, "gen", &p->gen, err);
    /* every report processed has at most one sketch */
    rc = rc ? rc : dedup_reserve(p->dd, (size_t)(p->gen > 0 ? p->gen : 0), err);
    rc = rc ? rc : store_cl_each_sketch(p->sc, load_sketch, p, err);
    rc = rc ? rc : store_cl_each_para(p->sc, load_para, p, err);
    rc = rc ? rc : cluster_load(p->cl, p->sc, err);
    if (rc == SIFT_ENOMEM) {
        err_set(err, rc, NULL, SIFT_NOPOS, 0, "out of memory");
    }
    return rc;
}

int add_pipe_new(add_pipe_t **out, store_t *s, const sift_ctx_t *ctx, int64_t keep_active,
                 sift_err_t *err)
{
    *out = NULL;
    add_pipe_t *p = calloc(1, sizeof(*p));
    if (!p || !(p->arena = arena_new())) {
        free(p);
        return err_oom(err);
    }
    cluster_params_init(&p->cp);
    /* for benchmarks only:
     * "event_min,storyline_min,name_weight,storyline_name_weight,storyline_merge,event_merge,
     * numbers_as_names,event_days,storyline_days,estimate_days,event_slack,
     * lead_days,lead_slack,lead_decay,lead_from_text,lead_bonus,lead_bonus_days,
     * retire_reports,retire_days" */
    const char *tune = getenv("SIFT_CLUSTER_TUNE");
    if (tune && tune[0]) {
        cluster_params_t *cp = &p->cp;
        char *end = NULL;
        cp->event_min = strtod(tune, &end);
        cp->storyline_min = *end == ',' ? strtod(end + 1, &end) : cp->storyline_min;
        cp->name_weight = *end == ',' ? strtod(end + 1, &end) : cp->name_weight;
        cp->storyline_name_weight = *end == ',' ? strtod(end + 1, &end) : cp->storyline_name_weight;
        cp->storyline_merge = *end == ',' ? strtod(end + 1, &end) : cp->storyline_merge;
        cp->event_merge = *end == ',' ? strtod(end + 1, &end) : cp->event_merge;
        cp->numbers_as_names = *end == ',' ? (int)strtol(end + 1, &end, 10) : cp->numbers_as_names;
        cp->event_days = *end == ',' ? strtod(end + 1, &end) : cp->event_days;
        cp->storyline_days = *end == ',' ? strtod(end + 1, &end) : cp->storyline_days;
        cp->estimate_days = *end == ',' ? (int)strtol(end + 1, &end, 10) : cp->estimate_days;
        cp->event_slack = *end == ',' ? strtod(end + 1, &end) : cp->event_slack;
        cp->lead_days = *end == ',' ? strtod(end + 1, &end) : cp->lead_days;
        cp->lead_slack = *end == ',' ? strtod(end + 1, &end) : cp->lead_slack;
        cp->lead_decay = *end == ',' ? strtod(end + 1, &end) : cp->lead_decay;
        cp->lead_from_text = *end == ',' ? (int)strtol(end + 1, &end, 10) : cp->lead_from_text;
        cp->lead_bonus = *end == ',' ? strtod(end + 1, &end) : cp->lead_bonus;
        cp->lead_bonus_days = *end == ',' ? strtod(end + 1, &end) : cp->lead_bonus_days;
        cp->retire_reports = *end == ',' ? (int64_t)strtoll(end + 1, &end, 10) : cp->retire_reports;
        cp->retire_days = *end == ',' ? strtod(end + 1, &end) : cp->retire_days;
    }
    if (keep_active >= 0) {
        p->cp.retire_reports = keep_active;
    }
    p->seed = ctx->seed;
    int rc = store_cl_open(&p->sc, s, err);
    rc = rc ? rc : text_ctx_new(&p->tc, err);
    rc = rc ? rc : pipe_load(p, err);
    if (rc) {
        add_pipe_free(p);
        return rc;
    }
    *out = p;
    return 0;
}

int add_pipe_sync(add_pipe_t *p, sift_err_t *err)
{
    int64_t gen = 0;
    int rc = store_cl_get_state(p->sc, "gen", &gen, err);
    if (rc || gen == p->gen) {
        return rc;
    }
    return pipe_load(p, err);
}

void add_pipe_free(add_pipe_t *p)
{
    if (!p) {
        return;
    }
    cluster_free(p->cl);
    dedup_free(p->dd);
    text_ctx_free(p->tc);
    store_cl_close(p->sc);
    arena_free(p->arena);
    free(p);
}

struct add_prep {
    dedup_sketch_t sketch; /* of the body: a copy is often retitled */
    uint64_t *fps;         /* per body block; 0: too short to count */
    size_t n_fps;
    cluster_terms_t terms;
    /* fps and terms.keys follow in the same allocation */
};

struct add_prep_ctx {
    text_ctx_t *tc;
    arena_t *arena;
    dedup_t *seed_dd; /* empty: only its seed is used */
    cluster_params_t cp;
};

/* Out of memory while preparing r: the error names r's file. */
static int prep_oom(const sift_report_t *r, sift_err_t *err)
{
    return err_set(err, SIFT_ENOMEM, r->source, SIFT_NOPOS, 0, "out of memory");
}

/* Analyse r's title and blocks in a (reset first) and make its prep. */
static int prep_build(add_prep_t **out, text_ctx_t *tc, arena_t *a, const dedup_t *dd,
                      const cluster_params_t *cp, const sift_report_t *r, sift_err_t *err)
{
    *out = NULL;
    arena_reset(a);
    size_t n_title = r->title[0] ? 1 : 0;
    sift_slice_t *blocks = arena_alloc(a, (r->n_blocks + 1) * sizeof(sift_slice_t));
    if (!blocks) {
        return prep_oom(r, err);
    }
    if (n_title) {
        blocks[0] = (sift_slice_t){ r->title, strlen(r->title) };
    }
    for (size_t i = 0; i < r->n_blocks; i++) {
        blocks[n_title + i] = (sift_slice_t){ r->blocks[i].text, r->blocks[i].len };
    }
    text_doc_t d;
    int rc = text_analyze(tc, a, r->lang, blocks, n_title + r->n_blocks, TEXT_STEM, &d, err);
    if (rc) {
        return rc;
    }
    cluster_terms_t terms;
    if (cluster_terms_make(&terms, a, cp, &d, n_title)) {
        return prep_oom(r, err);
    }
    size_t n_fps = d.n_blocks - n_title;
    add_prep_t *pr =
        malloc(sizeof(*pr) + n_fps * sizeof(uint64_t) + terms.n * sizeof(cluster_key_t));
    if (!pr) {
        return prep_oom(r, err);
    }
    text_doc_t body = d;
    body.toks += d.block_start[n_title];
    body.n_toks -= d.block_start[n_title];
    dedup_sketch(&pr->sketch, dd, &body);
    pr->fps = (uint64_t *)(pr + 1);
    pr->n_fps = n_fps;
    for (size_t i = 0; i < n_fps; i++) {
        size_t b = n_title + i;
        pr->fps[i] = dedup_para_fp(dd, &d, d.block_start[b], d.block_start[b + 1]);
    }
    pr->terms.keys = (cluster_key_t *)(pr->fps + n_fps);
    pr->terms.n = terms.n;
    memcpy(pr->terms.keys, terms.keys, terms.n * sizeof(cluster_key_t));
    *out = pr;
    return 0;
}

int add_prep_ctx_new(add_prep_ctx_t **out, const add_pipe_t *p, sift_err_t *err)
{
    *out = NULL;
    add_prep_ctx_t *pc = calloc(1, sizeof(*pc));
    if (!pc || !(pc->arena = arena_new())) {
        free(pc);
        return err_oom(err);
    }
    pc->cp = p->cp;
    int rc = text_ctx_new(&pc->tc, err);
    rc = rc ? rc : dedup_new(&pc->seed_dd, p->seed, err);
    if (rc) {
        add_prep_ctx_free(pc);
        return rc;
    }
    *out = pc;
    return 0;
}

void add_prep_ctx_free(add_prep_ctx_t *pc)
{
    if (!pc) {
        return;
    }
    text_ctx_free(pc->tc);
    dedup_free(pc->seed_dd);
    arena_free(pc->arena);
    free(pc);
}

int add_prep_new(add_prep_t **out, add_prep_ctx_t *pc, const sift_report_t *r, sift_err_t *err)
{
    int rc = prep_build(out, pc->tc, pc->arena, pc->seed_dd, &pc->cp, r, err);
    arena_reset(pc->arena); /* the analysis is not kept: the prep holds what is needed */
    return rc;
}

void add_prep_free(add_prep_t *pr)
{
    free(pr);
}

/* Which of two reports came first: by publication date when both have
 * one, else by add order. True if a (added earlier) is first. */
static int is_first(const char *date_a, const char *date_b)
{
    if (date_a[0] && date_b[0]) {
        return strcmp(date_a, date_b) <= 0;
    }
    return 1;
}

static int put_sketch(add_pipe_t *p, int64_t rid, const dedup_sketch_t *s, sift_err_t *err)
{
    unsigned char blob[sizeof(s->bin) + 4];
    for (size_t i = 0; i < DEDUP_BINS; i++) {
        blob[2 * i] = (unsigned char)(s->bin[i] & 0xff);
        blob[2 * i + 1] = (unsigned char)(s->bin[i] >> 8);
    }
    for (int b = 0; b < 4; b++) {
        blob[sizeof(s->bin) + (size_t)b] = (unsigned char)(s->n_shingles >> (8 * b));
    }
    int rc = store_cl_put_sketch(p->sc, rid, blob, sizeof(blob), err);
    return rc ? rc : dedup_insert(p->dd, (uint32_t)rid, s, err);
}

/* Near duplicates of the report among earlier ones. Sets *copy_of to the
 * closest. */
static int find_near(add_pipe_t *p, const sift_report_t *r, int64_t rid, const dedup_sketch_t *s,
                     int64_t *copy_of, sift_err_t *err)
{
    dedup_match_t m[MAX_NEAR];
    size_t n = dedup_find_near(m, MAX_NEAR, p->dd, s, DEDUP_NEAR_MIN);
    for (size_t i = 0; i < n; i++) {
        char date[64];
        int rc = store_cl_report_date(p->sc, m[i].rid, date, sizeof(date), err);
        if (rc) {
            return rc;
        }
        int a_first = is_first(date, r->date);
        store_copy_t cp = { "near",  a_first ? m[i].rid : rid, a_first ? rid : m[i].rid, -1, -1,
                            m[i].sim };
        if ((rc = store_cl_put_copy(p->sc, &cp, err))) {
            return rc;
        }
    }
    *copy_of = n ? m[0].rid : 0;
    return put_sketch(p, rid, s, err);
}

/* Paragraphs repeated inside the report, and paragraphs copied from
 * earlier reports (except from its near duplicates, which are whole
 * copies already). Sets *copy_of when most paragraphs come from one. */
static int find_paras(add_pipe_t *p, const sift_report_t *r, int64_t rid, const uint64_t *fps,
                      size_t n_blocks, int64_t near_rid, int64_t *copy_of, sift_err_t *err)
{
    int64_t top_src = 0;
    size_t top_count = 0, n_fp = 0;
    int rc = 0;
    /* start every slot's cache miss first: the lookups below then overlap */
    for (size_t i = 0; i < n_blocks; i++) {
        if (fps[i]) {
            dedup_para_prefetch(p->dd, fps[i]);
        }
    }
    for (size_t i = 0; i < n_blocks && rc == 0; i++) {
        if (!fps[i]) {
            continue;
        }
        n_fp++;
        size_t j = 0;
        while (j < i && fps[j] != fps[i]) {
            j++;
        }
        if (j < i) {
            store_copy_t cp = { "repeat", rid, rid, (int)j, (int)i, 1.0 };
            rc = store_cl_put_copy(p->sc, &cp, err);
            continue;
        }
        uint32_t src[MAX_PARA_SOURCES];
        size_t n_src = dedup_para_find(src, MAX_PARA_SOURCES, p->dd, fps[i]);
        for (size_t k = 0; k < n_src && rc == 0; k++) {
            int para = -1;
            if (src[k] == rid || (near_rid && src[k] == near_rid)) {
                continue;
            }
            rc = store_cl_find_para(p->sc, src[k], fps[i], &para, err);
            if (rc || para < 0) {
                continue; /* a 32-bit key collision: not the same paragraph */
            }
            char date[64];
            rc = store_cl_report_date(p->sc, src[k], date, sizeof(date), err);
            int a_first = is_first(date, r->date);
            store_copy_t cp = { "paragraph",
                                a_first ? src[k] : rid,
                                a_first ? rid : src[k],
                                a_first ? para : (int)i,
                                a_first ? (int)i : para,
                                1.0 };
            rc = rc ? rc : store_cl_put_copy(p->sc, &cp, err);
            if (k == 0) {
                if (top_src == src[k]) {
                    top_count++;
                } else if (top_count == 0) {
                    top_src = src[k];
                    top_count = 1;
                }
            }
            break; /* the earliest source is enough */
        }
        rc = rc ? rc : store_cl_put_para(p->sc, rid, (int)i, fps[i], err);
        rc = rc ? rc : dedup_para_insert(p->dd, fps[i], (uint32_t)rid, err);
    }
    if (rc == 0 && !*copy_of && top_count * 2 > n_fp && top_count >= 2) {
        *copy_of = top_src;
    }
    return rc;
}

/* Repeats the reader already set aside as clutter ("repeated": a lead
 * or title printed twice) are copies inside the report too; record them
 * against the block that was kept (-1 when the kept one is the title or
 * was a near repeat), the removed copy having no block of its own. */
static int put_set_aside_repeats(add_pipe_t *p, const sift_report_t *r, int64_t rid,
                                 sift_err_t *err)
{
    int rc = 0;
    for (size_t k = 0; k < r->n_clutter && rc == 0; k++) {
        const sift_clutter_t *c = &r->clutter[k];
        if (strcmp(c->reason, "repeated") != 0) {
            continue;
        }
        int kept = -1;
        for (size_t i = 0; i < r->n_blocks && kept < 0; i++) {
            if (r->blocks[i].len == c->len && memcmp(r->blocks[i].text, c->text, c->len) == 0) {
                kept = (int)i;
            }
        }
        store_copy_t cp = { "repeat", rid, rid, kept, -1, 1.0 };
        rc = store_cl_put_copy(p->sc, &cp, err);
    }
    return rc;
}

/* Whether s[0..len) holds a run of exactly four digits that reads as a
 * year (analyze_is_year, the test analyze/dates.c applies). */
static int has_year(const char *s, size_t len)
{
    for (size_t i = 0; i + 4 <= len; i++) {
        size_t n = 0;
        while (i + n < len && s[i + n] >= '0' && s[i + n] <= '9') {
            n++;
        }
        if (n == 4) {
            int y = (s[i] - '0') * 1000 + (s[i + 1] - '0') * 100 + (s[i + 2] - '0') * 10 +
                    (s[i + 3] - '0');
            if (analyze_is_year(y)) {
                return 1;
            }
        }
        i += n;
    }
    return 0;
}

/* Does the report name a year anywhere (title, body, clutter)? Without
 * one, and without a date to resolve against, its text cannot date
 * itself, so it is not analysed for a day (most of the cost of dating). */
static int report_names_year(const sift_report_t *r)
{
    int found = has_year(r->title, strlen(r->title));
    for (size_t i = 0; !found && i < r->n_blocks; i++) {
        found = has_year(r->blocks[i].text, r->blocks[i].len);
    }
    for (size_t i = 0; !found && i < r->n_clutter; i++) {
        found = has_year(r->clutter[i].text, r->clutter[i].len);
    }
    return found;
}

/* cluster_doc_t.estimate_day: the day the report's text says it
 * happened (analysis of the report alone), for a report without a date. */
static int estimate_day(const void *user, int has_anchor, int32_t anchor, int32_t *out_day,
                        sift_err_t *err)
{
    const sift_report_t *r = user;
    *out_day = CLUSTER_NO_DAY;
    /* without an anchor a text dates itself only with a year it names */
    if (!has_anchor && !report_names_year(r)) {
        return 0;
    }
    int64_t day = 0;
    int found = 0;
    int rc = analyze_report_day(user, has_anchor, anchor, &day, &found, err);
    *out_day =
        rc == 0 && found && day > INT32_MIN && day < INT32_MAX ? (int32_t)day : CLUSTER_NO_DAY;
    return rc == SIFT_ELIMIT ? 0 : rc; /* too large to date: stays undated */
}

/* Body blocks the lead's day is looked for in (analyze/dates.c reads
 * the first 4 sentences after the title; a block holds one or more). */
#define LEAD_BLOCKS 4

/* Whether s[0..len) has a capitalised month or weekday name: only such a
 * lead can name a day, and most texts are not analysed at all. */
static int has_day_word(const char *s, size_t len)
{
    static const char *const w[] = { "January",  "February", "March",    "April",     "May",
                                     "June",     "July",     "August",   "September", "October",
                                     "November", "December", "Monday",   "Tuesday",   "Wednesday",
                                     "Thursday", "Friday",   "Saturday", "Sunday",    NULL };
    for (size_t i = 0; i < len; i++) {
        if (s[i] < 'A' || s[i] > 'Z' ||
            (i > 0 && ((s[i - 1] | 32) >= 'a' && (s[i - 1] | 32) <= 'z'))) {
            continue;
        }
        size_t n = 1;
        while (i + n < len && s[i + n] >= 'a' && s[i + n] <= 'z') {
            n++;
        }
        for (size_t k = 0; w[k]; k++) {
            if (strlen(w[k]) == n && memcmp(w[k], s + i, n) == 0) {
                return 1;
            }
        }
        i += n - 1;
    }
    return 0;
}

/* The day the report's lead reports (analyze_lead_day) into out, for
 * cluster_add under parameters cp. 0 or a SIFT_E* code; a report too
 * large stays without. */
static int lead_day(const sift_report_t *r, const cluster_params_t *cp, cluster_lead_t *out,
                    sift_err_t *err)
{
    memset(out, 0, sizeof(*out));
    /* a lead day is read (fixed) only with the report's own date or a
     * year the text names; the rest is inferred, and inferred days are
     * used only when they may split (lead_slack) */
    int is_datable = cluster_day(r->date) != CLUSTER_NO_DAY || cp->lead_slack < 1e6;
    if (!is_datable) {
        is_datable = report_names_year(r);
    }
    if (!is_datable) {
        return 0;
    }
    is_datable = 0;
    for (size_t i = 0, n = 0; !is_datable && i < r->n_blocks && n < LEAD_BLOCKS; i++) {
        if (r->blocks[i].kind != SIFT_BLOCK_TITLE) {
            is_datable = has_day_word(r->blocks[i].text, r->blocks[i].len);
            n++;
        }
    }
    if (!is_datable) {
        return 0;
    }
    an_lead_t ld;
    int rc = analyze_lead_day(r, &ld, err);
    if (rc) {
        return rc == SIFT_ELIMIT ? 0 : rc;
    }
    if (!ld.found || (ld.has_day && (ld.day <= INT32_MIN || ld.day >= INT32_MAX))) {
        return 0;
    }
    out->is_found = 1;
    out->has_day = (uint8_t)ld.has_day;
    out->is_certain = (uint8_t)ld.is_certain;
    out->day = ld.has_day ? (int32_t)ld.day : CLUSTER_NO_DAY;
    out->m = (uint8_t)ld.m;
    out->d = (uint8_t)ld.d;
    out->wd = (uint8_t)(ld.wd >= 0 ? ld.wd : 7);
    out->bound_y = (int16_t)ld.bound_y;
    out->bound_m = (uint8_t)ld.bound_m;
    out->bound_d = (uint8_t)ld.bound_d;
    return 0;
}

int add_pipe_report(add_pipe_t *p, const sift_report_t *r, const add_prep_t *prep, sift_err_t *err)
{
    int64_t rid = 0;
    int rc = store_cl_rid(p->sc, r->id, &rid, err);
    if (rc) {
        return rc;
    }
    add_prep_t *own = NULL;
    if (!prep) {
        rc = prep_build(&own, p->tc, p->arena, p->dd, &p->cp, r, err);
        if (rc || !own) {
            return rc ? rc : prep_oom(r, err);
        }
        prep = own;
    }
    size_t n_title = r->title[0] ? 1 : 0;
    int64_t copy_of = 0;
    rc = find_near(p, r, rid, &prep->sketch, &copy_of, err);
    rc = rc ? rc : find_paras(p, r, rid, prep->fps, prep->n_fps, copy_of, &copy_of, err);
    rc = rc ? rc : put_set_aside_repeats(p, r, rid, err);
    int64_t copy_event = 0;
    if (rc == 0 && copy_of) {
        rc = store_cl_member_of(p->sc, copy_of, &copy_event, err);
    }
    if (rc) {
        add_prep_free(own);
        return rc;
    }
    p->gen++;
    cluster_doc_t cd = { rid,        cluster_day(r->date), NULL, n_title,      copy_of,
                         copy_event, estimate_day,         r,    &prep->terms, NULL };
    cluster_lead_t lead;
    rc = p->cp.lead_decay > 0 ? lead_day(r, &p->cp, &lead, err) : 0;
    if (rc) {
        add_prep_free(own);
        return rc;
    }
    cd.lead = p->cp.lead_decay > 0 ? &lead : NULL;
    cluster_result_t res;
    rc = cluster_add(p->cl, &cd, &res, err);
    rc = rc ? rc : store_cl_put_member(p->sc, rid, res.eid, res.sid, res.sim, copy_of, err);
    if (rc == 0 && res.merged_event) {
        rc = store_cl_merge_event(p->sc, res.merged_event, res.eid, err);
    }
    if (rc == 0 && res.merged_storyline) {
        rc = store_cl_merge_storyline(p->sc, res.merged_storyline, res.sid, err);
    }
    add_prep_free(own);
    return rc;
}

int add_pipe_flush(add_pipe_t *p, sift_err_t *err)
{
    int rc = store_cl_put_state(p->sc, "gen", p->gen, err);
    return rc ? rc : cluster_save(p->cl, p->sc, err);
}

void add_pipe_mem(const add_pipe_t *p, size_t *out_dedup, size_t *out_cluster,
                  int64_t *out_n_reports)
{
    *out_dedup = dedup_mem_bytes(p->dd);
    *out_cluster = cluster_mem_bytes(p->cl);
    *out_n_reports = p->gen;
}
