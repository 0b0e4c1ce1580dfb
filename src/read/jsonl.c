/* read/jsonl.c: JSON Lines, one article a line (news-please, common
 * crawler and dataset exports). Streams: holds one line at a time, at
 * most ctx->max_line_bytes of it; a longer line is skipped by reading on
 * to its newline without keeping it. Each bad line is told to the sink
 * as "path:LINE: ..." and reading goes on. */
#include <inttypes.h>
#include <jansson.h>
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>

#include "read_int.h"
#include "util/buf.h"
#include "util/err.h"
#include "util/limits.h"
#include "util/report.h"
#include "util/utf8.h"

/* Read size: large enough that memchr() runs over long stretches. */
#define CHUNK_BYTES ((size_t)64 * 1024)

/* A line buffer grown past this is freed after its line, so one long
 * line does not pin its memory for the rest of the file. */
#define KEEP_LINE_BYTES ((size_t)1024 * 1024)

/* Field names, first match wins: news-please, schema.org, feeds and the
 * usual dataset dumps. */
static const char *const url_keys[] = { "url", "link", "canonical_url", NULL };
static const char *const title_keys[] = { "title", "headline", NULL };
static const char *const text_keys[] = { "text",    "maintext",    "content", "body",
                                         "article", "articleBody", NULL };
static const char *const html_keys[] = { "html", "raw_html", NULL };
static const char *const date_keys[] = {
    "date_publish", "published", "published_at", "date", "datePublished", "pubDate", NULL
};
static const char *const outlet_keys[] = { "source_domain", "outlet",    "source",
                                           "site_name",     "publisher", NULL };
static const char *const author_keys[] = { "authors", "author", "byline", NULL };
static const char *const subtitle_keys[] = { "description", "subtitle", NULL };
static const char *const lang_keys[] = { "language", "lang", NULL };

typedef struct jsonl_state {
    const sift_ctx_t *ctx;
    const char *source;
    const sift_sink_t *sink;
    uint32_t line;
    long n_bad;
    char where[300]; /* "path:LINE", the source of the line's report */
} jsonl_state_t;

static void reject(jsonl_state_t *st, const char *fmt, ...) __attribute__((format(printf, 2, 3)));

static void reject(jsonl_state_t *st, const char *fmt, ...)
{
    char msg[160];
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(msg, sizeof(msg), fmt, ap);
    va_end(ap);
    sift_err_t e;
    err_set(&e, SIFT_EINPUT, st->source, SIFT_NOPOS, st->line, "%s", msg);
    read_reject(st->sink, &e);
    st->n_bad++;
}

/* First key of keys holding a non-empty value; NULL if none. */
static json_t *field(json_t *obj, const char *const *keys)
{
    for (size_t i = 0; keys[i]; i++) {
        json_t *v = json_object_get(obj, keys[i]);
        if (!v || json_is_null(v)) {
            continue;
        }
        if (json_is_string(v) && json_string_length(v) == 0) {
            continue;
        }
        if (json_is_array(v) && json_array_size(v) == 0) {
            continue;
        }
        return v;
    }
    return NULL;
}

/* A string, or an object's "name" string ({"name": "Reuters"}). */
static const char *name_of(json_t *v, size_t *out_len)
{
    if (json_is_object(v)) {
        v = json_object_get(v, "name");
    }
    if (json_is_string(v)) {
        *out_len = json_string_length(v);
        return json_string_value(v);
    }
    return NULL;
}

static int set_name(sift_report_t *r, const char **dst, json_t *v)
{
    size_t len = 0;
    const char *s = v ? name_of(v, &len) : NULL;
    return s && len ? report_set(r, dst, s, len) : 0;
}

/* Authors: a string, a {name} object, or an array of either, joined
 * with ", ". Bounded by the field cap. */
