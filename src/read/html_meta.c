/* read/html_meta.c: page metadata from a parsed HTML document: title,
 * subtitle, byline, publication date, outlet, canonical URL and language,
 * from <title>, <meta> (OpenGraph, Dublin Core, Parse.ly, ...), JSON-LD,
 * <time>, <h1> and author/byline elements. One walk gathers candidates
 * into found_t; choose_*() then pick by source rank. No per-site rules. */
#include <jansson.h>
#include <stdint.h>
#include <string.h>

#include "html_int.h"
#include "meta_int.h"
#include "util/limits.h"
#include "util/report.h"
#include "util/utf8.h"

/* Candidates with a rank (lower is better) so that the order of tags in
 * the page does not decide between sources. */
typedef struct cand {
    const char *s; /* arena copy, white space collapsed; NULL if none */
    int rank;
} cand_t;

enum { MAX_H1 = 4 };

typedef struct found {
    sift_report_t *r; /* the arena holding every copy */
    cand_t title;     /* og:title, dc.title, twitter:title, ... */
    cand_t title_tag; /* <title> */
    cand_t h1[MAX_H1];
    int n_h1;
    cand_t desc;        /* og:description, description */
    cand_t author_meta; /* meta author, dc.creator, article:author, ... */
    cand_t author_ld;   /* JSON-LD author names, ", "-joined */
    cand_t author_dom;  /* rel=author, itemprop=author, class*=byline */
    cand_t date_ld, date_meta, date_time;
    int is_time_marked;  /* the <time> had pubdate or itemprop */
    cand_t site;         /* og:site_name, publisher, application-name */
    const char *site_ev; /* which of those */
    cand_t url;          /* canonical, og:url, JSON-LD url */
    cand_t lang;         /* <html lang>, content-language */
    cand_t title_ld;     /* JSON-LD headline */
    int n_ld_seen;       /* JSON-LD scripts parsed (bounded) */
} found_t;

/* JSON-LD blocks parsed per page: real pages carry a handful. */
#define MAX_LD_SCRIPTS 16
/* Objects looked at inside one JSON-LD block (a @graph is flat). */
#define MAX_LD_OBJECTS 256

/* ---- small string helpers ------------------------------------------------ */

/* Length of the UTF-8 encoding of code point c written to out. */
static size_t put_utf8(char *out, unsigned long c)
{
    if (c < 0x80) {
        out[0] = (char)c;
        return 1;
    }
    if (c < 0x800) {
        out[0] = (char)(0xc0 | (c >> 6));
        out[1] = (char)(0x80 | (c & 0x3f));
        return 2;
    }
    if (c < 0x10000) {
        out[0] = (char)(0xe0 | (c >> 12));
        out[1] = (char)(0x80 | ((c >> 6) & 0x3f));
        out[2] = (char)(0x80 | (c & 0x3f));
        return 3;
    }
    out[0] = (char)(0xf0 | (c >> 18));
    out[1] = (char)(0x80 | ((c >> 12) & 0x3f));
    out[2] = (char)(0x80 | ((c >> 6) & 0x3f));
    out[3] = (char)(0x80 | (c & 0x3f));
    return 4;
}

/* Decode, in place, character references left in a value that was
 * escaped twice (common in JSON-LD and og:title: "&#8216;" inside an
 * attribute already decoded once). Numeric ones and the five XML names.
 * A reference never encodes longer than it is written, so it fits. */
static size_t decode_refs(char *s, size_t len)
{
    static const struct {
        const char *name;
        char c;
    } named[] = {
        { "&amp;", '&' }, { "&quot;", '"' }, { "&apos;", '\'' }, { "&lt;", '<' }, { "&gt;", '>' }
    };
    size_t o = 0;
    for (size_t i = 0; i < len;) {
        if (s[i] == '&' && i + 3 < len && s[i + 1] == '#') {
            int is_hex = s[i + 2] == 'x' || s[i + 2] == 'X';
            size_t j = i + 2 + (size_t)is_hex;
            unsigned long c = 0;
            size_t n_digits = 0;
            while (j < len && n_digits < 7) {
                char d = s[j];
                int v = (d >= '0' && d <= '9')             ? d - '0'
                        : (is_hex && d >= 'a' && d <= 'f') ? d - 'a' + 10
                        : (is_hex && d >= 'A' && d <= 'F') ? d - 'A' + 10
                                                           : -1;
                if (v < 0) {
                    break;
                }
                c = c * (is_hex ? 16u : 10u) + (unsigned long)v;
                n_digits++;
                j++;
            }
            if (n_digits > 0 && j < len && s[j] == ';' && c > 0 && c <= 0x10ffff &&
                !(c >= 0xd800 && c <= 0xdfff)) {
                o += put_utf8(s + o, c);
                i = j + 1;
                continue;
            }
        } else if (s[i] == '&') {
            size_t k = 0;
            for (; k < sizeof(named) / sizeof(named[0]); k++) {
                size_t nl = strlen(named[k].name);
                if (i + nl <= len && memcmp(s + i, named[k].name, nl) == 0) {
                    s[o++] = named[k].c;
                    i += nl;
                    break;
                }
            }
            if (k < sizeof(named) / sizeof(named[0])) {
                continue;
            }
        }
        s[o++] = s[i++];
    }
    return o;
}

