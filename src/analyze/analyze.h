/* analyze/analyze.h: the analysis stage's whole interface. It weighs a set
 * of reports of one story: entities, quotes, numbers, dates, claims,
 * disagreements, citations, a timeline and a short summary. Everything an
 * analysis holds lives in its own arena and goes with analysis_free(). */
#ifndef SIFT_ANALYZE_H
#define SIFT_ANALYZE_H

#include <stddef.h>
#include <stdint.h>

#include "sift.h"

typedef enum an_ent_type {
    AN_ENT_OTHER = 0,
    AN_ENT_PERSON,
    AN_ENT_ORG,
    AN_ENT_PLACE
} an_ent_type_t;

/* "other", "person", "organisation", "place". Static. */
const char *analyze_ent_type_name(an_ent_type_t t);

/* A string seen in some reports (indexes into analysis_t.docs). */
typedef struct an_tagged {
    const char *text;
    uint32_t *docs; /* ascending, no repeats */
    size_t n_docs;
} an_tagged_t;

/* One report as the analysis sees it. Strings are copies in the arena. */
typedef struct an_doc {
    const char *report_id;
    const char *source;
    const char *outlet; /* the report's own, else found in the text, else "" */
    const char *outlet_evidence;
    const char *title;
    const char *text; /* title, then the body blocks, "\n\n" between */
    size_t len;
    const char *clutter; /* clutter texts, "\n\n" between (credits, captions) */
    size_t clutter_len;
    char date[11];         /* YYYY-MM-DD resolved, or "" */
    int is_date_certain;   /* read from the report, not inferred */
    const char *date_how;  /* "report", "text", "story", "" */
    struct an_doc_int *in; /* tokens and sentences (analyze_int.h) */
} an_doc_t;

typedef struct an_entity {
    const char *name; /* canonical: the fullest form most reports use */
    an_ent_type_t type;
    an_tagged_t *forms; /* surface forms with their reports */
    size_t n_forms;
    an_tagged_t *roles; /* titles and roles ("Kremlin spokesperson") */
    size_t n_roles;
    size_t n_mentions;
    int merged_into; /* -1, or the entity this one was merged into */
} an_entity_t;

typedef struct an_quote {
    uint32_t doc;
    uint32_t off, len; /* inner text, in docs[doc].text */
    int is_curly;
    int is_fragment;           /* starts inside a sentence or in lower case */
    int is_multi_para;         /* runs over a paragraph break */
    int ent;                   /* speaker entity, or -1 */
    const char *speaker;       /* speaker name ("" when unknown) */
    const char *evidence;      /* the words that attribute it */
    const char *how;           /* "after", "before", "pronoun", "continued", ... */
    uint32_t src_off, src_len; /* the speaker's words in the doc; len 0 if none */
} an_quote_t;

/* Reported speech: "X said that ...", "according to X". */
typedef struct an_report_speech {
    uint32_t doc;
    int ent;
    const char *speaker;
    const char *content;
    const char *cue; /* "said that", "according to" */
} an_speech_t;

typedef struct an_number {
    uint32_t doc;
    uint32_t off, len; /* surface */
    int has_value;
    double lo, hi;      /* equal unless a range */
    const char *time;   /* "13:30" for a time of day, else NULL */
    const char *unit;   /* "hour", "prisoner", "" */
    const char *counts; /* the words that say what it counts */
    const char *approx; /* "nearly", "about", ... or NULL */
    const char *bound;  /* "lower", "upper" or NULL */
    const char *kind;   /* "quantity", "ordinal", "duration", "time" */
    int is_per_side;    /* "each", "from each side", "1,000-for-1,000" */
    uint32_t sent;      /* sentence index in the doc */
} an_number_t;

typedef struct an_date {
    uint32_t doc;
    uint32_t off, len; /* surface */
    char date[11];     /* YYYY, YYYY-MM or YYYY-MM-DD; "" if unresolved */
    int is_certain;
    int is_relative; /* "on Friday", "last year" */
    int is_future;   /* "is expected to take place on June 2" */
    uint32_t sent;
} an_date_t;

typedef struct an_evidence {
    uint32_t doc;
    const char *text;
} an_evidence_t;

typedef struct an_claim {
    const char *subject;
    const char *relation;
    const char *value;
    const char *when;
    an_evidence_t *ev;
    size_t n_ev;
    uint32_t *docs;
    size_t n_docs;
    size_t n_outlets; /* independent outlets (copies count once) */
} an_claim_t;

typedef struct an_dvalue {
    const char *value;
    an_evidence_t *ev;
    size_t n_ev;
} an_dvalue_t;