static int set_authors(sift_report_t *r, json_t *v)
{
    if (!v) {
        return 0;
    }
    if (!json_is_array(v)) {
        return set_name(r, &r->byline, v);
    }
    buf_t b;
    buf_init(&b, SIFT_MAX_FIELD_BYTES);
    int rc = 0;
    for (size_t i = 0; i < json_array_size(v); i++) {
        size_t len = 0;
        const char *s = name_of(json_array_get(v, i), &len);
        if (!s || !len) {
            continue;
        }
        if ((b.len && buf_append(&b, ", ", 2)) || buf_append(&b, s, len)) {
            break; /* over the field cap: keep the names that fit */
        }
    }
    if (b.len) {
        rc = report_set(r, &r->byline, b.ptr, b.len);
    }
    buf_release(&b);
    return rc;
}

static int set_date(sift_report_t *r, json_t *v)
{
    char raw[64];
    const char *s = NULL;
    size_t len = 0;
    if (json_is_string(v)) {
        s = json_string_value(v);
        len = json_string_length(v);
    } else if (json_is_integer(v) && json_integer_value(v) > 0) {
        len = (size_t)snprintf(raw, sizeof(raw), "%" JSON_INTEGER_FORMAT, json_integer_value(v));
        s = raw;
    }
    char iso[32];
    if (!s || !date_to_iso(iso, sizeof(iso), s, len)) {
        return 0; /* not a date sift can read: better none than a wrong one */
    }
    int rc = report_set_str(r, &r->date, iso);
    if (rc == 0) {
        rc = report_set(r, &r->date_evidence, s, len);
    }
    r->date_src = SIFT_DATE_FIELD;
    r->is_date_certain = 1;
    return rc;
}

/* "en", "en-US", "EN_gb" -> "en"; anything else is left unset. */
static int set_lang(sift_report_t *r, json_t *v)
{
    const char *s = json_string_value(v);
    if (!s) {
        return 0;
    }
    char code[4];
    size_t n = 0;
    while (n < 3 && ((s[n] >= 'a' && s[n] <= 'z') || (s[n] >= 'A' && s[n] <= 'Z'))) {
        code[n] = (char)(s[n] | 0x20);
        n++;
    }
    if (n < 2 || (s[n] != '\0' && s[n] != '-' && s[n] != '_')) {
        return 0;
    }
    code[n] = '\0';
    return report_set_str(r, &r->lang, code);
}

/* Metadata from the fields; set over what an HTML page said, since a
 * dataset's fields were chosen on purpose. */
static int set_meta(sift_report_t *r, json_t *obj)
{
    json_t *v;
    int rc = 0;
    if (rc == 0 && (v = field(obj, url_keys)) != NULL && json_is_string(v)) {
        rc = report_set(r, &r->url, json_string_value(v), json_string_length(v));
    }
    if (rc == 0 && (v = field(obj, title_keys)) != NULL) {
        rc = set_name(r, &r->title, v);
    }
    if (rc == 0 && (v = field(obj, subtitle_keys)) != NULL) {
        rc = set_name(r, &r->subtitle, v);
    }
    if (rc == 0) {
        rc = set_authors(r, field(obj, author_keys));
    }
    if (rc == 0 && (v = field(obj, outlet_keys)) != NULL) {
        const char *before = r->outlet;
        rc = set_name(r, &r->outlet, v);
        if (rc == 0 && r->outlet != before) {
            rc = report_set_str(r, &r->outlet_evidence, "JSON field");
        }
    }
    if (rc == 0 && (v = field(obj, date_keys)) != NULL) {
        rc = set_date(r, v);
    }
    if (rc == 0 && (v = field(obj, lang_keys)) != NULL) {
        rc = set_lang(r, v);
    }
    return rc;
}

/* The text field: a string, or an array of paragraph strings. */
static int add_text(sift_report_t *r, json_t *v)
{
    if (json_is_string(v)) {
        return read_add_text(r, json_string_value(v), json_string_length(v));
    }
    for (size_t i = 0; i < json_array_size(v); i++) {
        json_t *p = json_array_get(v, i);
        if (json_is_string(p)) {
            int rc = read_add_text(r, json_string_value(p), json_string_length(p));
            if (rc) {
                return rc;
            }
        }
    }
    return 0;
}

