/* analyze/tok.c: the small text tools analysis needs: tokens, quote
 * spans, sentences that never break inside a quote, folded keys for
 * matching names, and word lists of plain English (function words,
 * speech verbs, months). Kept inside analyze/ until text/ offers them. */
#include <ctype.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <utf8proc.h>

#include "analyze_int.h"
#include "sift.h"

void *an_push(arena_t *a, void *arr_ptr, size_t *n, size_t *cap, size_t elem)
{
    void **arr = (void **)arr_ptr;
    if (*n == *cap) {
        size_t ncap = *cap ? *cap * 2 : 16;
        void *g = arena_grow(a, *arr, *n, ncap, elem);
        if (!g) {
            return NULL;
        }
        *arr = g;
        *cap = ncap;
    }
    char *slot = (char *)*arr + (*n) * elem;
    memset(slot, 0, elem);
    (*n)++;
    return slot;
}

/* Code point at s (len bytes left) and its byte length (1 for bad bytes). */
static int32_t cp_at(const char *s, size_t len, size_t *out_n)
{
    if (!((unsigned char)s[0] & 0x80)) {
        *out_n = 1; /* ASCII, most of the text: no decoder call */
        return (unsigned char)s[0];
    }
    utf8proc_int32_t c;
    utf8proc_ssize_t k = utf8proc_iterate((const utf8proc_uint8_t *)s, (utf8proc_ssize_t)len, &c);
    if (k <= 0) {
        *out_n = 1;
        return -1;
    }
    *out_n = (size_t)k;
    return c;
}

static int is_letter(int32_t c)
{
    if (c < 0) {
        return 0;
    }
    if (c < 128) {
        return (uint32_t)((c | 32) - 'a') < 26; /* isalpha() without its call */
    }
    utf8proc_category_t k = utf8proc_category(c);
    return k == UTF8PROC_CATEGORY_LU || k == UTF8PROC_CATEGORY_LL || k == UTF8PROC_CATEGORY_LT ||
           k == UTF8PROC_CATEGORY_LM || k == UTF8PROC_CATEGORY_LO || k == UTF8PROC_CATEGORY_MN ||
           k == UTF8PROC_CATEGORY_MC;
}

static int is_upper(int32_t c)
{
    if (c < 0) {
        return 0;
    }
    if (c < 128) {
        return (uint32_t)(c - 'A') < 26;
    }
    utf8proc_category_t k = utf8proc_category(c);
    return k == UTF8PROC_CATEGORY_LU || k == UTF8PROC_CATEGORY_LT;
}

static int is_digit(int32_t c)
{
    return c >= '0' && c <= '9';
}

static inline int is_space(int32_t c)
{
    if (c > ' ' && c < 0x80) {
        return 0; /* most characters: one test */
    }
    return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == 0xA0 ||
           (c >= 0x2000 && c <= 0x200B) || c == 0x3000 || c == 0xFEFF;
}

static int is_apos(int32_t c)
{
    return c == '\'' || c == 0x2019;
}

static int is_dquote(int32_t c)
{
    return c == '"' || c == 0x201C || c == 0x201D || c == 0x201E;
}

typedef struct scan {
    arena_t *a;
    an_doc_int_t *in;
    size_t cap;
} scan_t;

static an_tok_t *add_tok(scan_t *sc, size_t off, size_t len, int kind, int flags)
{
    /* every field is set below: no an_push() call and clearing while
     * there is room */
    an_tok_t *t = sc->in->n_toks < sc->cap
                      ? &sc->in->toks[sc->in->n_toks++]
                      : an_push(sc->a, &sc->in->toks, &sc->in->n_toks, &sc->cap, sizeof(an_tok_t));
    if (!t) {
        return NULL;
    }
    t->off = (uint32_t)off;
    t->len = (uint16_t)(len > 65535 ? 65535 : len);
    t->kind = (uint8_t)kind;
    t->flags = (uint8_t)flags;
    return t;
}

/* Length of a word at s: letters and digits, with inner apostrophes
 * (not a final "'s"), inner dots between letters (U.S., Caliber.Az) and
 * a final dot after a one-letter part ("U.S."). */
