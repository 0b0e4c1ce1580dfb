/* serve/story_cache.c: the analysis sections of recently asked stories,
 * shared by the server's worker threads, so /api/stories/ID analyses a
 * story once, not on every request.
 *
 * Why the key is the list of analysed report ids: a story's analysis reads
 * nothing else (render_story_analyse), and a stored report never changes.
 * The cluster part of the answer (events, members, counts) is read fresh
 * on each request; when `sift add` puts a new report into the story, its
 * analysed ids change and the next request analyses it again. A stale
 * answer is therefore impossible, whatever the clustering did.
 *
 * Requests for a story being analysed wait for that analysis instead of
 * starting their own: under load, the first request of a story would
 * otherwise start one analysis per connection. The analysis is kept as
 * JSON text that answers send as it is, after the cluster's text: no
 * megabytes of JSON written or copied again on every request. */
#include <pthread.h>
#include <stdatomic.h>
#include <stdlib.h>
#include <string.h>

#include "serve_int.h"

typedef struct entry {
    char *key; /* "S12\n" then the ids, one per line; NULL: free slot */
    size_t key_len;
    shared_text_t *text; /* the analysis object as compact JSON; NULL while busy */
    int busy;            /* being analysed by one request */
    uint64_t used;       /* tick of the last use, for eviction */
} entry_t;

struct story_cache {
    pthread_mutex_t mu;
    pthread_cond_t done;
    entry_t e[SERVE_STORY_CACHE_ENTRIES];
    uint64_t tick;
    uint64_t hits, misses;
    int running;   /* background analyses under way */
    char *db_path; /* for their store connections */
};

int story_cache_new(story_cache_t **out, const char *db_path)
{
    story_cache_t *c = calloc(1, sizeof(*c));
    if (!c || !(c->db_path = strdup(db_path))) {
        free(c);
        return SIFT_ENOMEM;
    }
    if (pthread_mutex_init(&c->mu, NULL) != 0) {
        free(c->db_path);
        free(c);
        return SIFT_ENOMEM;
    }
    if (pthread_cond_init(&c->done, NULL) != 0) {
        pthread_mutex_destroy(&c->mu);
        free(c->db_path);
        free(c);
        return SIFT_ENOMEM;
    }
    *out = c;
    return 0;
}

void story_cache_free(story_cache_t *c)
{
    if (!c) {
        return;
    }
    pthread_mutex_lock(&c->mu);
    while (c->running > 0) {
        pthread_cond_wait(&c->done, &c->mu);
    }
    pthread_mutex_unlock(&c->mu);
    for (size_t i = 0; i < SERVE_STORY_CACHE_ENTRIES; i++) {
        free(c->e[i].key);
        shared_text_unref(c->e[i].text);
    }
    pthread_cond_destroy(&c->done);
    pthread_mutex_destroy(&c->mu);
    free(c->db_path);
    free(c);
}

/* The key of sf's analysis: its id and the ids it reads. */
static char *make_key(const char *id, const story_full_t *sf, size_t *len)
{
    size_t n = strlen(id) + 1 + sf->n_ids * 17;
    char *k = malloc(n + 1);
    if (!k) {
        return NULL;
    }
    size_t at = 0;
    memcpy(k, id, strlen(id));
    at += strlen(id);
    k[at++] = '\n';
    for (size_t i = 0; i < sf->n_ids; i++) {
        size_t m = strlen(sf->ids[i]);
        memcpy(k + at, sf->ids[i], m);
        at += m;
        k[at++] = '\n';
    }
    k[at] = '\0';
    *len = at;
    return k;
}

/* An entry of the same story as key (its id line) other than not: busy
 * (being analysed) or ready, as asked. */
static entry_t *find_story(story_cache_t *c, const char *key, int busy, const entry_t * not )
{
    size_t idl = (size_t)(strchr(key, '\n') - key) + 1;
    for (size_t i = 0; i < SERVE_STORY_CACHE_ENTRIES; i++) {
        entry_t *e = &c->e[i];
        if (e != not &&e->key && e->busy == busy && e->key_len >= idl &&
            memcmp(e->key, key, idl) == 0) {
            return e;
        }
    }
    return NULL;
}

