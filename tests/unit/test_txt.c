/* tests/unit/test_txt.c: read/txt.c, read/clutter.c and read/selfref.c on
 * small texts written for each rule: titles and subtitles, paragraph
 * splitting and rejoining, Markdown, trailers, clutter, bylines, credits,
 * datelines and the outlet self-reference. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include <cmocka.h>

#include "read/read_int.h"

static sift_report_t *read_text(const char *text, int is_markdown)
{
    sift_ctx_t ctx;
    sift_ctx_init(&ctx);
    sift_err_t err;
    sift_err_clear(&err);
    sift_report_t *r = NULL;
    int rc = txt_read(&ctx, "t", text, strlen(text), is_markdown, &r, &err);
    if (rc) {
        fail_msg("txt_read: %d %s", rc, err.msg);
    }
    assert_non_null(r);
    return r;
}

/* Index of the clutter item with this reason whose text contains s, or -1. */
static int clutter_find(const sift_report_t *r, const char *reason, const char *s)
{
    for (size_t i = 0; i < r->n_clutter; i++) {
        if (strcmp(r->clutter[i].reason, reason) == 0 && strstr(r->clutter[i].text, s)) {
            return (int)i;
        }
    }
    return -1;
}

static int body_has(sift_report_t *r, const char *s)
{
    return strstr(sift_report_body(r), s) != NULL;
}

static void title_and_blank_line_paragraphs(void **state)
{
    (void)state;
    sift_report_t *r = read_text("Storm hits the coast\n\nThe storm arrived at dawn on Monday, "
                                 "officials said.\n\nSchools were closed across the region.\n",
                                 0);
    assert_string_equal(r->title, "Storm hits the coast");
    assert_int_equal(r->n_blocks, 2);
    assert_string_equal(r->blocks[1].text, "Schools were closed across the region.");
    sift_report_free(r);
}

static void one_paragraph_per_line(void **state)
{
    (void)state;
    sift_report_t *r = read_text(
        "Storm hits the coast\n"
        "The storm arrived at dawn on Monday and flooded the harbour road, officials in the port "
        "town said in a statement that also warned of more rain to come later in the week.\n"
        "Schools were closed across the region and the ferry service to the islands was stopped "
        "until further notice, the operator said on its website on Monday afternoon.\n"
        "Forecasters expect the wind to ease by Wednesday, when the clean-up is due to start in "
        "the worst-hit streets near the old fish market and the railway station.\n",
        0);
    assert_int_equal(r->n_blocks, 3);
    assert_true(strncmp(r->blocks[2].text, "Forecasters", 11) == 0);
    sift_report_free(r);
}

static void hard_wrapped_lines_join(void **state)
{
    (void)state;
    sift_report_t *r = read_text("Storm hits the coast\n\n"
                                 "The storm arrived at dawn on Monday and flooded\n"
                                 "the harbour road, officials said.\n\n"
                                 "Schools were closed across the region and the\n"
                                 "ferry service was stopped.\n",
                                 0);
    assert_int_equal(r->n_blocks, 2);
    assert_string_equal(r->blocks[0].text, "The storm arrived at dawn on Monday and flooded the "
                                           "harbour road, officials said.");
    sift_report_free(r);
}

static void broken_sentence_rejoined(void **state)
{
    (void)state;
    sift_report_t *r = read_text(
        "Talks open in the capital\n\n"
        "The session began around noon and was opened by the Foreign\n\n"
        "Minister Jane Roe, who urged both sides to agree on a truce as soon as possible.\n\n"
        "The delegates met for two hours in the old palace and\n\n"
        "agreed to meet again next week.\n\n"
        "Background talks\n\n"
        "Earlier rounds had failed.\n",
        0);
    assert_true(body_has(r, "opened by the Foreign Minister Jane Roe, who"));
    assert_true(body_has(r, "palace and agreed to meet"));
    /* a crosshead is not a broken sentence */
    int found = 0;
    for (size_t i = 0; i < r->n_blocks; i++) {
        found |= strcmp(r->blocks[i].text, "Background talks") == 0;
    }
    assert_true(found);
    sift_report_free(r);
}

