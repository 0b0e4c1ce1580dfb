/* analyze/dates.c: dates in the text, absolute ("May 16, 2025", "April 18",
 * "2022", "in January") and relative ("on Friday", "last year", "in three
 * years"), each resolved against its report's date. A report without a
 * date gets one from its own text (a date line, the latest past date, a
 * weekday between a past and a future date) or, failing that, from the
 * story: the day the other reports mention most. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "analyze_int.h"
#include "util/day.h"
#include "util/err.h"

/* 0 = Monday. 1970-01-01 was a Thursday (3). */
static int weekday_of(long days)
{
    long w = (days + 3) % 7;
    return (int)(w < 0 ? w + 7 : w);
}

/* Digits s[0..n) as a number, or -1. */
static int digits(const char *s, size_t n)
{
    int v = 0;
    for (size_t i = 0; i < n; i++) {
        if (s[i] < '0' || s[i] > '9') {
            return -1;
        }
        v = v * 10 + (s[i] - '0');
    }
    return v;
}

static long parse_day(const char *s)
{
    if (strlen(s) != 10 || s[4] != '-' || s[7] != '-') {
        return -1;
    }
    int y = digits(s, 4), m = digits(s + 5, 2), d = digits(s + 8, 2);
    if (y < 0 || m < 1 || d < 1) {
        return -1;
    }
    return day_from_civil(y, m, d);
}

static void fmt_day(char out[11], long days)
{
    int y, m, d;
    day_to_civil(days, &y, &m, &d);
    snprintf(out, 11, "%04d-%02d-%02d", y, m, d);
}

static int tok_int(const an_doc_t *d, uint32_t t, int *out)
{
    if (t >= d->in->n_toks || d->in->toks[t].kind != TK_NUM || d->in->toks[t].len > 4) {
        return 0;
    }
    int v = 0;
    const char *p = tok_ptr(d, t);
    for (size_t i = 0; i < d->in->toks[t].len; i++) {
        if (p[i] < '0' || p[i] > '9') {
            return 0;
        }
        v = v * 10 + (p[i] - '0');
    }
    *out = v;
    return 1;
}

/* Token t as a year (analyze_is_year). */
static int tok_year(const an_doc_t *d, uint32_t t, int *out)
{
    return tok_int(d, t, out) && analyze_is_year(*out);
}

static int word_count(const an_doc_t *d, uint32_t t)
{
    static const char *const w[] = { "zero", "one",   "two",   "three", "four", "five",
                                     "six",  "seven", "eight", "nine",  "ten",  NULL };
    for (int i = 0; w[i]; i++) {
        if (tok_is(d, t, w[i])) {
            return i;
        }
    }
    int v;
    return tok_int(d, t, &v) && v < 100 ? v : -1;
}

/* What kind of date mention, before resolution. */
enum { DK_FULL = 1, DK_DAY, DK_MONTHYEAR, DK_MONTH, DK_YEAR, DK_WEEKDAY, DK_RELYEAR, DK_YEARSAGO };

typedef struct raw {
    int kind;
    int y, m, d, wd, delta;
} raw_t;

static int is_future_sent(const an_doc_t *d, const an_sent_t *s)
{
    static const char *const w[] = { "expected", "will",    "would",    "scheduled", "due", "next",
                                     "plans",    "planned", "upcoming", "set",       NULL };
    for (uint32_t t = s->tb; t < s->te; t++) {
        if (tok_is_any(d, t, w)) {
            return 1;
        }
    }
    return 0;
}

/* A weekday in a future sense: "will meet on Monday", "to reopen on
 * Friday", "next Friday". Only the words just before it count, back to a
 * comma or a speech verb, so "said on Friday that talks will resume" stays
 * in the past. */
