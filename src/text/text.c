/* text/text.c: tokens, folding, sentences and stems for one document.
 * A token is a run of letters, digits and combining marks; everything
 * else separates. ASCII words are folded with a table; other words go
 * through utf8proc into a small stack buffer, never a malloc. Stems come
 * from libstemmer through a bounded cache, since news repeats its words. */
#include "text.h"

#include <assert.h>
#include <libstemmer.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <utf8proc.h>

#include "util/err.h"
#include "util/hash.h"

/* Stem cache slots (a power of two). Past half full it is emptied: a
 * bounded cache that still hits for the few thousand words of a day. */
#define STEM_CACHE_SLOTS (1u << 16)
#define STEM_POOL_BYTES  ((size_t)1 << 20)
#define N_STEMMERS       8
/* Stop word table slots (a power of two, four times the words). */
#define STOP_SLOTS 512
/* Bytes of the longest stop word ("against", "through"): a longer word
 * is no stop word without a probe. stop_table_fill checks it. */
#define STOP_WORD_MAX 7

typedef struct stem_slot {
    uint64_t key; /* hash of language and folded word; 0 = empty */
    uint32_t off; /* stem in pool */
    uint32_t len;
} stem_slot_t;

typedef struct stemmer {
    char lang[8];
    struct sb_stemmer *sb; /* NULL when libstemmer has no such language */
} stemmer_t;

struct text_ctx {
    stemmer_t stemmers[N_STEMMERS];
    size_t n_stemmers;
    stem_slot_t *cache;
    size_t n_cached;
    char *pool;
    size_t pool_used;
    /* stop words by their token hash (text_tok_t.hash): index + 1 into
     * stop_words, 0 = empty. One probe instead of a bsearch of strings
     * (a quarter of copy detection's time); the word is still compared. */
    uint8_t stop_slot[STOP_SLOTS];
    /* the hash of the word in each slot: a word that is no stop word is
     * told from the one in its slot without comparing strings */
    uint64_t stop_hash[STOP_SLOTS];
};

static void stop_table_fill(text_ctx_t *tc);

int text_ctx_new(text_ctx_t **out, sift_err_t *err)
{
    *out = NULL;
    text_ctx_t *tc = calloc(1, sizeof(*tc));
    if (tc) {
        tc->cache = calloc(STEM_CACHE_SLOTS, sizeof(*tc->cache));
        tc->pool = malloc(STEM_POOL_BYTES);
    }
    if (!tc || !tc->cache || !tc->pool) {
        text_ctx_free(tc);
        return err_oom(err);
    }
    stop_table_fill(tc);
    *out = tc;
    return 0;
}

void text_ctx_free(text_ctx_t *tc)
{
    if (!tc) {
        return;
    }
    for (size_t i = 0; i < tc->n_stemmers; i++) {
        sb_stemmer_delete(tc->stemmers[i].sb);
    }
    free(tc->cache);
    free(tc->pool);
    free(tc);
}

/* The stemmer for an ISO 639-1 code; English when lang is empty or has
 * no Snowball algorithm. NULL only when even English is unavailable. */
static struct sb_stemmer *stemmer_for(text_ctx_t *tc, const char *lang)
{
    if (!lang || !lang[0] || strlen(lang) >= sizeof(tc->stemmers[0].lang)) {
        lang = "en";
    }
    for (size_t i = 0; i < tc->n_stemmers; i++) {
        if (strcmp(tc->stemmers[i].lang, lang) == 0) {
            return tc->stemmers[i].sb ? tc->stemmers[i].sb : stemmer_for(tc, "en");
        }
    }
    if (tc->n_stemmers == N_STEMMERS) {
        return strcmp(lang, "en") == 0 ? NULL : stemmer_for(tc, "en");
    }
    stemmer_t *s = &tc->stemmers[tc->n_stemmers++];
    snprintf(s->lang, sizeof(s->lang), "%s", lang);
    s->sb = sb_stemmer_new(lang, "UTF_8");
    if (!s->sb && strcmp(lang, "en") != 0) {
        return stemmer_for(tc, "en");
    }
    return s->sb;
}

