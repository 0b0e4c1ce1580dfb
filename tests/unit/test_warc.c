/* tests/unit/test_warc.c: read/warc.c — records built here, plain, one
 * gzip member per record and one member for the whole file; HTTP bodies
 * chunked and gzipped; non-HTML records skipped; truncated gzip, a bad
 * Content-Length, garbage and oversized records each rejected with the
 * records around them still read. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <zlib.h>

#include <cmocka.h>

#include "read/read_int.h"
#include "util/buf.h"

#include "sink_fixture.h"
}

static int read_warc(const sift_ctx_t *ctx, const buf_t *b, seen_t *s)
{
    memset(s, 0, sizeof(*s));
    sift_sink_t sink = { on_emit, on_reject, s };
    sift_err_t err;
    sift_err_clear(&err);
    int rc = sift_read_buffer(ctx, "in.warc", SIFT_FMT_UNKNOWN, b->ptr, b->len, &sink, &err);
    assert_int_equal(err.code, 0);
    return rc;
}

/* gzip data into out, as one member. */
static void gzip_append(buf_t *out, const char *p, size_t len)
{
    z_stream z;
    memset(&z, 0, sizeof(z));
    assert_int_equal(deflateInit2(&z, 6, Z_DEFLATED, 15 + 16, 8, Z_DEFAULT_STRATEGY), Z_OK);
    size_t bound = deflateBound(&z, (uLong)len) + 32;
    char *dst = buf_reserve(out, bound);
    assert_non_null(dst);
    z.next_in = (Bytef *)(uintptr_t)p;
    z.avail_in = (uInt)len;
    z.next_out = (Bytef *)dst;
    z.avail_out = (uInt)bound;
    assert_int_equal(deflate(&z, Z_FINISH), Z_STREAM_END);
    out->len += bound - z.avail_out;
    deflateEnd(&z);
}

static void add_record(buf_t *b, const char *type, const char *uri, const char *ctype,
                       const char *payload, size_t len)
{
    char head[1024];
    snprintf(head, sizeof(head),
             "WARC/1.1\r\nWARC-Type: %s\r\nWARC-Target-URI: %s\r\n"
             "WARC-Date: 2024-02-03T04:05:06Z\r\nContent-Type: %s\r\n"
             "Content-Length: %zu\r\n\r\n",
             type, uri, ctype, len);
    assert_int_equal(buf_puts(b, head), 0);
    assert_int_equal(buf_append(b, payload, len), 0);
    assert_int_equal(buf_puts(b, "\r\n\r\n"), 0);
}

static void add_page(buf_t *b, const char *uri, const char *title, const char *para)
{
    char page[1024], http[2048];
    int n =
        snprintf(page, sizeof(page),
                 "<html><head><title>%s</title></head><body><p>%s</p></body></html>", title, para);
    int m = snprintf(http, sizeof(http),
                     "HTTP/1.1 200 OK\r\nContent-Type: text/html; charset=utf-8\r\n"
                     "Content-Length: %d\r\n\r\n%s",
                     n, page);
    add_record(b, "response", uri, "application/http; msgtype=response", http, (size_t)m);
}

/* warcinfo, request, a page, an image, a redirect, a chunked gzipped
 * page, an HTML resource. */
static void build_sample(buf_t *b)
{
    const char *info = "software: test\r\n";
    add_record(b, "warcinfo", "", "application/warc-fields", info, strlen(info));
    const char *req = "GET /a HTTP/1.1\r\nHost: a.example\r\n\r\n";
    add_record(b, "request", "http://a.example/a", "application/http; msgtype=request", req,
               strlen(req));
    add_page(b, "http://a.example/a", "Alpha", "The first page says something.");
    const char *img = "HTTP/1.1 200 OK\r\nContent-Type: image/png\r\n\r\n\x89PNG\r\n\x1a\n";
    add_record(b, "response", "http://a.example/i.png", "application/http; msgtype=response", img,
               strlen(img));
    const char *moved = "HTTP/1.1 301 Moved\r\nLocation: /b\r\n\r\n";
    add_record(b, "response", "http://a.example/old", "application/http; msgtype=response", moved,
               strlen(moved));
    /* chunked, then gzipped: "Transfer-Encoding" undone first */
    const char *page = "<html><head><title>Beta</title></head><body>"
                       "<p>The second page came gzipped and chunked.</p></body></html>";
    buf_t gz, http;
    buf_init(&gz, 1 << 20);
    buf_init(&http, 1 << 20);
    gzip_append(&gz, page, strlen(page));
    assert_int_equal(buf_puts(&http,
                              "HTTP/1.1 200 OK\r\nContent-Type: text/html\r\n"
                              "Content-Encoding: gzip\r\nTransfer-Encoding: chunked\r\n\r\n"),
                     0);
    size_t half = gz.len / 2;
    char line[32];
    snprintf(line, sizeof(line), "%zx\r\n", half);
    assert_int_equal(buf_puts(&http, line), 0);
    assert_int_equal(buf_append(&http, gz.ptr, half), 0);
    snprintf(line, sizeof(line), "\r\n%zx;ext=1\r\n", gz.len - half);
    assert_int_equal(buf_puts(&http, line), 0);
    assert_int_equal(buf_append(&http, gz.ptr + half, gz.len - half), 0);
    assert_int_equal(buf_puts(&http, "\r\n0\r\n\r\n"), 0);
    add_record(b, "response", "<http://a.example/b>", "application/http; msgtype=response",
               http.ptr, http.len);
    buf_release(&gz);
    buf_release(&http);
    const char *res = "<html><head><title>Gamma</title></head><body>"
                      "<p>A resource record holds this page.</p></body></html>";
    add_record(b, "resource", "http://a.example/c", "text/html", res, strlen(res));
}