static int is_future_at(const an_doc_t *d, const an_sent_t *s, uint32_t t)
{
    static const char *const w[] = { "will",  "shall", "expected", "scheduled", "due",
                                     "next",  "plans", "planned",  "upcoming",  "set",
                                     "until", "ahead", NULL };
    for (uint32_t u = t, k = 0; u > s->tb && k < 8; k++) {
        u--;
        const an_tok_t *x = &d->in->toks[u];
        if (x->kind == TK_PUNCT || x->kind == TK_QUOTE) {
            return 0;
        }
        if (tok_in(d, u, AW_SPEECH)) {
            return 0;
        }
        if (tok_is_any(d, u, w)) {
            return 1;
        }
        /* "to" before a verb: "to reopen", "to meet" */
        if (tok_is(d, u, "to") && u + 1 < t && d->in->toks[u + 1].kind == TK_WORD &&
            !(d->in->toks[u + 1].flags & TF_CAP) && !tok_is(d, u + 1, "the")) {
            return 1;
        }
    }
    return 0;
}

static int push_date(analysis_t *an, size_t *cap, uint32_t di, uint32_t tb, uint32_t te,
                     uint32_t sent, const raw_t *r, raw_t **raws, size_t *n_raws, size_t *rcap)
{
    const an_doc_t *d = &an->docs[di];
    an_date_t *x = an_push(an->arena, &an->dates, &an->n_dates, cap, sizeof(an_date_t));
    raw_t *y = an_push(an->arena, raws, n_raws, rcap, sizeof(raw_t));
    if (!x || !y) {
        return SIFT_ENOMEM;
    }
    *y = *r;
    x->doc = di;
    x->off = d->in->toks[tb].off;
    x->len = d->in->toks[te - 1].off + d->in->toks[te - 1].len - x->off;
    x->sent = sent;
    x->is_relative = r->kind == DK_WEEKDAY || r->kind == DK_RELYEAR || r->kind == DK_YEARSAGO;
    x->is_future = r->kind == DK_WEEKDAY ? is_future_at(d, &d->in->sents[sent], tb)
                                         : is_future_sent(d, &d->in->sents[sent]);
    return 0;
}

