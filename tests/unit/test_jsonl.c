/* tests/unit/test_jsonl.c: read/jsonl.c and read/date.c — field names,
 * date forms, every kind of bad line (each rejected with its line and
 * the rest read), over-long lines skipped, strict mode. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "read/read_int.h"
#include "util/buf.h"

#include "sink_fixture.h"
}

static int read_jsonl(const sift_ctx_t *ctx, const char *data, size_t len, seen_t *s)
{
    memset(s, 0, sizeof(*s));
    sift_sink_t sink = { on_emit, on_reject, s };
    sift_err_t err;
    sift_err_clear(&err);
    int rc = sift_read_buffer(ctx, "in.jsonl", SIFT_FMT_JSONL, data, len, &sink, &err);
    /* bad lines are told to the sink, never left in err */
    assert_int_equal(err.code, 0);
    return rc;
}

static void reads_usual_fields(void **state)
{
    (void)state;
    sift_ctx_t ctx;
    sift_ctx_init(&ctx);
    const char *data =
        "{\"link\":\"https://news.example.org/a\",\"headline\":\"Bridge reopens\","
        "\"maintext\":\"The bridge reopened on Monday.\\n\\nTraffic was light.\","
        "\"date_publish\":\"2024-03-05T09:15:00+01:00\",\"publisher\":{\"name\":\"Example News\"},"
        "\"authors\":[\"Ana Ruiz\",{\"name\":\"Bo Li\"}],\"lang\":\"de-AT\","
        "\"description\":\"A short deck\"}\r\n"
        "{\"title\":\"Second\",\"content\":[\"One.\",\"Two.\"],\"published\":\"7 June 2023\","
        "\"author\":\"C. Dee\",\"source_domain\":\"example.com\"}\n";
    seen_t s;
    assert_int_equal(read_jsonl(&ctx, data, strlen(data), &s), 0);
    assert_int_equal(s.n_rejects, 0);
    assert_int_equal(s.n_reports, 2);
    sift_report_t *a = s.reports[0];
    assert_string_equal(a->source, "in.jsonl:1");
    assert_int_equal(a->format, SIFT_FMT_JSONL);
    assert_string_equal(a->url, "https://news.example.org/a");
    assert_string_equal(a->title, "Bridge reopens");
    assert_string_equal(a->subtitle, "A short deck");
    assert_string_equal(a->outlet, "Example News");
    assert_string_equal(a->byline, "Ana Ruiz, Bo Li");
    assert_string_equal(a->date, "2024-03-05T08:15:00Z");
    assert_int_equal(a->date_src, SIFT_DATE_FIELD);
    assert_true(a->is_date_certain);
    assert_string_equal(a->lang, "de");
    assert_int_equal(a->n_blocks, 2);
    assert_string_equal(a->blocks[1].text, "Traffic was light.");
    assert_int_equal(strlen(a->id), 16);
    sift_report_t *b = s.reports[1];
    assert_string_equal(b->source, "in.jsonl:2");
    assert_string_equal(b->date, "2023-06-07");
    assert_string_equal(b->byline, "C. Dee");
    assert_string_equal(b->outlet, "example.com");
    assert_int_equal(b->n_blocks, 2);
    seen_release(&s);
}

static void html_field_goes_through_html_reader(void **state)
{
    (void)state;
    sift_ctx_t ctx;
    sift_ctx_init(&ctx);
    const char *data = "{\"url\":\"https://x.example/p\",\"title\":\"Field title\","
                       "\"html\":\"<html><head><title>Page title</title></head><body>"
                       "<p>Paragraph from the page.</p></body></html>\"}\n";
    seen_t s;
    assert_int_equal(read_jsonl(&ctx, data, strlen(data), &s), 0);
    assert_int_equal(s.n_reports, 1);
    sift_report_t *r = s.reports[0];
    assert_int_equal(r->format, SIFT_FMT_JSONL);
    assert_string_equal(r->title, "Field title"); /* the field wins over <title> */
    assert_string_equal(r->url, "https://x.example/p");
    assert_true(r->n_blocks >= 1);
    seen_release(&s);
}

