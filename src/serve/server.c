/* serve/server.c: the libmicrohttpd daemon of `sift serve`: binding,
 * limits, request checks (method, size, Host), the built-in page files
 * and the security headers; /api/ requests go to api.c. Every request is
 * answered from a fixed table or the API, never from the file system, so
 * no path can reach a file. */
#include <arpa/inet.h>
#include <errno.h>
#include <microhttpd.h>
#include <netinet/in.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "assets.h"
#include "serve.h"
#include "serve_int.h"
#include "util/err.h"
#include "util/utf8.h"

struct serve {
    struct MHD_Daemon *daemon;
    store_t *keeper;         /* held open so the WAL files stay for read-only opens */
    pthread_key_t store_key; /* each worker's read-only store (api.c) */
    int has_key;
    story_cache_t *cache; /* story analyses shared by the workers */
    char *db_path;
    int is_loopback; /* then only loopback Host names are answered */
    uint16_t port;
};

/* The page may load its own script, style and API, nothing else; nobody
 * may frame it. Report text never reaches HTML unescaped, and this keeps
 * an injected script from running even if it did. */
static const char csp_page[] = "default-src 'none'; script-src 'self'; style-src 'self'; "
                               "img-src 'self' data:; connect-src 'self'; base-uri 'none'; "
                               "form-action 'self'; frame-ancestors 'none'";

static void add_common_headers(struct MHD_Response *resp)
{
    MHD_add_response_header(resp, "X-Content-Type-Options", "nosniff");
    MHD_add_response_header(resp, "Referrer-Policy", "no-referrer");
    MHD_add_response_header(resp, "X-Frame-Options", "DENY");
    MHD_add_response_header(resp, "Content-Security-Policy", csp_page);
}

/* What an answer sent in two pieces holds until MHD is done with it. */
typedef struct two_pieces {
    char *head;
    shared_text_t *tail;
} two_pieces_t;

static void free_pieces(void *cls)
{
    two_pieces_t *p = cls;
    free(p->head);
    shared_text_unref(p->tail);
    free(p);
}

/* text then tail from its second byte, sent from where they are (a story's
 * cached analysis is megabytes: it is not copied per request). Takes both. */
static struct MHD_Response *pieces_response(char *text, shared_text_t *tail)
{
    two_pieces_t *p = malloc(sizeof(*p));
    if (!p) {
        free(text);
        shared_text_unref(tail);
        return NULL;
    }
    p->head = text;
    p->tail = tail;
    size_t n = 0;
    const char *t = shared_text_data(tail, &n);
    struct MHD_IoVec iov[2] = { { text, strlen(text) }, { t + 1, n - 1 } };
    struct MHD_Response *resp = MHD_create_response_from_iovec(iov, 2, free_pieces, p);
    if (!resp) {
        free_pieces(p);
    }
    return resp;
}

static enum MHD_Result send_json(struct MHD_Connection *c, api_resp_t *ar)
{
    char *text = ar->text   ? ar->text
                 : ar->body ? json_dumps(ar->body, JSON_COMPACT | JSON_PRESERVE_ORDER)
                            : NULL;
    shared_text_t *tail = ar->tail;
    ar->text = NULL;
    ar->tail = NULL;
    json_decref(ar->body);
    ar->body = NULL;
    unsigned status = ar->status;
    if (!text) {
        shared_text_unref(tail);
        static char oom[] = "{\"error\":\"out of memory\",\"status\":500}";
        text = strdup(oom);
        tail = NULL;
        status = MHD_HTTP_INTERNAL_SERVER_ERROR;
        if (!text) {
            return MHD_NO;
        }
    }
    struct MHD_Response *resp =
        tail ? pieces_response(text, tail)
             : MHD_create_response_from_buffer(strlen(text), text, MHD_RESPMEM_MUST_FREE);
    if (!resp) {
        if (!tail) {
            free(text);
        }
        return MHD_NO;
    }
    add_common_headers(resp);
    MHD_add_response_header(resp, "Content-Type", "application/json; charset=utf-8");
    MHD_add_response_header(resp, "Cache-Control", "no-store");
    if (status == MHD_HTTP_METHOD_NOT_ALLOWED) {
        MHD_add_response_header(resp, "Allow", "GET, HEAD");
    }
    enum MHD_Result ret = MHD_queue_response(c, status, resp);
    MHD_destroy_response(resp);
    return ret;
}

static enum MHD_Result send_error(struct MHD_Connection *c, unsigned status, const char *msg)
{
    api_resp_t ar;
    api_error(&ar, status, msg);
    return send_json(c, &ar);
}