static int find_in_doc(analysis_t *an, uint32_t di, size_t *cap, raw_t **raws, size_t *n_raws,
                       size_t *rcap)
{
    const an_doc_t *d = &an->docs[di];
    const an_doc_int_t *in = d->in;
    for (uint32_t si = 0; si < in->n_sents; si++) {
        const an_sent_t *s = &in->sents[si];
        for (uint32_t t = s->tb; t < s->te; t++) {
            const an_tok_t *k = &in->toks[t];
            raw_t r;
            memset(&r, 0, sizeof(r));
            uint32_t te = t + 1;
            int v = 0, y = 0;
            int mon = tok_month(d, t);
            int wd = (k->flags & TF_CAP) ? tok_weekday(d, t) : -1;
            if (mon && tok_int(d, t + 1, &v) && v >= 1 && v <= 31) {
                r.kind = DK_DAY;
                r.m = mon;
                r.d = v;
                te = t + 2;
                if (tok_is(d, t + 2, ",") && tok_year(d, t + 3, &y)) {
                    r.kind = DK_FULL;
                    r.y = y;
                    te = t + 4;
                } else if (tok_year(d, t + 2, &y)) {
                    r.kind = DK_FULL;
                    r.y = y;
                    te = t + 3;
                }
            } else if (mon && tok_year(d, t + 1, &y)) {
                r.kind = DK_MONTHYEAR;
                r.m = mon;
                r.y = y;
                te = t + 2;
            } else if (mon && (mon != 5 || t == 0 || tok_is(d, t - 1, "in") ||
                               tok_is(d, t - 1, "since") || tok_is(d, t - 1, "early") ||
                               tok_is(d, t - 1, "late") || tok_is(d, t - 1, "mid"))) {
                static const char *const pre[] = { "in", "since", "early", "late", "mid",  "until",
                                                   "by", "last",  "next",  "this", "from", NULL };
                if (t > s->tb && tok_is_any(d, t - 1, pre)) {
                    r.kind = DK_MONTH;
                    r.m = mon;
                }
            } else if (k->kind == TK_NUM && tok_int(d, t, &v) && v >= 1 && v <= 31 &&
                       t + 1 < s->te && (mon = tok_month(d, t + 1)) != 0) {
                r.kind = DK_DAY;
                r.m = mon;
                r.d = v;
                te = t + 2;
                if (tok_year(d, t + 2, &y)) {
                    r.kind = DK_FULL;
                    r.y = y;
                    te = t + 3;
                }
            } else if (k->kind == TK_NUM && k->len == 4 && tok_year(d, t, &y) &&
                       !(t + 1 < in->n_toks && (in->toks[t + 1].flags & TF_HYPH))) {
                r.kind = DK_YEAR;
                r.y = y;
            } else if (wd >= 0) {
                /* "Wednesday, July 23, 2025": the full date says it */
                if (!(tok_is(d, t + 1, ",") && t + 2 < in->n_toks && tok_month(d, t + 2))) {
                    r.kind = DK_WEEKDAY;
                    r.wd = wd;
                }
            } else if ((tok_is(d, t, "last") || tok_is(d, t, "this") || tok_is(d, t, "next")) &&
                       tok_is(d, t + 1, "year")) {
                r.kind = DK_RELYEAR;
                r.delta = tok_is(d, t, "last") ? -1 : tok_is(d, t, "next") ? 1 : 0;
                te = t + 2;
            } else if (tok_is(d, t, "in") && tok_is(d, t + 2, "years") &&
                       word_count(d, t + 1) > 0 && !is_future_sent(d, s)) {
                /* "the first talks in three years" */
                r.kind = DK_YEARSAGO;
                r.delta = -word_count(d, t + 1);
                te = t + 3;
            } else if (tok_is(d, t + 1, "years") && tok_is(d, t + 2, "ago") &&
                       word_count(d, t) > 0) {
                r.kind = DK_YEARSAGO;
                r.delta = -word_count(d, t);
                te = t + 3;
            }
            if (!r.kind) {
                continue;
            }
            int rc = push_date(an, cap, di, t, te, si, &r, raws, n_raws, rcap);
            if (rc) {
                return rc;
            }
            t = te - 1;
        }
    }
    return 0;
}

/* The most frequent year of full dates in the story, or 0. */
static int story_year(const analysis_t *an, const raw_t *raws)
{
    int best = 0, best_n = 0;
    for (size_t i = 0; i < an->n_dates; i++) {
        if (raws[i].kind != DK_FULL && raws[i].kind != DK_MONTHYEAR) {
            continue;
        }
        int n = 0;
        for (size_t j = 0; j < an->n_dates; j++) {
            n +=
                (raws[j].kind == DK_FULL || raws[j].kind == DK_MONTHYEAR) && raws[j].y == raws[i].y;
        }
        if (n > best_n) {
            best_n = n;
            best = raws[i].y;
        }
    }
    if (!best) {
        for (size_t i = 0; i < an->n_dates; i++) {
            if (raws[i].kind == DK_YEAR && raws[i].y > best) {
                best = raws[i].y;
            }
        }
    }
    if (!best && an->in->has_anchor) {
        /* one report dated alone: the year of the story it goes with */
        int m, d;
        day_to_civil(an->in->anchor_day, &best, &m, &d);
    }
    return best;
}

static int doc_year(const analysis_t *an, const raw_t *raws, uint32_t di, int sy, int *own)
{
    int y = 0;
    *own = 0;
    for (size_t i = 0; i < an->n_dates; i++) {
        if (an->dates[i].doc == di && (raws[i].kind == DK_FULL || raws[i].kind == DK_MONTHYEAR) &&
            raws[i].y > y) {
            y = raws[i].y;
            *own = 1;
        }
    }
    if (!y) {
        for (size_t i = 0; i < an->n_dates; i++) {
            if (an->dates[i].doc == di && raws[i].kind == DK_YEAR && raws[i].y == sy) {
                *own = 1;
            }
        }
        y = sy;
    }
    if (!y) {
        for (size_t i = 0; i < an->n_dates; i++) {
            if (an->dates[i].doc == di && raws[i].kind == DK_YEAR && raws[i].y > y) {
                y = raws[i].y;
            }
        }
    }
    return y;
}