/* Arena copy of s[0..len) with white space collapsed. */
static const char *copy_clean(found_t *f, const char *s, size_t len)
{
    size_t max = (size_t)SIFT_MAX_FIELD_BYTES * 4;
    if (len > max) {
        len = utf8_floor(s, max);
    }
    char *p = arena_alloc(report_arena(f->r), len + 1);
    if (!p) {
        return NULL;
    }
    memcpy(p, s, len);
    size_t n = len;
    if (memchr(p, '&', n)) {
        n = decode_refs(p, n);
    }
    n = utf8_collapse_space(p, p, n);
    p[n] = '\0';
    return n ? p : NULL;
}

/* Offer a candidate: kept when better ranked than what slot holds. */
static void offer(found_t *f, cand_t *slot, const char *s, size_t len, int rank)
{
    if (!s || (slot->s && slot->rank <= rank)) {
        return;
    }
    const char *c = copy_clean(f, s, len);
    if (c) {
        slot->s = c;
        slot->rank = rank;
    }
}

static int ci_eq(const char *a, const char *b)
{
    return strcasecmp(a, b) == 0;
}

static int starts_ci(const char *s, const char *prefix)
{
    return strncasecmp(s, prefix, strlen(prefix)) == 0;
}

static int is_url(const char *s)
{
    return starts_ci(s, "http://") || starts_ci(s, "https://") || starts_ci(s, "//") ||
           starts_ci(s, "www.");
}

static const char *attr(xmlNode *n, const char *name)
{
    for (xmlAttr *a = n->properties; a; a = a->next) {
        if (a->children && a->children->content && xmlStrcasecmp(a->name, BAD_CAST name) == 0) {
            return (const char *)a->children->content;
        }
    }
    return NULL;
}

/* Is attribute name present, even without a value (<time pubdate>)? */
static int has_attr(xmlNode *n, const char *name)
{
    for (xmlAttr *a = n->properties; a; a = a->next) {
        if (xmlStrcasecmp(a->name, BAD_CAST name) == 0) {
            return 1;
        }
    }
    return 0;
}

/* Does the space-separated list tokens contain word (case-insensitive)? */
static int has_token(const char *tokens, const char *word)
{
    size_t wl = strlen(word);
    const char *p = tokens;
    while (p && *p) {
        while (*p == ' ' || *p == '\t' || *p == '\n') {
            p++;
        }
        size_t n = strcspn(p, " \t\n");
        if (n == wl && strncasecmp(p, word, wl) == 0) {
            return 1;
        }
        p += n;
    }
    return 0;
}

/* Does s contain needle, case-insensitive? */
static int contains_ci(const char *s, const char *needle)
{
    return s && strcasestr(s, needle) != NULL;
}

/* ---- <meta> ------------------------------------------------------------ */

typedef enum slot_id { SL_TITLE, SL_DESC, SL_AUTHOR, SL_DATE, SL_SITE, SL_URL, SL_LANG } slot_id_t;

/* Known meta names and properties with their rank within their slot.
 * Article-level OpenGraph and schema tags come before generic ones. */
static const struct meta_name {
    const char *name;
    slot_id_t slot;
    int rank;
} meta_names[] = {
    { "og:title", SL_TITLE, 1 },
    { "dc.title", SL_TITLE, 2 },
    { "dc:title", SL_TITLE, 2 },
    { "dcterms.title", SL_TITLE, 2 },
    { "twitter:title", SL_TITLE, 3 },
    { "parsely-title", SL_TITLE, 4 },
    { "sailthru.title", SL_TITLE, 4 },
    { "headline", SL_TITLE, 2 },
    { "og:description", SL_DESC, 1 },
    { "twitter:description", SL_DESC, 2 },
    { "description", SL_DESC, 3 },
    { "dc.description", SL_DESC, 3 },
    { "dc:description", SL_DESC, 3 },
    { "author", SL_AUTHOR, 1 },
    { "article:author", SL_AUTHOR, 1 },
    { "og:article:author", SL_AUTHOR, 1 },
    { "dc.creator", SL_AUTHOR, 2 },
    { "dc:creator", SL_AUTHOR, 2 },
    { "dcterms.creator", SL_AUTHOR, 2 },
    { "parsely-author", SL_AUTHOR, 3 },
    { "sailthru.author", SL_AUTHOR, 3 },
    { "byl", SL_AUTHOR, 3 },
    { "citation_author", SL_AUTHOR, 3 },
    { "article:published_time", SL_DATE, 1 },
    { "og:article:published_time", SL_DATE, 1 },
    { "og:published_time", SL_DATE, 1 },
    { "article:published", SL_DATE, 2 },
    { "datepublished", SL_DATE, 2 },
    { "parsely-pub-date", SL_DATE, 3 },
    { "sailthru.date", SL_DATE, 3 },
    { "dc.date.issued", SL_DATE, 4 },
    { "dcterms.issued", SL_DATE, 4 },
    { "dc.date", SL_DATE, 5 },
    { "dc:date", SL_DATE, 5 },
    { "dcterms.date", SL_DATE, 5 },
    { "dcterms.created", SL_DATE, 5 },
    { "citation_publication_date", SL_DATE, 5 },
    { "pubdate", SL_DATE, 6 },
    { "publishdate", SL_DATE, 6 },
    { "publish-date", SL_DATE, 6 },
    { "publish_date", SL_DATE, 6 },
    { "published-date", SL_DATE, 6 },
    { "article.published", SL_DATE, 6 },
    { "date", SL_DATE, 7 },
    { "og:site_name", SL_SITE, 1 },
    { "application-name", SL_SITE, 3 },
    { "og:url", SL_URL, 2 },
    { "content-language", SL_LANG, 2 },
};

