/* tests/unit/test_meta.c: read/html_meta.c and read/meta.c: JSON-LD (in
 * a @graph), OpenGraph and <meta>, <time>, title suffixes, bylines, date
 * normalisation, dates in URLs, outlets from domains, language guesses.
 * Pages and texts are small ones written for these tests. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include <cmocka.h>

#include "read/html_int.h"
#include "read/meta_int.h"
#include "util/report.h"

/* Parse page and run html_meta_read() on a fresh report. */
static sift_report_t *meta_of(const char *page)
{
    htmlDocPtr doc = htmlReadMemory(page, (int)strlen(page), "", "UTF-8",
                                    HTML_PARSE_NOERROR | HTML_PARSE_NOWARNING | HTML_PARSE_NONET);
    assert_non_null(doc);
    sift_report_t *r = sift_report_new("t.html", SIFT_FMT_HTML);
    assert_non_null(r);
    sift_err_t err;
    sift_err_clear(&err);
    assert_int_equal(html_meta_read(doc, r, &err), 0);
    xmlFreeDoc(doc);
    return r;
}

static void jsonld_in_graph(void **state)
{
    (void)state;
    sift_report_t *r = meta_of(
        "<html lang=\"en-GB\"><head><title>Ignored | Site</title>"
        "<script type=\"application/ld+json\">{ broken json </script>"
        "<script type=\"application/ld+json\"><![CDATA[{\"@context\":\"https://schema.org\","
        "\"@graph\":[{\"@type\":\"WebSite\",\"@id\":\"#site\",\"name\":\"Web\"},"
        "{\"@type\":\"Organization\",\"@id\":\"#org\",\"name\":\"Harbour Gazette\"},"
        "{\"@type\":[\"NewsArticle\"],\"headline\":\"Ferry service resumes after storm\","
        "\"author\":[{\"@type\":\"Person\",\"name\":\"Ana Lima\"},\"Tom Reed\"],"
        "\"publisher\":{\"@id\":\"#org\"},"
        "\"datePublished\":\"2024-03-09T18:30:00-05:00\"}]}]]></script>"
        "</head><body><p>x</p></body></html>");
    assert_string_equal(r->title, "Ferry service resumes after storm");
    assert_string_equal(r->byline, "Ana Lima, Tom Reed");
    assert_string_equal(r->date, "2024-03-09T23:30:00Z");
    assert_int_equal(r->date_src, SIFT_DATE_JSONLD);
    assert_int_equal(r->is_date_certain, 1);
    assert_string_equal(r->date_evidence, "2024-03-09T18:30:00-05:00");
    assert_string_equal(r->outlet, "Harbour Gazette");
    assert_string_equal(r->outlet_evidence, "json-ld publisher");
    assert_string_equal(r->lang, "en");
    sift_report_free(r);
}

static void opengraph_and_meta(void **state)
{
    (void)state;
    sift_report_t *r = meta_of(
        "<html><head><title>Council votes on new bridge - Riverside Echo</title>"
        "<meta property=\"og:title\" content=\"Council votes on new bridge\">"
        "<meta property=\"og:site_name\" content=\"Riverside Echo\">"
        "<meta property=\"og:url\" content=\"https://www.riverside-echo.example/news/bridge\">"
        "<meta property=\"article:author\" content=\"https://riverside-echo.example/staff/kim\">"
        "<meta name=\"author\" content=\"By Kim Park\">"
        "<meta property=\"og:description\" content=\"The vote follows two years of public "
        "hearings on where the crossing should go.\">"
        "<meta property=\"article:published_time\" content=\"2023-07-01T09:15:00+02:00\">"
        "<meta http-equiv=\"content-language\" content=\"fr\">"
        "</head><body><p>x</p></body></html>");
    assert_string_equal(r->title, "Council votes on new bridge");
    assert_string_equal(r->outlet, "Riverside Echo");
    assert_string_equal(r->outlet_evidence, "og:site_name");
    assert_string_equal(r->url, "https://www.riverside-echo.example/news/bridge");
    assert_string_equal(r->byline, "Kim Park");
    assert_string_equal(r->subtitle,
                        "The vote follows two years of public hearings on where the crossing "
                        "should go.");
    assert_string_equal(r->date, "2023-07-01T07:15:00Z");
    assert_int_equal(r->date_src, SIFT_DATE_META);
    assert_string_equal(r->lang, "fr");
    sift_report_free(r);
}

