/* tests/unit/test_html.c: the HTML reader's main-content extraction:
 * the article is picked over navigation, sidebars and comments; block
 * kinds; captions set aside as clutter; the headline goes to the title;
 * text in <br>-divs kept; pathological nesting read in bounded time. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include <cmocka.h>

#include "sift.h"
#include "util/buf.h"

typedef struct got {
    sift_report_t *r;
    int n_rejected;
} got_t;

static int on_emit(void *user, sift_report_t *r)
{
    got_t *g = user;
    sift_report_free(g->r);
    g->r = r;
    return 0;
}

static void on_reject(void *user, const sift_err_t *err)
{
    (void)err;
    ((got_t *)user)->n_rejected++;
}

/* Read html as an HTML page; the report, or NULL when rejected. Owned. */
static sift_report_t *read_html(const char *html, size_t len)
{
    sift_ctx_t ctx;
    sift_ctx_init(&ctx);
    got_t g = { NULL, 0 };
    sift_sink_t sink = { on_emit, on_reject, &g };
    sift_err_t err;
    sift_err_clear(&err);
    (void)sift_read_buffer(&ctx, "page.html", SIFT_FMT_HTML, html, len, &sink, &err);
    return g.r;
}

static int body_has(sift_report_t *r, const char *s)
{
    return strstr(sift_report_body(r), s) != NULL;
}

static int clutter_has(const sift_report_t *r, const char *reason, const char *s)
{
    for (size_t i = 0; i < r->n_clutter; i++) {
        if (strcmp(r->clutter[i].reason, reason) == 0 && strstr(r->clutter[i].text, s)) {
            return 1;
        }
    }
    return 0;
}

static const char *const para_a =
    "The council voted on Tuesday to close the old bridge, citing cracks found in its "
    "supports, a decision that will reroute thousands of drivers, cyclists and buses.";
static const char *const para_b =
    "Engineers said the repairs would take at least two years, and that the cost, still "
    "being estimated, could exceed the city's entire road budget for the decade.";
static const char *const para_c =
    "Residents of the east bank, who rely on the crossing to reach the hospital, asked for "
    "a temporary ferry, which the mayor promised to consider at the next meeting.";

static void article_beats_furniture(void **state)
{
    (void)state;
    char page[8192];
    int n = snprintf(page, sizeof(page),
                     "<html><head><title>Bridge closes</title></head><body>"
                     "<nav><ul><li><a href=/>Home</a></li><li><a href=/w>World</a></li>"
                     "<li><a href=/s>Sport, games, teams and results from everywhere</a></li>"
                     "</ul></nav>"
                     "<div class=\"sidebar\"><p>Sidebar filler text that is long enough to "
                     "count as a paragraph, with commas, clauses, and more words.</p></div>"
                     "<div class=\"story\"><h1>Old bridge to close</h1>"
                     "<p>%s</p><p>%s</p><p>%s</p></div>"
                     "<div id=\"comments\"><p>Reader comment number one, which goes on and on, "
                     "with opinions, asides, and complaints about everything.</p>"
                     "<p>Reader comment number two, equally long, with commas, more commas, "
                     "and still more commas.</p></div>"
                     "<footer><p>Copyright notice for the whole site, all rights reserved, "
                     "every year.</p></footer></body></html>",
                     para_a, para_b, para_c);
    sift_report_t *r = read_html(page, (size_t)n);
    assert_non_null(r);
    assert_true(body_has(r, "close the old bridge"));
    assert_true(body_has(r, "road budget"));
    assert_true(body_has(r, "temporary ferry"));
    assert_false(body_has(r, "Sidebar filler"));
    assert_false(body_has(r, "Reader comment"));
    assert_false(body_has(r, "Copyright"));
    assert_false(body_has(r, "Sport, games"));
    /* The headline is the title, never a body block. */
    assert_false(body_has(r, "Old bridge to close"));
    assert_int_equal(r->n_blocks, 3);
    sift_report_free(r);
}

static void block_kinds(void **state)
{
    (void)state;
    char page[8192];
    int n = snprintf(page, sizeof(page),
                     "<html><body><article><h1>Headline here</h1><p>%s</p>"
                     "<h2>What happens next</h2><p>%s</p>"
                     "<blockquote><p>We will not leave the east bank stranded, not for a "
                     "single day.</p></blockquote>"
                     "<ul><li>The ferry would run every twenty minutes.</li>"
                     "<li>Buses would take the north crossing.</li></ul>"
                     "<p>%s</p></article></body></html>",
                     para_a, para_b, para_c);
    sift_report_t *r = read_html(page, (size_t)n);
    assert_non_null(r);
    assert_string_equal(r->title, "Headline here");
    int kinds[5] = { 0 };
    for (size_t i = 0; i < r->n_blocks; i++) {
        kinds[r->blocks[i].kind]++;
        assert_null(strstr(r->blocks[i].text, "Headline here"));
    }
    assert_int_equal(kinds[SIFT_BLOCK_HEADING], 1);
    assert_int_equal(kinds[SIFT_BLOCK_QUOTE], 1);
    assert_int_equal(kinds[SIFT_BLOCK_LIST_ITEM], 2);
    assert_int_equal(kinds[SIFT_BLOCK_PARAGRAPH], 3);
    assert_int_equal(r->blocks[1].kind, SIFT_BLOCK_HEADING);
    assert_string_equal(r->blocks[1].text, "What happens next");
    sift_report_free(r);
}

