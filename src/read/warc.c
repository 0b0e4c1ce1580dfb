/* read/warc.c: split WARC 1.0/1.1 files, plain or gzip (one member per
 * record, or the whole file in one), into records and hand each HTML
 * response to the HTML reader. Streams: holds at most one record's
 * headers (SIFT_MAX_WARC_HEADER_BYTES) and one HTML payload
 * (ctx->max_record_bytes); every other record is read past without being
 * kept. A bad record is told to the sink as "path@OFFSET: ..." and
 * reading resynchronises at the next "WARC/1." line. Offsets count bytes
 * of WARC data, after gzip decompression, except for gzip faults, which
 * name the file offset of the gzip member that broke. */
#include <errno.h>
#include <iconv.h>
#include <inttypes.h>
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>
#include <zlib.h>

#include "read_int.h"
#include "util/buf.h"
#include "util/err.h"
#include "util/limits.h"
#include "util/report.h"

#define IO_BYTES ((size_t)64 * 1024)

/* The HTTP header block at the start of a response payload: real ones
 * are a few KiB; cookies can make them longer. */
#define HTTP_HEAD_BYTES ((size_t)64 * 1024)

/* Lines read while resynchronising keep only this much: enough to see
 * "WARC/1.x". */
#define SCAN_LINE_BYTES 64

/* The decompressed byte stream the record parser reads. */
typedef struct wsrc {
    read_stream_t *in;
    int is_gz;
    z_stream z;
    int is_z_ready;
    int is_in_member;  /* inflate has taken bytes of a member not yet ended */
    int is_in_eof;     /* the file is read to its end */
    int is_truncated;  /* the file ended inside a gzip member */
    int is_bad_gz;     /* inflate failed: corrupt data */
    int is_read_error; /* the file could not be read */
    unsigned char *zin;
    unsigned char *out;
    size_t out_pos, out_len;
    uint64_t off;        /* WARC bytes handed to the parser */
    uint64_t in_off;     /* file bytes taken by inflate */
    uint64_t member_off; /* file offset of the current gzip member */
    char zmsg[80];
} wsrc_t;

typedef struct warc_state {
    const sift_ctx_t *ctx;
    const char *source;
    const sift_sink_t *sink;
    wsrc_t src;
    buf_t head;    /* the current record's WARC header block */
    buf_t payload; /* the current record's payload, when kept */
    buf_t body;    /* the HTTP body after de-chunking and decompression */
    long n_bad;
    uint64_t n_record; /* 1-based number of the current record */
} warc_state_t;

static void reject_at(warc_state_t *st, uint64_t off, const char *fmt, ...)
    __attribute__((format(printf, 3, 4)));

static void reject_at(warc_state_t *st, uint64_t off, const char *fmt, ...)
{
    char msg[160];
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(msg, sizeof(msg), fmt, ap);
    va_end(ap);
    sift_err_t e;
    err_set(&e, SIFT_EINPUT, st->source, off, 0, "%s", msg);
    read_reject(st->sink, &e);
    st->n_bad++;
}

/* ---- the decompressed byte stream ---------------------------------------- */

static int src_init(wsrc_t *s, read_stream_t *in)
{
    memset(s, 0, sizeof(*s));
    s->in = in;
    s->out = malloc(IO_BYTES);
    if (!s->out) {
        return SIFT_ENOMEM;
    }
    /* sniff gzip from the first bytes, which the stream hands out again */
    unsigned char magic[2];
    int is_error = 0;
    size_t n = stream_read(in, magic, 2, &is_error);
    s->is_gz = n == 2 && magic[0] == 0x1f && magic[1] == 0x8b;
    if (!s->is_gz) {
        memcpy(s->out, magic, n);
        s->out_len = n;
        s->is_read_error = is_error;
        return 0;
    }
    s->zin = malloc(IO_BYTES);
    if (!s->zin) {
        return SIFT_ENOMEM;
    }
    memcpy(s->zin, magic, 2);
    s->z.next_in = s->zin;
    s->z.avail_in = 2;
    /* 15+32: a gzip or zlib header, detected */
    if (inflateInit2(&s->z, 15 + 32) != Z_OK) {
        return SIFT_ENOMEM;
    }
    s->is_z_ready = 1;
    return 0;
}