static void check_sample(const seen_t *s)
{
    assert_int_equal(s->n_reports, 3);
    assert_string_equal(s->reports[0]->title, "Alpha");
    assert_string_equal(s->reports[0]->source, "in.warc#3");
    assert_string_equal(s->reports[0]->url, "http://a.example/a");
    assert_int_equal(s->reports[0]->format, SIFT_FMT_WARC);
    /* the crawl date, as a fallback: not certain */
    assert_string_equal(s->reports[0]->date, "2024-02-03T04:05:06Z");
    assert_int_equal(s->reports[0]->date_src, SIFT_DATE_FIELD);
    assert_false(s->reports[0]->is_date_certain);
    assert_string_equal(s->reports[1]->title, "Beta");
    assert_string_equal(s->reports[1]->url, "http://a.example/b");
    assert_string_equal(s->reports[1]->blocks[0].text, "The second page came gzipped and chunked.");
    assert_string_equal(s->reports[2]->title, "Gamma");
    assert_string_equal(s->reports[2]->source, "in.warc#7");
}

static void reads_plain_warc(void **state)
{
    (void)state;
    sift_ctx_t ctx;
    sift_ctx_init(&ctx);
    buf_t b;
    buf_init(&b, 1 << 20);
    build_sample(&b);
    seen_t s;
    assert_int_equal(read_warc(&ctx, &b, &s), 0);
    assert_int_equal(s.n_rejects, 0);
    check_sample(&s);
    seen_release(&s);
    buf_release(&b);
}

static void reads_gzip_warc_both_ways(void **state)
{
    (void)state;
    sift_ctx_t ctx;
    sift_ctx_init(&ctx);
    buf_t plain, whole, per;
    buf_init(&plain, 1 << 20);
    buf_init(&whole, 1 << 20);
    buf_init(&per, 1 << 20);
    build_sample(&plain);
    gzip_append(&whole, plain.ptr, plain.len);
    /* one member per record: cut the plain file at each "WARC/1.1" */
    const char *p = plain.ptr, *end = plain.ptr + plain.len;
    while (p < end) {
        const char *next = memmem(p + 1, (size_t)(end - p - 1), "WARC/1.1\r\n", 10);
        const char *stop = next ? next : end;
        gzip_append(&per, p, (size_t)(stop - p));
        p = stop;
    }
    seen_t s;
    assert_int_equal(read_warc(&ctx, &whole, &s), 0);
    assert_int_equal(s.n_rejects, 0);
    check_sample(&s);
    seen_release(&s);
    assert_int_equal(read_warc(&ctx, &per, &s), 0);
    assert_int_equal(s.n_rejects, 0);
    check_sample(&s);
    seen_release(&s);
    /* cut inside the last member: the records before it are still read */
    size_t full = per.len;
    per.len = full - 30;
    assert_int_equal(read_warc(&ctx, &per, &s), SIFT_EINPUT);
    assert_int_equal(s.n_reports, 2);
    assert_int_equal(s.n_rejects, 1);
    assert_non_null(strstr(s.rejects[0], ": truncated gzip data"));
    assert_true(strncmp(s.rejects[0], "in.warc@", 8) == 0);
    seen_release(&s);
    buf_release(&plain);
    buf_release(&whole);
    buf_release(&per);
}