static void on_meta_name(found_t *f, const char *name, const char *content)
{
    for (size_t i = 0; i < sizeof(meta_names) / sizeof(meta_names[0]); i++) {
        const struct meta_name *m = &meta_names[i];
        if (!ci_eq(name, m->name)) {
            continue;
        }
        size_t len = strlen(content);
        switch (m->slot) {
        case SL_TITLE:
            offer(f, &f->title, content, len, m->rank);
            break;
        case SL_DESC:
            offer(f, &f->desc, content, len, m->rank);
            break;
        case SL_AUTHOR:
            /* article:author is often a profile URL, not a name */
            if (!is_url(content)) {
                offer(f, &f->author_meta, content, len, m->rank);
            }
            break;
        case SL_DATE:
            offer(f, &f->date_meta, content, len, m->rank);
            break;
        case SL_SITE:
            if (!f->site.s || f->site.rank > m->rank) {
                offer(f, &f->site, content, len, m->rank);
                f->site_ev = m->name;
            }
            break;
        case SL_URL:
            offer(f, &f->url, content, len, m->rank);
            break;
        case SL_LANG:
            offer(f, &f->lang, content, len, m->rank);
            break;
        }
        return;
    }
}

/* <meta name|property|itemprop|http-equiv=... content=...>; property may
 * hold several space-separated names (RDFa). */
static void on_meta(found_t *f, xmlNode *n)
{
    const char *content = attr(n, "content");
    if (!content || !*content) {
        return;
    }
    static const char *const keys[] = { "property", "name", "itemprop", "http-equiv" };
    for (size_t k = 0; k < sizeof(keys) / sizeof(keys[0]); k++) {
        const char *v = attr(n, keys[k]);
        while (v && *v) {
            char name[64];
            while (*v == ' ' || *v == '\t' || *v == '\n') {
                v++;
            }
            size_t len = strcspn(v, " \t\n");
            if (len > 0 && len < sizeof(name)) {
                memcpy(name, v, len);
                name[len] = '\0';
                on_meta_name(f, name, content);
            }
            v += len;
        }
    }
}

/* ---- JSON-LD ------------------------------------------------------------- */

static const char *json_str(json_t *o, const char *key)
{
    json_t *v = json_object_get(o, key);
    if (json_is_array(v) && json_array_size(v) > 0) {
        v = json_array_get(v, 0);
    }
    return json_is_string(v) ? json_string_value(v) : NULL;
}

/* Is o a creative work whose fields describe this page's article? */
static int ld_type_rank(json_t *o)
{
    static const char *const article_types[] = { "NewsArticle",
                                                 "Article",
                                                 "BlogPosting",
                                                 "ReportageNewsArticle",
                                                 "AnalysisNewsArticle",
                                                 "OpinionNewsArticle",
                                                 "Report",
                                                 "ScholarlyArticle",
                                                 "TechArticle",
                                                 "LiveBlogPosting",
                                                 "SocialMediaPosting" };
    json_t *t = json_object_get(o, "@type");
    size_t n = json_is_array(t) ? json_array_size(t) : 1;
    int best = 9;
    for (size_t i = 0; i < n && i < 8; i++) {
        json_t *v = json_is_array(t) ? json_array_get(t, i) : t;
        if (!json_is_string(v)) {
            continue;
        }
        const char *s = json_string_value(v);
        for (size_t k = 0; k < sizeof(article_types) / sizeof(article_types[0]); k++) {
            if (strcmp(s, article_types[k]) == 0) {
                best = best < 1 ? best : 1;
            }
        }
        if (strcmp(s, "WebPage") == 0 || strcmp(s, "ItemPage") == 0) {
            best = best < 3 ? best : 3;
        }
    }
    return best;
}

/* Flatten a JSON-LD value into objs (top level, arrays, @graph). */
static void ld_collect(json_t *v, json_t **objs, size_t *n, int depth)
{
    if (depth > 4 || *n >= MAX_LD_OBJECTS) {
        return;
    }
    if (json_is_array(v)) {
        for (size_t i = 0; i < json_array_size(v); i++) {
            ld_collect(json_array_get(v, i), objs, n, depth + 1);
        }
    } else if (json_is_object(v)) {
        objs[(*n)++] = v;
        json_t *g = json_object_get(v, "@graph");
        if (g) {
            ld_collect(g, objs, n, depth + 1);
        }
    }
}

/* Follow {"@id": "..."} to the object of that id in objs, if any. */
static json_t *ld_resolve(json_t *v, json_t **objs, size_t n)
{
    const char *id = json_is_object(v) ? json_str(v, "@id") : NULL;
    if (!id || json_object_get(v, "name")) {
        return v;
    }
    for (size_t i = 0; i < n; i++) {
        const char *other = json_str(objs[i], "@id");
        if (objs[i] != v && other && strcmp(other, id) == 0) {
            return objs[i];
        }
    }
    return v;
}