static void bad_lines_are_rejected_one_by_one(void **state)
{
    (void)state;
    sift_ctx_t ctx;
    sift_ctx_init(&ctx);
    static const char data[] = "{\"title\":\"ok 1\",\"text\":\"Good one.\"}\n"
                               "{\"title\":\"x\",\"text\":\"y\",}\n"
                               "[1,2]\n"
                               "\n"
                               "{\"title\":\"no body\"}\n"
                               "{\"title\":\"bad \xff\",\"text\":\"y\"}\n"
                               "{\"title\":\"nul\0\",\"text\":\"y\"}\n"
                               "{\"title\":\"ok 2\",\"text\":\"Good two.\"}";
    seen_t s;
    assert_int_equal(read_jsonl(&ctx, data, sizeof(data) - 1, &s), SIFT_EINPUT);
    assert_int_equal(s.n_reports, 2);
    assert_string_equal(s.reports[1]->source, "in.jsonl:8");
    assert_int_equal(s.n_rejects, 5);
    assert_string_equal(s.rejects[0],
                        "in.jsonl:2: invalid JSON: string or '}' expected near '}' at column 25");
    assert_string_equal(s.rejects[1], "in.jsonl:3: not a JSON object but an array");
    assert_string_equal(
        s.rejects[2],
        "in.jsonl:5: no article text (no 'text', 'maintext', 'content' or 'html' field)");
    assert_string_equal(s.rejects[3], "in.jsonl:6: invalid UTF-8 at column 15");
    assert_string_equal(s.rejects[4], "in.jsonl:7: binary data (NUL byte) at column 14");
    seen_release(&s);
}

/* A line longer than the cap is skipped, however it falls across read
 * chunks, and the next line is read. */
static void long_line_is_skipped(void **state)
{
    (void)state;
    sift_ctx_t ctx;
    sift_ctx_init(&ctx);
    ctx.max_line_bytes = 100000;
    buf_t b;
    buf_init(&b, (size_t)1 << 24);
    const char *head = "{\"title\":\"big\",\"text\":\"";
    assert_int_equal(buf_puts(&b, head), 0);
    for (int i = 0; i < 30000; i++) {
        assert_int_equal(buf_puts(&b, "word "), 0);
    }
    assert_int_equal(buf_puts(&b, "\"}\n{\"title\":\"after\",\"text\":\"Still read.\"}\n"), 0);
    /* a long line under the cap, across chunk boundaries, is read */
    assert_int_equal(buf_puts(&b, head), 0);
    for (int i = 0; i < 19000; i++) {
        assert_int_equal(buf_puts(&b, "more "), 0);
    }
    assert_int_equal(buf_puts(&b, "\"}\n"), 0);
    seen_t s;
    assert_int_equal(read_jsonl(&ctx, b.ptr, b.len, &s), SIFT_EINPUT);
    assert_int_equal(s.n_rejects, 1);
    assert_string_equal(s.rejects[0], "in.jsonl:1: line too long (over 100000 bytes)");
    assert_int_equal(s.n_reports, 2);
    assert_string_equal(s.reports[0]->title, "after");
    assert_string_equal(s.reports[1]->source, "in.jsonl:3");
    seen_release(&s);
    buf_release(&b);
}

static void strict_stops_at_first_bad_line(void **state)
{
    (void)state;
    sift_ctx_t ctx;
    sift_ctx_init(&ctx);
    ctx.is_strict = 1;
    const char *data = "{\"text\":\"a\"}\nnope\n{\"text\":\"b\"}\n";
    seen_t s;
    assert_int_equal(read_jsonl(&ctx, data, strlen(data), &s), SIFT_EINPUT);
    assert_int_equal(s.n_reports, 1);
    assert_int_equal(s.n_rejects, 1);
    seen_release(&s);
}

static void binary_first_line_refuses_file(void **state)
{
    (void)state;
    sift_ctx_t ctx;
    sift_ctx_init(&ctx);
    static const char data[] = "\0\0\0\0{\"text\":\"a\"}\n";
    seen_t s;
    memset(&s, 0, sizeof(s));
    sift_sink_t sink = { on_emit, on_reject, &s };
    sift_err_t err;
    sift_err_clear(&err);
    int rc = sift_read_buffer(&ctx, "x.jsonl", SIFT_FMT_JSONL, data, sizeof(data) - 1, &sink, &err);
    assert_int_equal(rc, SIFT_EINPUT);
    char msg[300];
    assert_string_equal(sift_err_format(msg, sizeof(msg), &err),
                        "x.jsonl@0: binary data (NUL byte), not JSON Lines");
    assert_int_equal(s.n_reports, 0);
    seen_release(&s);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(reads_usual_fields),
        cmocka_unit_test(html_field_goes_through_html_reader),
        cmocka_unit_test(bad_lines_are_rejected_one_by_one),
        cmocka_unit_test(long_line_is_skipped),
        cmocka_unit_test(strict_stops_at_first_bad_line),
        cmocka_unit_test(binary_first_line_refuses_file),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
