/* analyze/analyze_int.h: what the analysis files share: tokens, sentences,
 * entity mentions, small vector and string helpers. Used only inside
 * src/analyze/. */
#ifndef SIFT_ANALYZE_INT_H
#define SIFT_ANALYZE_INT_H

#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include "analyze.h"
#include "util/arena.h"

/* The word lists as one table (words.c). */
typedef struct an_words an_words_t;

enum { TK_WORD = 1, TK_NUM, TK_PUNCT, TK_QUOTE, TK_POSS };

enum {
    TF_CAP = 1,      /* first letter upper case */
    TF_ALLCAPS = 2,  /* two or more letters, all upper case */
    TF_HYPH = 4,     /* joined to the previous token by '-' */
    TF_PARA = 8,     /* first token of a paragraph */
    TF_INQ = 16,     /* inside a direct quote */
    TF_NOSPACE = 32, /* no white space before it */
    TF_SENT = 64,    /* first token of a sentence */
    TF_CLUTTER = 128 /* from the clutter text, not the body */
};

typedef struct an_tok {
    uint32_t off;
    uint16_t len;
    uint8_t kind;
    uint8_t flags;
} an_tok_t;

typedef struct an_sent {
    uint32_t tb, te; /* tokens [tb, te) */
    uint32_t off, len;
    uint32_t para;
    int subj; /* entity the sentence is about (for pronouns), or -1 */
} an_sent_t;

/* A quote span before attribution (doc offsets of the marks). */
typedef struct an_qspan {
    uint32_t open_tok, close_tok; /* tokens of the marks; close may be the para end */
    int is_curly;
} an_qspan_t;

typedef struct an_doc_int {
    an_tok_t *toks;
    size_t n_toks;
    an_sent_t *sents;
    size_t n_sents;
    an_qspan_t *qs;
    size_t n_qs;
    uint32_t body_tok;     /* first token after the title */
    uint32_t clutter_tok;  /* first token of the clutter text (n_toks if none) */
    int32_t *ment_of;      /* mention index per token, or -1 */
    uint64_t **stems;      /* per sentence, computed once (tok_sent_stems) */
    const char **sent_str; /* per sentence, its text once made (tok_sent_text) */
    size_t *n_stems;
    const char *all; /* text, then clutter: tokens index this */
    size_t all_len;
    uint32_t *wc;    /* per token, its word classes (AW_*, words.c) */
    uint64_t *lh;    /* per word token, tok_lhash() (words.c); 0 for others */
    const char *low; /* all with A-Z lowered (tok_doc): tokens index it too,
                        so word tests lower one side only, once per doc */
} an_doc_int_t;

/* A stretch of tokens that names an entity. */
typedef struct an_mention {
    uint32_t doc;
    uint32_t tb, te;     /* tokens */
    int ent;             /* entity index (after merging: follow merged_into) */
    uint8_t is_modifier; /* part of a role ("Kremlin" in "Kremlin spokesman") */
    uint8_t is_role;     /* role words only, no name ("the Kremlin spokesman") */
    uint8_t type;
} an_mention_t;

/* A set of 64-bit keys in an arena (open addressing, grows by doubling). */
typedef struct an_set64 {
    uint64_t *keys; /* 0: empty (key 0 is kept as 1) */
    size_t cap, n;
} an_set64_t;
int set64_has(const an_set64_t *s, uint64_t key);
int set64_add(arena_t *a, an_set64_t *s, uint64_t key); /* 0 or SIFT_ENOMEM */

/* A string -> int map in an arena (open addressing, grows by doubling).
 * Keys are borrowed: they must outlive the map. */
typedef struct an_map {
    const char **keys;
    int *vals;
    size_t cap, n;
} an_map_t;
int map_get(const an_map_t *m, const char *key); /* -1 when absent */
int map_put(arena_t *a, an_map_t *m, const char *key, int val);

/* What merging needs to know of an entity besides its public fields. */
typedef struct an_ent_info {
    const char *key;  /* folded name */
    const char *skel; /* consonant skeleton of key */
    const char *last; /* folded last word */
    int n_words;
    int votes[4]; /* type votes by an_ent_type_t */
    int is_acronym;
} an_ent_info_t;