/* The story's day dates, most mentioned first (then in story order), so
 * the day most mentioned outside one report is the first of another
 * report: counting mentions per report and date grew with the cube of
 * the story. */
typedef struct day_rank {
    const char *date;
    uint32_t i, doc;
    uint32_t n; /* mentions of the date in the whole story */
} day_rank_t;

static int cmp_rank_date(const void *a, const void *b)
{
    const day_rank_t *x = a, *y = b;
    int r = strcmp(x->date, y->date);
    return r ? r : (x->i > y->i) - (x->i < y->i);
}

static int cmp_rank_n(const void *a, const void *b)
{
    const day_rank_t *x = a, *y = b;
    if (x->n != y->n) {
        return x->n < y->n ? 1 : -1;
    }
    return (x->i > y->i) - (x->i < y->i);
}

static day_rank_t *rank_days(analysis_t *an, size_t *out_n)
{
    day_rank_t *v = arena_alloc(an->arena, (an->n_dates + 1) * sizeof(day_rank_t));
    size_t n = 0;
    if (!v) {
        return NULL;
    }
    for (size_t i = 0; i < an->n_dates; i++) {
        if (strlen(an->dates[i].date) == 10) {
            v[n++] = (day_rank_t){ an->dates[i].date, (uint32_t)i, an->dates[i].doc, 0 };
        }
    }
    qsort(v, n, sizeof(day_rank_t), cmp_rank_date);
    for (size_t b = 0, e; b < n; b = e) {
        e = b + 1;
        while (e < n && strcmp(v[e].date, v[b].date) == 0) {
            e++;
        }
        for (size_t k = b; k < e; k++) {
            v[k].n = (uint32_t)(e - b);
        }
    }
    qsort(v, n, sizeof(day_rank_t), cmp_rank_n);
    *out_n = n;
    return v;
}

/* The day most mentioned across the story (resolved day dates), counting
 * mentions in every report but taking a date mentioned outside skip_doc;
 * or -1. */
static long story_anchor(const analysis_t *an, const day_rank_t *rank, size_t n_rank,
                         uint32_t skip_doc)
{
    for (size_t k = 0; k < n_rank; k++) {
        if (rank[k].doc != skip_doc) {
            return parse_day(rank[k].date);
        }
    }
    if (an->in->has_anchor) {
        return (long)an->in->anchor_day; /* one report dated alone */
    }
    return -1;
}

static int is_dateline(const an_doc_t *d, const an_date_t *x)
{
    /* a paragraph holding only the date (and maybe a time) */
    const an_sent_t *s = &d->in->sents[x->sent];
    uint32_t covered = x->off + x->len;
    uint32_t end = s->off + s->len;
    return (d->in->toks[s->tb].flags & TF_PARA) && s->off == x->off && end <= covered + 12 &&
           s->tb < d->in->clutter_tok;
}

/* dates_find, handing back the mentions' raw readings (month, day,
 * weekday before resolution; arena-owned, one per an->dates entry) for
 * dates_lead. */