static size_t word_len(const char *s, size_t len, int *out_caps, int *out_upper_first)
{
    size_t i = 0, n;
    int letters = 0, uppers = 0, last_part = 0;
    int32_t c = cp_at(s, len, &n);
    *out_upper_first = is_upper(c);
    while (i < len) {
        /* ASCII letters and digits, most of a word: no decoding */
        unsigned char b = (unsigned char)s[i];
        if ((unsigned)((b | 32) - 'a') < 26) {
            letters++;
            uppers += (unsigned)(b - 'A') < 26;
            last_part++;
            i++;
            continue;
        }
        if ((unsigned)(b - '0') < 10) {
            last_part++;
            i++;
            continue;
        }
        c = cp_at(s + i, len - i, &n);
        if (is_letter(c) || is_digit(c)) {
            letters += is_letter(c);
            uppers += is_upper(c);
            last_part++;
            i += n;
            continue;
        }
        if ((is_apos(c) || c == '.') && i + n < len) {
            size_t n2;
            int32_t d = cp_at(s + i + n, len - i - n, &n2);
            if (is_letter(d)) {
                if (is_apos(c) && (d == 's' || d == 'S')) {
                    size_t n3 = 0;
                    int32_t e =
                        i + n + n2 < len ? cp_at(s + i + n + n2, len - i - n - n2, &n3) : -1;
                    if (!is_letter(e) && !is_digit(e)) {
                        break; /* possessive: its own token */
                    }
                }
                last_part = 0;
                i += n;
                continue;
            }
            if (c == '.' && last_part == 1 && i >= 2 && s[i - 2] == '.') {
                i += n; /* "U.S." keeps its last dot */
            }
        }
        break;
    }
    *out_caps = letters >= 2 && letters == uppers;
    return i;
}

static int tokenize(scan_t *sc, const char *s, size_t len, size_t clutter_at)
{
    size_t i = 0, n;
    int flags = TF_PARA;
    while (i < len) {
        int32_t c = cp_at(s + i, len - i, &n);
        if (is_space(c)) {
            int nl = 0;
            while (i < len) {
                c = cp_at(s + i, len - i, &n);
                if (!is_space(c)) {
                    break;
                }
                nl += c == '\n';
                i += n;
            }
            flags = nl >= 2 ? TF_PARA : 0;
            continue;
        }
        if (i >= clutter_at) {
            flags |= TF_CLUTTER;
        }
        if (is_digit(c)) {
            size_t j = i;
            while (j < len) {
                int inner = (s[j] == ',' || s[j] == '.' || s[j] == ':') && j + 1 < len &&
                            is_digit((unsigned char)s[j + 1]);
                if (is_digit((unsigned char)s[j]) || inner) {
                    j++;
                } else {
                    break;
                }
            }
            if (!add_tok(sc, i, j - i, TK_NUM, flags)) {
                return SIFT_ENOMEM;
            }
            i = j;
            flags = TF_NOSPACE; /* until white space says otherwise */
            continue;
        }
        if (is_letter(c)) {
            int caps, up;
            size_t wl = word_len(s + i, len - i, &caps, &up);
            int f = flags | (up ? TF_CAP : 0) | (caps ? TF_ALLCAPS : 0);
            if (!add_tok(sc, i, wl, TK_WORD, f)) {
                return SIFT_ENOMEM;
            }
            i += wl;
            flags = TF_NOSPACE; /* so "Mr." is seen as an abbreviation */
            continue;
        }
        if (is_apos(c) && i + n < len && (s[i + n] == 's' || s[i + n] == 'S') &&
            sc->in->n_toks > 0 && (i + n + 1 >= len || !isalnum((unsigned char)s[i + n + 1]))) {
            if (!add_tok(sc, i, n + 1, TK_POSS, flags | TF_NOSPACE)) {
                return SIFT_ENOMEM;
            }
            i += n + 1;
            flags = 0;
            continue;
        }
        if (c == '-' && sc->in->n_toks > 0 && i + 1 < len && i > 0 &&
            !is_space((unsigned char)s[i - 1]) && !is_space((unsigned char)s[i + 1]) &&
            s[i + 1] != '-') {
            i += 1;
            flags = TF_HYPH | TF_NOSPACE;
            continue;
        }
        if ((c == '\'' || c == '`') && i + 1 < len && s[i + 1] == (char)c) {
            /* '' and ``: typewriter double quotes (older newspaper text) */
            if (!add_tok(sc, i, 2, TK_QUOTE, flags)) {
                return SIFT_ENOMEM;
            }
            i += 2;
            flags = TF_NOSPACE;
            continue;
        }
        int kind = is_dquote(c) ? TK_QUOTE : TK_PUNCT;
        if (!add_tok(sc, i, n, kind, flags)) {
            return SIFT_ENOMEM;
        }
        i += n;
        flags = TF_NOSPACE;
    }
    return 0;
}

