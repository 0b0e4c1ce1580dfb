/* tests/unit/test_render.c: the HTML escaper and the HTML and Markdown
 * report writers keep hostile report text inert; the store's search finds
 * by words, dates and outlet and never passes FTS syntax on. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <cmocka.h>

#include "render/render.h"
#include "store/store.h"
#include "util/buf.h"
#include "util/report.h"

static const char hostile_title[] = "Title <script>alert(1)</script>";
static const char hostile_body[] = "Body <img src=x onerror=\"alert(2)\"> & 'q' </p><svg onload=x>";

static void escape_all_five(void **state)
{
    (void)state;
    buf_t b;
    buf_init(&b, 1024);
    const char in[] = "a<b>c&d\"e'f";
    assert_int_equal(render_html_escape(&b, in, strlen(in)), 0);
    assert_string_equal(b.ptr, "a&lt;b&gt;c&amp;d&quot;e&#39;f");
    buf_reset(&b);
    assert_int_equal(render_html_escape(&b, "plain é text", strlen("plain é text")), 0);
    assert_string_equal(b.ptr, "plain é text");
    buf_reset(&b);
    /* an embedded NUL is kept as data, not a terminator */
    assert_int_equal(render_html_escape(&b, "x\0<", 3), 0);
    assert_int_equal(b.len, 6);
    assert_memory_equal(b.ptr, "x\0&lt;", 6);
    buf_release(&b);
}

static void escape_respects_cap(void **state)
{
    (void)state;
    buf_t b;
    buf_init(&b, 6);
    assert_int_equal(render_html_escape(&b, "<<", 2), SIFT_ELIMIT);
    buf_release(&b);
}

static sift_report_t *hostile_report(void)
{
    sift_report_t *r = sift_report_new("hostile.txt", SIFT_FMT_TEXT);
    assert_non_null(r);
    assert_int_equal(report_set_str(r, &r->title, hostile_title), 0);
    assert_int_equal(report_set_str(r, &r->outlet, "<b>Outlet</b>"), 0);
    assert_int_equal(report_set_str(r, &r->url, "javascript:alert(3)"), 0);
    assert_int_equal(report_add_block(r, SIFT_BLOCK_PARAGRAPH, hostile_body, strlen(hostile_body)),
                     0);
    assert_int_equal(report_add_block(r, SIFT_BLOCK_LIST_ITEM, "- item *one*", 12), 0);
    assert_int_equal(report_add_clutter(r, "caption", "<iframe src=x>", 14), 0);
    report_finish(r);
    return r;
}

/* Render r with fn into a string. Owned: free(). */
static char *render(int (*fn)(FILE *, const sift_report_t *), const sift_report_t *r)
{
    char *text = NULL;
    size_t len = 0;
    FILE *f = open_memstream(&text, &len);
    assert_non_null(f);
    assert_int_equal(fn(f, r), 0);
    fclose(f);
    return text;
}

static void html_report_is_inert(void **state)
{
    (void)state;
    sift_report_t *r = hostile_report();
    char *html = render(render_report_html, r);
    assert_null(strstr(html, "<script"));
    assert_null(strstr(html, "<img"));
    assert_null(strstr(html, "<svg"));
    assert_null(strstr(html, "<iframe"));
    assert_null(strstr(html, "<b>"));
    assert_null(strstr(html, "href=\"javascript:"));
    assert_non_null(strstr(html, "Title &lt;script&gt;alert(1)&lt;/script&gt;"));
    assert_non_null(strstr(html, "onerror=&quot;alert(2)&quot;"));
    assert_non_null(strstr(html, "<ul>\n<li>- item *one*</li>\n</ul>"));
    free(html);
    sift_report_free(r);
}

static void html_document_forbids_scripts(void **state)
{
    (void)state;
    char *text = NULL;
    size_t len = 0;
    FILE *f = open_memstream(&text, &len);
    assert_int_equal(render_html_begin(f, "<script>x</script>"), 0);
    assert_int_equal(render_html_end(f), 0);
    fclose(f);
    assert_non_null(strstr(text, "Content-Security-Policy\" content=\"default-src 'none'"));
    assert_null(strstr(text, "<script"));
    free(text);
}

static void markdown_escapes_syntax(void **state)
{
    (void)state;
    sift_report_t *r = hostile_report();
    char *md = render(render_report_md, r);
    for (const char *p = md; (p = strchr(p, '<')) != NULL; p++) {
        assert_true(p > md && p[-1] == '\\'); /* every < escaped */
    }
    assert_non_null(strstr(md, "Title \\<script\\>alert\\(1\\)\\</script\\>"));
    assert_non_null(strstr(md, "- \\- item \\*one\\*"));
    assert_non_null(strstr(md, "\\<b\\>Outlet\\</b\\>"));
    free(md);
    sift_report_free(r);
}

/* ---- store search ---------------------------------------------------- */

typedef struct found {
    char ids[8][17];
    int n;
} found_t;