static int stem_word(text_ctx_t *tc, arena_t *a, struct sb_stemmer *sb, uint64_t lang_seed,
                     sift_slice_t w, sift_slice_t *out)
{
    *out = w;
    if (!sb || w.len < 3) {
        return 0;
    }
    uint64_t key = hash64(w.ptr, w.len, lang_seed) | 1;
    size_t mask = STEM_CACHE_SLOTS - 1;
    for (size_t i = key & mask;; i = (i + 1) & mask) {
        stem_slot_t *sl = &tc->cache[i];
        if (sl->key == key) {
            out->ptr = tc->pool + sl->off;
            out->len = sl->len;
            return 0;
        }
        if (sl->key == 0) {
            break;
        }
    }
    const sb_symbol *st = sb_stemmer_stem(sb, (const sb_symbol *)w.ptr, (int)w.len);
    if (!st) {
        return SIFT_ENOMEM;
    }
    size_t n = (size_t)sb_stemmer_length(sb);
    if (tc->n_cached >= STEM_CACHE_SLOTS / 2 || tc->pool_used + n > STEM_POOL_BYTES) {
        memset(tc->cache, 0, STEM_CACHE_SLOTS * sizeof(*tc->cache));
        tc->n_cached = 0;
        tc->pool_used = 0;
    }
    memcpy(tc->pool + tc->pool_used, st, n);
    for (size_t i = key & mask;; i = (i + 1) & mask) {
        if (tc->cache[i].key == 0) {
            tc->cache[i] = (stem_slot_t){ key, (uint32_t)tc->pool_used, (uint32_t)n };
            break;
        }
    }
    tc->n_cached++;
    out->ptr = tc->pool + tc->pool_used;
    out->len = n;
    tc->pool_used += n;
    /* the pool may be emptied by a later word: the token keeps a copy */
    char *copy = arena_strndup(a, out->ptr, n);
    if (!copy) {
        return SIFT_ENOMEM;
    }
    out->ptr = copy;
    return 0;
}

/* ---- code points ---------------------------------------------------- */

/* ASCII letters and digits: 1 at their byte. */
static const uint8_t ascii_word[128] = {
    ['0'] = 1, ['1'] = 1, ['2'] = 1, ['3'] = 1, ['4'] = 1, ['5'] = 1, ['6'] = 1, ['7'] = 1,
    ['8'] = 1, ['9'] = 1, ['A'] = 1, ['B'] = 1, ['C'] = 1, ['D'] = 1, ['E'] = 1, ['F'] = 1,
    ['G'] = 1, ['H'] = 1, ['I'] = 1, ['J'] = 1, ['K'] = 1, ['L'] = 1, ['M'] = 1, ['N'] = 1,
    ['O'] = 1, ['P'] = 1, ['Q'] = 1, ['R'] = 1, ['S'] = 1, ['T'] = 1, ['U'] = 1, ['V'] = 1,
    ['W'] = 1, ['X'] = 1, ['Y'] = 1, ['Z'] = 1, ['a'] = 1, ['b'] = 1, ['c'] = 1, ['d'] = 1,
    ['e'] = 1, ['f'] = 1, ['g'] = 1, ['h'] = 1, ['i'] = 1, ['j'] = 1, ['k'] = 1, ['l'] = 1,
    ['m'] = 1, ['n'] = 1, ['o'] = 1, ['p'] = 1, ['q'] = 1, ['r'] = 1, ['s'] = 1, ['t'] = 1,
    ['u'] = 1, ['v'] = 1, ['w'] = 1, ['x'] = 1, ['y'] = 1, ['z'] = 1,
};

static int is_word_cp(int32_t cp)
{
    if (cp < 128) {
        return ascii_word[cp];
    }
    utf8proc_category_t c = utf8proc_category(cp);
    return (c >= UTF8PROC_CATEGORY_LU && c <= UTF8PROC_CATEGORY_NO);
}

static int is_upper_cp(int32_t cp)
{
    if (cp < 128) {
        return cp >= 'A' && cp <= 'Z';
    }
    utf8proc_category_t c = utf8proc_category(cp);
    return c == UTF8PROC_CATEGORY_LU || c == UTF8PROC_CATEGORY_LT;
}

/* Next code point at s[*i], advancing *i; invalid bytes read as U+FFFD
 * one byte at a time. */
static int32_t next_cp(const char *s, size_t len, size_t *i)
{
    unsigned char c = (unsigned char)s[*i];
    if (c < 0x80) {
        (*i)++;
        return c;
    }
    utf8proc_int32_t cp;
    utf8proc_ssize_t n =
        utf8proc_iterate((const utf8proc_uint8_t *)s + *i, (utf8proc_ssize_t)(len - *i), &cp);
    if (n <= 0) {
        (*i)++;
        return 0xFFFD;
    }
    *i += (size_t)n;
    return cp;
}