static void standfirst_becomes_subtitle(void **state)
{
    (void)state;
    sift_report_t *r = read_text(
        "Ports reopen after storm\n"
        "Ferries and freight resume as the clean-up begins along the coast\n"
        "The first ferry left the harbour at six in the morning on Thursday, three days after the "
        "storm closed every port on the coast, the operator said in a statement.\n"
        "Freight traffic followed later in the day.\n",
        0);
    assert_string_equal(r->subtitle,
                        "Ferries and freight resume as the clean-up begins along the coast");
    assert_int_equal(r->n_blocks, 2);
    sift_report_free(r);
    /* a lead paragraph that attributes is not a standfirst */
    r = read_text("Ports reopen after storm\n"
                  "The first ferry left on Thursday, the operator said.\n"
                  "Freight traffic followed later in the day.\n"
                  "Trains run again too.\n",
                  0);
    assert_string_equal(r->subtitle, "");
    assert_int_equal(r->n_blocks, 3);
    sift_report_free(r);
}

static void markdown_blocks(void **state)
{
    (void)state;
    sift_report_t *r = read_text("# Ports reopen\n\nThe first ferry left on Thursday.\n\n"
                                 "## What changed\n\n> We are open again, said the operator.\n\n"
                                 "- ferries\n- freight trains\n1. buses\n",
                                 1);
    assert_string_equal(r->title, "Ports reopen");
    assert_int_equal(r->n_blocks, 6);
    assert_int_equal(r->blocks[1].kind, SIFT_BLOCK_HEADING);
    assert_string_equal(r->blocks[1].text, "What changed");
    assert_int_equal(r->blocks[2].kind, SIFT_BLOCK_QUOTE);
    assert_int_equal(r->blocks[3].kind, SIFT_BLOCK_LIST_ITEM);
    assert_string_equal(r->blocks[5].text, "buses");
    sift_report_free(r);
}

static void markdown_inline(void **state)
{
    (void)state;
    sift_report_t *r =
        read_text("# T\n\nThe **minister** [told](#) *reporters* that _all_ ferries run, "
                  "[see](https://example.org/a \"x\") `now`, 5 * 3 tons of snake_case &amp; "
                  "&#x2014; more.\n\n![A ferry leaves](ferry.jpg) Ferries \\*really\\* run.\n",
                  1);
    assert_string_equal(r->blocks[0].text,
                        "The minister told reporters that all ferries run, see now, 5 * 3 tons of "
                        "snake_case & \xe2\x80\x94 more.");
    assert_string_equal(r->blocks[1].text, "Ferries *really* run.");
    assert_true(clutter_find(r, "image", "A ferry leaves") >= 0);
    sift_report_free(r);
}

static void trailer_url(void **state)
{
    (void)state;
    sift_report_t *r = read_text("# T\n\nThe ferry runs again on the island route.\n\n"
                                 "Original url:\n\n<https://news.example.org/2026/03/03/ferry>\n",
                                 1);
    assert_string_equal(r->url, "https://news.example.org/2026/03/03/ferry");
    assert_int_equal(r->n_blocks, 1);
    assert_true(clutter_find(r, "trailer", "Original url:") >= 0);
    assert_true(clutter_find(r, "trailer", "https://news.example.org") >= 0);
    sift_report_free(r);
    r = read_text("T\n\nThe ferry runs again on the island route.\n\n"
                  "Source: https://news.example.org/ferry\n",
                  0);
    assert_string_equal(r->url, "https://news.example.org/ferry");
    assert_false(body_has(r, "Source"));
    sift_report_free(r);
}

static void captions_and_credits(void **state)
{
    (void)state;
    sift_report_t *r = read_text(
        "Ferries return\n"
        "Photo: AFP\n"
        "A crew member ties up the first ferry in the harbour, Thursday, March 5, 2026 (AP "
        "Photo/Jane Roe)\n"
        "The first ferry left the harbour on Thursday morning, three days after the storm.\n"
        "Passengers wait at the pier on Thursday. Regional Transport Office via AFP\n"
        "Getty Images\n"
        "Workers cleared the road of debris and fallen trees on Friday.\n"
        "Waves hit the wall. PHOTO: FILE\n",
        0);
    assert_int_equal(r->n_blocks, 2);
    assert_true(clutter_find(r, "photo-credit", "Photo: AFP") >= 0);
    assert_true(clutter_find(r, "caption", "(AP Photo/Jane Roe)") >= 0);
    assert_true(clutter_find(r, "caption", "via AFP") >= 0);
    assert_true(clutter_find(r, "photo-credit", "Getty Images") >= 0);
    assert_true(clutter_find(r, "caption", "PHOTO: FILE") >= 0);
    sift_report_free(r);
}