static int collect(void *user, const sift_report_t *r)
{
    found_t *f = user;
    if (f->n < 8) {
        memcpy(f->ids[f->n++], r->id, 17);
    }
    return 0;
}

static void put(store_t *s, const char *title, const char *body, const char *date,
                const char *outlet, char *out_id)
{
    sift_report_t *r = sift_report_new(title, SIFT_FMT_TEXT);
    assert_int_equal(report_set_str(r, &r->title, title), 0);
    assert_int_equal(report_set_str(r, &r->date, date), 0);
    assert_int_equal(report_set_str(r, &r->outlet, outlet), 0);
    assert_int_equal(report_add_block(r, SIFT_BLOCK_PARAGRAPH, body, strlen(body)), 0);
    report_finish(r);
    sift_err_t err;
    assert_int_equal(store_put_report(s, r, NULL, &err), 0);
    memcpy(out_id, r->id, 17);
    sift_report_free(r);
}

static int search(store_t *s, const store_query_t *q, found_t *f, int64_t *total)
{
    sift_err_t err;
    memset(f, 0, sizeof(*f));
    return store_search_reports(s, q, collect, f, total, &err);
}

static void store_search_finds(void **state)
{
    (void)state;
    char path[] = "/tmp/sift-test-search-XXXXXX";
    int fd = mkstemp(path);
    assert_true(fd >= 0);
    close(fd);
    unlink(path);
    store_t *s;
    sift_err_t err;
    assert_int_equal(store_open(&s, path, 0, &err), 0);
    char a[17], b[17], c[17];
    put(s, "Ferry strike ends", "Dock workers returned to the harbours on Monday.", "2024-03-02",
        "Example Daily", a);
    put(s, "Harbour reopens", "Ships sailed again after the strike.", "2024-03-05T10:00:00Z",
        "Example Wire", b);
    put(s, "Unrelated", "Paragraph about gardens.", "", "Example Wire", c);

    store_query_t q = { 0 };
    q.limit = 10;
    found_t f;
    int64_t total = 0;
    assert_int_equal(search(s, &q, &f, &total), 0);
    assert_int_equal(total, 3);
    assert_string_equal(f.ids[0], b); /* newest first, undated last */
    assert_string_equal(f.ids[1], a);
    assert_string_equal(f.ids[2], c);

    q.words = "harbour"; /* stems: "harbours" in a's body, "Harbour" in b's title */
    assert_int_equal(search(s, &q, &f, &total), 0);
    assert_int_equal(total, 2);
    q.words = "strike harbour dock"; /* every word must match */
    assert_int_equal(search(s, &q, &f, &total), 0);
    assert_int_equal(total, 1);
    assert_string_equal(f.ids[0], a);
    q.words = "paragraph"; /* a block kind of the packed body is not a word of it */
    assert_int_equal(search(s, &q, &f, &total), 0);
    assert_int_equal(total, 1);
    assert_string_equal(f.ids[0], c);
    q.words = "\"strike\" OR NEAR(* AND"; /* syntax taken as words */
    assert_int_equal(search(s, &q, &f, &total), 0);
    q.words = "!!! ???";
    assert_int_equal(search(s, &q, &f, &total), SIFT_EUSAGE);

    q.words = NULL;
    q.from = "2024-03-03";
    assert_int_equal(search(s, &q, &f, &total), 0);
    assert_int_equal(total, 1);
    assert_string_equal(f.ids[0], b);
    q.from = NULL;
    q.to = "2024-03-05"; /* inclusive, a time of day on that date included */
    assert_int_equal(search(s, &q, &f, &total), 0);
    assert_int_equal(total, 2);
    q.to = "2024-3-5";
    assert_int_equal(search(s, &q, &f, &total), SIFT_EUSAGE);
    q.to = NULL;
    q.outlet = "example wire";
    assert_int_equal(search(s, &q, &f, &total), 0);
    assert_int_equal(total, 2);
    q.outlet = NULL;
    q.limit = 1;
    q.offset = 1;
    assert_int_equal(search(s, &q, &f, &total), 0);
    assert_int_equal(f.n, 1);
    assert_string_equal(f.ids[0], a);
    q.limit = 0;
    assert_int_equal(search(s, &q, &f, &total), SIFT_EUSAGE);

    int has = 1;
    assert_int_equal(store_has_stories(s, &has, &err), 0);
    assert_int_equal(has, 0);
    store_close(s);
    char side[64];
    unlink(path);
    snprintf(side, sizeof(side), "%s-wal", path);
    unlink(side);
    snprintf(side, sizeof(side), "%s-shm", path);
    unlink(side);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(escape_all_five),         cmocka_unit_test(escape_respects_cap),
        cmocka_unit_test(html_report_is_inert),    cmocka_unit_test(html_document_forbids_scripts),
        cmocka_unit_test(markdown_escapes_syntax), cmocka_unit_test(store_search_finds),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