static void bad_records_are_skipped(void **state)
{
    (void)state;
    sift_ctx_t ctx;
    sift_ctx_init(&ctx);
    ctx.max_record_bytes = 300;
    buf_t b;
    buf_init(&b, 1 << 20);
    add_page(&b, "http://a.example/1", "One", "First.");
    size_t bad_at = b.len;
    assert_int_equal(buf_puts(&b, "WARC/1.0\r\nWARC-Type: response\r\nContent-Length: 12x\r\n\r\n"
                                  "HTTP/1.1 200 OK\r\n\r\n<p>lost</p>\r\n\r\n"),
                     0);
    add_page(&b, "http://a.example/2", "Two", "Second.");
    size_t garbage_at = b.len;
    assert_int_equal(buf_puts(&b, "garbage here\r\nmore garbage\r\n"), 0);
    add_page(&b, "http://a.example/3", "Three", "Third.");
    size_t big_at = b.len;
    char para[400];
    memset(para, 'x', sizeof(para) - 1);
    para[sizeof(para) - 1] = '\0';
    add_page(&b, "http://a.example/big", "Big", para);
    add_page(&b, "http://a.example/4", "Four", "Fourth.");
    size_t cut_at = b.len;
    add_page(&b, "http://a.example/5", "Five", "Cut off.");
    b.len -= 20;
    seen_t s;
    assert_int_equal(read_warc(&ctx, &b, &s), SIFT_EINPUT);
    assert_int_equal(s.n_reports, 4);
    assert_string_equal(s.reports[0]->title, "One");
    assert_string_equal(s.reports[1]->title, "Two");
    assert_string_equal(s.reports[2]->title, "Three");
    assert_string_equal(s.reports[3]->title, "Four");
    assert_int_equal(s.n_rejects, 4);
    char want[256];
    snprintf(want, sizeof(want), "in.warc@%zu: bad WARC header 'Content-Length': not a number",
             bad_at);
    assert_string_equal(s.rejects[0], want);
    snprintf(want, sizeof(want),
             "in.warc@%zu: not a WARC record: expected 'WARC/1.x', found 'garbage here'",
             garbage_at);
    assert_string_equal(s.rejects[1], want);
    snprintf(want, sizeof(want), "in.warc@%zu: record 5 too large: over 300 bytes, skipped",
             big_at);
    assert_string_equal(s.rejects[2], want);
    snprintf(want, sizeof(want), "in.warc@%zu: truncated WARC record 7: data ends inside it",
             cut_at);
    assert_string_equal(s.rejects[3], want);
    seen_release(&s);
    buf_release(&b);
}

/* Only HTTP names the encoding: the body is converted to UTF-8 (the
 * curly quotes of windows-1252 show it: libxml2's Latin-1 fallback would
 * make them control characters). A page
 * that names its own is left to libxml2; an untyped non-HTML body is
 * skipped without a word. */
static void http_charset_is_applied(void **state)
{
    (void)state;
    sift_ctx_t ctx;
    sift_ctx_init(&ctx);
    buf_t b;
    buf_init(&b, 1 << 20);
    const char *latin1 = "HTTP/1.1 200 OK\r\nContent-Type: text/html; charset=windows-1252\r\n\r\n"
                         "<html><head><title>Caf\xe9 reopens</title></head>"
                         "<body><p>The caf\xe9 on the square \x93reopened\x94.</p></body></html>";
    add_record(&b, "response", "http://a.example/cafe", "application/http; msgtype=response",
               latin1, strlen(latin1));
    const char *untyped = "HTTP/1.1 200 OK\r\n\r\nUser-agent: *\nDisallow: /private\n";
    add_record(&b, "response", "http://a.example/robots.txt", "application/http; msgtype=response",
               untyped, strlen(untyped));
    seen_t s;
    assert_int_equal(read_warc(&ctx, &b, &s), 0);
    assert_int_equal(s.n_rejects, 0);
    assert_int_equal(s.n_reports, 1);
    assert_string_equal(s.reports[0]->title, "Caf\xc3\xa9 reopens");
    assert_string_equal(s.reports[0]->blocks[0].text,
                        "The caf\xc3\xa9 on the square \xe2\x80\x9creopened\xe2\x80\x9d.");
    seen_release(&s);
    buf_release(&b);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(reads_plain_warc),
        cmocka_unit_test(reads_gzip_warc_both_ways),
        cmocka_unit_test(bad_records_are_skipped),
        cmocka_unit_test(http_charset_is_applied),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