static enum MHD_Result send_asset(struct MHD_Connection *c, const serve_asset_t *a)
{
    struct MHD_Response *resp =
        MHD_create_response_from_buffer(a->len, (void *)a->data, MHD_RESPMEM_PERSISTENT);
    if (!resp) {
        return MHD_NO;
    }
    add_common_headers(resp);
    MHD_add_response_header(resp, "Content-Type", a->type);
    MHD_add_response_header(resp, "Cache-Control", "no-cache");
    enum MHD_Result ret = MHD_queue_response(c, MHD_HTTP_OK, resp);
    MHD_destroy_response(resp);
    return ret;
}

static const serve_asset_t *find_asset(const char *url)
{
    const char *path = strcmp(url, "/") == 0 ? "/index.html" : url;
    for (size_t i = 0; i < serve_n_assets; i++) {
        if (strcmp(serve_assets[i].path, path) == 0) {
            return &serve_assets[i];
        }
    }
    return NULL;
}

typedef struct param_check {
    size_t n;
    int is_bad; /* too long, or not UTF-8 */
} param_check_t;

static enum MHD_Result check_param(void *cls, enum MHD_ValueKind kind, const char *key,
                                   const char *value)
{
    (void)kind;
    param_check_t *pc = cls;
    pc->n++;
    size_t klen = strlen(key);
    size_t vlen = value ? strlen(value) : 0;
    if (klen > SERVE_MAX_PARAM_BYTES || vlen > SERVE_MAX_PARAM_BYTES ||
        utf8_invalid_at(key, klen) != klen || (value && utf8_invalid_at(value, vlen) != vlen)) {
        pc->is_bad = 1;
    }
    return pc->n > SERVE_MAX_PARAMS || pc->is_bad ? MHD_NO : MHD_YES;
}

/* A page bound to loopback answers only loopback names: a web site that
 * rebinds its own name to 127.0.0.1 must not read the store through a
 * visitor's browser (DNS rebinding). */
static int is_allowed_host(const char *host)
{
    static const char *const names[] = { "127.0.0.1", "localhost", "[::1]" };
    for (size_t i = 0; i < sizeof(names) / sizeof(names[0]); i++) {
        size_t n = strlen(names[i]);
        if (strncmp(host, names[i], n) == 0 && (host[n] == '\0' || host[n] == ':')) {
            return 1;
        }
    }
    return 0;
}

static enum MHD_Result on_request(void *cls, struct MHD_Connection *c, const char *url,
                                  const char *method, const char *version, const char *upload_data,
                                  size_t *upload_data_size, void **con_cls)
{
    (void)version;
    (void)upload_data;
    (void)upload_data_size;
    const serve_t *srv = cls;
    /* Refuse a wrong method or a body at once (MHD then closes the
     * connection, never reading the body); answer the rest on the second
     * call, once the request is in: a response queued on the first makes
     * MHD drop keep-alive. */
    if (*con_cls == NULL) {
        if (strcmp(method, MHD_HTTP_METHOD_GET) != 0 && strcmp(method, MHD_HTTP_METHOD_HEAD) != 0) {
            return send_error(c, MHD_HTTP_METHOD_NOT_ALLOWED, "only GET and HEAD are allowed");
        }
        const char *clen =
            MHD_lookup_connection_value(c, MHD_HEADER_KIND, MHD_HTTP_HEADER_CONTENT_LENGTH);
        if ((clen && strcmp(clen, "0") != 0) ||
            MHD_lookup_connection_value(c, MHD_HEADER_KIND, MHD_HTTP_HEADER_TRANSFER_ENCODING)) {
            return send_error(c, MHD_HTTP_CONTENT_TOO_LARGE, "requests carry no body here");
        }
        *con_cls = (void *)srv;
        return MHD_YES;
    }
    if (strlen(url) > SERVE_MAX_URL_BYTES) {
        return send_error(c, MHD_HTTP_URI_TOO_LONG, "the URL is too long");
    }
    const char *host = MHD_lookup_connection_value(c, MHD_HEADER_KIND, MHD_HTTP_HEADER_HOST);
    if (srv->is_loopback && host && !is_allowed_host(host)) {
        return send_error(c, MHD_HTTP_FORBIDDEN, "this server answers only to its own address");
    }
    param_check_t pc = { 0, 0 };
    MHD_get_connection_values(c, MHD_GET_ARGUMENT_KIND, check_param, &pc);
    if (pc.n > SERVE_MAX_PARAMS || pc.is_bad) {
        return send_error(c, MHD_HTTP_BAD_REQUEST,
                          "too many query parameters, or one too long or not UTF-8");
    }
    if (strcmp(url, "/api") == 0 || strncmp(url, "/api/", 5) == 0) {
        api_req_t req = { srv->db_path, srv->cache, srv->store_key, url + 4, c };
        api_resp_t ar;
        api_handle(&ar, &req);
        return send_json(c, &ar);
    }
    const serve_asset_t *a = find_asset(url);
    if (!a) {
        return send_error(c, MHD_HTTP_NOT_FOUND, "no such page");
    }
    return send_asset(c, a);
}