static void src_release(wsrc_t *s)
{
    if (s->is_z_ready) {
        inflateEnd(&s->z);
    }
    free(s->zin);
    free(s->out);
}

/* Make bytes available in s->out. 1 if there are some, 0 at the end of
 * the data (or a fault, flagged in s). */
static int src_fill(wsrc_t *s)
{
    if (s->out_pos < s->out_len) {
        return 1;
    }
    s->out_pos = s->out_len = 0;
    if (s->is_bad_gz || s->is_read_error) {
        return 0;
    }
    if (!s->is_gz) {
        int is_error = 0;
        s->out_len = stream_read(s->in, s->out, IO_BYTES, &is_error);
        s->is_read_error = is_error;
        return s->out_len > 0;
    }
    for (;;) {
        if (s->z.avail_in == 0 && !s->is_in_eof) {
            int is_error = 0;
            size_t n = stream_read(s->in, s->zin, IO_BYTES, &is_error);
            if (is_error) {
                s->is_read_error = 1;
                return 0;
            }
            if (n == 0) {
                s->is_in_eof = 1;
            }
            s->z.next_in = s->zin;
            s->z.avail_in = (uInt)n;
        }
        if (s->z.avail_in == 0 && s->is_in_eof) {
            s->is_truncated = s->is_in_member;
            return 0;
        }
        uInt before = s->z.avail_in;
        s->z.next_out = s->out;
        s->z.avail_out = (uInt)IO_BYTES;
        int zrc = inflate(&s->z, Z_NO_FLUSH);
        s->in_off += before - s->z.avail_in;
        s->is_in_member = 1;
        s->out_len = IO_BYTES - s->z.avail_out;
        if (zrc == Z_STREAM_END) {
            /* another member may follow (one gzip member per record) */
            inflateReset(&s->z);
            s->is_in_member = 0;
            s->member_off = s->in_off;
        } else if (zrc != Z_OK && !(zrc == Z_BUF_ERROR && s->out_len > 0)) {
            s->is_bad_gz = 1;
            snprintf(s->zmsg, sizeof(s->zmsg), "%s", s->z.msg ? s->z.msg : "inflate failed");
            return s->out_len > 0;
        }
        if (s->out_len > 0) {
            return 1;
        }
    }
}

/* Up to n bytes into dst (NULL: skip them). Returns the count moved. */
static uint64_t src_take(wsrc_t *s, char *dst, uint64_t n)
{
    uint64_t done = 0;
    while (done < n && src_fill(s)) {
        size_t k = s->out_len - s->out_pos;
        if (k > n - done) {
            k = (size_t)(n - done);
        }
        if (dst) {
            memcpy(dst + done, s->out + s->out_pos, k);
        }
        s->out_pos += k;
        s->off += k;
        done += k;
    }
    return done;
}

/* Next byte without taking it; -1 at the end. */
static int src_peek(wsrc_t *s)
{
    return src_fill(s) ? s->out[s->out_pos] : -1;
}

/* Read one line with its '\n' onto dst. Bytes past dst's cap are read
 * and dropped, with *out_is_over set. 0 at the end of the data. */
static int src_line(wsrc_t *s, buf_t *dst, int *out_is_over)
{
    int got = 0;
    *out_is_over = 0;
    while (src_fill(s)) {
        const unsigned char *p = s->out + s->out_pos;
        size_t avail = s->out_len - s->out_pos;
        const unsigned char *nl = memchr(p, '\n', avail);
        size_t k = nl ? (size_t)(nl - p) + 1 : avail;
        if (!*out_is_over && buf_append(dst, p, k) != 0) {
            *out_is_over = 1;
        }
        s->out_pos += k;
        s->off += k;
        got = 1;
        if (nl) {
            break;
        }
    }
    return got;
}

/* ---- WARC headers ---------------------------------------------------------- */