const char *tok_ptr(const an_doc_t *d, uint32_t t)
{
    return d->in->all + d->in->toks[t].off;
}

/* Lowered token text p (len bytes) equals word (lower case); the first
 * bytes are known to match. */
static inline int same_rest(const char *p, size_t len, const char *word)
{
    for (size_t i = 1; i < len; i++) {
        if (!word[i] || p[i] != word[i]) {
            return 0;
        }
    }
    return word[len] == '\0';
}

int tok_is_any(const an_doc_t *d, uint32_t t, const char *const *words)
{
    if (t >= d->in->n_toks) {
        return 0;
    }
    const char *p = d->in->low + d->in->toks[t].off;
    size_t len = d->in->toks[t].len;
    char c0 = p[0];
    for (size_t i = 0; words[i]; i++) {
        if (words[i][0] == c0 && same_rest(p, len, words[i])) {
            return 1;
        }
    }
    return 0;
}

void tok_lower(const an_doc_t *d, uint32_t t, char *out, size_t n)
{
    size_t k = 0;
    if (t < d->in->n_toks) {
        size_t len = d->in->toks[t].len;
        k = len < n ? len : (n ? n - 1 : 0);
        memcpy(out, d->in->low + d->in->toks[t].off, k);
    }
    out[k] = '\0';
}

char *tok_span(arena_t *a, const an_doc_t *d, uint32_t tb, uint32_t te)
{
    if (te <= tb || te > d->in->n_toks) {
        return arena_strndup(a, "", 0);
    }
    uint32_t off = d->in->toks[tb].off;
    uint32_t end = d->in->toks[te - 1].off + d->in->toks[te - 1].len;
    char *s = arena_strndup(a, d->in->all + off, end - off);
    /* strpbrk: a vector scan, where a byte loop was a hot spot */
    for (char *p = s; p && (p = strpbrk(p, "\n\t\r")) != NULL; p++) {
        *p = ' ';
    }
    return s;
}

const char *tok_sent_text(arena_t *a, const an_doc_t *d, uint32_t si)
{
    an_doc_int_t *in = d->in;
    if (!in->sent_str) {
        in->sent_str = arena_alloc(a, (in->n_sents + 1) * sizeof(char *));
        if (!in->sent_str) {
            return NULL;
        }
        memset(in->sent_str, 0, (in->n_sents + 1) * sizeof(char *));
    }
    if (!in->sent_str[si]) {
        in->sent_str[si] = tok_span(a, d, in->sents[si].tb, in->sents[si].te);
    }
    return in->sent_str[si];
}

uint32_t tok_sent_of(const an_doc_t *d, uint32_t t)
{
    size_t lo = 0, hi = d->in->n_sents;
    while (lo + 1 < hi) {
        size_t mid = (lo + hi) / 2;
        if (d->in->sents[mid].tb <= t) {
            lo = mid;
        } else {
            hi = mid;
        }
    }
    return (uint32_t)lo;
}

int tok_is_open_quote(const an_doc_t *d, uint32_t t)
{
    for (size_t i = 0; i < d->in->n_qs; i++) {
        if (d->in->qs[i].open_tok == t) {
            return 1;
        }
    }
    return 0;
}