static void ld_authors(found_t *f, json_t *a, json_t **objs, size_t n, int rank)
{
    char buf[1024];
    size_t len = 0;
    size_t count = json_is_array(a) ? json_array_size(a) : 1;
    for (size_t i = 0; i < count && i < 16; i++) {
        json_t *v = json_is_array(a) ? json_array_get(a, i) : a;
        v = ld_resolve(v, objs, n);
        const char *name = json_is_string(v) ? json_string_value(v) : json_str(v, "name");
        if (!name || !*name || is_url(name)) {
            continue;
        }
        size_t nl = strlen(name);
        if (len + nl + 2 >= sizeof(buf)) {
            break;
        }
        if (len) {
            buf[len++] = ',';
            buf[len++] = ' ';
        }
        memcpy(buf + len, name, nl + 1);
        len += nl;
    }
    if (len) {
        offer(f, &f->author_ld, buf, len, rank);
    }
}

static void ld_object(found_t *f, json_t *o, json_t **objs, size_t n)
{
    int rank = ld_type_rank(o);
    const char *s;
    if (rank < 9) {
        if ((s = json_str(o, "headline")) != NULL && rank == 1) {
            offer(f, &f->title_ld, s, strlen(s), rank);
        }
        json_t *a = json_object_get(o, "author");
        if (!a) {
            a = json_object_get(o, "creator");
        }
        if (a) {
            ld_authors(f, a, objs, n, rank);
        }
        if ((s = json_str(o, "url")) != NULL && rank == 1 && !starts_ci(s, "/")) {
            offer(f, &f->url, s, strlen(s), 3);
        }
    }
    if ((s = json_str(o, "datePublished")) != NULL || (s = json_str(o, "dateCreated")) != NULL) {
        offer(f, &f->date_ld, s, strlen(s), rank);
    }
    json_t *pub = ld_resolve(json_object_get(o, "publisher"), objs, n);
    if (rank < 9 && json_is_object(pub) && (s = json_str(pub, "name")) != NULL) {
        if (!f->site.s || f->site.rank > 2) {
            offer(f, &f->site, s, strlen(s), 2);
            f->site_ev = "json-ld publisher";
        }
    }
}

static void on_ld_script(found_t *f, xmlNode *n)
{
    if (f->n_ld_seen >= MAX_LD_SCRIPTS) {
        return;
    }
    f->n_ld_seen++;
    xmlChar *text = xmlNodeGetContent(n);
    if (!text) {
        return;
    }
    const char *s = (const char *)text;
    size_t len = strlen(s);
    /* some pages wrap the JSON in an HTML comment or CDATA marker */
    const char *cdata = strstr(s, "<![CDATA[");
    if (cdata && (size_t)(cdata - s) < 64) {
        len -= (size_t)(cdata + 9 - s);
        s = cdata + 9;
    }
    while (len && *s != '{' && *s != '[') {
        s++;
        len--;
    }
    json_error_t jerr;
    json_t *root = len ? json_loadb(s, len, JSON_DISABLE_EOF_CHECK, &jerr) : NULL;
    xmlFree(text);
    if (!root) {
        return; /* bad JSON-LD is common: ignore it, keep the rest */
    }
    json_t *objs[MAX_LD_OBJECTS];
    size_t n_objs = 0;
    ld_collect(root, objs, &n_objs, 0);
    for (size_t i = 0; i < n_objs; i++) {
        ld_object(f, objs[i], objs, n_objs);
    }
    json_decref(root);
}

/* ---- the walk --------------------------------------------------------------- */

/* Nodes visited to gather one element's text: a byline or headline has
 * a few dozen; the cap keeps nested "author" boxes from costing
 * quadratic time on a hostile page. */
#define TEXT_NODE_BUDGET 4096

/* The text under n into out (cap bytes and a NUL), without script or
 * style. Returns its length, or SIZE_MAX when longer than cap or when
 * the subtree is too large to look at. */
static size_t bounded_text(xmlNode *n, char *out, size_t cap)
{
    size_t len = 0;
    int budget = TEXT_NODE_BUDGET;
    xmlNode *c = n->children;
    while (c && c != n) {
        if (--budget < 0) {
            return SIZE_MAX;
        }
        if ((c->type == XML_TEXT_NODE || c->type == XML_CDATA_SECTION_NODE) && c->content) {
            size_t tl = strlen((const char *)c->content);
            if (tl > cap - len) {
                return SIZE_MAX;
            }
            memcpy(out + len, c->content, tl);
            len += tl;
        }
        int is_skipped = c->type == XML_ELEMENT_NODE && (ci_eq((const char *)c->name, "script") ||
                                                         ci_eq((const char *)c->name, "style"));
        if (c->type == XML_ELEMENT_NODE && c->children && !is_skipped) {
            c = c->children;
            continue;
        }
        while (c && c != n && !c->next) {
            c = c->parent;
        }
        if (c && c != n) {
            c = c->next;
        }
    }
    out[len] = '\0';
    return len;
}

static void text_of(found_t *f, xmlNode *n, cand_t *slot, int rank)
{
    char buf[SIFT_MAX_FIELD_BYTES + 1];
    size_t len = bounded_text(n, buf, SIFT_MAX_FIELD_BYTES);
    if (len != SIZE_MAX) {
        offer(f, slot, buf, len, rank);
    }
}