int text_fold(arena_t *a, const char *s, size_t len, sift_slice_t *out)
{
    size_t i = 0;
    int has_upper = 0;
    while (i < len && (unsigned char)s[i] < 0x80) {
        has_upper |= s[i] >= 'A' && s[i] <= 'Z';
        i++;
    }
    if (i == len) {
        if (!has_upper) {
            *out = (sift_slice_t){ s, len }; /* folded already: borrow it */
            return 0;
        }
        char *p = arena_alloc(a, len + 1);
        if (!p) {
            return SIFT_ENOMEM;
        }
        for (size_t j = 0; j < len; j++) {
            char c = s[j];
            p[j] = (c >= 'A' && c <= 'Z') ? (char)(c + 32) : c;
        }
        p[len] = '\0';
        *out = (sift_slice_t){ p, len };
        return 0;
    }
    /* Non-ASCII: decompose with compatibility mappings and case folding,
     * drop marks, compose again; a word at a time so the buffer is small.
     * Words past TEXT_MAX_TOKEN_CPS code points are cut. */
    utf8proc_int32_t buf[TEXT_MAX_TOKEN_CPS * 4];
    utf8proc_option_t opt = UTF8PROC_COMPAT | UTF8PROC_CASEFOLD | UTF8PROC_STRIPMARK |
                            UTF8PROC_DECOMPOSE | UTF8PROC_IGNORE;
    size_t n_cp = 0;
    i = 0;
    while (i < len && n_cp + 18 < sizeof(buf) / sizeof(buf[0])) {
        int32_t cp = next_cp(s, len, &i);
        int last = 0;
        utf8proc_ssize_t n = utf8proc_decompose_char(
            cp, buf + n_cp, (utf8proc_ssize_t)(sizeof(buf) / sizeof(buf[0]) - n_cp), opt, &last);
        if (n < 0 || n_cp + (size_t)n > sizeof(buf) / sizeof(buf[0])) {
            break;
        }
        n_cp += (size_t)n;
    }
    utf8proc_ssize_t m = utf8proc_normalize_utf32(buf, (utf8proc_ssize_t)n_cp,
                                                  UTF8PROC_COMPOSE | UTF8PROC_STRIPMARK);
    if (m < 0) {
        m = 0;
    }
    char *p = arena_alloc(a, (size_t)m * 4 + 1);
    if (!p) {
        return SIFT_ENOMEM;
    }
    size_t o = 0;
    for (utf8proc_ssize_t j = 0; j < m; j++) {
        o += (size_t)utf8proc_encode_char(buf[j], (utf8proc_uint8_t *)p + o);
    }
    p[o] = '\0';
    *out = (sift_slice_t){ p, o };
    return 0;
}

/* ---- stop words and abbreviations ------------------------------------ */

/* English function words, sorted for bsearch. Reporting verbs ("said")
 * are here too: every report has them and they say nothing of the story. */
static const char *const stop_words[] = {
    "a",      "about",   "above", "after",   "again",  "against", "all",     "also",    "am",
    "an",     "and",     "any",   "are",     "as",     "at",      "be",      "because", "been",
    "before", "being",   "below", "between", "both",   "but",     "by",      "can",     "could",
    "did",    "do",      "does",  "doing",   "down",   "during",  "each",    "few",     "for",
    "from",   "further", "had",   "has",     "have",   "having",  "he",      "her",     "here",
    "hers",   "herself", "him",   "himself", "his",    "how",     "i",       "if",      "in",
    "into",   "is",      "it",    "its",     "itself", "just",    "may",     "me",      "might",
    "more",   "most",    "must",  "my",      "myself", "no",      "nor",     "not",     "now",
    "of",     "off",     "on",    "once",    "one",    "only",    "or",      "other",   "our",
    "ours",   "out",     "over",  "own",     "said",   "same",    "says",    "she",     "should",
    "so",     "some",    "such",  "than",    "that",   "the",     "their",   "theirs",  "them",
    "then",   "there",   "these", "they",    "this",   "those",   "through", "to",      "told",
    "too",    "under",   "until", "up",      "us",     "very",    "was",     "we",      "were",
    "what",   "when",    "where", "which",   "while",  "who",     "whom",    "why",     "will",
    "with",   "would",   "you",   "your",    "yours",
};