static void related_and_navigation(void **state)
{
    (void)state;
    sift_report_t *r =
        read_text("Ferries return\n\nThe first ferry left the harbour on Thursday morning.\n\n"
                  "Read more: Storm closes every port on the coast\n\n"
                  "**Related article:** [Who runs the ferries](#)\n\n"
                  "Freight followed later in the day, the port said.\n\n"
                  "Also read\n\nRELATED\n\nStorm damage in pictures\n\nHow the port was rebuilt\n\n"
                  "Load Next Story\n",
                  1);
    assert_int_equal(r->n_blocks, 2);
    assert_true(clutter_find(r, "related", "Storm closes") >= 0);
    assert_true(clutter_find(r, "related", "Who runs the ferries") >= 0);
    assert_true(clutter_find(r, "related", "Storm damage in pictures") >= 0);
    assert_true(clutter_find(r, "related", "Load Next Story") >= 0);
    sift_report_free(r);
}

static void share_legal_separator(void **state)
{
    (void)state;
    sift_report_t *r =
        read_text("Ferries return\n-\nThe first ferry left the harbour on Thursday morning.\n"
                  "Share this article on Facebook\n"
                  "Subscribe to our newsletter for the latest updates\n"
                  "\xc2\xa9 2026 Example Media. All rights reserved.\n"
                  "This material may not be published, broadcast, rewritten or redistributed.\n"
                  "The port reopens fully next week.\n",
                  0);
    assert_int_equal(r->n_blocks, 2);
    assert_true(clutter_find(r, "separator", "-") >= 0);
    assert_true(clutter_find(r, "share", "Share this") >= 0);
    assert_true(clutter_find(r, "share", "Subscribe") >= 0);
    assert_true(clutter_find(r, "legal", "All rights reserved") >= 0);
    assert_true(clutter_find(r, "legal", "may not be published") >= 0);
    sift_report_free(r);
}

static void repeated_title_and_lead(void **state)
{
    (void)state;
    const char *lead = "The first ferry left the harbour on Thursday morning, three days after "
                       "the storm closed every port.";
    char text[1024];
    snprintf(text, sizeof(text),
             "Ferries Return to the Coast\n\nFerries Return to the Coast\n\n%s\n\n"
             "Freight followed later in the day.\n\nRelated news\n\n%s\n\n"
             "the first ferry left the harbour on Thursday morning three days after the storm "
             "closed every port\n",
             lead, lead);
    sift_report_t *r = read_text(text, 0);
    assert_int_equal(r->n_blocks, 2);
    assert_string_equal(r->blocks[0].text, lead);
    assert_true(clutter_find(r, "repeated", "Ferries Return") >= 0);
    assert_true(clutter_find(r, "repeated", "first ferry") >= 0);
    sift_report_free(r);
}

/* A short item whose lead is also its title, written twice beside a
 * one-line note: the lead stays the body (it is the text), so two such
 * items around the same note keep their own text and ids. */
static void sentence_title_repeat_is_body(void **state)
{
    (void)state;
    const char *a = "Armed thieves robbed a jewellery store in Paris on Thursday.";
    const char *b = "A climber survived two nights stuck on a mountain after a storm.";
    char text[512];
    snprintf(text, sizeof(text), "%s\n\n%s\n\nThis story has been updated.\n", a, a);
    sift_report_t *ra = read_text(text, 0);
    snprintf(text, sizeof(text), "%s\n\n%s\n\nThis story has been updated.\n", b, b);
    sift_report_t *rb = read_text(text, 0);
    assert_int_equal(ra->n_blocks, 2);
    assert_string_equal(ra->blocks[0].text, a);
    assert_string_equal(rb->blocks[0].text, b);
    assert_string_not_equal(ra->id, rb->id);
    sift_report_free(ra);
    sift_report_free(rb);
}