/* A clause of the story as likeness.c sees it: the weight of its
 * normalised terms and the clauses of other reports that say the same
 * thing, best first. */
typedef struct an_nb {
    uint32_t unit;
    float score;       /* shared weight */
    float share;       /* score over the lighter clause's weight */
    uint32_t n_shared; /* shared terms besides names */
} an_nb_t;

typedef struct an_unit {
    uint32_t doc, sent;
    uint32_t tb, te; /* the clause's tokens */
    float total;     /* sum of its terms' weights */
    an_nb_t *nb;
    size_t n_nb;
} an_unit_t;

typedef struct an_int {
    an_mention_t *ments;
    size_t n_ments;
    size_t cap_ments;
    an_ent_info_t *einfo; /* parallel to analysis_t.ents */
    size_t cap_ents;
    an_map_t ent_by_key;
    int64_t anchor_day; /* analyze_report_day(): day to resolve against
                           when the text has none, or -1 */
    int has_anchor;
    an_unit_t *units; /* body sentences, doc by doc (likeness_build) */
    size_t n_units;
    int units_built;
    const an_words_t *words; /* the word lists (words.c) */
} an_int_t;

/* ---- tok.c ------------------------------------------------------------- */

/* Grow *arr (n elements, capacity *cap) to hold one more; NULL on ENOMEM. */
void *an_push(arena_t *a, void *arr_ptr, size_t *n, size_t *cap, size_t elem);

/* Tokenise d->in->all, split it into sentences that never break inside
 * a quote and class its words by w. 0 or SIFT_ENOMEM. */
int tok_doc(arena_t *a, const an_words_t *w, an_doc_t *d);

/* ASCII lower case without the locale (tolower() is a call per byte, and
 * word lists are plain ASCII). */
static inline unsigned char an_low(unsigned char c)
{
    return c >= 'A' && c <= 'Z' ? (unsigned char)(c | 32) : c;
}

/* Token t is word, case-insensitively; word is in lower case (the
 * token's lowered text is compared with it as it is). Inline: the
 * hottest test of the analysis (word after word is checked token by
 * token), and with a literal word its length is known at compile time,
 * so most tokens are turned away by their length alone and memcmp()
 * becomes a compare or two. */
static inline int tok_is(const an_doc_t *d, uint32_t t, const char *word)
{
    if (t >= d->in->n_toks) {
        return 0;
    }
    size_t len = strlen(word);
    const an_tok_t *k = &d->in->toks[t];
    return k->len == len && memcmp(d->in->low + k->off, word, len) == 0;
}

/* ---- words.c ------------------------------------------------------------ */

/* Word classes of a token (case-insensitive, whole token). */
enum {
    AW_STOP = 1u << 0,       /* function word ("the", "however") */
    AW_SPEECH = 1u << 1,     /* speech verb ("said", "told") */
    AW_TITLE = 1u << 2,      /* job title heading a name ("Minister") */
    AW_ROLE = 1u << 3,       /* role noun ("spokesperson") */
    AW_ROLE_MOD = 1u << 4,   /* role modifier ("former", "deputy") */
    AW_ORG = 1u << 5,        /* makes a run an organisation ("Ministry") */
    AW_PLACE_TAIL = 1u << 6, /* extends a place ("region") */
    AW_PLACE_PREP = 1u << 7, /* precedes a place ("in", "near") */
    AW_CONNECTOR = 1u << 8,  /* inside a name ("of", "bin") */
    AW_CREDIT = 1u << 9,     /* a picture credit ("Photo") */
    AW_MONTH_SHIFT = 10,     /* 4 bits: month 1..12 (capitalised only) */
    AW_MONTH_MASK = 15u << 10,
    AW_WEEKDAY_SHIFT = 14,   /* 3 bits: weekday + 1 */
    AW_ANON_HEAD = 1u << 17, /* heads an anonymous speaker ("source") */
    AW_ROLE_HEAD = 1u << 18, /* heads a role speaker ("spokesman") */
    AW_QUOTE_PREP = 1u << 19 /* a preposition before a name ("of") */
};