static int cmp_word(const void *key, const void *elem)
{
    const sift_slice_t *w = key;
    const char *s = *(const char *const *)elem;
    size_t n = strlen(s);
    int c = memcmp(w->ptr, s, w->len < n ? w->len : n);
    if (c != 0) {
        return c;
    }
    return w->len < n ? -1 : (w->len > n ? 1 : 0);
}

int text_is_stop(sift_slice_t w)
{
    if (w.len <= 1) {
        return 1;
    }
    if (w.len > 7) {
        return 0; /* no stop word is longer */
    }
    return bsearch(&w, stop_words, sizeof(stop_words) / sizeof(stop_words[0]),
                   sizeof(stop_words[0]), cmp_word) != NULL;
}

#define N_STOP_WORDS (sizeof(stop_words) / sizeof(stop_words[0]))
_Static_assert(N_STOP_WORDS < 255 && N_STOP_WORDS * 2 < STOP_SLOTS, "stop table room");

static void stop_table_fill(text_ctx_t *tc)
{
    for (size_t k = 0; k < N_STOP_WORDS; k++) {
        assert(strlen(stop_words[k]) <= STOP_WORD_MAX);
        uint64_t h = hash64(stop_words[k], strlen(stop_words[k]), TEXT_HASH_SEED);
        size_t j = h & (STOP_SLOTS - 1);
        while (tc->stop_slot[j]) {
            j = (j + 1) & (STOP_SLOTS - 1);
        }
        tc->stop_slot[j] = (uint8_t)(k + 1);
        tc->stop_hash[j] = h;
    }
}

/* text_is_stop(w) for a word whose token hash is h. */
static int is_stop_hashed(const text_ctx_t *tc, sift_slice_t w, uint64_t h)
{
    if (w.len <= 1) {
        return 1;
    }
    if (w.len > STOP_WORD_MAX) {
        return 0;
    }
    for (size_t j = h & (STOP_SLOTS - 1); tc->stop_slot[j]; j = (j + 1) & (STOP_SLOTS - 1)) {
        if (tc->stop_hash[j] != h) {
            continue;
        }
        const char *sw = stop_words[tc->stop_slot[j] - 1];
        if (strncmp(sw, w.ptr, w.len) == 0 && sw[w.len] == '\0') {
            return 1;
        }
    }
    return 0;
}

/* Words whose trailing full stop does not end a sentence. Sorted. */
static const char *const abbrevs[] = {
    "apr",  "aug", "co",  "col", "corp", "dec",  "dr",  "feb", "gen", "gov", "inc", "jan", "jr",
    "jul",  "jun", "lt",  "ltd", "mar",  "mr",   "mrs", "ms",  "mt",  "no",  "nov", "oct", "pp",
    "prof", "rep", "rev", "sen", "sep",  "sept", "sgt", "sr",  "st",  "u.s", "vs",
};

static int is_abbrev(sift_slice_t fold)
{
    if (fold.len == 1) {
        return 1; /* an initial: "John F. Kennedy" */
    }
    return bsearch(&fold, abbrevs, sizeof(abbrevs) / sizeof(abbrevs[0]), sizeof(abbrevs[0]),
                   cmp_word) != NULL;
}

/* Does the gap between two tokens end a sentence? A '.', '!' or '?' with
 * white space after it, before a capital, digit or quote. */
static int gap_ends_sentence(const char *g, size_t n, int next_is_cap)
{
    int saw_end = 0, saw_space = 0;
    for (size_t i = 0; i < n; i++) {
        char c = g[i];
        if (c == '.' || c == '!' || c == '?') {
            saw_end = 1;
        } else if (c == ' ' || c == '\n' || c == '\t') {
            if (saw_end) {
                saw_space = 1;
            }
        }
    }
    return saw_end && saw_space && next_is_cap;
}

/* ---- analysis ---------------------------------------------------------- */

