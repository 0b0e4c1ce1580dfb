/* store/store.h: the store's whole interface. Every SQL statement of sift
 * lives behind it (in store/), so that another engine (PostgreSQL) can be
 * added without touching the stages above. */
#ifndef SIFT_STORE_H
#define SIFT_STORE_H

#include <stdint.h>

#include "sift.h"

typedef struct store store_t;

enum {
    STORE_READONLY = 1 /* open an existing store for reading only */
};

/* The schema version this build writes; a store with a newer one is
 * refused (SIFT_ESTORE) rather than misread. */
#define STORE_SCHEMA_VERSION 1

/* Open (creating and migrating when writable) the store at path.
 * Owned: close with store_close(). */
int store_open(store_t **out, const char *path, int flags, sift_err_t *err);
void store_close(store_t *s); /* NULL is a no-op; rolls back an open batch */

/* Batches: writes between begin and commit land together or not at all. */
int store_begin(store_t *s, sift_err_t *err);
int store_commit(store_t *s, sift_err_t *err);
int store_rollback(store_t *s);

/* Store r unless a report with its id is stored already (*out_is_new
 * tells which). Idempotent. */
int store_put_report(store_t *s, const sift_report_t *r, int *out_is_new, sift_err_t *err);

/* The report whose id is id or starts with it (at least 4 hex digits).
 * Owned: sift_report_free(). SIFT_ENOTFOUND when none; SIFT_EUSAGE when
 * the prefix names several. */
int store_get_report(store_t *s, const char *id, sift_report_t **out, sift_err_t *err);

/* Call fn for every report in the order they were added, without their
 * blocks or clutter (metadata only). The report is borrowed for the call.
 * fn returns 0 to go on. */
int store_each_report(store_t *s, int (*fn)(void *user, const sift_report_t *r), void *user,
                      sift_err_t *err);

/* Number of stored reports. */
int store_count_reports(store_t *s, int64_t *out, sift_err_t *err);

/* ---- checks and robustness (store_check.c; issue 7) -------------------- */

/* Told one problem found by store_check(): one line, no "sift: " prefix
 * and no newline. The line is borrowed for the call. */
typedef void (*store_problem_fn)(void *user, const char *line);

typedef struct store_check_result {
    int64_t n_reports;  /* reports looked at */
    long n_problems;    /* problems found (all counted, at most 20 of each
                         * kind told) */
    int schema_version; /* the version this build knows */
} store_check_result_t;

/* Check the whole store in one read transaction: SQLite's integrity_check
 * and foreign_key_check; the schema version and the report columns; each
 * report's id (16 hex digits, the hash of its body), body and metadata;
 * every column named report_id or report_rid in any other table points at
 * a stored report. Problems go to fn; returns 0 when the check ran (found
 * problems or not), SIFT_ESTORE when the store could not be read. */
int store_check(store_t *s, store_problem_fn fn, void *user, store_check_result_t *out,
                sift_err_t *err);

/* Called once when a write waits more than 2 s for another process's
 * write transaction, so the command can say why it pauses; path is the
 * store's. Writers wait up to STORE_BUSY_WAIT_MS, then fail. */
void store_on_wait(store_t *s, void (*fn)(void *user, const char *path), void *user);

#define STORE_BUSY_WAIT_MS (10 * 60 * 1000)

#endif
