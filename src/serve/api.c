/* serve/api.c: the JSON API under /api/ (docs/api.md): routing, checking
 * parameters, opening the store read-only for the request and shaping the
 * answer. Errors are answers too: {"error", "status"} with a message
 * written here, never the store's own (which may name paths or SQL). */
#include <microhttpd.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "render/render.h"
#include "serve_int.h"

void api_error(api_resp_t *out, unsigned status, const char *msg)
{
    out->status = status;
    out->text = NULL;
    out->tail = NULL;
    out->body = json_pack("{s:s, s:i}", "error", msg, "status", (json_int_t)status);
}

/* Answer for a failure of the store or of memory, by code: what the
 * client did wrong is said; what went wrong inside is not. */
static void fail(api_resp_t *out, int code, const char *not_found)
{
    if (code == SIFT_ENOTFOUND) {
        api_error(out, MHD_HTTP_NOT_FOUND, not_found);
    } else if (code == SIFT_EUSAGE) {
        api_error(out, MHD_HTTP_BAD_REQUEST, "bad request");
    } else if (code == SIFT_ENOMEM || code == SIFT_ELIMIT) {
        api_error(out, MHD_HTTP_SERVICE_UNAVAILABLE, "the server is short of memory");
    } else {
        api_error(out, MHD_HTTP_INTERNAL_SERVER_ERROR, "the store cannot be read");
    }
}

/* ---- parameters ---------------------------------------------------------- */

typedef struct allowed {
    const char *const *names;
    const char *bad; /* first name not in names, or NULL */
} allowed_t;

static enum MHD_Result check_name(void *cls, enum MHD_ValueKind kind, const char *key,
                                  const char *value)
{
    (void)kind;
    (void)value;
    allowed_t *a = cls;
    for (const char *const *n = a->names; *n; n++) {
        if (strcmp(*n, key) == 0) {
            return MHD_YES;
        }
    }
    a->bad = key;
    return MHD_NO;
}

/* 0 when every query parameter is one of names; else an answer is made. */
static int only_params(api_resp_t *out, const api_req_t *req, const char *const *names)
{
    allowed_t a = { names, NULL };
    MHD_get_connection_values(req->c, MHD_GET_ARGUMENT_KIND, check_name, &a);
    if (a.bad) {
        char msg[SERVE_MAX_PARAM_BYTES + 64];
        snprintf(msg, sizeof(msg), "unknown parameter '%.40s'", a.bad);
        api_error(out, MHD_HTTP_BAD_REQUEST, msg);
        return -1;
    }
    return 0;
}

static const char *param(const api_req_t *req, const char *name)
{
    const char *v = MHD_lookup_connection_value(req->c, MHD_GET_ARGUMENT_KIND, name);
    return v && v[0] ? v : NULL;
}

/* Read a whole number from 0 to max into *out (default dflt when absent). */
static int int_param(api_resp_t *out, const api_req_t *req, const char *name, int64_t lo,
                     int64_t hi, int64_t dflt, int64_t *val)
{
    const char *v = param(req, name);
    *val = dflt;
    if (!v) {
        return 0;
    }
    int64_t n = 0;
    size_t i = 0;
    for (; v[i] >= '0' && v[i] <= '9' && i < 10; i++) {
        n = n * 10 + (v[i] - '0');
    }
    if (v[i] != '\0' || n < lo || n > hi) {
        char msg[128];
        snprintf(msg, sizeof(msg), "bad parameter '%s': expected a number from %lld to %lld", name,
                 (long long)lo, (long long)hi);
        api_error(out, MHD_HTTP_BAD_REQUEST, msg);
        return -1;
    }
    *val = n;
    return 0;
}

static int is_day(const char *s)
{
    if (strlen(s) != 10 || s[4] != '-' || s[7] != '-') {
        return 0;
    }
    for (int i = 0; i < 10; i++) {
        if (i != 4 && i != 7 && (s[i] < '0' || s[i] > '9')) {
            return 0;
        }
    }
    return 1;
}

