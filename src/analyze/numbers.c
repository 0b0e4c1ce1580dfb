/* analyze/numbers.c: numbers with what they count: digits and number
 * words, ranges ("24-48-hour"), pairs ("1,000-for-1,000"), ordinals
 * ("third round"), times ("1:30 p.m."), approximations ("nearly", "at
 * least") and vague amounts ("thousands of bodies"). Dates found by
 * dates.c are left out. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "analyze_int.h"
#include "util/err.h"

static const char *const small[] = { "zero",    "one",     "two",       "three",    "four",
                                     "five",    "six",     "seven",     "eight",    "nine",
                                     "ten",     "eleven",  "twelve",    "thirteen", "fourteen",
                                     "fifteen", "sixteen", "seventeen", "eighteen", "nineteen",
                                     "twenty",  NULL };
static const char *const tens[] = { "thirty",  "forty",  "fifty",  "sixty",
                                    "seventy", "eighty", "ninety", NULL };
static const char *const ordinals[] = { "first",    "second",  "third",  "fourth", "fifth",
                                        "sixth",    "seventh", "eighth", "ninth",  "tenth",
                                        "eleventh", "twelfth", NULL };
static const char *const vague[] = { "dozens",   "hundreds", "thousands", "millions",
                                     "billions", "scores",   "several",   NULL };
static const char *const approx1[] = { "nearly", "about",   "around",
                                       "almost", "roughly", "approximately",
                                       "some",   "over",    "under",
                                       "up",     NULL };
static const char *const stops[] = {
    "the",    "a",      "an",     "to",      "in",        "on",     "at",      "from",  "for",
    "and",    "or",     "but",    "was",     "were",      "had",    "have",    "has",   "is",
    "are",    "will",   "would",  "that",    "which",     "who",    "with",    "by",    "each",
    "as",     "than",   "per",    "since",   "after",     "before", "when",    "while", "be",
    "been",   "during", "into",   "across",  "including", "of",     "between", "among", "remains",
    "remain", "do",     "does",   "did",     "can",       "could",  "may",     "might", "must",
    "should", "not",    "toward", "towards", "this",      "these",  "those",   "it",    "they",
    "he",     "she",    "we",     "there",   NULL
};
static const char *const units_time[] = { "hour",   "hours",   "day",    "days", "week",
                                          "weeks",  "month",   "months", "year", "years",
                                          "minute", "minutes", NULL };

static int word_value(const an_doc_t *d, uint32_t t, double *out)
{
    for (int i = 0; small[i]; i++) {
        if (tok_is(d, t, small[i])) {
            *out = i;
            return 1;
        }
    }
    for (int i = 0; tens[i]; i++) {
        if (tok_is(d, t, tens[i])) {
            *out = 30 + 10 * i;
            return 1;
        }
    }
    if (tok_is(d, t, "hundred")) {
        *out = 100;
        return 1;
    }
    if (tok_is(d, t, "thousand")) {
        *out = 1000;
        return 1;
    }
    if (tok_is(d, t, "million")) {
        *out = 1e6;
        return 1;
    }
    return 0;
}

static double num_value(const an_doc_t *d, uint32_t t)
{
    char buf[40];
    size_t k = 0;
    const char *p = tok_ptr(d, t);
    for (size_t i = 0; i < d->in->toks[t].len && k + 1 < sizeof(buf); i++) {
        if (p[i] != ',') {
            buf[k++] = p[i];
        }
    }
    buf[k] = '\0';
    return strtod(buf, NULL);
}

static int in_date(const analysis_t *an, uint32_t di, uint32_t off)
{
    for (size_t i = 0; i < an->n_dates; i++) {
        const an_date_t *x = &an->dates[i];
        if (x->doc == di && off >= x->off && off < x->off + x->len) {
            return 1;
        }
    }
    return 0;
}

/* Every number word's hash (tok_lhash) in one set, so each token costs
 * one probe and no copy. Only a filter: a word let through by a hash
 * collision meets the list tests below and is dropped there. */
static int number_words(arena_t *a, an_set64_t *m)
{
    static const char *const big[] = { "hundred", "thousand", "million", NULL };
    const char *const *lists[] = { small, tens, ordinals, vague, big };
    for (size_t l = 0; l < 5; l++) {
        for (size_t i = 0; lists[l][i]; i++) {
            if (set64_add(a, m, words_lhash(lists[l][i], strlen(lists[l][i])))) {
                return SIFT_ENOMEM;
            }
        }
    }
    return 0;
}