static void datelines(void **state)
{
    (void)state;
    sift_report_t *r = read_text("# Ferries return\n\nMay 16, 2025\n\n"
                                 "The first ferry left the harbour on Thursday.\n",
                                 1);
    assert_string_equal(r->date, "2025-05-16");
    assert_int_equal(r->date_src, SIFT_DATE_DATELINE);
    assert_true(r->is_date_certain);
    assert_int_equal(r->n_blocks, 1);
    assert_true(clutter_find(r, "dateline", "May 16, 2025") >= 0);
    sift_report_free(r);
    r = read_text("Ferries return\n\nLENPORT, March 3, 2026 - The first ferry left the harbour "
                  "on Tuesday, officials said.\n\nFreight followed.\n",
                  0);
    assert_string_equal(r->date, "2026-03-03");
    assert_true(r->is_date_certain);
    assert_true(body_has(r, "LENPORT, March 3, 2026 - The first ferry"));
    sift_report_free(r);
    /* a date line above the headline */
    r = read_text("March 5, 2026\n\nFerries return\n\nThe first ferry left on Thursday.\n", 0);
    assert_string_equal(r->title, "Ferries return");
    assert_string_equal(r->date, "2026-03-05");
    assert_int_equal(r->n_blocks, 1);
    sift_report_free(r);
    /* "on Friday" alone gives no date here (issue 4 resolves it) */
    r = read_text("Ferries return\n\nThe first ferry left on Friday.\n", 0);
    assert_string_equal(r->date, "");
    assert_false(r->is_date_certain);
    sift_report_free(r);
}

static void bylines_and_credits(void **state)
{
    (void)state;
    sift_report_t *r =
        read_text("Ferries return\n\nBy Jane Roe and John Doe\n\n"
                  "The first ferry left the harbour on Thursday.\n\n"
                  "By the end of the day, freight traffic had resumed.\n\n"
                  "*Regional Wire contributed reporting.*\n\nAdditional reporting by Ann Lee\n",
                  1);
    assert_string_equal(r->byline, "Jane Roe and John Doe");
    assert_string_equal(r->credits,
                        "Regional Wire contributed reporting.; Additional reporting by Ann Lee");
    assert_int_equal(r->n_blocks, 2);
    assert_true(body_has(r, "By the end of the day"));
    assert_true(clutter_find(r, "byline", "By Jane Roe") >= 0);
    assert_true(clutter_find(r, "credit", "contributed reporting") >= 0);
    sift_report_free(r);
}

static void byline_dates_and_date_lists(void **state)
{
    (void)state;
    sift_report_t *r = read_text("Ferries return\n\nBy Jane Roe and John Doe Monday, November 18, "
                                 "2019, 04:05 pm PT\n\nThe first ferry left the harbour on "
                                 "Thursday.\n",
                                 0);
    assert_string_equal(r->byline, "Jane Roe and John Doe");
    assert_string_equal(r->date, "2019-11-18");
    sift_report_free(r);
    r = read_text(
        "Ferries return\n\nBY JANE ROE\n\nThe first ferry left the harbour on Thursday.\n", 0);
    assert_string_equal(r->byline, "Jane Roe");
    sift_report_free(r);
    /* many lone dates are a list (an archive), not the report's date */
    r = read_text("Ferries return\n\nNovember 16, 2016\n\nThe first ferry left the harbour.\n\n"
                  "December 18, 2015\n\nAugust 18, 2005\n\nJune 15, 2010\n",
                  0);
    assert_string_equal(r->date, "");
    assert_int_equal(r->n_blocks, 1);
    sift_report_free(r);
}

static void short_repeats_are_content(void **state)
{
    (void)state;
    sift_report_t *r =
        read_text("Cooks answer\n\nWe asked five cooks the same questions about their work.\n\n"
                  "What inspired you to start cooking at home?\n\nMy grandmother did.\n\n"
                  "What inspired you to start cooking at home?\n\nA book I found.\n",
                  0);
    assert_int_equal(r->n_blocks, 5);
    sift_report_free(r);
}

static void outlet_self_reference(void **state)
{
    (void)state;
    sift_report_t *r =
        read_text("Ferries return\n\nThe first ferry left on Thursday, Harbour.Az reports, "
                  "citing port officials.\n\nFreight followed.\n",
                  0);
    assert_string_equal(r->outlet, "Harbour.Az");
    assert_string_equal(r->outlet_evidence, "Harbour.Az reports, citing port officials");
    sift_report_free(r);
    r = read_text("Ferries return\n\n\"We are open,\" the operator said, The Coastal Post "
                  "reports.\n\nFreight followed.\n",
                  0);
    assert_string_equal(r->outlet, "The Coastal Post");
    sift_report_free(r);
    /* the cited form wins over a bare one */
    r = read_text("Ferries return\n\nThe port is shut, Wire News reports.\n\n"
                  "The first ferry left on Thursday, Harbour Daily reports, citing officials.\n",
                  0);
    assert_string_equal(r->outlet, "Harbour Daily");
    sift_report_free(r);
    /* citations of other outlets are not self-references */
    r = read_text("Ferries return\n\nAccording to TASS, the ferry left on Thursday.\n\n"
                  "Interfax, citing a source, reported that freight followed.\n\n"
                  "According to a Bloomberg report citing sources, trains run too.\n\n"
                  "The port authority reports that all is well.\n",
                  0);
    assert_string_equal(r->outlet, "");
    sift_report_free(r);
}