typedef struct an_disagreement {
    const char *slot;
    const char *kind; /* "title", "when", "count" */
    an_dvalue_t *values;
    size_t n_values;
} an_disagreement_t;

typedef struct an_variant_group {
    const char *about; /* entity name or "spelling" */
    const char *kind;  /* "transliteration", "abbreviation", "spelling", ... */
    an_tagged_t *forms;
    size_t n_forms;
} an_variant_group_t;

typedef struct an_citation {
    uint32_t doc;
    const char *citing;
    const char *cited;
    const char *relation; /* "according_to", "citing", "told", ... */
    const char *evidence;
} an_citation_t;

typedef struct an_event {
    char date[11];
    int is_certain;
    const char *what;  /* the sentence of the first mention */
    an_evidence_t *ev; /* every mention: doc and surface */
    size_t n_ev;
} an_event_t;

typedef struct an_summary_line {
    const char *text;
    uint32_t *docs;
    size_t n_docs;
} an_summary_line_t;

typedef struct analysis {
    struct arena *arena;
    an_doc_t *docs;
    size_t n_docs;
    an_entity_t *ents;
    size_t n_ents;
    an_quote_t *quotes;
    size_t n_quotes;
    an_speech_t *speech;
    size_t n_speech;
    an_number_t *nums;
    size_t n_nums;
    an_date_t *dates;
    size_t n_dates;
    an_claim_t *claims;
    size_t n_claims;
    an_disagreement_t *disagreements;
    size_t n_disagreements;
    an_variant_group_t *variants;
    size_t n_variants;
    an_citation_t *cites;
    size_t n_cites;
    an_event_t *timeline;
    size_t n_timeline;
    an_summary_line_t *summary;
    size_t n_summary;
    struct an_int *in; /* mentions and scratch (analyze_int.h) */
} analysis_t;

/* Analyse n reports of one story (borrowed for the call; the analysis
 * copies what it keeps). Owned: free with analysis_free(). 0, SIFT_ENOMEM,
 * or SIFT_ELIMIT when the story exceeds SIFT_MAX_ANALYZE_BYTES. */
int analyze_story(const sift_report_t *const *reports, size_t n, analysis_t **out, sift_err_t *err);

void analysis_free(analysis_t *a); /* NULL is a no-op */

/* Whether a four-digit number reads as a year in a date (1901-2199): the
 * one test the date finder and the cheap "names a year" check before it
 * share. */
static inline int analyze_is_year(int y)
{
    return y > 1900 && y < 2200;
}

/* The day one report's text says it happened, as analyze_story() would
 * date the report alone (a date line, the latest past date, a weekday
 * between a past and a future date), for a report the reader found no
 * date for. has_anchor and anchor_day (days since 1970-01-01) stand in
 * for the rest of the story: the year of dates that give none, and the
 * day a lone weekday ("on Saturday") is nearest to. *out_day is the day,
 * or the report's own date when it has one; *out_found 0 when the text
 * gives none. 0, SIFT_ENOMEM or SIFT_ELIMIT (report too large). */
int analyze_report_day(const sift_report_t *r, int has_anchor, int64_t anchor_day, int64_t *out_day,
                       int *out_found, sift_err_t *err);

/* The day of the happening a report's lead reports (its first body
 * sentences: "Peskov announced on May 17", "talks in Istanbul on
 * Friday"), as far as the report alone says it. found 0: the lead names
 * no day. has_day: the day is fixed (a date with its year, the report's
 * own year, or a weekday of the report's own date); is_certain then says
 * the year or the report's date was read, not inferred. Otherwise the
 * rest needs an anchor (a day the caller believes the story is about):
 * m/d, a day of a month with no year (the nearest such day to the
 * anchor), or wd (0 = Monday), a weekday: the latest such weekday before
 * bound_m/bound_d (bound_y 0: the anchor's year), the first future day
 * the text names, when it names one ("the second round ... on June 2"),
 * else the latest such weekday on or before the anchor. */
typedef struct an_lead {
    int found, has_day, is_certain;
    int64_t day;
    int m, d;
    int wd;
    int bound_y, bound_m, bound_d;
} an_lead_t;

/* The lead's day of one report (borrowed for the call). 0, SIFT_ENOMEM
 * or SIFT_ELIMIT (report too large). */
int analyze_lead_day(const sift_report_t *r, an_lead_t *out, sift_err_t *err);

/* Direct quotes of one raw text (no report): for benchmarks on quote
 * corpora. Owned: free with analysis_free(); quote and speaker offsets
 * index text as given (bytes). */
int analyze_quotes_text(const char *text, size_t len, analysis_t **out, sift_err_t *err);

#endif