/* One parsed object to one report (*out), or an error in err. */
static int build(jsonl_state_t *st, json_t *obj, sift_report_t **out, sift_err_t *err)
{
    json_t *text = field(obj, text_keys);
    json_t *html = field(obj, html_keys);
    if (text && !json_is_string(text) && !json_is_array(text)) {
        text = NULL;
    }
    if (html && !json_is_string(html)) {
        html = NULL;
    }
    sift_report_t *r = NULL;
    int rc;
    if (!text && html) {
        json_t *u = field(obj, url_keys);
        const char *url = json_is_string(u) ? json_string_value(u) : "";
        rc = html_read(st->ctx, st->where, url, json_string_value(html), json_string_length(html),
                       &r, err);
        if (rc) {
            return rc;
        }
        r->format = SIFT_FMT_JSONL;
        rc = set_meta(r, obj);
    } else if (text) {
        r = sift_report_new(st->where, SIFT_FMT_JSONL);
        if (!r) {
            return err_set(err, SIFT_ENOMEM, st->where, SIFT_NOPOS, 0, "out of memory");
        }
        rc = set_meta(r, obj);
        rc = rc ? rc : add_text(r, text);
        if (rc == SIFT_ELIMIT) {
            err_set(err, SIFT_EINPUT, st->where, SIFT_NOPOS, 0, "too many paragraphs (over %d)",
                    SIFT_MAX_BLOCKS);
        }
        rc = rc ? rc : read_finish(r, st->where, err);
    } else {
        return err_set(err, SIFT_EINPUT, st->where, SIFT_NOPOS, 0,
                       "no article text (no 'text', 'maintext', 'content' or 'html' field)");
    }
    if (rc) {
        if (err->code == 0) {
            err_set(err, rc, st->where, SIFT_NOPOS, 0, "out of memory");
        }
        sift_report_free(r);
        return rc;
    }
    *out = r;
    return 0;
}

static const char *json_kind(const json_t *v)
{
    switch (json_typeof(v)) {
    case JSON_ARRAY:
        return "an array";
    case JSON_STRING:
        return "a string";
    case JSON_INTEGER:
    case JSON_REAL:
        return "a number";
    case JSON_TRUE:
    case JSON_FALSE:
        return "a boolean";
    case JSON_NULL:
        return "null";
    case JSON_OBJECT:
        break;
    }
    return "an object";
}

/* One complete line (without its newline). Returns 0 to go on, or the
 * sink's code to stop. Bad lines are rejected here. */
static int do_line(jsonl_state_t *st, const char *p, size_t len)
{
    if (len && p[len - 1] == '\r') {
        len--;
    }
    if (st->line == 1 && len >= 3 && memcmp(p, "\xef\xbb\xbf", 3) == 0) {
        p += 3; /* a byte order mark some tools write */
        len -= 3;
    }
    size_t i = 0;
    while (i < len && (p[i] == ' ' || p[i] == '\t')) {
        i++;
    }
    if (i == len) {
        return 0; /* blank lines separate nothing; skip them silently */
    }
    const char *nul = memchr(p, '\0', len);
    if (nul) {
        reject(st, "binary data (NUL byte) at column %zu", (size_t)(nul - p) + 1);
        return 0;
    }
    size_t bad = utf8_invalid_at(p, len);
    if (bad < len) {
        reject(st, "invalid UTF-8 at column %zu", bad + 1);
        return 0;
    }
    json_error_t jerr;
    json_t *obj = json_loadb(p, len, JSON_DECODE_ANY, &jerr);
    if (!obj) {
        reject(st, "invalid JSON: %s at column %d", jerr.text, jerr.column);
        return 0;
    }
    if (!json_is_object(obj)) {
        reject(st, "not a JSON object but %s", json_kind(obj));
        json_decref(obj);
        return 0;
    }
    snprintf(st->where, sizeof(st->where), "%s:%" PRIu32, st->source, st->line);
    sift_err_t e;
    sift_err_clear(&e);
    sift_report_t *r = NULL;
    int rc = build(st, obj, &r, &e);
    json_decref(obj);
    if (rc == SIFT_EINPUT || rc == SIFT_ELIMIT) {
        /* the message names the line through its source "path:LINE" */
        e.line = 0;
        e.offset = SIFT_NOPOS;
        read_reject(st->sink, &e);
        st->n_bad++;
        return 0;
    }
    if (rc) {
        read_reject(st->sink, &e);
        return rc;
    }
    return read_emit(st->sink, r);
}