typedef struct warc_head {
    sift_slice_t type, length, target, date, content_type;
    int has_length;
} warc_head_t;

static sift_slice_t trim(const char *p, const char *end)
{
    while (p < end && (*p == ' ' || *p == '\t')) {
        p++;
    }
    while (end > p && (end[-1] == ' ' || end[-1] == '\t' || end[-1] == '\r' || end[-1] == '\n')) {
        end--;
    }
    sift_slice_t sl = { p, (size_t)(end - p) };
    return sl;
}

static int slice_is(sift_slice_t s, const char *word)
{
    size_t k = strlen(word);
    return s.len == k && strncasecmp(s.ptr, word, k) == 0;
}

static int slice_has(sift_slice_t s, const char *word)
{
    size_t k = strlen(word);
    for (size_t i = 0; i + k <= s.len; i++) {
        if (strncasecmp(s.ptr + i, word, k) == 0) {
            return 1;
        }
    }
    return 0;
}

/* "Name: value" lines of a header block (WARC or HTTP), after the first
 * line. Calls back for each; continuation lines are ignored. */
static void parse_fields(const char *p, const char *end,
                         void (*on_field)(void *user, sift_slice_t name, sift_slice_t value),
                         void *user)
{
    while (p < end) {
        const char *nl = memchr(p, '\n', (size_t)(end - p));
        const char *le = nl ? nl : end;
        const char *colon = memchr(p, ':', (size_t)(le - p));
        if (colon && *p != ' ' && *p != '\t') {
            on_field(user, trim(p, colon), trim(colon + 1, le));
        }
        p = nl ? nl + 1 : end;
    }
}

static void on_warc_field(void *user, sift_slice_t name, sift_slice_t value)
{
    warc_head_t *h = user;
    if (slice_is(name, "WARC-Type")) {
        h->type = value;
    } else if (slice_is(name, "Content-Length")) {
        h->length = value;
        h->has_length = 1;
    } else if (slice_is(name, "WARC-Target-URI")) {
        h->target = value;
    } else if (slice_is(name, "WARC-Date")) {
        h->date = value;
    } else if (slice_is(name, "Content-Type")) {
        h->content_type = value;
    }
}

/* Content-Length: decimal digits only. 0 or -1. */
static int parse_length(sift_slice_t s, uint64_t *out)
{
    uint64_t v = 0;
    if (s.len == 0) {
        return -1;
    }
    for (size_t i = 0; i < s.len; i++) {
        if (s.ptr[i] < '0' || s.ptr[i] > '9') {
            return -1;
        }
        if (__builtin_mul_overflow(v, 10, &v) ||
            __builtin_add_overflow(v, (uint64_t)(s.ptr[i] - '0'), &v)) {
            return -1;
        }
    }
    *out = v;
    return 0;
}

/* ---- HTTP payloads --------------------------------------------------------- */

typedef struct http_head {
    int status;
    sift_slice_t content_type, encoding, transfer;
} http_head_t;

static void on_http_field(void *user, sift_slice_t name, sift_slice_t value)
{
    http_head_t *h = user;
    if (slice_is(name, "Content-Type")) {
        h->content_type = value;
    } else if (slice_is(name, "Content-Encoding")) {
        h->encoding = value;
    } else if (slice_is(name, "Transfer-Encoding")) {
        h->transfer = value;
    }
}

/* Split an HTTP response into its head and the offset of its body.
 * 1 when the whole head is within p[0..len), 0 if not (yet). */
static int http_parse(const char *p, size_t len, http_head_t *h, size_t *out_body)
{
    memset(h, 0, sizeof(*h));
    if (len < 12 || strncmp(p, "HTTP/", 5) != 0) {
        return 0;
    }
    const char *end = p + len;
    const char *hend = NULL;
    for (const char *q = p; q + 1 < end; q++) {
        q = memchr(q, '\n', (size_t)(end - q));
        if (!q || q + 1 >= end) {
            break;
        }
        if (q[1] == '\n') {
            hend = q + 2;
            break;
        }
        if (q[1] == '\r' && q + 2 < end && q[2] == '\n') {
            hend = q + 3;
            break;
        }
    }
    if (!hend) {
        return 0;
    }
    const char *sp = memchr(p, ' ', (size_t)(hend - p));
    if (sp) {
        h->status = 0;
        for (const char *d = sp + 1; d < hend && *d >= '0' && *d <= '9' && h->status < 1000; d++) {
            h->status = h->status * 10 + (*d - '0');
        }
    }
    const char *first_nl = memchr(p, '\n', (size_t)(hend - p));
    parse_fields(first_nl + 1, hend, on_http_field, h);
    *out_body = (size_t)(hend - p);
    return 1;
}

