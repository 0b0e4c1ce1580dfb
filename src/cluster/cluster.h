/* cluster/cluster.h: online, deterministic clustering of reports into
 * events (one happening, about one date) and storylines (related events
 * over weeks). A report is compared only with the clusters an inverted
 * index (term or name -> recent clusters) names for its top terms, never
 * with the whole store. Features: TF-IDF over stems with document
 * frequencies kept as reports arrive, overlap of capitalised names, and
 * the distance between publication dates when both sides have one. See
 * docs/internals/clustering.md. */
#ifndef SIFT_CLUSTER_H
#define SIFT_CLUSTER_H

#include <stddef.h>
#include <stdint.h>

#include "sift.h"
#include "store/store.h"
#include "text/text.h"
#include "util/arena.h"

#define CLUSTER_NO_DAY STORE_NO_DAY

/* One setting for every input (see docs/bench/clusters.md for how it
 * was chosen on the ECB+ development topics). */
typedef struct cluster_params {
    double event_min;             /* similarity to join an event */
    double storyline_min;         /* similarity of a new event to join a storyline */
    double name_weight;           /* share of the names' cosine in an event similarity */
    double storyline_name_weight; /* the same for storylines: names tell
                                     happenings apart more than topics */
    double storyline_merge;       /* similarity to a second storyline that merges it */
    double event_merge;           /* similarity to a second event that merges it */
    double event_days;            /* decay (days) of similarity to an event's mean date */
    double event_slack;           /* days from the mean date that cost nothing */
    double storyline_days;        /* decay (days) outside a storyline's date range */
    int numbers_as_names;         /* numbers count with the names (specific to
                                     one happening), not dropped */
    int estimate_days;            /* compare a day an undated report's text
                                     gives (cluster_doc_t.estimate_day) with
                                     its events' latest days */
    /* lead days (cluster_doc_t.lead): when the report's and the event's
     * were both read from their texts and are at most lead_bonus_days
     * apart, the similarity is multiplied by lead_bonus. Otherwise they
     * may differ by lead_days when both are read, by lead_slack when
     * one was inferred; each day beyond costs exp(-excess / lead_decay)
     * of the similarity (lead_decay <= 0: lead days are ignored) */
    double lead_bonus_days;
    double lead_bonus;
    double lead_days;
    double lead_slack;
    double lead_decay;
    int lead_from_text; /* an undated report whose lead names no day: the
                           day its text gives stands in (inferred) */
    /* retirement: a cluster that gained no report in the last
     * retire_reports reports (0: never), or in a tenth of them when its
     * latest publication day is more than retire_days behind the latest
     * seen (0: no such rule), leaves memory and is no longer a candidate */
    int64_t retire_reports;
    double retire_days;
} cluster_params_t;

void cluster_params_init(cluster_params_t *p);

/* The online state: vocabulary with document frequencies, clusters with
 * their centroids, the inverted indexes. Owned: free with cluster_free(). */
typedef struct cluster cluster_t;

int cluster_new(cluster_t **out, const cluster_params_t *p, sift_err_t *err);
void cluster_free(cluster_t *cl); /* NULL is a no-op */

/* Reload the state a previous run saved. */
int cluster_load(cluster_t *cl, store_cl_t *sc, sift_err_t *err);

/* Write what changed since the last save (inside the caller's batch). */
int cluster_save(cluster_t *cl, store_cl_t *sc, sift_err_t *err);

/* One term or name key of a report with its count: tf counts a title or
 * lead word twice; is_title says it occurs in the title. */
typedef struct cluster_key {
    uint64_t key;
    uint32_t tf;
    uint32_t is_title;
} cluster_key_t;

/* What clustering takes from a report's text: its keys in the order
 * cluster_add meets them. It depends on the report and the parameters
 * alone, so `sift add` makes it on its reading thread. */
typedef struct cluster_terms {
    cluster_key_t *keys;
    size_t n;
} cluster_terms_t;

/* The terms of d (analysed with TEXT_STEM; its first n_title_blocks
 * blocks are the title) under parameters p, allocated in a. Borrowed:
 * valid until a is reset. 0 or SIFT_ENOMEM. */
int cluster_terms_make(cluster_terms_t *out, arena_t *a, const cluster_params_t *p,
                       const text_doc_t *d, size_t n_title_blocks);

/* The day of the happening a report's lead reports (see
 * analyze_lead_day, whose reading the caller copies here). is_found 0:
 * none. has_day: day is fixed, is_certain when read, not inferred.
 * Otherwise it is resolved against a candidate event's lead day (the
 * anchor): m/d (nearest such day to it), or weekday wd (0 = Monday): the
 * latest such weekday before bound_m/bound_d (year bound_y, or 0: the
 * anchor's), or, with no bound, on or before the anchor. */
typedef struct cluster_lead {
    int32_t day;
    int16_t bound_y;
    uint8_t is_found, has_day, is_certain;
    uint8_t m, d, wd;
    uint8_t bound_m, bound_d;
} cluster_lead_t;

typedef struct cluster_doc {
    int64_t rid;
    int32_t day;            /* publication day, or CLUSTER_NO_DAY */
    const text_doc_t *text; /* analysed with TEXT_STEM */
    size_t n_title_blocks;  /* leading blocks of text that are the title */
    int64_t copy_of;        /* an earlier report this one copies, or 0 */
    int64_t copy_of_event;  /* that report's event (0: unknown) */
    /* When day is CLUSTER_NO_DAY: the day the report's text says it
     * happened, dated against anchor (when has_anchor) for what the text
     * leaves out; cluster_add asks with has_anchor 0 only (a day the text
     * gives by itself, see docs/internals/clustering.md). *out_day
     * CLUSTER_NO_DAY when the text gives none; 0 or a SIFT_E* code after
     * filling err. NULL: the report stays undated. */
    int (*estimate_day)(const void *user, int has_anchor, int32_t anchor, int32_t *out_day,
                        sift_err_t *err);
    const void *estimate_user;
    /* The report's terms made already (cluster_terms_make with the
     * cluster's parameters), or NULL: made from text. */
    const cluster_terms_t *terms;
    /* The day its lead reports, or NULL: none. Borrowed for the call. */
    const cluster_lead_t *lead;
} cluster_doc_t;

typedef struct cluster_result {
    int64_t eid, sid;
    double sim; /* similarity to the event joined; 1 for a new event */
    int is_new_event, is_new_storyline;
    int64_t merged_storyline; /* a storyline merged into sid, or 0 */
    int64_t merged_event;     /* an event merged into eid, or 0 */
} cluster_result_t;

/* Put one report in an event and a storyline, creating them as needed. */
int cluster_add(cluster_t *cl, const cluster_doc_t *doc, cluster_result_t *out, sift_err_t *err);

/* Days since 1970-01-01 of a date starting "YYYY-MM-DD", or
 * CLUSTER_NO_DAY when date does not start with a valid day. */
int32_t cluster_day(const char *date);

/* "YYYY-MM-DD" of day into out (at least 11 bytes); "" for no day. */
void cluster_day_format(char *out, size_t out_len, int32_t day);

/* Bytes of the in-memory state (for benchmarks). */
size_t cluster_mem_bytes(const cluster_t *cl);

#endif