static void time_elements(void **state)
{
    (void)state;
    sift_report_t *r = meta_of("<html><body><h1>A</h1>"
                               "<time datetime=\"2022-01-05\">Jan 5</time>"
                               "<time pubdate datetime=\"2022-02-10T08:00:00Z\">Feb 10</time>"
                               "<p>x</p></body></html>");
    assert_string_equal(r->date, "2022-02-10T08:00:00Z");
    assert_int_equal(r->date_src, SIFT_DATE_TIME);
    assert_int_equal(r->is_date_certain, 1);
    sift_report_free(r);

    /* an unmarked <time> is a date, but not surely the publication's */
    r = meta_of("<html><body><time datetime=\"2022-01-05\">Jan 5</time><p>x</p></body></html>");
    assert_string_equal(r->date, "2022-01-05");
    assert_int_equal(r->is_date_certain, 0);
    sift_report_free(r);

    /* an embedded video's JSON-LD date gives way to the page's meta */
    r = meta_of("<html><head><script type=\"application/ld+json\">{\"@type\":\"VideoObject\","
                "\"datePublished\":\"2020-05-01\"}</script>"
                "<meta property=\"article:published_time\" content=\"2020-06-02\">"
                "</head><body><p>x</p></body></html>");
    assert_string_equal(r->date, "2020-06-02");
    assert_int_equal(r->date_src, SIFT_DATE_META);
    sift_report_free(r);

    r = meta_of("<html><body><span itemprop=\"datePublished\" content=\"2021-12-24\">Dec 24"
                "</span><time datetime=\"2022-01-05\">Jan 5</time><p>x</p></body></html>");
    assert_string_equal(r->date, "2021-12-24");
    assert_int_equal(r->date_src, SIFT_DATE_META);
    sift_report_free(r);
}

static void title_suffixes(void **state)
{
    (void)state;
    /* the site name, as given by og:site_name */
    sift_report_t *r = meta_of("<html><head><title>Storm closes mountain pass | The Valley "
                               "Courier</title><meta property=\"og:site_name\" content=\"Valley "
                               "Courier\"></head><body><p>x</p></body></html>");
    assert_string_equal(r->title, "Storm closes mountain pass");
    sift_report_free(r);

    /* the domain, from the canonical link; at the front this time */
    r = meta_of("<html><head><title>DailyPlanet.example \xe2\x80\x94 Storm closes mountain "
                "pass</title><link rel=\"canonical\" href=\"https://www.dailyplanet.example/a\">"
                "</head><body><p>x</p></body></html>");
    assert_string_equal(r->title, "Storm closes mountain pass");
    sift_report_free(r);

    /* a short trailing section name after a long headline */
    r = meta_of("<html><head><title>Local team wins the regional final at last - Sport</title>"
                "</head><body><p>x</p></body></html>");
    assert_string_equal(r->title, "Local team wins the regional final at last");
    sift_report_free(r);

    /* references escaped twice are decoded once more */
    r = meta_of("<html><head><meta property=\"og:title\" content=\"&amp;#8216;Tides&amp;#8217; "
                "&amp;amp; currents &amp;#x263A;\"></head><body></body></html>");
    assert_string_equal(r->title, "\xe2\x80\x98Tides\xe2\x80\x99 & currents \xe2\x98\xba");
    sift_report_free(r);

    /* a dash inside a short headline is kept */
    r = meta_of("<html><head><title>Spider-Man - Review</title></head><body></body></html>");
    assert_string_equal(r->title, "Spider-Man - Review");
    sift_report_free(r);

    /* an <h1> that agrees with <title> wins over a different og:title */
    r = meta_of("<html><head><title>Rates rise again: what it means | Money Desk</title>"
                "<meta property=\"og:title\" content=\"Why your mortgage just got dearer\">"
                "</head><body><h1>Rates rise again: what it means</h1></body></html>");
    assert_string_equal(r->title, "Rates rise again: what it means");
    sift_report_free(r);
}