static int is_html_type(sift_slice_t ct)
{
    return slice_has(ct, "text/html") || slice_has(ct, "application/xhtml");
}

/* Undo "Transfer-Encoding: chunked" in place. -1 when malformed. */
static int dechunk(char *p, size_t *len)
{
    size_t in = 0, out = 0, n = *len;
    for (;;) {
        uint64_t size = 0;
        size_t digits = 0;
        while (in < n) {
            char c = p[in];
            int v = (c >= '0' && c <= '9')   ? c - '0'
                    : (c >= 'a' && c <= 'f') ? c - 'a' + 10
                    : (c >= 'A' && c <= 'F') ? c - 'A' + 10
                                             : -1;
            if (v < 0) {
                break;
            }
            if (size > ((uint64_t)1 << 40)) {
                return -1;
            }
            size = size * 16 + (uint64_t)v;
            digits++;
            in++;
        }
        if (!digits) {
            return -1;
        }
        const char *nl = memchr(p + in, '\n', n - in);
        if (!nl) {
            return -1;
        }
        in = (size_t)(nl - p) + 1;
        if (size == 0) {
            break;
        }
        if (size > n - in) {
            size = n - in; /* a cut-off last chunk: keep what is there */
        }
        memmove(p + out, p + in, (size_t)size);
        out += (size_t)size;
        in += (size_t)size;
        while (in < n && (p[in] == '\r' || p[in] == '\n')) {
            in++;
        }
        if (in >= n) {
            break;
        }
    }
    *len = out;
    return 0;
}

/* Inflate a gzip, zlib or raw deflate body into out (capped). 0,
 * SIFT_ELIMIT past the cap, or SIFT_EINPUT when corrupt. */
static int inflate_body(const char *p, size_t len, buf_t *out)
{
    int window = 15 + 32;
    for (int attempt = 0; attempt < 2; attempt++) {
        z_stream z;
        memset(&z, 0, sizeof(z));
        if (inflateInit2(&z, window) != Z_OK) {
            return SIFT_ENOMEM;
        }
        buf_reset(out);
        z.next_in = (Bytef *)(uintptr_t)p;
        z.avail_in = (uInt)len;
        int zrc = Z_OK;
        while (zrc == Z_OK) {
            char *dst = buf_reserve(out, IO_BYTES);
            size_t room = IO_BYTES;
            if (!dst) {
                room = out->max - out->len;
                dst = room ? buf_reserve(out, room) : NULL;
                if (!dst) {
                    inflateEnd(&z);
                    return SIFT_ELIMIT;
                }
            }
            z.next_out = (Bytef *)dst;
            z.avail_out = (uInt)room;
            zrc = inflate(&z, Z_NO_FLUSH);
            out->len += room - z.avail_out;
            out->ptr[out->len] = '\0';
            if (zrc == Z_BUF_ERROR && z.avail_in == 0) {
                zrc = Z_STREAM_END; /* cut off: keep what was inflated */
            }
        }
        inflateEnd(&z);
        if (zrc == Z_STREAM_END) {
            return 0;
        }
        window = -15; /* "deflate" servers often send raw deflate */
    }
    return SIFT_EINPUT;
}

/* The charset parameter of a Content-Type value ("text/html;
 * charset=ISO-8859-1") into out; "" when there is none. */