/* Pair quote marks paragraph by paragraph; a quote left open at the end
 * of a paragraph continues when the next paragraph opens with a mark
 * (the newspaper convention for quotes over several paragraphs). */
static int pair_quotes(arena_t *a, an_doc_t *d)
{
    an_doc_int_t *in = d->in;
    size_t cap = 0;
    long open = -1;
    int open_curly = 0;
    for (uint32_t t = 0; t < in->n_toks; t++) {
        an_tok_t *k = &in->toks[t];
        if ((k->flags & TF_PARA) && open >= 0) {
            int continues = k->kind == TK_QUOTE;
            if (!continues) {
                open = -1;
            } else {
                continue; /* the continuing paragraph's opening mark */
            }
        }
        if (k->kind != TK_QUOTE) {
            continue;
        }
        const unsigned char *p = (const unsigned char *)d->in->all + k->off;
        int is_open_mark = p[0] == 0xE2 && p[2] == 0x9C;  /* U+201C */
        int is_close_mark = p[0] == 0xE2 && p[2] == 0x9D; /* U+201D */
        int is_straight = p[0] == '"' || p[0] == '\'';    /* " or '' */
        if (p[0] == '`') {
            is_open_mark = 1; /* `` only opens */
        } else if (is_straight) {
            /* straight marks alternate within a paragraph */
            is_open_mark = open < 0;
            is_close_mark = open >= 0;
        }
        if (is_open_mark && !is_close_mark) {
            open = (long)t;
            open_curly = !is_straight;
            continue;
        }
        if (open >= 0) {
            an_qspan_t *q = an_push(a, &in->qs, &in->n_qs, &cap, sizeof(an_qspan_t));
            if (!q) {
                return SIFT_ENOMEM;
            }
            q->open_tok = (uint32_t)open;
            q->close_tok = t;
            q->is_curly = open_curly;
            for (uint32_t u = (uint32_t)open + 1; u < t; u++) {
                in->toks[u].flags |= TF_INQ;
            }
            open = -1;
        }
    }
    return 0;
}

static const char *const abbrevs[] = { "mr",  "mrs",  "ms",  "dr",  "st",  "gen", "lt",   "col",
                                       "sgt", "capt", "sen", "rep", "gov", "jr",  "sr",   "prof",
                                       "jan", "feb",  "mar", "apr", "aug", "sep", "sept", "oct",
                                       "nov", "dec",  "no",  "vs",  "etc", "inc", "corp", "co",
                                       "ltd", "mt",   "gen", "adm", "maj", "rev", "u.s",  NULL };

int tok_ends_sentence(const an_doc_t *d, uint32_t t)
{
    const an_tok_t *k = &d->in->toks[t];
    if (k->kind != TK_PUNCT || k->len != 1) {
        return 0;
    }
    char c = d->in->all[k->off];
    if (c == '!' || c == '?') {
        return 1;
    }
    if (c != '.') {
        return 0;
    }
    if (t == 0) {
        return 1;
    }
    const an_tok_t *p = &d->in->toks[t - 1];
    if (p->kind == TK_WORD && (k->flags & TF_NOSPACE)) {
        if (p->len == 1 && (p->flags & TF_CAP)) {
            return 0; /* an initial */
        }
        return !tok_is_any(d, t - 1, abbrevs);
    }
    return 1;
}