static void bylines(void **state)
{
    (void)state;
    sift_report_t *r = meta_of("<html><body><div class=\"article-byline\">By Jane Doe and John "
                               "Roe</div><p>x</p></body></html>");
    assert_string_equal(r->byline, "Jane Doe and John Roe");
    sift_report_free(r);

    r = meta_of("<html><body><p class=\"byline\">By Nathan Willis\n   March 25, 2015</p>"
                "</body></html>");
    assert_string_equal(r->byline, "Nathan Willis");
    sift_report_free(r);

    r = meta_of("<html><body><div itemprop=\"author\" itemscope><img alt=\"\">"
                "<span itemprop=\"name\">Li Wei</span><span>Science editor</span></div>"
                "</body></html>");
    assert_string_equal(r->byline, "Li Wei");
    sift_report_free(r);

    /* a comment form's "author" field is not the byline */
    r = meta_of("<html><body><form id=\"respond\"><p class=\"comment-form-author\">"
                "<label>Name (required)</label></p></form><p>x</p></body></html>");
    assert_string_equal(r->byline, "");
    sift_report_free(r);

    /* "Last Updated: ..." is not a name */
    r = meta_of("<html><body><div class=\"author-date\">Last Updated: January 7, 2025</div>"
                "</body></html>");
    assert_string_equal(r->byline, "");
    sift_report_free(r);
}

static void check_url_date(const char *url, const char *want, const char *want_ev)
{
    char out[META_DATE_MAX];
    const char *ev = NULL;
    size_t ev_len = 0;
    int ok = meta_url_date(out, &ev, &ev_len, url);
    if (!want) {
        assert_int_equal(ok, 0);
        return;
    }
    assert_int_equal(ok, 1);
    assert_string_equal(out, want);
    assert_int_equal(ev_len, strlen(want_ev));
    assert_memory_equal(ev, want_ev, ev_len);
}

static void url_dates(void **state)
{
    (void)state;
    check_url_date("https://news.example/2025/05/16/ferry-resumes", "2025-05-16", "2025/05/16");
    check_url_date("https://news.example/world/20250516/ferry", "2025-05-16", "20250516");
    check_url_date("https://news.example/2025-05-16-ferry", "2025-05-16", "2025-05-16");
    check_url_date("https://news.example/2025/05/ferry", NULL, NULL);
    check_url_date("https://news.example/story/123456789", NULL, NULL);
    check_url_date("https://2025.example/x?d=2025/05/16", NULL, NULL);
    check_url_date("not a url /2025/05/16/", NULL, NULL);
}

static void check_domain(const char *url, const char *want)
{
    char out[64];
    size_t n = meta_url_domain(out, sizeof(out), url);
    assert_int_equal(n, strlen(want));
    if (n) {
        assert_string_equal(out, want);
    }
}

static void url_domains(void **state)
{
    (void)state;
    check_domain("https://www.Example.com/a/b", "example.com");
    check_domain("https://news.bbc.co.uk/1/hi", "bbc.co.uk");
    check_domain("http://m.smh.com.au:8080/x", "smh.com.au");
    check_domain("https://amp.theguardian.com", "theguardian.com");
    check_domain("https://user@edition.cnn.com/x", "cnn.com");
    check_domain("https://google.co", "google.co");
    check_domain("ftp://example.com/", "");
    check_domain("example.com/a", "");
}

/* A report as a reader would leave it, then meta_complete(). */
static sift_report_t *completed(const char *url, const char *title, const char *body)
{
    sift_report_t *r = sift_report_new("t", SIFT_FMT_TEXT);
    assert_non_null(r);
    assert_int_equal(report_set_str(r, &r->url, url), 0);
    assert_int_equal(report_set_str(r, &r->title, title), 0);
    assert_int_equal(report_add_block(r, SIFT_BLOCK_PARAGRAPH, body, strlen(body)), 0);
    sift_err_t err;
    sift_err_clear(&err);
    assert_int_equal(meta_complete(r, &err), 0);
    return r;
}