/* The first descendant (or n itself) with itemprop=name, else n. */
static xmlNode *itemprop_name(xmlNode *n, int depth)
{
    for (xmlNode *c = n->children; c && depth < 8; c = c->next) {
        if (c->type != XML_ELEMENT_NODE) {
            continue;
        }
        const char *ip = attr(c, "itemprop");
        if (ip && has_token(ip, "name")) {
            return c;
        }
        xmlNode *found = itemprop_name(c, depth + 1);
        if (found != c) {
            return found;
        }
    }
    return n;
}

/* Does href point at an author's page (/author/x, /writer/x, ...)? */
static int is_author_href(const char *href)
{
    static const char *const parts[] = { "/author",     "/writer",  "/staff/", "/people/",
                                         "/journalist", "/profile", "/by/",    "/auteur" };
    for (size_t i = 0; i < sizeof(parts) / sizeof(parts[0]); i++) {
        if (contains_ci(href, parts[i])) {
            return 1;
        }
    }
    return 0;
}

static void author_links(xmlNode *n, xmlNode **out, int *n_out, int depth, int *budget)
{
    for (xmlNode *c = n->children; c && *n_out < 4 && depth < 8 && --*budget > 0; c = c->next) {
        if (c->type != XML_ELEMENT_NODE) {
            continue;
        }
        const char *href = attr(c, "href");
        if (ci_eq((const char *)c->name, "a") && href && is_author_href(href)) {
            out[(*n_out)++] = c;
        } else {
            author_links(c, out, n_out, depth + 1, budget);
        }
    }
}

/* In a byline element, links to author pages are the names; the rest
 * ("Games Editor", a date, "Follow") is not. Returns 1 when taken. */
static int byline_links(found_t *f, xmlNode *n, int rank)
{
    xmlNode *links[4];
    int n_links = 0;
    int budget = TEXT_NODE_BUDGET;
    author_links(n, links, &n_links, 0, &budget);
    char buf[512];
    size_t len = 0;
    for (int i = 0; i < n_links; i++) {
        char t[256];
        size_t tl = bounded_text(links[i], t, sizeof(t) - 1);
        if (tl == SIZE_MAX) {
            continue;
        }
        const char *c = copy_clean(f, t, tl);
        size_t cl = c ? strlen(c) : 0;
        if (cl < 2 || cl > 80 || len + cl + 3 >= sizeof(buf)) {
            continue;
        }
        if (len) {
            buf[len++] = ',';
            buf[len++] = ' ';
        }
        memcpy(buf + len, c, cl + 1);
        len += cl;
    }
    if (len == 0) {
        return 0;
    }
    offer(f, &f->author_dom, buf, len, rank);
    return 1;
}

/* Byline elements: rel=author, itemprop=author, then class or id naming
 * a byline or an author. Short texts only: a long one is an author bio. */
static void on_byline_candidate(found_t *f, xmlNode *n)
{
    const char *rel = attr(n, "rel");
    const char *ip = attr(n, "itemprop");
    const char *cls = attr(n, "class");
    const char *id = attr(n, "id");
    int rank = 9;
    if ((ip && has_token(ip, "author")) || (rel && has_token(rel, "author"))) {
        rank = 1;
        if (ip) {
            n = itemprop_name(n, 0);
        }
    } else if (contains_ci(cls, "byline") || contains_ci(id, "byline")) {
        rank = 2;
    } else if ((contains_ci(cls, "author") || contains_ci(id, "author")) &&
               !contains_ci(cls, "authority") && !contains_ci(id, "authority")) {
        rank = 3;
    }
    if (rank == 9 || (f->author_dom.s && f->author_dom.rank <= rank)) {
        return;
    }
    if (rank > 1 && byline_links(f, n, rank)) {
        return;
    }
    char t[301];
    size_t len = bounded_text(n, t, sizeof(t) - 1);
    if (len != SIZE_MAX) {
        const char *c = copy_clean(f, t, len);
        if (c && strlen(c) >= 3 && strlen(c) <= 100) {
            f->author_dom.s = c;
            f->author_dom.rank = rank;
        }
    }
}

static void on_time(found_t *f, xmlNode *n)
{
    const char *dt = attr(n, "datetime");
    const char *ip = attr(n, "itemprop");
    int is_marked = has_attr(n, "pubdate") || (ip && has_token(ip, "datePublished"));
    if (!dt) {
        return;
    }
    if (is_marked && !f->is_time_marked) {
        f->date_time.s = NULL;
    }
    if (!f->date_time.s) {
        offer(f, &f->date_time, dt, strlen(dt), 1);
        f->is_time_marked = is_marked;
    }
}