/* A file whose first line holds a NUL byte is binary (a disk image, a
 * sparse file named .jsonl): refuse it whole rather than scan gigabytes
 * for a newline. */
static int is_binary_head(const char *p, size_t len, size_t *out_at)
{
    const char *nl = memchr(p, '\n', len);
    const char *nul = memchr(p, '\0', nl ? (size_t)(nl - p) : len);
    if (nul) {
        *out_at = (size_t)(nul - p);
        return 1;
    }
    return 0;
}

int jsonl_read(const sift_ctx_t *ctx, const char *source, read_stream_t *in,
               const sift_sink_t *sink, sift_err_t *err)
{
    jsonl_state_t st = { .ctx = ctx, .source = source, .sink = sink, .line = 1 };
    char *chunk = malloc(CHUNK_BYTES);
    if (!chunk) {
        return err_set(err, SIFT_ENOMEM, source, SIFT_NOPOS, 0, "out of memory");
    }
    buf_t line;
    buf_init(&line, ctx->max_line_bytes);
    int is_skipping = 0; /* inside a line over the cap */
    int is_first = 1;
    int rc = 0;
    while (rc == 0) {
        int is_error = 0;
        size_t n = stream_read(in, chunk, CHUNK_BYTES, &is_error);
        if (n == 0) {
            if (is_error) {
                rc = err_set(err, SIFT_EINPUT, source, in->offset, 0, "cannot read");
            }
            break;
        }
        size_t bin_at;
        if (is_first && is_binary_head(chunk, n, &bin_at)) {
            rc = err_set(err, SIFT_EINPUT, source, bin_at, 0,
                         "binary data (NUL byte), not JSON Lines");
            break;
        }
        is_first = 0;
        const char *p = chunk, *end = chunk + n;
        while (p < end && rc == 0) {
            const char *nl = memchr(p, '\n', (size_t)(end - p));
            const char *seg_end = nl ? nl : end;
            size_t seg = (size_t)(seg_end - p);
            if (!is_skipping) {
                if (line.len == 0 && nl && seg <= ctx->max_line_bytes) {
                    rc = do_line(&st, p, seg); /* whole line in the chunk: no copy */
                } else {
                    int brc = buf_append(&line, p, seg);
                    if (brc == SIFT_ELIMIT) {
                        is_skipping = 1;
                        buf_release(&line);
                    } else if (brc) {
                        rc = err_set(err, brc, source, SIFT_NOPOS, st.line, "out of memory");
                    } else if (nl) {
                        rc = do_line(&st, line.ptr, line.len);
                        if (line.cap > KEEP_LINE_BYTES) {
                            buf_release(&line);
                        }
                        buf_reset(&line);
                    }
                }
            }
            if (nl) {
                if (is_skipping) {
                    reject(&st, "line too long (over %zu bytes)", ctx->max_line_bytes);
                    is_skipping = 0;
                }
                st.line++;
            }
            p = nl ? nl + 1 : end;
            if (ctx->is_strict && st.n_bad) {
                rc = SIFT_EINPUT;
            }
        }
    }
    if (rc == 0) {
        /* a last line without a newline */
        if (is_skipping) {
            reject(&st, "line too long (over %zu bytes)", ctx->max_line_bytes);
        } else if (line.len) {
            rc = do_line(&st, line.ptr, line.len);
        }
    }
    buf_release(&line);
    free(chunk);
    if (rc == SIFT_EINPUT && err->code == 0) {
        return rc; /* strict: the bad line was told already */
    }
    if (rc) {
        return rc;
    }
    if (st.n_bad) {
        sift_err_clear(err);
        return SIFT_EINPUT;
    }
    return 0;
}