static void charset_of(sift_slice_t ct, char *out, size_t out_len)
{
    out[0] = '\0';
    for (size_t i = 0; i + 8 <= ct.len; i++) {
        if (strncasecmp(ct.ptr + i, "charset=", 8) != 0) {
            continue;
        }
        size_t j = i + 8, n = 0;
        if (j < ct.len && ct.ptr[j] == '"') {
            j++;
        }
        while (j < ct.len && n + 1 < out_len && ct.ptr[j] != '"' && ct.ptr[j] != ';' &&
               ct.ptr[j] != ' ') {
            out[n++] = ct.ptr[j++];
        }
        out[n] = '\0';
        return;
    }
}

/* UTF-8 or a subset of it: nothing to convert. */
static int is_utf8_name(const char *cs)
{
    return strcasecmp(cs, "utf-8") == 0 || strcasecmp(cs, "utf8") == 0 ||
           strcasecmp(cs, "us-ascii") == 0 || strcasecmp(cs, "ascii") == 0;
}

/* Does the page name its own encoding near its start (<meta charset>,
 * http-equiv, an XML declaration)? Then libxml2 reads it right. */
static int declares_charset(const char *p, size_t len)
{
    sift_slice_t head = { p, len < 2048 ? len : 2048 };
    return slice_has(head, "charset") || slice_has(head, "encoding=");
}

/* Convert a body from charset cs to UTF-8 into out (capped). 0, or
 * SIFT_EINPUT when the charset is unknown or the result too large: the
 * caller then reads the bytes as they are. Bytes invalid in cs become
 * '?'. */
static int to_utf8(const char *cs, const char *p, size_t len, buf_t *out)
{
    iconv_t cd = iconv_open("UTF-8", cs);
    if (cd == (iconv_t)-1) {
        return SIFT_EINPUT;
    }
    buf_reset(out);
    char *in = (char *)(uintptr_t)p;
    size_t in_left = len;
    int rc = 0;
    while (in_left > 0 && rc == 0) {
        size_t room = IO_BYTES;
        char *dst = buf_reserve(out, room);
        if (!dst) {
            rc = SIFT_EINPUT;
            break;
        }
        char *o = dst;
        size_t o_left = room;
        size_t r = iconv(cd, &in, &in_left, &o, &o_left);
        out->len += room - o_left;
        if (r == (size_t)-1 && errno == EILSEQ) {
            in++;
            in_left--;
            rc = buf_putc(out, '?') ? SIFT_EINPUT : 0;
        } else if (r == (size_t)-1 && errno == EINVAL) {
            break; /* a sequence cut off at the end */
        } else if (r == (size_t)-1 && errno != E2BIG) {
            rc = SIFT_EINPUT;
        }
    }
    iconv_close(cd);
    if (rc == 0 && out->ptr) {
        out->ptr[out->len] = '\0';
    }
    return out->ptr ? rc : SIFT_EINPUT;
}

/* ---- records --------------------------------------------------------------- */

/* Skip the blank lines between records. 0 at the end of the data. */
static int skip_blank(wsrc_t *s)
{
    int c;
    while ((c = src_peek(s)) == '\r' || c == '\n') {
        src_take(s, NULL, 1);
    }
    return c >= 0;
}

/* Read lines until one starts with "WARC/1."; its offset in *out_off.
 * 0 at the end of the data. */
static int resync(warc_state_t *st, uint64_t *out_off)
{
    buf_t line;
    buf_init(&line, SCAN_LINE_BYTES);
    int found = 0;
    for (;;) {
        uint64_t off = st->src.off;
        int is_over;
        buf_reset(&line);
        if (!src_line(&st->src, &line, &is_over)) {
            break;
        }
        if (line.len >= 7 && memcmp(line.ptr, "WARC/1.", 7) == 0) {
            *out_off = off;
            found = 1;
            break;
        }
    }
    buf_release(&line);
    return found;
}

/* The HTML report of one kept record (payload in st->payload). Returns
 * 0 to go on, or the sink's code to stop. */
