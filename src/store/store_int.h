/* store/store_int.h: what the files of store/ share; used only inside
 * store/. Each file adds the statements of one concern (reports,
 * clusters, search, checks) over this one connection. */
#ifndef SIFT_STORE_INT_H
#define SIFT_STORE_INT_H

#include <sqlite3.h>

#include "store.h"

struct store {
    sqlite3 *db;
    char path[256];
    int in_batch;
    sqlite3_stmt *put_report; /* statements kept for the store's life */
    /* waiting for another writer (store_on_wait) */
    int busy_ms;
    int is_wait_told;
    void (*wait_fn)(void *user, const char *path);
    void *wait_user;
};

/* store_open() flag, internal: this open is the retry of a read-only
 * store as immutable (read-only media). */
#define STORE_IMMUTABLE_TRIED 0x100

/* The schema version this build migrates to (the number of migrations). */
extern const int store_schema_version;

/* Fill err from the connection's last error: "what: sqlite message". */
int store_db_fail(store_t *s, sift_err_t *err, const char *what);

/* Run SQL without results; SIFT_ESTORE with err filled on failure. */
int store_exec(store_t *s, const char *sql, sift_err_t *err);

/* Prepare sql into *st once (persistent) and reset it on later calls. */
int store_prepare(store_t *s, sqlite3_stmt **st, const char *sql, sift_err_t *err);

#endif