static void visit(found_t *f, xmlNode *n, int is_in_comments)
{
    const char *name = (const char *)n->name;
    if (ci_eq(name, "meta")) {
        on_meta(f, n);
        return;
    }
    if (ci_eq(name, "title")) {
        if (!f->title_tag.s) {
            text_of(f, n, &f->title_tag, 1);
        }
        return;
    }
    if (ci_eq(name, "script")) {
        const char *type = attr(n, "type");
        if (type && ci_eq(type, "application/ld+json")) {
            on_ld_script(f, n);
        }
        return;
    }
    if (ci_eq(name, "html")) {
        const char *l = attr(n, "lang");
        if (!l) {
            l = attr(n, "xml:lang");
        }
        if (l) {
            offer(f, &f->lang, l, strlen(l), 1);
        }
    } else if (ci_eq(name, "link")) {
        const char *rel = attr(n, "rel");
        const char *href = attr(n, "href");
        if (rel && href && has_token(rel, "canonical")) {
            offer(f, &f->url, href, strlen(href), 1);
        }
    } else if (ci_eq(name, "h1")) {
        if (f->n_h1 < MAX_H1) {
            text_of(f, n, &f->h1[f->n_h1], 1);
            f->n_h1 += f->h1[f->n_h1].s != NULL;
        }
    } else if (ci_eq(name, "time")) {
        on_time(f, n);
    }
    const char *ip = attr(n, "itemprop");
    if (ip && has_token(ip, "datePublished") && !ci_eq(name, "time")) {
        const char *v = attr(n, "content");
        if (!v) {
            v = attr(n, "datetime");
        }
        if (v) {
            offer(f, &f->date_meta, v, strlen(v), 2);
        }
    }
    if (!is_in_comments) {
        on_byline_candidate(f, n);
    }
}

/* Forms and comment threads hold "author" fields and commenters' names,
 * never the article's byline. */
static int is_byline_free(xmlNode *n)
{
    const char *name = (const char *)n->name;
    const char *cls = attr(n, "class");
    const char *id = attr(n, "id");
    return ci_eq(name, "form") || ci_eq(name, "label") || ci_eq(name, "input") ||
           ci_eq(name, "textarea") || contains_ci(cls, "comment") || contains_ci(id, "comment");
}

static void walk(found_t *f, xmlNode *n, int depth, int is_in_comments)
{
    for (xmlNode *c = n; c; c = c->next) {
        if (c->type != XML_ELEMENT_NODE) {
            continue;
        }
        int is_skip = is_in_comments || is_byline_free(c);
        visit(f, c, is_skip);
        if (depth < SIFT_MAX_HTML_DEPTH && !ci_eq((const char *)c->name, "script") &&
            !ci_eq((const char *)c->name, "style")) {
            walk(f, c->children, depth + 1, is_skip);
        }
    }
}

/* ---- choosing ----------------------------------------------------------------- */

/* Lower-case letters and digits of s (ASCII; other bytes kept) into out:
 * "The Guardian" and "theguardian" compare equal. */