static int dates_run(analysis_t *an, raw_t **out_raws, sift_err_t *err)
{
    size_t cap = 0, rcap = 0, n_raws = 0;
    raw_t *raws = NULL;
    int rc = 0;
    *out_raws = NULL;
    for (uint32_t di = 0; di < an->n_docs && !rc; di++) {
        rc = find_in_doc(an, di, &cap, &raws, &n_raws, &rcap);
    }
    if (rc) {
        return err_oom(err);
    }
    if (!raws || !an->n_dates) {
        return 0;
    }
    *out_raws = raws;
    int sy = story_year(an, raws);
    int *years = arena_alloc(an->arena, (an->n_docs + 1) * sizeof(int));
    int *owns = arena_alloc(an->arena, (an->n_docs + 1) * sizeof(int));
    if (!years || !owns) {
        return err_oom(err);
    }
    /* 1: absolute dates, with the year of their report */
    for (uint32_t di = 0; di < an->n_docs; di++) {
        years[di] = doc_year(an, raws, di, sy, &owns[di]);
    }
    for (size_t i = 0; i < an->n_dates; i++) {
        an_date_t *x = &an->dates[i];
        const raw_t *r = &raws[i];
        int y = r->y ? r->y : years[x->doc];
        if (r->kind == DK_FULL) {
            snprintf(x->date, sizeof(x->date), "%04d-%02d-%02d", r->y, r->m, r->d);
            x->is_certain = 1;
        } else if (r->kind == DK_DAY && y) {
            snprintf(x->date, sizeof(x->date), "%04d-%02d-%02d", y, r->m, r->d);
            x->is_certain = owns[x->doc];
        } else if (r->kind == DK_MONTHYEAR) {
            snprintf(x->date, sizeof(x->date), "%04d-%02d", r->y, r->m);
            x->is_certain = 1;
        } else if (r->kind == DK_YEAR) {
            snprintf(x->date, sizeof(x->date), "%04d", r->y);
            x->is_certain = 1;
        }
    }
    /* 2: each report's own date */
    day_rank_t *rank = NULL;
    size_t n_rank = 0;
    for (uint32_t di = 0; di < an->n_docs; di++) {
        an_doc_t *d = &an->docs[di];
        if (d->date[0]) {
            continue;
        }
        long lower = -1, upper = -1, line = -1;
        for (size_t i = 0; i < an->n_dates; i++) {
            const an_date_t *x = &an->dates[i];
            if (x->doc != di || strlen(x->date) != 10) {
                continue;
            }
            long day = parse_day(x->date);
            if (raws[i].kind == DK_FULL && line < 0 && is_dateline(d, x)) {
                line = day;
            }
            if (x->is_future) {
                upper = upper < 0 || day < upper ? day : upper;
            } else if (day > lower) {
                lower = day;
            }
        }
        if (line >= 0) {
            fmt_day(d->date, line);
            d->is_date_certain = 1;
            d->date_how = "dateline";
            continue;
        }
        long anchor = lower;
        const char *how = "text";
        if (anchor < 0) {
            if (!rank && (rank = rank_days(an, &n_rank)) == NULL) {
                return err_oom(err);
            }
            anchor = story_anchor(an, rank, n_rank, di);
            how = "story";
        }
        if (anchor < 0) {
            continue;
        }
        long best = anchor;
        for (size_t i = 0; i < an->n_dates; i++) {
            if (an->dates[i].doc != di || raws[i].kind != DK_WEEKDAY) {
                continue;
            }
            long day;
            if (how[0] == 't' && upper > lower) {
                /* the latest such weekday before the future date */
                day = upper - 1;
                while (weekday_of(day) != raws[i].wd) {
                    day--;
                }
                if (day <= lower) {
                    continue;
                }
            } else {
                /* the nearest such weekday to the story's main day */
                long off = (long)((raws[i].wd - weekday_of(anchor) + 7) % 7);
                day = off <= 3 ? anchor + off : anchor + off - 7;
            }
            if (day > best) {
                best = day;
            }
        }
        fmt_day(d->date, best);
        d->is_date_certain = 0;
        d->date_how = how;
    }
    /* 3: relative dates against their report's date */
    for (size_t i = 0; i < an->n_dates; i++) {
        an_date_t *x = &an->dates[i];
        const raw_t *r = &raws[i];
        const an_doc_t *d = &an->docs[x->doc];
        if (x->date[0] || !d->date[0]) {
            continue;
        }
        long base = parse_day(d->date);
        int by, bm, bd;
        day_to_civil(base, &by, &bm, &bd);
        int cert = d->is_date_certain;
        if (r->kind == DK_WEEKDAY) {
            long off = (long)((weekday_of(base) - r->wd + 7) % 7);
            long day =
                x->is_future ? base + (long)((r->wd - weekday_of(base) + 7) % 7) : base - off;
            fmt_day(x->date, day);
        } else if (r->kind == DK_RELYEAR || r->kind == DK_YEARSAGO) {
            snprintf(x->date, sizeof(x->date), "%04d", by + r->delta);
            cert = cert && r->kind == DK_RELYEAR;
        } else if (r->kind == DK_MONTH) {
            int y = by;
            if (!x->is_future && r->m > bm) {
                y--;
            } else if (x->is_future && r->m < bm) {
                y++;
            }
            snprintf(x->date, sizeof(x->date), "%04d-%02d", y, r->m);
        } else if (r->kind == DK_DAY) {
            snprintf(x->date, sizeof(x->date), "%04d-%02d-%02d", by, r->m, r->d);
        }
        x->is_certain = cert;
    }
    return 0;
}