static int do_html(warc_state_t *st, uint64_t rec_off, const warc_head_t *wh, int is_http)
{
    const char *body = st->payload.ptr;
    size_t blen = st->payload.len;
    char charset[40] = "";
    int is_typed = 1; /* the HTTP head gave a Content-Type */
    if (is_http) {
        http_head_t hh;
        size_t at;
        if (!http_parse(st->payload.ptr, st->payload.len, &hh, &at)) {
            reject_at(st, rec_off, "bad HTTP response in record %" PRIu64, st->n_record);
            return 0;
        }
        charset_of(hh.content_type, charset, sizeof(charset));
        is_typed = hh.content_type.len > 0;
        body = st->payload.ptr + at;
        blen = st->payload.len - at;
        if (slice_has(hh.transfer, "chunked")) {
            size_t n = blen;
            if (dechunk(st->payload.ptr + at, &n) == 0) {
                blen = n; /* else: not really chunked; read it as is */
            }
        }
        if (slice_has(hh.encoding, "gzip") || slice_has(hh.encoding, "deflate")) {
            int rc = inflate_body(body, blen, &st->body);
            if (rc == SIFT_ELIMIT) {
                reject_at(st, rec_off, "decompressed HTML over %zu bytes",
                          st->ctx->max_record_bytes);
                return 0;
            }
            if (rc) {
                reject_at(st, rec_off, "bad gzip data in HTTP body");
                return 0;
            }
            body = st->body.ptr;
            blen = st->body.len;
        } else if (hh.encoding.len && !slice_is(hh.encoding, "identity")) {
            char q[40];
            err_quote(q, sizeof(q), hh.encoding.ptr, hh.encoding.len);
            reject_at(st, rec_off, "unsupported HTTP Content-Encoding '%s'", q);
            return 0;
        }
    }
    if (!is_typed && read_sniff(NULL, body, blen < 1024 ? blen : 1024) != SIFT_FMT_HTML) {
        return 0; /* untyped and not HTML: a file, not a page */
    }
    if (charset[0] && !is_utf8_name(charset) && !declares_charset(body, blen)) {
        /* only HTTP names the encoding: convert, as libxml2 cannot be
         * told it here. The other buffer is free: the body lives in one */
        buf_t *dst = body == st->body.ptr ? &st->payload : &st->body;
        if (to_utf8(charset, body, blen, dst) == 0) {
            body = dst->ptr;
            blen = dst->len;
        }
    }
    char where[300];
    snprintf(where, sizeof(where), "%s#%" PRIu64, st->source, st->n_record);
    /* the target URI, without the <> of WARC 1.0 drafts */
    char url[2048];
    sift_slice_t t = wh->target;
    if (t.len >= 2 && t.ptr[0] == '<' && t.ptr[t.len - 1] == '>') {
        t.ptr++;
        t.len -= 2;
    }
    snprintf(url, sizeof(url), "%.*s", (int)(t.len < sizeof(url) - 1 ? t.len : sizeof(url) - 1),
             t.ptr);
    sift_err_t e;
    sift_err_clear(&e);
    sift_report_t *r = NULL;
    int rc = html_read(st->ctx, where, url, body, blen, &r, &e);
    if (rc == SIFT_EINPUT || rc == SIFT_ELIMIT) {
        read_reject(st->sink, &e);
        st->n_bad++;
        return 0;
    }
    if (rc) {
        read_reject(st->sink, &e);
        return rc;
    }
    r->format = SIFT_FMT_WARC;
    char iso[32];
    /* the crawl date: when the page was fetched, so only a fallback */
    if (!r->date[0] && wh->date.len && date_to_iso(iso, sizeof(iso), wh->date.ptr, wh->date.len)) {
        rc = report_set_str(r, &r->date, iso);
        rc = rc ? rc : report_set(r, &r->date_evidence, wh->date.ptr, wh->date.len);
        r->date_src = SIFT_DATE_FIELD;
        r->is_date_certain = 0;
        if (rc) {
            sift_report_free(r);
            sift_err_t oom;
            err_set(&oom, rc, where, SIFT_NOPOS, 0, "out of memory");
            read_reject(st->sink, &oom);
            return rc;
        }
    }
    return read_emit(st->sink, r);
}

