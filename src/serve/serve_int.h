/* serve/serve_int.h: what the files of serve/ share: the request as the
 * API handlers see it, their answer, and the server's limits with their
 * reasons. Used only inside serve/. */
#ifndef SIFT_SERVE_INT_H
#define SIFT_SERVE_INT_H

#include <jansson.h>
#include <pthread.h>

#include "render/render.h"
#include "serve.h"
#include "store/store.h"

/* A request line longer than this is no request of this API (the longest
 * real one is a search with a few words): 414. */
#define SERVE_MAX_URL_BYTES 2048

/* One query parameter's value: enough for a search of many words. */
#define SERVE_MAX_PARAM_BYTES 256

/* Query parameters of one request; more is a malformed or hostile one. */
#define SERVE_MAX_PARAMS 16

/* Memory MHD may use per connection, which bounds the request headers:
 * browsers send under 8 KiB. */
#define SERVE_CONN_MEMORY_BYTES ((size_t)64 * 1024)

/* Open connections at once, and from one address: enough for a load test
 * with 128 connections, few enough to keep memory and file handles low. */
#define SERVE_MAX_CONNECTIONS 512
#define SERVE_MAX_PER_IP      256

/* Seconds an idle connection is kept: slow clients cannot hold slots. */
#define SERVE_TIMEOUT_SECONDS 15

/* Reports in one page of a listing unless the client asks otherwise. */
#define SERVE_DEFAULT_LIMIT 20

/* Largest page the API hands out (the store allows more). */
#define SERVE_MAX_LIMIT 100

/* Largest offset: deeper paging is a scan, not reading. */
#define SERVE_MAX_OFFSET 1000000

/* Stories whose analysis sift serve keeps (story_cache.c): a story page
 * and the few a reader flips between. An analysis of 64 reports is a few
 * MB of JSON at most, so this bounds the cache to tens of MB. */
#define SERVE_STORY_CACHE_ENTRIES 16

typedef struct story_cache story_cache_t;

/* One API request. Borrowed for the call. */
typedef struct api_req {
    const char *db_path;      /* the store to open read-only */
    story_cache_t *cache;     /* the server's story analyses */
    pthread_key_t store_key;  /* this thread's open store (see api.c) */
    const char *path;         /* decoded path after "/api" ("/reports/ab12") */
    struct MHD_Connection *c; /* for query parameters */
} api_req_t;

/* JSON text shared by the story cache and the answers being sent (which
 * may outlive its cache entry): freed with its last reference. */
typedef struct shared_text shared_text_t;
/* A copy of n bytes of s, with one reference; NULL when out of memory. */
shared_text_t *shared_text_new(const char *s, size_t n);
shared_text_t *shared_text_ref(shared_text_t *t);
void shared_text_unref(shared_text_t *t); /* NULL is a no-op */
const char *shared_text_data(const shared_text_t *t, size_t *len);

/* One answer: an HTTP status and a JSON body, as an object or already
 * written out: text, then tail from its second byte (a story: its
 * cluster's keys, then the cached analysis's). Text wins over body. */
typedef struct api_resp {
    unsigned status;
    json_t *body;        /* owned; NULL only when out of memory (the server says 500) */
    char *text;          /* owned (malloc); compact JSON */
    shared_text_t *tail; /* one reference owned */
} api_resp_t;

/* Answer an /api/ request; fills out (never fails: errors are answers). */
void api_handle(api_resp_t *out, const api_req_t *req);

/* {"error": msg, "status": status}: msg is written for the client and
 * must never carry internals (SQL, paths, library messages). */
void api_error(api_resp_t *out, unsigned status, const char *msg);

/* The storylines of a store (stories.c): the list (empty on an empty
 * store) and one story as JSON text (SIFT_ENOTFOUND when the id names
 * none). limit and offset are checked by the caller. */
int stories_list(store_t *s, int64_t limit, int64_t offset, json_t **out, sift_err_t *err);
int stories_get(store_t *s, story_cache_t *cache, const char *id, api_resp_t *out, sift_err_t *err);

/* The story cache (story_cache.c), shared by every worker thread. Owned:
 * story_cache_free() (NULL is a no-op). */
int story_cache_new(story_cache_t **out, const char *db_path);
void story_cache_free(story_cache_t *c);
/* The analysis object of sf (loaded by render_story_load_cluster()) whose
 * id is id, as compact JSON text: from the cache when the same reports
 * were analysed before, else analysed now (render_story_analyse()) and
 * kept. When reports joined a story that has an analysis, the new one is
 * made on a background thread and the previous one given at once with
 * *stale set, until the new one is ready.
 * Owned: one reference (shared_text_unref()). */
int story_cache_analysis(story_cache_t *c, store_t *s, const char *id, story_full_t *sf,
                         shared_text_t **out, int *stale, sift_err_t *err);
/* Hits and misses so far (for tests and the log). */
void story_cache_counts(story_cache_t *c, uint64_t *hits, uint64_t *misses);

#endif