static int split_sentences(arena_t *a, an_doc_t *d)
{
    an_doc_int_t *in = d->in;
    size_t cap = 0;
    uint32_t start = 0, para = 0;
    for (uint32_t t = 0; t <= in->n_toks; t++) {
        int brk = t == in->n_toks;
        if (!brk && t > start && (in->toks[t].flags & TF_PARA)) {
            brk = 1;
        }
        if (!brk && t > start && !(in->toks[t].flags & TF_INQ) && in->toks[t].kind != TK_QUOTE) {
            /* the previous tokens end a sentence: ". X", ".\" X", ".) X" */
            uint32_t u = t - 1;
            while (u > start &&
                   (in->toks[u].kind == TK_QUOTE || tok_is(d, u, ")") || tok_is(d, u, "*"))) {
                u--;
            }
            int before_inq = in->toks[u].flags & TF_INQ;
            if (tok_ends_sentence(d, u) && !before_inq && u + 1 <= t &&
                ((in->toks[t].flags & TF_CAP) || in->toks[t].kind == TK_NUM)) {
                brk = 1;
            }
            if (!brk && in->toks[t - 1].kind == TK_QUOTE && u < t - 1 && tok_ends_sentence(d, u) &&
                ((in->toks[t].flags & TF_CAP) || in->toks[t].kind == TK_NUM)) {
                brk = 1; /* ...done." Next */
            }
        }
        if (!brk && t > start && in->toks[t].kind == TK_QUOTE && tok_is_open_quote(d, t) &&
            tok_ends_sentence(d, t - 1)) {
            brk = 1;
        }
        if (!brk) {
            continue;
        }
        if (t > start) {
            an_sent_t *s = an_push(a, &in->sents, &in->n_sents, &cap, sizeof(an_sent_t));
            if (!s) {
                return SIFT_ENOMEM;
            }
            s->tb = start;
            s->te = t;
            s->off = in->toks[start].off;
            s->len = in->toks[t - 1].off + in->toks[t - 1].len - s->off;
            s->para = para;
            s->subj = -1;
            in->toks[start].flags |= TF_SENT;
        }
        if (t < in->n_toks && (in->toks[t].flags & TF_PARA)) {
            para++;
        }
        start = t;
    }
    return 0;
}

/* out = s (n bytes) with A-Z lowered, as an_low() byte by byte; eight
 * bytes a step: in each byte of x (its top bit cleared, so no carry
 * crosses bytes) h + 0x3F has the top bit set from 'A' up, h + 0x25 from
 * '[' up; a byte from 'A' to 'Z' with its own top bit clear gets 0x20. */
static void lower_ascii(char *out, const char *s, size_t n)
{
    const uint64_t hi = 0x8080808080808080ULL, seven = 0x7F7F7F7F7F7F7F7FULL;
    const uint64_t ones = 0x0101010101010101ULL;
    size_t i = 0;
    for (; i + 8 <= n; i += 8) {
        uint64_t x;
        memcpy(&x, s + i, 8);
        uint64_t h = x & seven;
        uint64_t ge_a = h + 0x3F * ones, ge_bracket = h + 0x25 * ones;
        uint64_t up = ge_a & ~ge_bracket & ~x & hi;
        x |= up >> 2;
        memcpy(out + i, &x, 8);
    }
    for (; i < n; i++) {
        out[i] = (char)an_low((unsigned char)s[i]);
    }
}

int tok_doc(arena_t *a, const an_words_t *w, an_doc_t *d)
{
    scan_t sc = { a, d->in, 0 };
    size_t clutter_at = d->len;
    /* the lowered text, once: every case-blind word test reads it */
    char *low = arena_alloc(a, d->in->all_len + 1);
    if (!low) {
        return SIFT_ENOMEM;
    }
    lower_ascii(low, d->in->all, d->in->all_len);
    d->in->low = low;
    int rc = tokenize(&sc, d->in->all, d->in->all_len, clutter_at);
    if (rc) {
        return rc;
    }
    d->in->clutter_tok = (uint32_t)d->in->n_toks;
    for (uint32_t t = 0; t < d->in->n_toks; t++) {
        if (d->in->toks[t].off >= clutter_at) {
            d->in->clutter_tok = t;
            break;
        }
    }
    rc = words_classify(a, w, d);
    if (!rc) {
        rc = pair_quotes(a, d);
    }
    if (rc) {
        return rc;
    }
    return split_sentences(a, d);
}

/* an_fold() of plain ASCII: what utf8proc's case fold gives it, without
 * the copy and the decomposition (most names and keys are ASCII, and
 * folding is a call per mention). */