static size_t squash(char *out, size_t out_len, const char *s, size_t len)
{
    size_t k = 0;
    for (size_t i = 0; i < len && k + 1 < out_len; i++) {
        unsigned char c = (unsigned char)s[i];
        if (c >= 'A' && c <= 'Z') {
            out[k++] = (char)(c - 'A' + 'a');
        } else if ((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c >= 0x80) {
            out[k++] = (char)c;
        }
    }
    out[k] = '\0';
    return k;
}

/* Does segment s name the site (its name or its domain label) or the
 * author? A site name may be shortened ("Guardian" for "The Guardian")
 * or lengthened ("BBC News" for bbc); an author must match exactly. */
static int names_site(const char *s, size_t len, const char *const names[3])
{
    char a[256], b[256];
    size_t na = squash(a, sizeof(a), s, len);
    if (na < 2) {
        return 0;
    }
    for (int i = 0; i < 3; i++) {
        if (!names[i] || !names[i][0]) {
            continue;
        }
        size_t nb = squash(b, sizeof(b), names[i], strlen(names[i]));
        if (nb < 2) {
            continue;
        }
        if (strcmp(a, b) == 0) {
            return 1;
        }
        if (i < 2 && ((na >= 3 && strstr(b, a)) || (nb >= 3 && na <= 2 * nb && strstr(a, b)))) {
            return 1;
        }
    }
    return 0;
}

static size_t count_words(const char *s, size_t len)
{
    size_t n = 0;
    int in = 0;
    for (size_t i = 0; i < len; i++) {
        int sp = s[i] == ' ';
        n += !sp && !in;
        in = !sp;
    }
    return n;
}

/* Separators between a headline and a site name in <title>. */
static size_t sep_at(const char *s, size_t i, size_t len)
{
    static const char *const seps[] = { " | ",
                                        " - ",
                                        " \xe2\x80\x93 ",
                                        " \xe2\x80\x94 ",
                                        " :: ",
                                        " \xc2\xb7 ",
                                        " \xe2\x80\xa2 ",
                                        " \xc2\xbb ",
                                        " \xc2\xab ",
                                        " / ",
                                        " _ ",
                                        " ~ " };
    for (size_t k = 0; k < sizeof(seps) / sizeof(seps[0]); k++) {
        size_t n = strlen(seps[k]);
        if (i + n <= len && memcmp(s + i, seps[k], n) == 0) {
            return n;
        }
    }
    /* "标题_频道_网站": CJK titles join parts with a bare underscore */
    if (s[i] == '_' && i > 0 && (unsigned char)s[i - 1] >= 0x80 && i + 1 < len &&
        (unsigned char)s[i + 1] >= 0x80) {
        return 1;
    }
    return 0;
}

enum { MAX_SEGS = 8 };

/* Remove site-name parts from a title: split at separators; drop end
 * parts that name the site or domain; if parts remain, and the last is
 * much shorter than the rest, drop it too (a section or site name). */
static void strip_site(const char *t, size_t len, const char *const names[3], size_t *out_from,
                       size_t *out_to)
{
    size_t seg_from[MAX_SEGS], seg_to[MAX_SEGS];
    size_t n = 0, from = 0;
    for (size_t i = 0; i < len && n + 1 < MAX_SEGS; i++) {
        size_t sl = sep_at(t, i, len);
        if (sl) {
            seg_from[n] = from;
            seg_to[n++] = i;
            from = i + sl;
            i += sl - 1;
        }
    }
    seg_from[n] = from;
    seg_to[n++] = len;
    size_t a = 0, b = n; /* kept segments [a, b) */
    while (b - a > 1 && names_site(t + seg_from[b - 1], seg_to[b - 1] - seg_from[b - 1], names)) {
        b--;
    }
    while (b - a > 1 && names_site(t + seg_from[a], seg_to[a] - seg_from[a], names)) {
        a++;
    }
    if (b - a > 1) {
        size_t last = seg_to[b - 1] - seg_from[b - 1];
        size_t rest = seg_to[b - 2] - seg_from[a];
        /* A trailing part a third as long as the headline, of at most
         * three words, is a site or section name in practice; a short
         * headline (under four words) keeps it, as it may be a subtitle. */
        if (last * 3 <= rest && count_words(t + seg_from[b - 1], last) <= 3 &&
            count_words(t + seg_from[a], rest) >= 4) {
            b--;
        }
    }
    *out_from = seg_from[a];
    *out_to = seg_to[b - 1];
}

/* The domain label of url ("theguardian" for www.theguardian.com). */
static void domain_label(char *out, size_t out_len, const char *url)
{
    out[0] = '\0';
    if (url && meta_url_domain(out, out_len, url)) {
        out[strcspn(out, ".")] = '\0';
    }
}

static int ci_same(const char *a, const char *b, size_t b_len)
{
    return strlen(a) == b_len && strncasecmp(a, b, b_len) == 0;
}

/* The headline: <title> less its site name, or the <h1> it contains,
 * when an <h1> agrees with it (the page's printed headline); else the
 * article-level title (JSON-LD headline, og:title, ...), else <title>. */
static int choose_title(found_t *f, const char *label)
{
    sift_report_t *r = f->r;
    const char *author = f->author_ld.s     ? f->author_ld.s
                         : f->author_meta.s ? f->author_meta.s
                                            : f->author_dom.s;
    const char *const names[3] = { f->site.s, label, author };
    const char *t = f->title_tag.s;
    const char *tt = NULL; /* from <title> */
    size_t tt_len = 0;
    int is_agreed = 0;
    if (t) {
        size_t tl = strlen(t);
        for (int i = 0; i < f->n_h1 && !tt; i++) {
            size_t hl = strlen(f->h1[i].s);
            if (hl * 2 >= tl && hl <= tl && strstr(t, f->h1[i].s)) {
                tt = f->h1[i].s;
                tt_len = hl;
                is_agreed = 1;
            }
        }
        if (!tt) {
            size_t a, b;
            strip_site(t, tl, names, &a, &b);
            tt = t + a;
            tt_len = b - a;
            for (int i = 0; i < f->n_h1; i++) {
                is_agreed |= ci_same(f->h1[i].s, tt, tt_len);
            }
        }
    }
    const char *art = f->title_ld.s ? f->title_ld.s : f->title.s;
    if (art && !is_agreed) {
        size_t a, b;
        strip_site(art, strlen(art), names, &a, &b);
        return report_set(r, &r->title, art + a, b - a);
    }
    if (tt) {
        return report_set(r, &r->title, tt, tt_len);
    }
    return f->n_h1 ? report_set_str(r, &r->title, f->h1[0].s) : 0;
}

/* Words that introduce a byline ("By Jane Doe", "Par ...", "Von ..."). */
static size_t byline_prefix(const char *s)
{
    static const char *const pre[] = { "written by", "posted by", "by",   "par",
                                       "por",        "von",       "door", "av" };
    for (size_t i = 0; i < sizeof(pre) / sizeof(pre[0]); i++) {
        size_t n = strlen(pre[i]);
        if (strncasecmp(s, pre[i], n) == 0 && (s[n] == ' ' || s[n] == ':')) {
            while (s[n] == ' ' || s[n] == ':') {
                n++;
            }
            return n;
        }
    }
    return 0;
}

/* Where the names of a byline end: before a date ("March 25, 2015",
 * a digit), an "Updated"/"Published" note or a separator. */
static size_t names_end(const char *s, size_t len)
{
    static const char *const stops[] = { "January",       "February",  "March",    "April",
                                         "May",           "June",      "July",     "August",
                                         "September",     "October",   "November", "December",
                                         "Updated",       "Published", " | ",      " \xe2\x80\x94 ",
                                         " \xe2\x80\xa2 " };
    for (size_t i = 0; i < sizeof(stops) / sizeof(stops[0]); i++) {
        const char *m = strstr(s, stops[i]);
        if (!m || (size_t)(m - s) >= len) {
            continue;
        }
        size_t n = strlen(stops[i]);
        /* a month name counts only when a day number follows it */
        if (i < 12 && !(m[n] == ' ' && m[n + 1] >= '0' && m[n + 1] <= '9')) {
            continue;
        }
        len = (size_t)(m - s);
    }
    for (size_t i = 0; i < len; i++) {
        if (s[i] >= '0' && s[i] <= '9') {
            len = i;
            break;
        }
    }
    while (len && (s[len - 1] == ' ' || s[len - 1] == ',' || s[len - 1] == '|' ||
                   s[len - 1] == '-' || s[len - 1] == ':')) {
        len--;
    }
    return len;
}

/* Clean a byline candidate: drop "By", cut what follows the names,
 * refuse what does not look like names. */
static int set_byline(sift_report_t *r, const char *s)
{
    s += byline_prefix(s);
    size_t full = strlen(s);
    size_t len = names_end(s, full);
    /* a single word left by a cut ("Last Updated: ...") is not a name */
    if (len < full && count_words(s, len) < 2) {
        return 0;
    }
    if (len < 2 || len > 200 || count_words(s, len) > 16 || is_url(s)) {
        return 0;
    }
    return report_set(r, &r->byline, s, len);
}

static int choose_byline(found_t *f)
{
    const cand_t *order[] = { &f->author_ld, &f->author_meta, &f->author_dom };
    for (size_t i = 0; i < 3; i++) {
        if (order[i]->s) {
            int rc = set_byline(f->r, order[i]->s);
            if (rc || f->r->byline[0]) {
                return rc;
            }
        }
    }
    return 0;
}

/* JSON-LD of the article (or its page), then meta tags, then a marked
 * <time>; the date of some other JSON-LD object (an embedded video, an
 * event) and an unmarked <time> only when nothing better is there. */
static int choose_date(found_t *f)
{
    sift_report_t *r = f->r;
    int is_ld_article = f->date_ld.s && f->date_ld.rank < 9;
    int is_time_marked = f->is_time_marked;
    const struct {
        const cand_t *c;
        int is_usable;
        sift_date_src_t src;
        int is_certain;
    } order[] = { { &f->date_ld, is_ld_article, SIFT_DATE_JSONLD, 1 },
                  { &f->date_meta, 1, SIFT_DATE_META, 1 },
                  { &f->date_time, is_time_marked, SIFT_DATE_TIME, 1 },
                  { &f->date_ld, !is_ld_article, SIFT_DATE_JSONLD, 1 },
                  { &f->date_time, !is_time_marked, SIFT_DATE_TIME, 0 } };
    for (size_t i = 0; i < sizeof(order) / sizeof(order[0]); i++) {
        char d[META_DATE_MAX];
        const char *s = order[i].c->s;
        if (s && order[i].is_usable && date_to_iso(d, sizeof(d), s, strlen(s))) {
            int rc = report_set_str(r, &r->date, d);
            if (rc == 0) {
                rc = report_set_str(r, &r->date_evidence, s);
            }
            r->date_src = order[i].src;
            r->is_date_certain = order[i].is_certain;
            return rc;
        }
    }
    return 0;
}

/* The description is a subtitle when it reads as a standfirst: one or
 * two full sentences, not a cut-off teaser, not the title again. */
static int choose_subtitle(found_t *f)
{
    sift_report_t *r = f->r;
    const char *d = f->desc.s;
    if (!d) {
        return 0;
    }
    size_t len = strlen(d);
    const char *ell = "\xe2\x80\xa6";
    int is_cut = (len >= 3 && (strcmp(d + len - 3, "...") == 0 || strcmp(d + len - 3, ell) == 0));
    if (len < 40 || len > 320 || is_cut || (r->title[0] && strstr(d, r->title)) ||
        count_words(d, len) < 7) {
        return 0;
    }
    return report_set(r, &r->subtitle, d, len);
}

static int choose_lang(found_t *f)
{
    const char *l = f->lang.s;
    if (!l) {
        return 0;
    }
    size_t n = 0;
    while ((l[n] >= 'a' && l[n] <= 'z') || (l[n] >= 'A' && l[n] <= 'Z')) {
        n++;
    }
    if (n != 2 || (l[n] != '\0' && l[n] != '-' && l[n] != '_')) {
        return 0;
    }
    char code[3] = { (char)(l[0] | 0x20), (char)(l[1] | 0x20), '\0' };
    return report_set_str(f->r, &f->r->lang, code);
}

int html_meta_read(htmlDocPtr doc, sift_report_t *r, sift_err_t *err)
{
    (void)err;
    found_t f;
    memset(&f, 0, sizeof(f));
    f.r = r;
    walk(&f, xmlDocGetRootElement(doc), 0, 0);

    int rc = 0;
    if (!r->url[0] && f.url.s &&
        (starts_ci(f.url.s, "http://") || starts_ci(f.url.s, "https://"))) {
        rc = report_set_str(r, &r->url, f.url.s);
    }
    char label[256];
    domain_label(label, sizeof(label), r->url[0] ? r->url : f.url.s);
    if (rc == 0 && !r->title[0]) {
        rc = choose_title(&f, label);
    }
    if (rc == 0 && !r->subtitle[0]) {
        rc = choose_subtitle(&f);
    }
    if (rc == 0 && !r->byline[0]) {
        rc = choose_byline(&f);
    }
    if (rc == 0 && !r->date[0]) {
        rc = choose_date(&f);
    }
    if (rc == 0 && !r->outlet[0] && f.site.s && !is_url(f.site.s)) {
        rc = report_set_str(r, &r->outlet, f.site.s);
        if (rc == 0) {
            rc = report_set_str(r, &r->outlet_evidence, f.site_ev);
        }
    }
    if (rc == 0 && !r->lang[0]) {
        rc = choose_lang(&f);
    }
    return rc;
}