static void ordinary_text_is_not_clutter(void **state)
{
    (void)state;
    static const char *const lines[] = {
        "By the end of the day, the talks had stalled.",
        "The photo showed the minister at the harbour.",
        "Related talks will follow next week, the ministry said.",
        "Read the statement in full on the ministry's website, officials said.",
        "The ferry was shared by two companies.",
        "Humanitarian proposals",
        "He said the images were taken via a drone flown over the port.",
        "On May 16, 2025, the first ferry left.",
    };
    for (size_t i = 0; i < sizeof(lines) / sizeof(lines[0]); i++) {
        const char *why = clutter_line_reason(lines[i], strlen(lines[i]));
        if (why) {
            fail_msg("%s: clutter '%s'", lines[i], why);
        }
    }
}

static void front_matter_metadata(void **state)
{
    (void)state;
    sift_report_t *r = read_text("---\ntitle: \"Ferries return\"\ndate: 2026-03-05\n"
                                 "author: Jane Roe\nurl: https://news.example.org/f\n---\n\n"
                                 "The first ferry left the harbour on Thursday.\n",
                                 1);
    assert_string_equal(r->title, "Ferries return");
    assert_string_equal(r->date, "2026-03-05");
    assert_string_equal(r->byline, "Jane Roe");
    assert_string_equal(r->url, "https://news.example.org/f");
    assert_int_equal(r->n_blocks, 1);
    sift_report_free(r);
}

static void blocks_for_record_readers(void **state)
{
    (void)state;
    sift_report_t *r = sift_report_new("rec", SIFT_FMT_JSONL);
    assert_non_null(r);
    const char *text = "The first ferry left on Thursday.\nFreight followed later in the day, "
                       "the port said.\nSource: https://news.example.org/f\n";
    assert_int_equal(txt_read_blocks(r, text, strlen(text), 0), 0);
    assert_string_equal(r->title, "");
    assert_int_equal(r->n_blocks, 2);
    assert_string_equal(r->url, "https://news.example.org/f");
    sift_report_free(r);
}

static void pathological_markup_is_bounded(void **state)
{
    (void)state;
    static char text[300000];
    memcpy(text, "T\n\nx", 4);
    memset(text + 4, '[', sizeof(text) - 6);
    text[sizeof(text) - 2] = '\n';
    text[sizeof(text) - 1] = '\0';
    sift_report_t *r = read_text(text, 1);
    assert_int_equal(r->n_blocks, 1);
    sift_report_free(r);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(title_and_blank_line_paragraphs),
        cmocka_unit_test(one_paragraph_per_line),
        cmocka_unit_test(hard_wrapped_lines_join),
        cmocka_unit_test(broken_sentence_rejoined),
        cmocka_unit_test(standfirst_becomes_subtitle),
        cmocka_unit_test(markdown_blocks),
        cmocka_unit_test(markdown_inline),
        cmocka_unit_test(trailer_url),
        cmocka_unit_test(captions_and_credits),
        cmocka_unit_test(related_and_navigation),
        cmocka_unit_test(share_legal_separator),
        cmocka_unit_test(repeated_title_and_lead),
        cmocka_unit_test(sentence_title_repeat_is_body),
        cmocka_unit_test(datelines),
        cmocka_unit_test(bylines_and_credits),
        cmocka_unit_test(byline_dates_and_date_lists),
        cmocka_unit_test(short_repeats_are_content),
        cmocka_unit_test(outlet_self_reference),
        cmocka_unit_test(ordinary_text_is_not_clutter),
        cmocka_unit_test(front_matter_metadata),
        cmocka_unit_test(blocks_for_record_readers),
        cmocka_unit_test(pathological_markup_is_bounded),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
