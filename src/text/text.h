/* text/text.h: the text layer's whole interface: Unicode normalisation
 * and case folding (utf8proc), tokens, sentences, Snowball stems
 * (libstemmer), stop words and word shingles. Tokens are slices: the raw
 * form points into the caller's text, folded forms and stems live in the
 * caller's arena, so one arena_reset() drops a document's whole analysis
 * and no token costs a malloc. */
#ifndef SIFT_TEXT_H
#define SIFT_TEXT_H

#include <stddef.h>
#include <stdint.h>

#include "sift.h"
#include "util/arena.h"

/* Token flags. */
enum {
    TEXT_TOK_CAP = 1,        /* starts with an upper-case letter */
    TEXT_TOK_SENT_START = 2, /* first token of a sentence */
    TEXT_TOK_STOP = 4,       /* a stop word (or a single character) */
    TEXT_TOK_NUM = 8         /* starts with a digit */
};

typedef struct text_tok {
    sift_slice_t raw;  /* borrowed from the analysed text */
    sift_slice_t fold; /* NFKC, case folded, marks stripped: in the arena,
                          or raw itself when that is folded already (not
                          NUL-terminated then) */
    sift_slice_t stem; /* Snowball stem of fold (fold when not stemmed) */
    uint32_t block;    /* index of the input slice holding the token */
    uint32_t sent;     /* sentence number, counted over the whole input */
    uint32_t flags;    /* TEXT_TOK_* */
    uint64_t hash;     /* hash64 of fold, seed TEXT_HASH_SEED */
} text_tok_t;

/* A document's analysis. Borrowed: tokens live in the arena given to
 * text_analyze() and point into its input. */
typedef struct text_doc {
    text_tok_t *toks;
    size_t n_toks;
    uint32_t *block_start; /* n_blocks + 1 token indexes: block i is
                              toks[block_start[i] .. block_start[i+1]) */
    size_t n_blocks;
    size_t n_sents;
    size_t n_bytes; /* bytes of input analysed */
} text_doc_t;

/* Seed of text_tok_t.hash: fixed, so stored word hashes stay valid. */
#define TEXT_HASH_SEED 0x736966747465787ULL

/* Options for text_analyze(). */
enum {
    TEXT_STEM = 1 /* fill stem (costs a stemmer call per new word) */
};

/* Shared state: stemmers by language and a cache of stems. Owned: free
 * with text_ctx_free(). */
typedef struct text_ctx text_ctx_t;

int text_ctx_new(text_ctx_t **out, sift_err_t *err);
void text_ctx_free(text_ctx_t *tc); /* NULL is a no-op */

/* Cap on tokens analysed per document: a long-read has ~20k words; past
 * this, the rest of the text adds nothing to copies or clusters. */
#define TEXT_MAX_TOKENS 200000

/* Codepoints kept of one token; longer ones (URLs, base64) are cut. */
#define TEXT_MAX_TOKEN_CPS 64

/* Analyse n_blocks slices (a title, then paragraphs, ...) as one
 * document. lang is an ISO 639-1 code or "" (English is assumed for
 * stems and stop words). 0, SIFT_ENOMEM. */
int text_analyze(text_ctx_t *tc, arena_t *a, const char *lang, const sift_slice_t *blocks,
                 size_t n_blocks, int flags, text_doc_t *out, sift_err_t *err);

/* Fold s[0..len) (NFKC, case fold, strip marks) into the arena; *out
 * is s itself (borrowed, not NUL-terminated) when s is lower-case ASCII.
 * 0 or SIFT_ENOMEM. */
int text_fold(arena_t *a, const char *s, size_t len, sift_slice_t *out);

/* True if the folded word w is an English stop word. */
int text_is_stop(sift_slice_t w);

/* Hashes of the word k-shingles of toks[from..to) (folded forms): writes
 * up to max hashes to out and returns how many (fewer than k tokens give
 * one hash of them all, none give 0). */
size_t text_shingles(uint64_t *out, size_t max, const text_doc_t *d, size_t from, size_t to, int k,
                     uint64_t seed);

#endif