int text_analyze(text_ctx_t *tc, arena_t *a, const char *lang, const sift_slice_t *blocks,
                 size_t n_blocks, int flags, text_doc_t *out, sift_err_t *err)
{
    memset(out, 0, sizeof(*out));
    size_t cap = 256;
    out->toks = arena_alloc(a, cap * sizeof(text_tok_t));
    out->block_start = arena_alloc(a, (n_blocks + 1) * sizeof(uint32_t));
    if (!out->toks || !out->block_start) {
        return err_oom(err);
    }
    out->n_blocks = n_blocks;
    struct sb_stemmer *sb = (flags & TEXT_STEM) ? stemmer_for(tc, lang) : NULL;
    uint64_t lang_seed = hash64(lang ? lang : "", lang ? strlen(lang) : 0, 0x5eed);
    uint32_t sent = 0;
    for (size_t b = 0; b < n_blocks; b++) {
        out->block_start[b] = (uint32_t)out->n_toks;
        const char *s = blocks[b].ptr;
        size_t len = blocks[b].len;
        out->n_bytes += len;
        size_t i = 0;
        size_t prev_end = 0;
        int is_first = 1;
        if (b > 0 && out->n_toks > 0) {
            sent++; /* a block boundary ends a sentence */
        }
        while (i < len && out->n_toks < TEXT_MAX_TOKENS) {
            size_t start = i;
            int32_t cp = next_cp(s, len, &i);
            if (!is_word_cp(cp)) {
                continue;
            }
            int is_cap = is_upper_cp(cp);
            int is_num = cp >= '0' && cp <= '9';
            /* an ASCII word is folded here (text_fold's ASCII case) */
            int is_ascii = cp < 0x80, has_upper = is_cap;
            size_t end = i;
            while (end < len) {
                unsigned char c = (unsigned char)s[end];
                if (c < 0x80) { /* most text: no decoding */
                    if (!ascii_word[c]) {
                        break;
                    }
                    has_upper |= c >= 'A' && c <= 'Z';
                    end++;
                    continue;
                }
                size_t j = end;
                int32_t c2 = next_cp(s, len, &j);
                if (!is_word_cp(c2)) {
                    break;
                }
                is_ascii = 0;
                end = j;
            }
            i = end;
            if (out->n_toks == cap) {
                out->toks = arena_grow(a, out->toks, cap, cap * 2, sizeof(text_tok_t));
                if (!out->toks) {
                    return err_oom(err);
                }
                cap *= 2;
            }
            text_tok_t *t = &out->toks[out->n_toks];
            sift_slice_t raw = { s + start, end - start };
            t->raw = raw;
            if (!is_ascii || has_upper) {
                if (text_fold(a, s + start, end - start, &t->fold)) {
                    return err_oom(err);
                }
            } else {
                /* from the local, not t->raw: reading back the two
                 * halves just stored as one 16-byte load stalls on the
                 * store buffer (a fifth of this function's time) */
                t->fold = raw; /* folded already: borrow it */
            }
            int is_start = is_first;
            if (!is_first && out->n_toks > 0) {
                const text_tok_t *p = &out->toks[out->n_toks - 1];
                if (gap_ends_sentence(s + prev_end, start - prev_end, is_cap || is_num) &&
                    !(memchr(s + prev_end, '.', start - prev_end) &&
                      !memchr(s + prev_end, '!', start - prev_end) &&
                      !memchr(s + prev_end, '?', start - prev_end) && is_abbrev(p->fold))) {
                    is_start = 1;
                    sent++;
                }
            }
            is_first = 0;
            prev_end = end;
            t->block = (uint32_t)b;
            t->sent = sent;
            t->hash = hash64(t->fold.ptr, t->fold.len, TEXT_HASH_SEED);
            t->flags = (is_cap ? TEXT_TOK_CAP : 0) | (is_num ? TEXT_TOK_NUM : 0) |
                       (is_start ? TEXT_TOK_SENT_START : 0) |
                       (is_stop_hashed(tc, t->fold, t->hash) ? TEXT_TOK_STOP : 0);
            t->stem = t->fold;
            if (sb && !is_num && !(t->flags & TEXT_TOK_STOP)) {
                if (stem_word(tc, a, sb, lang_seed, t->fold, &t->stem)) {
                    return err_oom(err);
                }
            }
            out->n_toks++;
        }
    }
    out->block_start[n_blocks] = (uint32_t)out->n_toks;
    out->n_sents = out->n_toks ? (size_t)sent + 1 : 0;
    return 0;
}

size_t text_shingles(uint64_t *out, size_t max, const text_doc_t *d, size_t from, size_t to, int k,
                     uint64_t seed)
{
    if (to > d->n_toks) {
        to = d->n_toks;
    }
    if (from >= to || max == 0 || k < 1) {
        return 0;
    }
    size_t n_words = to - from;
    size_t kk = (size_t)k < n_words ? (size_t)k : n_words;
    size_t n = 0;
    for (size_t i = from; i + kk <= to && n < max; i++) {
        uint64_t h = seed;
        for (size_t j = 0; j < kk; j++) {
            h = hash_mix64(h ^ d->toks[i + j].hash);
        }
        out[n++] = h;
    }
    return n;
}