/* Read (or skip) one record's payload of length bytes. Returns 0 to go
 * on, 1 at a cut-off end of data, or a negative code to stop. */
static int do_payload(warc_state_t *st, uint64_t rec_off, const warc_head_t *wh, uint64_t length)
{
    int is_response = slice_is(wh->type, "response");
    int is_resource = slice_is(wh->type, "resource") && is_html_type(wh->content_type);
    int is_http = is_response && slice_has(wh->content_type, "application/http");
    buf_reset(&st->payload);
    if (!is_http && !is_resource) {
        return src_take(&st->src, NULL, length) == length ? 0 : 1;
    }
    /* An HTTP response: read its head first, to skip what is not an HTML
     * page without keeping it. */
    uint64_t want = length;
    if (is_http && want > HTTP_HEAD_BYTES) {
        want = HTTP_HEAD_BYTES;
    }
    if (!is_http && want > st->ctx->max_record_bytes) {
        want = 0; /* an HTML resource too large to keep */
    }
    char *dst = buf_reserve(&st->payload, (size_t)want);
    if (!dst && want) {
        return SIFT_ENOMEM;
    }
    uint64_t got = src_take(&st->src, dst, want);
    st->payload.len = (size_t)got;
    if (got < want) {
        return 1;
    }
    if (is_http) {
        http_head_t hh;
        size_t at;
        if (http_parse(st->payload.ptr, st->payload.len, &hh, &at)) {
            int is_page = hh.status >= 200 && hh.status < 300 &&
                          (is_html_type(hh.content_type) || hh.content_type.len == 0);
            if (!is_page) {
                /* redirects, errors, images, scripts: not articles */
                return src_take(&st->src, NULL, length - got) == length - got ? 0 : 1;
            }
        }
    }
    if (length > st->ctx->max_record_bytes) {
        reject_at(st, rec_off, "record %" PRIu64 " too large: over %zu bytes, skipped",
                  st->n_record, st->ctx->max_record_bytes);
        return src_take(&st->src, NULL, length - got) == length - got ? 0 : 1;
    }
    uint64_t rest = length - got;
    dst = buf_reserve(&st->payload, (size_t)rest);
    if (!dst && rest) {
        return SIFT_ENOMEM;
    }
    uint64_t more = src_take(&st->src, dst, rest);
    st->payload.len += (size_t)more;
    if (more < rest) {
        return 1;
    }
    return do_html(st, rec_off, wh, is_http);
}

/* Tell of a record cut off by the end of the data, unless a fault of
 * the stream (a truncated gzip member) explains it: that is told once,
 * at the end. */
static void cut_off(warc_state_t *st, uint64_t rec_off)
{
    if (!st->src.is_truncated && !st->src.is_bad_gz && !st->src.is_read_error) {
        reject_at(st, rec_off, "truncated WARC record %" PRIu64 ": data ends inside it",
                  st->n_record);
    }
}

/* One record whose version line is already in st->head. Returns 0 to go
 * on, 1 at a cut-off end of data, 2 to resynchronise, or a negative code
 * to stop. */
static int do_record(warc_state_t *st, uint64_t rec_off)
{
    for (;;) {
        int is_over;
        size_t before = st->head.len;
        if (!src_line(&st->src, &st->head, &is_over)) {
            cut_off(st, rec_off);
            return 1;
        }
        if (is_over) {
            reject_at(st, rec_off, "WARC header over %zu bytes", SIFT_MAX_WARC_HEADER_BYTES);
            return 2;
        }
        const char *l = st->head.ptr + before;
        size_t llen = st->head.len - before;
        if ((llen == 1 && l[0] == '\n') || (llen == 2 && l[0] == '\r' && l[1] == '\n')) {
            break;
        }
        if (l[llen - 1] != '\n') {
            cut_off(st, rec_off); /* the data ended inside the header */
            return 1;
        }
    }
    warc_head_t wh;
    memset(&wh, 0, sizeof(wh));
    const char *first_nl = memchr(st->head.ptr, '\n', st->head.len);
    parse_fields(first_nl + 1, st->head.ptr + st->head.len, on_warc_field, &wh);
    uint64_t length;
    if (!wh.has_length) {
        reject_at(st, rec_off, "missing WARC header 'Content-Length'");
        return 2;
    }
    if (parse_length(wh.length, &length) != 0) {
        reject_at(st, rec_off, "bad WARC header 'Content-Length': not a number");
        return 2;
    }
    int rc = do_payload(st, rec_off, &wh, length);
    if (rc == 1) {
        cut_off(st, rec_off);
    }
    return rc;
}