static char *fold_ascii(arena_t *a, const char *s, size_t len)
{
    char *out = arena_alloc(a, len + 1);
    if (!out) {
        return NULL;
    }
    size_t i = 0, k = 0;
    if (len > 4 && an_low((unsigned char)s[0]) == 't' && an_low((unsigned char)s[1]) == 'h' &&
        an_low((unsigned char)s[2]) == 'e' && s[3] == ' ') {
        i = 4;
    }
    for (; i < len; i++) {
        char c = s[i];
        if (c == '.' || c == '(' || c == ')') {
            continue;
        }
        out[k++] = (char)an_low((unsigned char)c);
    }
    out[k] = '\0';
    return out;
}

char *an_fold(arena_t *a, const char *s, size_t len)
{
    size_t ascii = 0;
    while (ascii < len && !((unsigned char)s[ascii] & 0x80)) {
        ascii++;
    }
    if (ascii == len) {
        return fold_ascii(a, s, len);
    }
    utf8proc_uint8_t *m = NULL;
    utf8proc_ssize_t n = utf8proc_map((const utf8proc_uint8_t *)s, (utf8proc_ssize_t)len, &m,
                                      UTF8PROC_DECOMPOSE | UTF8PROC_STRIPMARK | UTF8PROC_CASEFOLD);
    if (n < 0) {
        return arena_strndup(a, "", 0);
    }
    char *out = arena_alloc(a, (size_t)n + 1);
    if (!out) {
        free(m);
        return NULL;
    }
    size_t k = 0;
    const char *src = (const char *)m;
    if (n > 4 && strncmp(src, "the ", 4) == 0) {
        src += 4;
        n -= 4;
    }
    for (utf8proc_ssize_t i = 0; i < n; i++) {
        char c = src[i];
        if (c == '.' || c == '(' || c == ')') {
            continue;
        }
        if (c == '\xE2' && i + 2 < n && src[i + 1] == '\x80' && src[i + 2] == '\x99') {
            out[k++] = '\'';
            i += 2;
            continue;
        }
        out[k++] = c;
    }
    out[k] = '\0';
    free(m);
    return out;
}

char *an_skeleton(arena_t *a, const char *folded)
{
    size_t n = strlen(folded);
    char *out = arena_alloc(a, n + 1);
    if (!out) {
        return NULL;
    }
    size_t k = 0;
    for (size_t i = 0; i < n; i++) {
        char c = folded[i];
        if (strchr("aeiouy", c) || c == ' ' || c == '-') {
            continue;
        }
        if (k > 0 && out[k - 1] == c) {
            continue;
        }
        out[k++] = c;
    }
    out[k] = '\0';
    return out;
}

int an_edit_distance(const char *a, const char *b)
{
    size_t la = strlen(a), lb = strlen(b);
    if (la > 63 || lb > 63) {
        return 9;
    }
    int row[64];
    for (size_t j = 0; j <= lb; j++) {
        row[j] = (int)j;
    }
    for (size_t i = 1; i <= la; i++) {
        int prev = row[0];
        row[0] = (int)i;
        for (size_t j = 1; j <= lb; j++) {
            int cur = row[j];
            int best = prev + (a[i - 1] != b[j - 1]);
            if (row[j] + 1 < best) {
                best = row[j] + 1;
            }
            if (row[j - 1] + 1 < best) {
                best = row[j - 1] + 1;
            }
            row[j] = best;
            prev = cur;
        }
    }
    return row[lb] > 9 ? 9 : row[lb];
}

int docs_add(arena_t *a, uint32_t **docs, size_t *n, size_t *cap, uint32_t doc)
{
    size_t i = 0;
    while (i < *n && (*docs)[i] < doc) {
        i++;
    }
    if (i < *n && (*docs)[i] == doc) {
        return 0;
    }
    if (!an_push(a, docs, n, cap, sizeof(uint32_t))) {
        return SIFT_ENOMEM;
    }
    memmove(*docs + i + 1, *docs + i, (*n - 1 - i) * sizeof(uint32_t));
    (*docs)[i] = doc;
    return 0;
}