static void outlet_from_domain(void **state)
{
    (void)state;
    sift_report_t *r =
        completed("https://www.themoscowtimes.com/2025/05/16/a-story-a1", "Talks stall",
                  "Officials told The Moscow Times on Friday that "
                  "the talks had stalled.");
    assert_string_equal(r->outlet, "The Moscow Times");
    assert_string_equal(r->outlet_evidence, "https://www.themoscowtimes.com/2025/05/16/a-story-a1");
    assert_string_equal(r->date, "2025-05-16");
    assert_int_equal(r->date_src, SIFT_DATE_URL);
    assert_int_equal(r->is_date_certain, 1);
    assert_string_equal(r->date_evidence, "2025/05/16");
    sift_report_free(r);

    /* lower case words do not make a name: keep the domain */
    r = completed("https://themoscowtimes.com/news", "Talks stall",
                  "the moscow times is not written as a name here.");
    assert_string_equal(r->outlet, "themoscowtimes.com");
    sift_report_free(r);

    /* connectors inside a name, a two-level suffix */
    r = completed("https://timesofindia.example.co.in/x", "A", "Read it in the Times of India.");
    assert_string_equal(r->outlet, "example.co.in");
    sift_report_free(r);
    r = completed("https://www.timesofindia.co.in/x", "A", "Read it in the Times of India.");
    assert_string_equal(r->outlet, "Times of India");
    sift_report_free(r);

    /* mastheads: the text names the place, the domain adds "the ... times" */
    r = completed("https://www.thecaspiantimes.example/a", "Ferry link to Baku reopens",
                  "Ships will sail across the Caspian again from June.");
    assert_string_equal(r->outlet, "The Caspian Times");
    sift_report_free(r);
    r = completed("https://www.theatreweekly.example/a", "Season opens",
                  "The season opens with a new play.");
    assert_string_equal(r->outlet, "theatreweekly.example");
    sift_report_free(r);

    /* no URL: nothing to go on */
    r = completed("", "A", "Reuters reports rain.");
    assert_string_equal(r->outlet, "");
    sift_report_free(r);
}

static void check_lang(const char *text, const char *want)
{
    assert_string_equal(meta_lang_guess(text, strlen(text)), want);
}

static void language_guess(void **state)
{
    (void)state;
    check_lang("The council said on Monday that it would not reopen the bridge until the "
               "engineers have finished their report, which is expected in the spring.",
               "en");
    check_lang("Le conseil a indiqué lundi qu'il ne rouvrira pas le pont avant que les "
               "ingénieurs aient terminé leur rapport, qui est attendu pour le printemps.",
               "fr");
    check_lang("Der Rat teilte am Montag mit, dass die Brücke nicht wieder geöffnet wird, bis "
               "die Ingenieure ihren Bericht abgeschlossen haben, der im Frühjahr erwartet wird.",
               "de");
    check_lang("El consejo dijo el lunes que no reabrirá el puente hasta que los ingenieros "
               "terminen su informe, que se espera para la primavera según las autoridades.",
               "es");
    check_lang("Il consiglio ha detto lunedì che non riaprirà il ponte finché gli ingegneri non "
               "avranno finito la loro relazione, che è attesa per la primavera.",
               "it");
    check_lang("Совет заявил в понедельник, что не откроет мост, пока инженеры не закончат "
               "свой отчёт, который ожидается весной. Это было уже решено.",
               "ru");
    check_lang("市议会周一表示，在工程师完成报告之前不会重新开放这座桥，报告预计将在春季发布。",
               "zh");
    check_lang("市議会は月曜日、技術者が報告書をまとめるまで橋を再開しないと発表した。報告書は春"
               "に出る見込みだ。",
               "ja");
    check_lang("시의회는 월요일 기술자들이 보고서를 마칠 때까지 다리를 다시 열지 않겠다고 밝혔다.",
               "ko");
    /* too little to go on */
    check_lang("Bridge closed", "");
    check_lang("", "");
    check_lang("1234 5678 90 !!", "");
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(jsonld_in_graph), cmocka_unit_test(opengraph_and_meta),
        cmocka_unit_test(time_elements),   cmocka_unit_test(title_suffixes),
        cmocka_unit_test(bylines),         cmocka_unit_test(url_dates),
        cmocka_unit_test(url_domains),     cmocka_unit_test(outlet_from_domain),
        cmocka_unit_test(language_guess),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