static void caption_set_aside(void **state)
{
    (void)state;
    char page[8192];
    int n = snprintf(page, sizeof(page),
                     "<html><body><article><p>%s</p>"
                     "<figure><img src=a.jpg><figcaption>The bridge at dawn. Photo: "
                     "J. Smith</figcaption></figure><p>%s</p>"
                     "<div class=\"share-tools\"><a href=#>Share on social media</a> "
                     "<a href=#>Email this story</a></div><p>%s</p></article></body></html>",
                     para_a, para_b, para_c);
    sift_report_t *r = read_html(page, (size_t)n);
    assert_non_null(r);
    assert_false(body_has(r, "bridge at dawn"));
    assert_true(clutter_has(r, "caption", "The bridge at dawn"));
    assert_false(body_has(r, "Share on"));
    assert_true(clutter_has(r, "share", "Share on social media"));
    assert_int_equal(r->n_blocks, 3);
    sift_report_free(r);
}

static void br_and_bare_text_kept(void **state)
{
    (void)state;
    char page[8192];
    int n = snprintf(page, sizeof(page),
                     "<html><body><div class=\"menu\"><a href=/>Home</a></div>"
                     "<div class=\"content\">%s<br><br>%s<br><br><b>Bold</b> %s</div>"
                     "</body></html>",
                     para_a, para_b, para_c);
    sift_report_t *r = read_html(page, (size_t)n);
    assert_non_null(r);
    assert_true(body_has(r, "close the old bridge"));
    assert_true(body_has(r, "road budget"));
    assert_true(body_has(r, "Bold Residents"));
    assert_int_equal(r->n_blocks, 3);
    sift_report_free(r);
}

static double now_seconds(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

/* 100,000 nested elements: no stack overflow, no quadratic walk; the deep
 * text is kept (flattened into the element at the depth cap) and the text
 * after the deep part is read too. */
static void deep_nesting_bounded(void **state)
{
    (void)state;
    enum { DEPTH = 100000 };
    buf_t b;
    buf_init(&b, (size_t)64 << 20);
    assert_int_equal(buf_puts(&b, "<html><body><div class=\"article\">"), 0);
    for (int i = 0; i < DEPTH; i++) {
        assert_int_equal(buf_puts(&b, i % 2 ? "<span>" : "<div>"), 0);
    }
    assert_int_equal(buf_puts(&b, "Deep words at the bottom of the well, still readable."), 0);
    for (int i = DEPTH; i-- > 0;) {
        assert_int_equal(buf_puts(&b, i % 2 ? "</span>" : "</div>"), 0);
    }
    assert_int_equal(buf_puts(&b, "<p>"), 0);
    assert_int_equal(buf_puts(&b, para_a), 0);
    assert_int_equal(buf_puts(&b, "</p></div></body></html>"), 0);
    double t0 = now_seconds();
    sift_report_t *r = read_html(b.ptr, b.len);
    double dt = now_seconds() - t0;
    assert_non_null(r);
    assert_true(body_has(r, "Deep words at the bottom"));
    assert_true(body_has(r, "close the old bridge"));
    /* Linear work takes well under a second, even under ASan; a quadratic
     * walk over 100,000 levels would take minutes. */
    assert_true(dt < 20.0);
    sift_report_free(r);
    buf_release(&b);
}

/* A </a> inside a JavaScript string must not end the <script>: libxml2
 * 2.9 did so unless asked to recover, and the rest of the script became
 * page text that outweighed the article. */
static void script_end_tag_in_string(void **state)
{
    (void)state;
    char page[8192];
    int n = snprintf(page, sizeof(page),
                     "<html><body><article><div><p>%s</p>"
                     "<script>if (x) { el.html('<a href=\"x\"><div class=\"f\"></div></a>'); }"
                     " var leaked = [1, 2, 3, 4, 5, 6, 7, 8];</script>"
                     "<p>%s</p><p>%s</p></div></article></body></html>",
                     para_a, para_b, para_c);
    sift_report_t *r = read_html(page, (size_t)n);
    assert_non_null(r);
    assert_false(body_has(r, "leaked"));
    assert_true(body_has(r, "road budget"));
    assert_int_equal(r->n_blocks, 3);
    sift_report_free(r);
}

static void no_text_rejected(void **state)
{
    (void)state;
    static const char page[] = "<html><body><script>var x = 1;</script></body></html>";
    sift_report_t *r = read_html(page, sizeof(page) - 1);
    assert_null(r);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(article_beats_furniture), cmocka_unit_test(block_kinds),
        cmocka_unit_test(caption_set_aside),       cmocka_unit_test(br_and_bare_text_kept),
        cmocka_unit_test(deep_nesting_bounded),    cmocka_unit_test(script_end_tag_in_string),
        cmocka_unit_test(no_text_rejected),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