int tagged_add(arena_t *a, an_tagged_t **arr, size_t *n, size_t *cap, const char *text,
               uint32_t doc)
{
    for (size_t i = 0; i < *n; i++) {
        if (strcmp((*arr)[i].text, text) == 0) {
            size_t dcap = (*arr)[i].n_docs; /* grows by doubling from its size */
            return docs_add(a, &(*arr)[i].docs, &(*arr)[i].n_docs, &dcap, doc);
        }
    }
    an_tagged_t *t = an_push(a, arr, n, cap, sizeof(an_tagged_t));
    if (!t) {
        return SIFT_ENOMEM;
    }
    t->text = text;
    size_t dcap = 0;
    return docs_add(a, &t->docs, &t->n_docs, &dcap, doc);
}

static size_t set64_slot(const an_set64_t *s, uint64_t key)
{
    return (size_t)((key * 0x9E3779B97F4A7C15ULL) >> 17) & (s->cap - 1);
}

int set64_has(const an_set64_t *s, uint64_t key)
{
    key = key ? key : 1;
    if (!s->cap) {
        return 0;
    }
    for (size_t i = set64_slot(s, key);; i = (i + 1) & (s->cap - 1)) {
        if (s->keys[i] == key) {
            return 1;
        }
        if (!s->keys[i]) {
            return 0;
        }
    }
}

int set64_add(arena_t *a, an_set64_t *s, uint64_t key)
{
    key = key ? key : 1;
    if ((s->n + 1) * 2 > s->cap) {
        an_set64_t g = { NULL, s->cap ? s->cap * 2 : 256, 0 };
        g.keys = arena_alloc(a, g.cap * sizeof(uint64_t));
        if (!g.keys) {
            return SIFT_ENOMEM;
        }
        memset(g.keys, 0, g.cap * sizeof(uint64_t));
        for (size_t i = 0; i < s->cap; i++) {
            if (s->keys[i]) {
                size_t j = set64_slot(&g, s->keys[i]);
                while (g.keys[j]) {
                    j = (j + 1) & (g.cap - 1);
                }
                g.keys[j] = s->keys[i];
                g.n++;
            }
        }
        *s = g;
    }
    size_t i = set64_slot(s, key);
    while (s->keys[i] && s->keys[i] != key) {
        i = (i + 1) & (s->cap - 1);
    }
    if (!s->keys[i]) {
        s->keys[i] = key;
        s->n++;
    }
    return 0;
}

static size_t map_slot(const an_map_t *m, const char *key)
{
    uint64_t h = 1469598103934665603ULL;
    for (const unsigned char *p = (const unsigned char *)key; *p; p++) {
        h = (h ^ *p) * 1099511628211ULL;
    }
    return (size_t)(h & (m->cap - 1));
}

int map_get(const an_map_t *m, const char *key)
{
    if (!m->cap) {
        return -1;
    }
    for (size_t i = map_slot(m, key);; i = (i + 1) & (m->cap - 1)) {
        if (!m->keys[i]) {
            return -1;
        }
        if (strcmp(m->keys[i], key) == 0) {
            return m->vals[i];
        }
    }
}

int map_put(arena_t *a, an_map_t *m, const char *key, int val)
{
    if ((m->n + 1) * 2 > m->cap) {
        an_map_t g = { 0 };
        g.cap = m->cap ? m->cap * 2 : 64;
        g.keys = arena_alloc(a, g.cap * sizeof(char *));
        g.vals = arena_alloc(a, g.cap * sizeof(int));
        if (!g.keys || !g.vals) {
            return SIFT_ENOMEM;
        }
        memset(g.keys, 0, g.cap * sizeof(char *));
        for (size_t i = 0; i < m->cap; i++) {
            if (m->keys[i]) {
                size_t j = map_slot(&g, m->keys[i]);
                while (g.keys[j]) {
                    j = (j + 1) & (g.cap - 1);
                }
                g.keys[j] = m->keys[i];
                g.vals[j] = m->vals[i];
                g.n++;
            }
        }
        *m = g;
    }
    size_t i = map_slot(m, key);
    while (m->keys[i] && strcmp(m->keys[i], key) != 0) {
        i = (i + 1) & (m->cap - 1);
    }
    if (!m->keys[i]) {
        m->n++;
    }
    m->keys[i] = key;
    m->vals[i] = val;
    return 0;
}