/* The word lists as one hash table, built on the first call. Borrowed:
 * shared by the whole process, never freed. NULL if it cannot be built. */
const an_words_t *words_get(void);
/* Classes of the word s[0..len) (case-insensitive; months whatever
 * their case), 0 if in no list. */
uint32_t words_class(const an_words_t *w, const char *s, size_t len);
/* Fill d->in->wc from d's tokens. 0 or SIFT_ENOMEM. */
int words_classify(arena_t *a, const an_words_t *w, an_doc_t *d);

/* The hash tok_lhash() gives a word token whose lower-case text is low. */
uint64_t words_lhash(const char *low, size_t len);

/* Token t (may be out of range: then no class) is in every class of cls. */
static inline int tok_in(const an_doc_t *d, uint32_t t, uint32_t cls)
{
    return t < d->in->n_toks && (d->in->wc[t] & cls);
}
/* Hash of word token t's lower-case text as tok_lower() into 64 bytes
 * gives it (its first 63 bytes): equal words, equal hashes, without a
 * copy per use. 0 for tokens that are not words. */
static inline uint64_t tok_lhash(const an_doc_t *d, uint32_t t)
{
    return t < d->in->n_toks ? d->in->lh[t] : 0;
}
/* Month 1..12 a capitalised token names ("May", "Sep"), or 0. */
static inline int tok_month(const an_doc_t *d, uint32_t t)
{
    return t < d->in->n_toks ? (int)((d->in->wc[t] >> AW_MONTH_SHIFT) & 15) : 0;
}
/* Weekday 0 (Monday)..6 the token names, or -1. */
static inline int tok_weekday(const an_doc_t *d, uint32_t t)
{
    return t < d->in->n_toks ? (int)((d->in->wc[t] >> AW_WEEKDAY_SHIFT) & 7) - 1 : -1;
}

/* Token text helpers. tok_is_any(): token t is one of words (a NULL-ended
 * list in lower case), case-insensitively. */
int tok_is_any(const an_doc_t *d, uint32_t t, const char *const *words);
const char *tok_ptr(const an_doc_t *d, uint32_t t);

/* Does token t end a sentence: "!", "?", or a "." that does not close an
 * abbreviation ("Mr.", "Sen.") or an initial? */
int tok_ends_sentence(const an_doc_t *d, uint32_t t);
/* Lower-case ASCII copy of token t into out (size n). */
void tok_lower(const an_doc_t *d, uint32_t t, char *out, size_t n);
/* Arena copy of the doc text from token tb to te (exclusive), spaces kept. */
char *tok_span(arena_t *a, const an_doc_t *d, uint32_t tb, uint32_t te);
/* Text of sentence si (as tok_span), made once per sentence: claims and
 * disagreements quote the same sentences many times. Borrowed: arena. */
const char *tok_sent_text(arena_t *a, const an_doc_t *d, uint32_t si);
/* Sentence holding token t. */
uint32_t tok_sent_of(const an_doc_t *d, uint32_t t);
/* Is token t a quote mark that opens/closes (by its index in qs)? */
int tok_is_open_quote(const an_doc_t *d, uint32_t t);

/* Folded key: lower case, accents stripped, dots and "the " dropped.
 * Arena copy. */
char *an_fold(arena_t *a, const char *s, size_t len);
/* Consonant skeleton of a folded key (vowels and y dropped, doubles
 * collapsed), for transliteration-aware matching. */
char *an_skeleton(arena_t *a, const char *folded);
/* Levenshtein distance, capped at 9. */
int an_edit_distance(const char *a, const char *b);

/* Add doc to a tagged string list (text compared exactly). */
int tagged_add(arena_t *a, an_tagged_t **arr, size_t *n, size_t *cap, const char *text,
               uint32_t doc);
int docs_add(arena_t *a, uint32_t **docs, size_t *n, size_t *cap, uint32_t doc);