static int day_param(api_resp_t *out, const api_req_t *req, const char *name, const char **val)
{
    *val = param(req, name);
    if (*val && !is_day(*val)) {
        char msg[96];
        snprintf(msg, sizeof(msg), "bad parameter '%s': expected a date YYYY-MM-DD", name);
        api_error(out, MHD_HTTP_BAD_REQUEST, msg);
        return -1;
    }
    return 0;
}

/* The store of this worker thread, opened read-only on its first request
 * and kept (closed when the thread ends), so SQLite's page cache stays
 * warm between requests. Each statement is its own read transaction, so
 * every request still sees what `sift add` committed before it. */
static int open_store(api_resp_t *out, const api_req_t *req, store_t **s)
{
    *s = pthread_getspecific(req->store_key);
    if (*s) {
        return 0;
    }
    sift_err_t err;
    sift_err_clear(&err);
    if (store_open(s, req->db_path, STORE_READONLY, &err) ||
        pthread_setspecific(req->store_key, *s) != 0) {
        store_close(*s);
        *s = NULL;
        api_error(out, MHD_HTTP_SERVICE_UNAVAILABLE, "the store cannot be opened");
        return -1;
    }
    return 0;
}

/* ---- /api/reports, /api/search -------------------------------------------- */

static int add_report(void *user, const sift_report_t *r)
{
    json_t *o = render_report_obj(r, 0);
    if (!o || json_array_append_new(user, o)) {
        return SIFT_ENOMEM;
    }
    return 0;
}

static void list_reports(api_resp_t *out, const api_req_t *req, int is_search)
{
    static const char *const names[] = { "q", "from", "to", "outlet", "limit", "offset", NULL };
    store_query_t q;
    memset(&q, 0, sizeof(q));
    q.words = param(req, "q");
    q.outlet = param(req, "outlet");
    q.is_by_rank = is_search;
    if (only_params(out, req, names) || day_param(out, req, "from", &q.from) ||
        day_param(out, req, "to", &q.to) ||
        int_param(out, req, "limit", 1, SERVE_MAX_LIMIT, SERVE_DEFAULT_LIMIT, &q.limit) ||
        int_param(out, req, "offset", 0, SERVE_MAX_OFFSET, 0, &q.offset)) {
        return;
    }
    if (is_search && !q.words) {
        api_error(out, MHD_HTTP_BAD_REQUEST, "missing parameter 'q': the words to search for");
        return;
    }
    store_t *s;
    if (open_store(out, req, &s)) {
        return;
    }
    json_t *list = json_array();
    int64_t total = 0;
    sift_err_t err;
    sift_err_clear(&err);
    int rc = list ? store_search_reports(s, &q, add_report, list, &total, &err) : SIFT_ENOMEM;
    if (rc == SIFT_EUSAGE) {
        json_decref(list);
        api_error(out, MHD_HTTP_BAD_REQUEST, "bad parameter 'q': no word to search for");
        return;
    }
    if (rc) {
        json_decref(list);
        fail(out, rc, "no such report");
        return;
    }
    out->status = MHD_HTTP_OK;
    out->body = json_pack("{s:I, s:I, s:I, s:o}", "total", (json_int_t)total, "limit",
                          (json_int_t)q.limit, "offset", (json_int_t)q.offset, "reports", list);
}

/* ---- /api/reports/ID ------------------------------------------------------ */

static int is_hex_id(const char *id)
{
    size_t n = strlen(id);
    return n >= 4 && n <= 16 && strspn(id, "0123456789abcdef") == n;
}

/* What every /KIND/ID endpoint checks first: no parameters, an id of
 * the right shape (else 400 with bad_id), then the store. 0 or -1 with
 * the error answer set. */
static int id_request(api_resp_t *out, const api_req_t *req, const char *id,
                      int (*is_id)(const char *), const char *bad_id, store_t **s)
{
    static const char *const names[] = { NULL };
    if (only_params(out, req, names)) {
        return -1;
    }
    if (!is_id(id)) {
        api_error(out, MHD_HTTP_BAD_REQUEST, bad_id);
        return -1;
    }
    return open_store(out, req, s);
}