static int cmp_u64(const void *a, const void *b)
{
    uint64_t x = *(const uint64_t *)a, y = *(const uint64_t *)b;
    return x < y ? -1 : x > y;
}

static int sent_stems(arena_t *a, const an_doc_t *d, uint32_t si, uint64_t **out, size_t *n_out);

int tok_sent_stems(arena_t *a, const an_doc_t *d, uint32_t si, uint64_t **out, size_t *n_out)
{
    an_doc_int_t *in = d->in;
    if (!in->stems) {
        in->stems = arena_alloc(a, (in->n_sents + 1) * sizeof(uint64_t *));
        in->n_stems = arena_alloc(a, (in->n_sents + 1) * sizeof(size_t));
        if (!in->stems || !in->n_stems) {
            in->stems = NULL;
            return SIFT_ENOMEM;
        }
        memset(in->stems, 0, (in->n_sents + 1) * sizeof(uint64_t *));
    }
    if (!in->stems[si]) {
        int rc = sent_stems(a, d, si, &in->stems[si], &in->n_stems[si]);
        if (rc) {
            return rc;
        }
    }
    *out = in->stems[si];
    *n_out = in->n_stems[si];
    return 0;
}

static int sent_stems(arena_t *a, const an_doc_t *d, uint32_t si, uint64_t **out, size_t *n_out)
{
    const an_sent_t *s = &d->in->sents[si];
    size_t n = 0;
    uint64_t *v = arena_alloc(a, (s->te - s->tb + 1) * sizeof(uint64_t));
    if (!v) {
        return SIFT_ENOMEM;
    }
    for (uint32_t t = s->tb; t < s->te; t++) {
        const an_tok_t *k = &d->in->toks[t];
        if (k->kind != TK_WORD && k->kind != TK_NUM) {
            continue;
        }
        char low[64] = { 0 };
        tok_lower(d, t, low, sizeof(low));
        size_t l = strlen(low);
        if (l < 3 || tok_in(d, t, AW_STOP)) {
            continue;
        }
        /* a crude stem: plural and tense endings off, then six letters */
        if (l > 4 && strcmp(low + l - 3, "ing") == 0) {
            l -= 3;
        } else if (l > 4 && strcmp(low + l - 2, "ed") == 0) {
            l -= 2;
        } else if (l > 3 && low[l - 1] == 's' && low[l - 2] != 's') {
            l -= 1;
        }
        /* names: their first four letters, so Turkey, Turkish and Türkiye
         * (folded) or Ukraine and Ukrainian meet */
        int is_name = (k->flags & TF_CAP) && !(k->flags & TF_SENT);
        if (l > 6) {
            l = 6;
        }
        if (is_name && l > 4) {
            l = 4;
        }
        uint64_t h = is_name ? 0x9E3779B97F4A7C15ULL : 1469598103934665603ULL;
        for (size_t i = 0; i < l; i++) {
            h = (h ^ (unsigned char)low[i]) * 1099511628211ULL;
        }
        v[n++] = h;
    }
    qsort(v, n, sizeof(uint64_t), cmp_u64);
    size_t k = 0;
    for (size_t i = 0; i < n; i++) {
        if (k == 0 || v[k - 1] != v[i]) {
            v[k++] = v[i];
        }
    }
    *out = v;
    *n_out = k;
    return 0;
}

void stems_sig(uint64_t sig[2], const uint64_t *a, size_t na)
{
    sig[0] = sig[1] = 0;
    for (size_t i = 0; i < na; i++) {
        sig[a[i] >> 63] |= 1ULL << ((a[i] >> 57) & 63);
    }
}

size_t stems_shared(const uint64_t *a, size_t na, const uint64_t *b, size_t nb)
{
    size_t i = 0, j = 0, n = 0;
    while (i < na && j < nb) {
        if (a[i] == b[j]) {
            n++;
            i++;
            j++;
        } else if (a[i] < b[j]) {
            i++;
        } else {
            j++;
        }
    }
    return n;
}