static int scan_sentence(analysis_t *an, uint32_t di, uint32_t si, size_t *cap,
                         const an_set64_t *words)
{
    const an_doc_t *d = &an->docs[di];
    const an_sent_t *s = &d->in->sents[si];
    const char *last_unit = NULL;
    for (uint32_t t = s->tb; t < s->te; t++) {
        const an_tok_t *k = &d->in->toks[t];
        double v = 0, hi = 0;
        int has = 0, is_ord = 0, is_vague = 0;
        const char *time = NULL;
        if (k->kind == TK_WORD) {
            /* (the words are shorter than 16 bytes) */
            if (k->len >= 16 || !set64_has(words, tok_lhash(d, t))) {
                continue;
            }
        }
        if (k->kind == TK_NUM) {
            if (in_date(an, di, k->off)) {
                continue;
            }
            has = 1;
            v = num_value(d, t);
            if (memchr(tok_ptr(d, t), ':', k->len)) {
                const char *p = tok_ptr(d, t);
                const char *colon = memchr(p, ':', k->len);
                long h = strtol(p, NULL, 10), m = colon ? strtol(colon + 1, NULL, 10) : 0;
                if (colon) {
                    if (tok_is(d, t + 1, "p.m.") || tok_is(d, t + 1, "pm")) {
                        h = h < 12 ? h + 12 : h;
                    }
                    char *tb = arena_alloc(an->arena, 8);
                    if (!tb) {
                        return SIFT_ENOMEM;
                    }
                    snprintf(tb, 8, "%02ld:%02ld", h % 100, m % 100);
                    time = tb;
                }
            }
        } else if (k->kind == TK_WORD && word_value(d, t, &v)) {
            has = 1;
        } else if (k->kind == TK_WORD && tok_is_any(d, t, ordinals)) {
            for (int i = 0; ordinals[i]; i++) {
                if (tok_is(d, t, ordinals[i])) {
                    v = i + 1;
                }
            }
            has = 1;
            is_ord = 1;
        } else if (k->kind == TK_WORD && tok_is_any(d, t, vague) && tok_is(d, t + 1, "of")) {
            is_vague = 1;
        } else {
            continue;
        }
        if (is_ord && tok_is(d, t + 1, "time")) {
            continue;
        }
        uint32_t start = t, end = t + 1;
        const char *approx = NULL, *bound = NULL;
        if (t > s->tb && tok_is_any(d, t - 1, approx1) && !(tok_is(d, t - 1, "up"))) {
            start = t - 1;
            approx = tok_is(d, t - 1, "over") ? NULL : "approx";
            if (tok_is(d, t - 1, "over")) {
                bound = "lower";
            }
        }
        if (t > s->tb + 1 && tok_is(d, t - 2, "at") && tok_is(d, t - 1, "least")) {
            start = t - 2;
            bound = "lower";
        } else if (t > s->tb + 1 && tok_is(d, t - 2, "at") && tok_is(d, t - 1, "most")) {
            start = t - 2;
            bound = "upper";
        } else if (t > s->tb + 1 &&
                   (tok_is(d, t - 2, "more") || tok_is(d, t - 2, "fewer") ||
                    tok_is(d, t - 2, "less")) &&
                   tok_is(d, t - 1, "than")) {
            start = t - 2;
            bound = tok_is(d, t - 2, "more") ? "lower" : "upper";
        }
        int is_per_side = 0;
        const char *kind = is_ord ? "ordinal" : time ? "time" : "quantity";
        hi = v;
        /* joined forms: 1,000-for-1,000; 24-48-hour; 30-day; two-hour */
        while (end < s->te && (d->in->toks[end].flags & TF_HYPH)) {
            if ((tok_is(d, end, "for") || tok_is(d, end, "by")) && end + 1 < s->te &&
                d->in->toks[end + 1].kind == TK_NUM) {
                is_per_side = 1;
                end += 2;
            } else if (d->in->toks[end].kind == TK_NUM) {
                hi = num_value(d, end);
                end++;
            } else if (tok_is_any(d, end, units_time)) {
                kind = "duration";
                end++;
            } else {
                break;
            }
        }
        if (time && (tok_is(d, end, "p.m.") || tok_is(d, end, "a.m."))) {
            end++;
        }
        /* what it counts */
        uint32_t cb = end;
        if (cb < s->te && (tok_is(d, cb, "more") || tok_is(d, cb, "such") || tok_is(d, cb, "of"))) {
            cb++;
        }
        uint32_t ce = cb;
        int used_of = 0;
        while (ce < s->te && ce < cb + 4 && d->in->toks[ce].kind == TK_WORD) {
            if (tok_is(d, ce, "of") && !used_of && ce > cb && ce + 1 < s->te &&
                d->in->toks[ce + 1].kind == TK_WORD && !tok_is_any(d, ce + 1, stops)) {
                used_of = 1;
                ce += 2;
                continue;
            }
            if (tok_is_any(d, ce, stops) || (d->in->toks[ce].flags & TF_HYPH)) {
                break;
            }
            char lw[32];
            tok_lower(d, ce, lw, sizeof(lw));
            size_t ll = strlen(lw);
            if (ce > cb && ll > 3 &&
                (strcmp(lw + ll - 2, "ed") == 0 || strcmp(lw + ll - 2, "ly") == 0)) {
                break; /* a verb or an adverb ends the noun phrase */
            }
            ce++;
        }
        for (uint32_t u = ce; u < s->te && u < ce + 4; u++) {
            if (tok_is(d, u, "each")) {
                is_per_side = 1;
                if (u == ce) {
                    ce = u + 1;
                }
                break;
            }
        }
        if (is_vague && ce == cb) {
            continue;
        }
        if (ce > cb) {
            char fw[32];
            tok_lower(d, cb, fw, sizeof(fw));
            size_t fl = strlen(fw);
            if (fl > 4 && strcmp(fw + fl - 2, "ed") == 0) {
                ce = cb; /* "19 stayed": a verb, not what it counts */
            }
        }
        const char *counts = ce > cb ? tok_span(an->arena, d, cb, ce) : NULL;
        const char *unit = "";
        if (ce > cb) {
            uint32_t h = ce - 1;
            for (uint32_t u = cb; u < ce; u++) {
                if (tok_is(d, u, "of")) {
                    h = u - 1;
                    break;
                }
            }
            char low[48];
            tok_lower(d, h, low, sizeof(low));
            char *u = arena_strndup(an->arena, low, strlen(low));
            if (!u) {
                return SIFT_ENOMEM;
            }
            unit = u;
            last_unit = unit;
        } else if (last_unit && !is_ord && !time) {
            unit = last_unit; /* "41 bodies ... and 909 to Ukraine" */
            counts = last_unit;
        }
        if (strcmp(kind, "duration") == 0) {
            /* "two-hour meeting": a length; the unit is the time word */
            for (uint32_t u = t; u < end; u++) {
                if (tok_is_any(d, u, units_time)) {
                    char low[16];
                    tok_lower(d, u, low, sizeof(low));
                    unit = arena_strndup(an->arena, low, strlen(low));
                }
            }
        } else if (ce > cb && tok_is_any(d, ce - 1, units_time) && !is_ord) {
            kind = "duration";
        }
        if (!counts && !time && !is_ord) {
            continue; /* a bare number: nothing said of what it counts */
        }
        if (is_ord && ce == cb) {
            continue;
        }
        if (is_per_side == 0) {
            for (uint32_t u = ce; u + 1 < s->te && u < ce + 4; u++) {
                if (tok_is(d, u, "each") && tok_is(d, u + 1, "side")) {
                    is_per_side = 1;
                }
            }
        }
        an_number_t *x = an_push(an->arena, &an->nums, &an->n_nums, cap, sizeof(an_number_t));
        if (!x || !unit || (ce > cb && !counts)) {
            return SIFT_ENOMEM;
        }
        uint32_t se = ce > end ? ce : end;
        x->doc = di;
        x->off = d->in->toks[start].off;
        x->len = d->in->toks[se - 1].off + d->in->toks[se - 1].len - x->off;
        x->has_value = has;
        x->lo = v;
        x->hi = hi;
        x->time = time;
        x->unit = unit;
        x->counts = counts ? counts : "";
        x->approx = is_vague ? "vague" : approx;
        x->bound = bound;
        x->kind = kind;
        x->is_per_side = is_per_side;
        x->sent = si;
        t = end - 1;
    }
    return 0;
}

int numbers_find(analysis_t *an, sift_err_t *err)
{
    size_t cap = 0;
    an_set64_t words;
    memset(&words, 0, sizeof(words));
    if (number_words(an->arena, &words)) {
        return err_oom(err);
    }
    for (uint32_t di = 0; di < an->n_docs; di++) {
        const an_doc_t *d = &an->docs[di];
        for (uint32_t si = 0; si < d->in->n_sents; si++) {
            if (d->in->sents[si].tb >= d->in->clutter_tok) {
                break;
            }
            if (scan_sentence(an, di, si, &cap, &words)) {
                return err_oom(err);
            }
        }
    }
    return 0;
}