int dates_find(analysis_t *an, sift_err_t *err)
{
    raw_t *raws = NULL;
    return dates_run(an, &raws, err);
}

/* Body sentences whose dates say when the lead's happening was: the
 * first lines of a report may be a subtitle or a photo caption before
 * the sentence that names the day. */
#define LEAD_DATE_SENTS 4

int dates_lead(analysis_t *an, an_lead_t *out, sift_err_t *err)
{
    memset(out, 0, sizeof(*out));
    out->wd = -1;
    raw_t *raws = NULL;
    int rc = dates_run(an, &raws, err);
    if (rc || !raws || an->n_docs != 1) {
        return rc;
    }
    const an_doc_t *d = &an->docs[0];
    const an_doc_int_t *in = d->in;
    /* the title is the text's first paragraph: the lead starts after it */
    size_t title_len = strlen(d->title);
    uint32_t first = 0;
    while (first < in->n_sents && in->sents[first].off < title_len) {
        first++;
    }
    /* a weekday of the report's own date (read, or its date line) is fixed */
    int is_own_day = strcmp(d->date_how, "report") == 0 || strcmp(d->date_how, "dateline") == 0;
    /* the first future day the text names: a weekday of the lead comes
     * before it ("stated on Friday" ... "talks on June 2") */
    for (size_t i = 0; i < an->n_dates; i++) {
        const an_date_t *x = &an->dates[i];
        if (x->is_future && x->off < d->len &&
            (raws[i].kind == DK_FULL || raws[i].kind == DK_DAY)) {
            out->bound_m = raws[i].m;
            out->bound_d = raws[i].d;
            out->bound_y = strlen(x->date) == 10 && x->is_certain ? digits(x->date, 4) : 0;
            break;
        }
    }
    for (size_t i = 0; i < an->n_dates; i++) {
        const an_date_t *x = &an->dates[i];
        const raw_t *r = &raws[i];
        if (x->sent < first || x->sent >= first + LEAD_DATE_SENTS || x->is_future ||
            x->off >= d->len || is_dateline(d, x)) {
            continue;
        }
        int is_day = strlen(x->date) == 10;
        if (r->kind == DK_FULL || (r->kind == DK_DAY && is_day && x->is_certain)) {
            out->has_day = 1;
            out->day = parse_day(x->date);
            out->is_certain = 1;
        } else if (r->kind == DK_DAY) {
            out->m = r->m; /* its year from the anchor */
            out->d = r->d;
        } else if (r->kind == DK_WEEKDAY && is_own_day && is_day) {
            out->has_day = 1;
            out->day = parse_day(x->date);
            out->is_certain = d->is_date_certain || d->date_how[0] == 'd';
        } else if (r->kind == DK_WEEKDAY) {
            out->wd = r->wd; /* resolved against the anchor */
        } else {
            continue;
        }
        out->found = 1;
        break;
    }
    return 0;
}