static void close_store(void *s)
{
    store_close(s);
}

/* Fill addr for host and port; "localhost" is 127.0.0.1 (no resolver: a
 * name could resolve to an outside address). */
static int parse_host(const char *host, uint16_t port, struct sockaddr_storage *addr,
                      int *out_is_v6, int *out_is_loopback)
{
    memset(addr, 0, sizeof(*addr));
    const char *h = strcmp(host, "localhost") == 0 ? "127.0.0.1" : host;
    struct sockaddr_in *v4 = (struct sockaddr_in *)addr;
    struct sockaddr_in6 *v6 = (struct sockaddr_in6 *)addr;
    if (inet_pton(AF_INET, h, &v4->sin_addr) == 1) {
        v4->sin_family = AF_INET;
        v4->sin_port = htons(port);
        *out_is_v6 = 0;
        *out_is_loopback = (ntohl(v4->sin_addr.s_addr) >> 24) == 127;
        return 0;
    }
    if (inet_pton(AF_INET6, h, &v6->sin6_addr) == 1) {
        v6->sin6_family = AF_INET6;
        v6->sin6_port = htons(port);
        *out_is_v6 = 1;
        *out_is_loopback = IN6_IS_ADDR_LOOPBACK(&v6->sin6_addr);
        return 0;
    }
    return SIFT_EUSAGE;
}

int serve_start(serve_t **out, const serve_opts_t *opts, sift_err_t *err)
{
    *out = NULL;
    if (opts->n_threads < 1 || opts->n_threads > 64) {
        return err_set(err, SIFT_EUSAGE, NULL, SIFT_NOPOS, 0, "threads must be from 1 to 64");
    }
    struct sockaddr_storage addr;
    int is_v6 = 0, is_loopback = 0;
    if (parse_host(opts->host, opts->port, &addr, &is_v6, &is_loopback)) {
        return err_set(err, SIFT_EUSAGE, NULL, SIFT_NOPOS, 0,
                       "bad host '%.64s': give a numeric IPv4 or IPv6 address", opts->host);
    }
    serve_t *srv = calloc(1, sizeof(*srv));
    if (!srv || !(srv->db_path = strdup(opts->db_path))) {
        free(srv);
        return err_oom(err);
    }
    srv->is_loopback = is_loopback;
    if (story_cache_new(&srv->cache, opts->db_path)) {
        serve_stop(srv);
        return err_oom(err);
    }
    if (pthread_key_create(&srv->store_key, close_store) != 0) {
        serve_stop(srv);
        return err_oom(err);
    }
    srv->has_key = 1;
    /* Writable once: creates and migrates the store, so each request can
     * open it read-only; kept open for the WAL files. */
    int rc = store_open(&srv->keeper, opts->db_path, 0, err);
    if (rc) {
        serve_stop(srv);
        return rc;
    }
    unsigned flags = MHD_USE_AUTO_INTERNAL_THREAD | (is_v6 ? MHD_USE_IPv6 : 0);
    srv->daemon = MHD_start_daemon(
        flags, opts->port, NULL, NULL, on_request, srv, MHD_OPTION_SOCK_ADDR,
        (struct sockaddr *)&addr, MHD_OPTION_THREAD_POOL_SIZE, opts->n_threads,
        MHD_OPTION_CONNECTION_LIMIT, (unsigned)SERVE_MAX_CONNECTIONS,
        MHD_OPTION_PER_IP_CONNECTION_LIMIT, (unsigned)SERVE_MAX_PER_IP,
        MHD_OPTION_CONNECTION_TIMEOUT, (unsigned)SERVE_TIMEOUT_SECONDS,
        MHD_OPTION_CONNECTION_MEMORY_LIMIT, SERVE_CONN_MEMORY_BYTES, MHD_OPTION_END);
    if (!srv->daemon) {
        int e = errno;
        serve_stop(srv);
        return err_set(err, SIFT_EIO, NULL, SIFT_NOPOS, 0, "cannot listen on %.64s port %u: %s",
                       opts->host, (unsigned)opts->port, e ? strerror(e) : "unknown error");
    }
    const union MHD_DaemonInfo *info = MHD_get_daemon_info(srv->daemon, MHD_DAEMON_INFO_BIND_PORT);
    srv->port = info ? info->port : opts->port;
    *out = srv;
    return 0;
}

uint16_t serve_port(const serve_t *srv)
{
    return srv->port;
}

void serve_stop(serve_t *srv)
{
    if (!srv) {
        return;
    }
    if (srv->daemon) {
        MHD_stop_daemon(srv->daemon);
    }
    /* the workers have ended (their stores closed with them) */
    if (srv->has_key) {
        pthread_key_delete(srv->store_key);
    }
    store_close(srv->keeper);
    story_cache_free(srv->cache);
    free(srv->db_path);
    free(srv);
}