static void get_report(api_resp_t *out, const api_req_t *req, const char *id)
{
    store_t *s;
    if (id_request(out, req, id, is_hex_id, "bad report id: expected 4 to 16 hex digits", &s)) {
        return;
    }
    sift_err_t err;
    sift_err_clear(&err);
    sift_report_t *r = NULL;
    int rc = store_get_report(s, id, &r, &err);
    if (rc == SIFT_EUSAGE) {
        api_error(out, MHD_HTTP_BAD_REQUEST, "ambiguous report id: give more digits");
        return;
    }
    if (rc) {
        fail(out, rc, "no such report");
        return;
    }
    out->status = MHD_HTTP_OK;
    out->body = render_report_obj(r, 1);
    sift_report_free(r);
}

/* ---- /api/stories ---------------------------------------------------------- */

/* The answer of a story endpoint from its call's code: the body (an
 * object or text) on success, else what failed in the client's words. */
static void story_answer(api_resp_t *out, int rc, json_t *body)
{
    if (rc) {
        json_decref(body);
        free(out->text);
        shared_text_unref(out->tail);
        out->text = NULL;
        out->tail = NULL;
        fail(out, rc, "no such story");
        return;
    }
    out->status = MHD_HTTP_OK;
    out->body = body;
}

static void list_stories(api_resp_t *out, const api_req_t *req)
{
    static const char *const names[] = { "limit", "offset", NULL };
    int64_t limit, offset;
    store_t *s;
    if (only_params(out, req, names) ||
        int_param(out, req, "limit", 1, SERVE_MAX_LIMIT, SERVE_DEFAULT_LIMIT, &limit) ||
        int_param(out, req, "offset", 0, SERVE_MAX_OFFSET, 0, &offset) ||
        open_store(out, req, &s)) {
        return;
    }
    sift_err_t err;
    sift_err_clear(&err);
    json_t *body = NULL;
    int rc = stories_list(s, limit, offset, &body, &err);
    story_answer(out, rc, body);
}

static int is_story_id(const char *id)
{
    size_t n = strlen(id);
    return n >= 1 && n <= 32 && strspn(id, "0123456789abcdefghijklmnopqrstuvwxyzSE-_") == n;
}

static void get_story(api_resp_t *out, const api_req_t *req, const char *id)
{
    store_t *s;
    if (id_request(out, req, id, is_story_id, "bad story id: expected S<number> or E<number>",
                   &s)) {
        return;
    }
    sift_err_t err;
    sift_err_clear(&err);
    int rc = stories_get(s, req->cache, id, out, &err);
    story_answer(out, rc, NULL);
}

/* ---- routing -------------------------------------------------------------- */

/* The id after prefix ("/reports/"), or NULL when path is not under it. */
static const char *tail(const char *path, const char *prefix)
{
    size_t n = strlen(prefix);
    return strncmp(path, prefix, n) == 0 ? path + n : NULL;
}

void api_handle(api_resp_t *out, const api_req_t *req)
{
    const char *p = req->path;
    const char *id;
    out->status = MHD_HTTP_INTERNAL_SERVER_ERROR;
    out->body = NULL;
    out->text = NULL;
    out->tail = NULL;
    if (strcmp(p, "/reports") == 0) {
        list_reports(out, req, 0);
    } else if (strcmp(p, "/search") == 0) {
        list_reports(out, req, 1);
    } else if ((id = tail(p, "/reports/")) != NULL) {
        get_report(out, req, id);
    } else if (strcmp(p, "/stories") == 0) {
        list_stories(out, req);
    } else if ((id = tail(p, "/stories/")) != NULL) {
        get_story(out, req, id);
    } else {
        api_error(out, MHD_HTTP_NOT_FOUND, "no such API endpoint: see docs/api.md");
    }
}