static entry_t *find(story_cache_t *c, const char *key, size_t len)
{
    for (size_t i = 0; i < SERVE_STORY_CACHE_ENTRIES; i++) {
        entry_t *e = &c->e[i];
        if (e->key && e->key_len == len && memcmp(e->key, key, len) == 0) {
            return e;
        }
    }
    return NULL;
}

/* A slot for a new key: a free one, else the least recently used one that
 * nobody is analysing, other than keep; NULL when every slot is busy (then
 * the request analyses without caching). */
static entry_t *take_slot(story_cache_t *c, const entry_t *keep)
{
    entry_t *best = NULL;
    for (size_t i = 0; i < SERVE_STORY_CACHE_ENTRIES; i++) {
        entry_t *e = &c->e[i];
        if (!e->key) {
            return e;
        }
        if (!e->busy && e != keep && (!best || e->used < best->used)) {
            best = e;
        }
    }
    if (best) {
        free(best->key);
        shared_text_unref(best->text);
        memset(best, 0, sizeof(*best));
    }
    return best;
}

struct shared_text {
    atomic_size_t refs;
    size_t len;
    char data[];
};

shared_text_t *shared_text_new(const char *src, size_t n)
{
    shared_text_t *t = malloc(sizeof(*t) + n + 1);
    if (!t) {
        return NULL;
    }
    atomic_init(&t->refs, 1);
    t->len = n;
    memcpy(t->data, src, n);
    t->data[n] = '\0';
    return t;
}

shared_text_t *shared_text_ref(shared_text_t *t)
{
    atomic_fetch_add(&t->refs, 1);
    return t;
}

void shared_text_unref(shared_text_t *t)
{
    if (t && atomic_fetch_sub(&t->refs, 1) == 1) {
        free(t);
    }
}

const char *shared_text_data(const shared_text_t *t, size_t *len)
{
    *len = t->len;
    return t->data;
}

/* Analyse sf and write its analysis object as compact JSON. */
static int analyse_text(store_t *s, story_full_t *sf, shared_text_t **out, sift_err_t *err)
{
    *out = NULL;
    int rc = render_story_analyse(s, sf, err);
    json_t *an = rc ? NULL : render_story_analysis_json(sf);
    char *text = an ? json_dumps(an, JSON_COMPACT | JSON_PRESERVE_ORDER) : NULL;
    json_decref(an);
    *out = text ? shared_text_new(text, strlen(text)) : NULL;
    free(text);
    return rc ? rc : *out ? 0 : SIFT_ENOMEM;
}

/* Store the outcome of e's analysis (text, or NULL when it failed) and
 * wake the requests waiting for it. Called with c->mu held. */
static void finish(story_cache_t *c, entry_t *e, shared_text_t *text)
{
    e->busy = 0;
    if (text) {
        e->text = shared_text_ref(text);
        /* the story's older analyses are of no more use */
        entry_t *old;
        while ((old = find_story(c, e->key, 0, e)) != NULL) {
            free(old->key);
            shared_text_unref(old->text);
            memset(old, 0, sizeof(*old));
        }
    } else {
        /* a failed analysis is not kept: the next request tries again */
        free(e->key);
        memset(e, 0, sizeof(*e));
    }
    pthread_cond_broadcast(&c->done);
}

/* A background analysis: its own store connection and copy of the ids. */
typedef struct job {
    story_cache_t *c;
    entry_t *e;
    story_full_t *sf;
} job_t;