static int read_records(warc_state_t *st)
{
    int have_version = 0;
    uint64_t rec_off = 0;
    for (;;) {
        if (st->ctx->is_strict && st->n_bad) {
            return SIFT_EINPUT;
        }
        if (!have_version) {
            if (!skip_blank(&st->src)) {
                return 0;
            }
            rec_off = st->src.off;
            buf_reset(&st->head);
            int is_over;
            src_line(&st->src, &st->head, &is_over);
            if (is_over || st->head.len < 7 || memcmp(st->head.ptr, "WARC/1.", 7) != 0) {
                char q[40];
                sift_slice_t found = trim(st->head.ptr, st->head.ptr + st->head.len);
                err_quote(q, sizeof(q), found.ptr, found.len > 20 ? 20 : found.len);
                reject_at(st, rec_off, "not a WARC record: expected 'WARC/1.x', found '%s'", q);
                if (!resync(st, &rec_off)) {
                    return 0;
                }
                buf_reset(&st->head);
                buf_append(&st->head, "WARC/1.\n", 8);
            }
        }
        have_version = 0;
        st->n_record++;
        int rc = do_record(st, rec_off);
        if (rc < 0) {
            return rc;
        }
        if (rc == 1) {
            return 0;
        }
        if (rc == 2) {
            if (!resync(st, &rec_off)) {
                return 0;
            }
            buf_reset(&st->head);
            buf_append(&st->head, "WARC/1.\n", 8);
            have_version = 1;
        }
        if (st->payload.cap > IO_BYTES * 16) {
            buf_release(&st->payload); /* one large page does not pin memory */
        }
        if (st->body.cap > IO_BYTES * 16) {
            buf_release(&st->body);
        }
    }
}

int warc_read(const sift_ctx_t *ctx, const char *source, read_stream_t *in, const sift_sink_t *sink,
              sift_err_t *err)
{
    warc_state_t st;
    memset(&st, 0, sizeof(st));
    st.ctx = ctx;
    st.source = source;
    st.sink = sink;
    buf_init(&st.head, SIFT_MAX_WARC_HEADER_BYTES);
    /* room for an HTTP head even under a small record cap */
    buf_init(&st.payload,
             ctx->max_record_bytes > HTTP_HEAD_BYTES ? ctx->max_record_bytes : HTTP_HEAD_BYTES);
    buf_init(&st.body, ctx->max_record_bytes);
    int rc = src_init(&st.src, in);
    if (rc) {
        err_set(err, rc, source, SIFT_NOPOS, 0, "out of memory");
    } else {
        rc = read_records(&st);
        if (rc == SIFT_ENOMEM) {
            err_set(err, rc, source, st.src.off, 0, "out of memory");
        }
    }
    if (rc == 0 || rc == SIFT_EINPUT) {
        /* faults of the stream itself come last: the records before them
         * are in */
        if (st.src.is_truncated) {
            reject_at(&st, st.src.member_off, "truncated gzip data");
        } else if (st.src.is_bad_gz) {
            reject_at(&st, st.src.member_off, "bad gzip data: %s", st.src.zmsg);
        } else if (st.src.is_read_error) {
            reject_at(&st, st.src.is_gz ? st.src.in_off : st.src.off, "cannot read");
        }
    }
    src_release(&st.src);
    buf_release(&st.head);
    buf_release(&st.payload);
    buf_release(&st.body);
    if (rc == SIFT_EINPUT || (rc == 0 && st.n_bad)) {
        sift_err_clear(err);
        return SIFT_EINPUT;
    }
    return rc;
}