/* Sorted unique hashes of the content-word stems of sentence si. */
int tok_sent_stems(arena_t *a, const an_doc_t *d, uint32_t si, uint64_t **out, size_t *n_out);
size_t stems_shared(const uint64_t *a, size_t na, const uint64_t *b, size_t nb);
/* A 128-bit signature of a stem set: two sets sharing at least
 * AN_SIM_MIN_SHARED (3) stems share three bits unless two of them collide
 * (about 2% of such pairs), so fewer than three common bits rules a pair
 * out without merging the sets. */
void stems_sig(uint64_t sig[2], const uint64_t *a, size_t na);

/* Two sentences say the same thing (shared stems, overlap share). */
#define AN_SIM_MIN_SHARED 3
#define AN_SIM_MIN_SHARE  0.3

/* ---- likeness.c -------------------------------------------------------- */

/* Two clauses say the same thing when they share at least this many
 * terms besides names (words, figures, dates: what is said, not only who
 * about), this much weight (a term in 2 of 200 clauses weighs 4.6) and
 * this share of the lighter clause's weight. Chosen on the seeds
 * (docs/bench/analysis-2.md): higher values lose paraphrases, lower ones
 * pair clauses that only share a topic. */
#define AN_LIKE_MIN_TERMS  2
#define AN_LIKE_MIN_WEIGHT 4.0f
#define AN_LIKE_MIN_SHARE  0.15f
int likeness_is_alike(float shared, float lighter, uint32_t n_shared);
/* A neighbour close enough for the summary to cite its report: most of
 * the lighter clause is shared, not just a point of it. */
#define AN_LIKE_CITE_TERMS 3
#define AN_LIKE_CITE_SHARE 0.4f
/* Fill an->in->units and their neighbours (once; later calls return at
 * once). Needs entities, numbers and dates. 0 or SIFT_ENOMEM. */
int likeness_build(analysis_t *an);

/* ---- claims.c, counts.c ---------------------------------------------- */

/* The day sentence si of doc is dated to: its own full date, or the date
 * the story gives the round of talks it names ("the second round").
 * Borrowed; NULL when none. */
const char *claims_sent_when(const analysis_t *an, uint32_t doc, uint32_t si);
/* Count disagreements (counts.c) appended to an->disagreements, whose
 * capacity is *dcap. Needs numbers, dates and likeness. 0 or SIFT_ENOMEM. */
int counts_find(analysis_t *an, size_t *dcap);

/* An entity named outside the token stream (an outlet's web domain). */
int ent_add_name(analysis_t *an, const char *name, an_ent_type_t type, uint32_t doc);

/* ---- the per-aspect passes (each fills its part of the analysis) ------- */
int entities_find(analysis_t *an, sift_err_t *err);
int quotes_find(analysis_t *an, sift_err_t *err);
int numbers_find(analysis_t *an, sift_err_t *err);
int dates_find(analysis_t *an, sift_err_t *err);
/* dates_find on a one-report analysis, then the lead's day into out
 * (analyze_lead_day). */
int dates_lead(analysis_t *an, an_lead_t *out, sift_err_t *err);
int citations_find(analysis_t *an, sift_err_t *err);
int claims_find(analysis_t *an, sift_err_t *err);
int timeline_build(analysis_t *an, sift_err_t *err);
int summary_build(analysis_t *an, sift_err_t *err);

/* Entity of a mention after merges. Inline, as ent_mention_at(): both
 * are asked token by token by most passes. */
static inline int ent_root(const analysis_t *an, int e)
{
    while (e >= 0 && an->ents[e].merged_into >= 0) {
        e = an->ents[e].merged_into;
    }
    return e;
}
/* Mention covering token t of doc, or NULL. */
static inline const an_mention_t *ent_mention_at(const analysis_t *an, uint32_t doc, uint32_t t)
{
    const an_doc_t *d = &an->docs[doc];
    if (!d->in->ment_of || t >= d->in->n_toks || d->in->ment_of[t] < 0) {
        return NULL;
    }
    return &an->in->ments[d->in->ment_of[t]];
}

#endif