static void *run_job(void *arg)
{
    job_t *j = arg;
    story_cache_t *c = j->c;
    sift_err_t err;
    sift_err_clear(&err);
    store_t *s = NULL;
    shared_text_t *text = NULL;
    if (store_open(&s, c->db_path, STORE_READONLY, &err) == 0) {
        analyse_text(s, j->sf, &text, &err);
    }
    store_close(s);
    render_story_free(j->sf);
    pthread_mutex_lock(&c->mu);
    finish(c, j->e, text);
    c->running--;
    pthread_cond_broadcast(&c->done);
    pthread_mutex_unlock(&c->mu);
    shared_text_unref(text);
    free(j);
    return NULL;
}

/* Start analysing sf's reports into e on a thread of its own. 0, or -1
 * when no thread could be had (the caller analyses then). */
static int start_job(story_cache_t *c, entry_t *e, const story_full_t *sf)
{
    job_t *j = calloc(1, sizeof(*j));
    story_full_t *copy = calloc(1, sizeof(*copy));
    char(*ids)[17] = malloc((sf->n_ids ? sf->n_ids : 1) * sizeof(*ids));
    if (!j || !copy || !ids) {
        free(j);
        free(copy);
        free(ids);
        return -1;
    }
    memcpy(ids, sf->ids, sf->n_ids * sizeof(*ids));
    copy->ids = ids;
    copy->n_ids = sf->n_ids;
    j->c = c;
    j->e = e;
    j->sf = copy;
    pthread_attr_t at;
    pthread_t t;
    int ok = pthread_attr_init(&at) == 0;
    ok = ok && pthread_attr_setdetachstate(&at, PTHREAD_CREATE_DETACHED) == 0;
    ok = ok && pthread_create(&t, &at, run_job, j) == 0;
    if (ok) {
        c->running++;
        pthread_attr_destroy(&at);
        return 0;
    }
    pthread_attr_destroy(&at);
    render_story_free(copy);
    free(j);
    return -1;
}

int story_cache_analysis(story_cache_t *c, store_t *s, const char *id, story_full_t *sf,
                         shared_text_t **out, int *stale, sift_err_t *err)
{
    *out = NULL;
    *stale = 0;
    size_t len = 0;
    char *key = make_key(id, sf, &len);
    if (!key) {
        return SIFT_ENOMEM;
    }
    pthread_mutex_lock(&c->mu);
    entry_t *e, *prev;
    for (;;) {
        e = find(c, key, len);
        if (e && !e->busy) {
            break;
        }
        /* Reports joined the story since its last analysis, and it is
         * being analysed anew: answer with the last analysis (marked
         * stale) rather than stall every reader of the story. */
        if (find_story(c, key, 1, NULL) && (prev = find_story(c, key, 0, NULL)) != NULL) {
            e = prev;
            *stale = 1;
            break;
        }
        if (!e) {
            break;
        }
        pthread_cond_wait(&c->done, &c->mu);
    }
    if (!e) {
        /* A new set of reports: analyse it. When the story has an older
         * analysis, in the background, and this request gets the old one. */
        c->misses++;
        prev = find_story(c, key, 0, NULL);
        entry_t *slot = take_slot(c, prev);
        if (slot) {
            *slot = (entry_t){ .key = key, .key_len = len, .busy = 1, .used = ++c->tick };
            key = NULL;
            if (prev && start_job(c, slot, sf) == 0) {
                e = prev;
                *stale = 1;
            }
        }
        if (!e) {
            pthread_mutex_unlock(&c->mu);
            free(key);
            shared_text_t *text = NULL;
            int rc = analyse_text(s, sf, &text, err);
            if (slot) {
                pthread_mutex_lock(&c->mu);
                finish(c, slot, text);
                pthread_mutex_unlock(&c->mu);
            }
            *out = text;
            return rc;
        }
    } else {
        c->hits++;
    }
    e->used = ++c->tick;
    *out = shared_text_ref(e->text);
    pthread_mutex_unlock(&c->mu);
    free(key);
    return 0;
}

void story_cache_counts(story_cache_t *c, uint64_t *hits, uint64_t *misses)
{
    pthread_mutex_lock(&c->mu);
    *hits = c->hits;
    *misses = c->misses;
    pthread_mutex_unlock(&c->mu);
}
