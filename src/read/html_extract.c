/* read/html_extract.c: find the main article of a parsed HTML page and
 * turn it into report blocks, setting page furniture found inside it aside
 * as clutter. A general method, no per-site rules: see
 * docs/internals/html-extraction.md for the scoring and why.
 *
 * Three passes over the document, all iterative (no recursion, so a page
 * nested 100,000 deep costs no stack) and linear:
 *   1. index: one record per block element up to ctx->max_html_depth, with
 *      text, link-text and comma counts summed bottom-up once (deeper
 *      elements count as text of their ancestor at the cap);
 *   2. score: each paragraph-like run of text gives points to its
 *      container and the container's ancestors; class/id names and tags
 *      add or take away; link density scales the result; the best
 *      container and its good siblings form the article;
 *   3. emit: walk the article, one block per paragraph, heading, quote or
 *      list item; navigation, share bars, captions and link lists inside
 *      it go to the report's clutter with the reason. */
#include <math.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "html_int.h"
#include "util/buf.h"
#include "util/err.h"
#include "util/limits.h"
#include "util/report.h"

/* ---- tags ----------------------------------------------------------- */

enum {
    T_INLINE = 0, /* span, b, em, ... and unknown elements: part of a paragraph */
    T_A,
    T_BR,
    T_IMG,
    T_EMBED, /* iframe, video, object: skipped, but counted */
    T_SKIP,  /* script, style, ...: never text */
    T_BLOCK, /* any other block element */
    T_P,
    T_DIV,
    T_SECTION,
    T_ARTICLE,
    T_MAIN,
    T_BODY,
    T_H1,
    T_H2, /* h2..h6 */
    T_BLOCKQUOTE,
    T_LI,
    T_DT,
    T_LIST, /* ul, ol, dl */
    T_PRE,
    T_TD,
    T_TABLE,
    T_FIGURE,
    T_FIGCAPTION,
    T_FORM,
    T_NAV,
    T_ASIDE,
    T_FOOTER,
    T_HEADER,
    T_ADDRESS,
    T_HTML
};

typedef struct tag_name {
    const char *name;
    unsigned char tag;
} tag_name_t;

/* Sorted by name for bsearch. */
static const tag_name_t tag_names[] = {
    { "a", T_A },
    { "address", T_ADDRESS },
    { "applet", T_EMBED },
    { "article", T_ARTICLE },
    { "aside", T_ASIDE },
    { "audio", T_EMBED },
    { "blockquote", T_BLOCKQUOTE },
    { "body", T_BODY },
    { "br", T_BR },
    { "button", T_SKIP },
    { "canvas", T_SKIP },
    { "caption", T_BLOCK },
    { "center", T_DIV },
    { "datalist", T_SKIP },
    { "dd", T_DT },
    { "details", T_BLOCK },
    { "dialog", T_SKIP },
    { "div", T_DIV },
    { "dl", T_LIST },
    { "dt", T_DT },
    { "embed", T_EMBED },
    { "fieldset", T_BLOCK },
    { "figcaption", T_FIGCAPTION },
    { "figure", T_FIGURE },
    { "footer", T_FOOTER },
    { "form", T_FORM },
    { "frame", T_SKIP },
    { "frameset", T_SKIP },
    { "h1", T_H1 },
    { "h2", T_H2 },
    { "h3", T_H2 },
    { "h4", T_H2 },
    { "h5", T_H2 },
    { "h6", T_H2 },
    { "head", T_SKIP },
    { "header", T_HEADER },
    { "hgroup", T_BLOCK },
    { "hr", T_BLOCK },
    { "html", T_HTML },
    { "iframe", T_EMBED },
    { "img", T_IMG },
    { "input", T_SKIP },
    { "li", T_LI },
    { "link", T_SKIP },
    { "main", T_MAIN },
    { "map", T_SKIP },
    { "math", T_SKIP },
    { "menu", T_NAV },
    { "meta", T_SKIP },
    { "nav", T_NAV },
    { "noscript", T_SKIP },
    { "object", T_EMBED },
    { "ol", T_LIST },
    { "optgroup", T_SKIP },
    { "option", T_SKIP },
    { "p", T_P },
    { "picture", T_IMG },
    { "pre", T_PRE },
    { "script", T_SKIP },
    { "section", T_SECTION },
    { "select", T_SKIP },
    { "source", T_SKIP },
    { "style", T_SKIP },
    { "summary", T_BLOCK },
    { "svg", T_SKIP },
    { "table", T_TABLE },
    { "tbody", T_BLOCK },
    { "td", T_TD },
    { "template", T_SKIP },
    { "textarea", T_SKIP },
    { "tfoot", T_BLOCK },
    { "th", T_TD },
    { "thead", T_BLOCK },
    { "title", T_SKIP },
    { "tr", T_BLOCK },
    { "ul", T_LIST },
    { "video", T_EMBED },
};

static int cmp_tag(const void *key, const void *elem)
{
    return strcmp(key, ((const tag_name_t *)elem)->name);
}

static int tag_of(const xmlNode *n)
{
    /* libxml2's HTML parser gives element names in lower case. */
    const tag_name_t *t = bsearch(n->name, tag_names, sizeof(tag_names) / sizeof(tag_names[0]),
                                  sizeof(tag_names[0]), cmp_tag);
    return t ? t->tag : T_INLINE;
}

static int is_block_tag(int tag)
{
    return tag >= T_BLOCK;
}

/* ---- class and id names ----------------------------------------------- */

/* How a word must appear in a lower-cased class or id value. */
enum { M_SUB, M_TOKEN, M_PREFIX };

typedef struct name_word {
    const char *word;
    unsigned char match;
    const char *reason; /* clutter reason; NULL for positive words */
} name_word_t;

/* Names that mark the article. Substring matches, as short words like
 * "text" and "post" are usually parts of longer names (bodytext). */
static const name_word_t positive_words[] = {
    { "article", M_SUB, NULL },
    { "content", M_SUB, NULL },
    { "entry", M_SUB, NULL },
    { "story", M_SUB, NULL },
    { "body", M_SUB, NULL },
    { "main", M_PREFIX, NULL },
    { "post", M_PREFIX, NULL },
    { "text", M_PREFIX, NULL },
    { "blog", M_PREFIX, NULL },
    { "prose", M_SUB, NULL },
    /* embedded posts and videos are part of the story ("social-embed") */
    { "embed", M_SUB, NULL },
};

/* Names that mark page furniture, with the reason it is set aside. Short
 * words must be whole tokens ("ad" must not hit "head" or "shadow"). */
static const name_word_t negative_words[] = {
    { "comment", M_SUB, "comments" },
    { "disqus", M_SUB, "comments" },
    { "repl", M_PREFIX, "comments" },
    { "share", M_SUB, "share" },
    { "sharing", M_SUB, "share" },
    { "social", M_SUB, "share" },
    { "related", M_SUB, "related" },
    { "recommend", M_SUB, "related" },
    { "trending", M_SUB, "related" },
    { "popular", M_SUB, "related" },
    { "outbrain", M_SUB, "related" },
    { "taboola", M_SUB, "related" },
    { "readmore", M_SUB, "related" },
    { "more", M_TOKEN, "related" },
    { "promo", M_SUB, "ad" },
    { "sponsor", M_SUB, "ad" },
    { "advert", M_SUB, "ad" },
    { "ad", M_TOKEN, "ad" },
    { "ads", M_TOKEN, "ad" },
    { "banner", M_SUB, "ad" },
    { "dfp", M_TOKEN, "ad" },
    { "subscri", M_SUB, "subscribe" },
    { "newsletter", M_SUB, "subscribe" },
    { "signup", M_SUB, "subscribe" },
    { "nav", M_PREFIX, "nav" },
    { "menu", M_SUB, "nav" },
    { "breadcrumb", M_SUB, "nav" },
    { "pagination", M_SUB, "nav" },
    { "pager", M_SUB, "nav" },
    { "skip", M_TOKEN, "nav" },
    { "sidebar", M_SUB, "sidebar" },
    { "rail", M_TOKEN, "sidebar" },
    { "widget", M_SUB, "sidebar" },
    { "footer", M_SUB, "footer" },
    { "foot", M_TOKEN, "footer" },
    { "copyright", M_SUB, "footer" },
    { "masthead", M_SUB, "header" },
    { "header", M_SUB, "header" },
    { "cookie", M_SUB, "popup" },
    { "consent", M_SUB, "popup" },
    { "gdpr", M_SUB, "popup" },
    { "popup", M_SUB, "popup" },
    { "modal", M_SUB, "popup" },
    { "overlay", M_SUB, "popup" },
    { "caption", M_SUB, "caption" },
    { "credit", M_SUB, "credit" },
    { "byline", M_SUB, "byline" },
    { "author", M_SUB, "byline" },
    { "tags", M_TOKEN, "tags" },
    { "tag", M_TOKEN, "tags" },
    { "hidden", M_SUB, "hidden" },
    { "print", M_TOKEN, "hidden" },
    { "toolbar", M_SUB, "share" },
    { "tools", M_TOKEN, "share" },
    { "login", M_SUB, "subscribe" },
};

/* Does word occur in s (lower case, len bytes) in the way it asks? */
static int name_has(const char *s, size_t len, const name_word_t *w)
{
    size_t wl = strlen(w->word);
    for (size_t i = 0; i + wl <= len; i++) {
        if (memcmp(s + i, w->word, wl) != 0) {
            continue;
        }
        if (w->match == M_SUB) {
            return 1;
        }
        int starts = i == 0 || !((s[i - 1] >= 'a' && s[i - 1] <= 'z'));
        int ends = i + wl == len || !(s[i + wl] >= 'a' && s[i + wl] <= 'z');
        if (starts && (ends || w->match == M_PREFIX)) {
            return 1;
        }
    }
    return 0;
}

typedef struct name_score {
    int weight;         /* +1 per positive name, -1 per negative (class and id) */
    int is_negative;    /* some negative word, no positive one */
    const char *reason; /* reason of the first negative word */
} name_score_t;

/* Lower-case a class or id value, splitting camelCase into tokens so that
 * "shareTools" has the token "share". */
static size_t name_fold(char *out, size_t cap, const char *s)
{
    size_t n = 0;
    for (size_t i = 0; s[i] && n + 2 < cap; i++) {
        char c = s[i];
        if (c >= 'A' && c <= 'Z') {
            if (i > 0 && s[i - 1] >= 'a' && s[i - 1] <= 'z') {
                out[n++] = ' ';
            }
            c = (char)(c - 'A' + 'a');
        }
        out[n++] = c;
    }
    out[n] = '\0';
    return n;
}

static void name_score_value(name_score_t *ns, const char *value)
{
    char low[512];
    size_t n = name_fold(low, sizeof(low), value);
    if (n == 0) {
        return;
    }
    int pos = 0;
    const char *reason = NULL;
    for (size_t i = 0; i < sizeof(positive_words) / sizeof(positive_words[0]); i++) {
        if (name_has(low, n, &positive_words[i])) {
            pos = 1;
            break;
        }
    }
    for (size_t i = 0; i < sizeof(negative_words) / sizeof(negative_words[0]); i++) {
        if (name_has(low, n, &negative_words[i])) {
            reason = negative_words[i].reason;
            break;
        }
    }
    ns->weight += pos - (reason != NULL);
    if (reason && !ns->reason) {
        ns->reason = reason;
    }
    if (pos) {
        ns->is_negative = -1; /* a positive name anywhere vetoes */
    } else if (reason && ns->is_negative == 0) {
        ns->is_negative = 1;
    }
}

/* Value of attribute name on n, borrowed from the tree, or NULL. */
static const char *attr(const xmlNode *n, const char *name)
{
    for (const xmlAttr *a = n->properties; a; a = a->next) {
        if (strcmp((const char *)a->name, name) == 0) {
            if (a->children && a->children->content) {
                return (const char *)a->children->content;
            }
            return "";
        }
    }
    return NULL;
}

/* Hidden by the page itself: not what a reader sees. */
static int is_hidden(const xmlNode *n)
{
    if (attr(n, "hidden")) {
        return 1;
    }
    const char *ah = attr(n, "aria-hidden");
    if (ah && strcmp(ah, "true") == 0) {
        return 1;
    }
    const char *st = attr(n, "style");
    if (st && (strcasestr(st, "display:none") || strcasestr(st, "display: none") ||
               strcasestr(st, "visibility:hidden") || strcasestr(st, "visibility: hidden"))) {
        return 1;
    }
    return 0;
}

/* Landmark roles that are never the article. */
static const char *role_reason(const xmlNode *n)
{
    const char *role = attr(n, "role");
    if (!role) {
        return NULL;
    }
    if (strcmp(role, "navigation") == 0 || strcmp(role, "menu") == 0 ||
        strcmp(role, "menubar") == 0) {
        return "nav";
    }
    if (strcmp(role, "complementary") == 0) {
        return "sidebar";
    }
    if (strcmp(role, "contentinfo") == 0) {
        return "footer";
    }
    if (strcmp(role, "banner") == 0) {
        return "header";
    }
    if (strcmp(role, "dialog") == 0 || strcmp(role, "alertdialog") == 0 ||
        strcmp(role, "alert") == 0) {
        return "popup";
    }
    return NULL;
}

/* ---- pass 1: index --------------------------------------------------- */

enum {
    R_EXCLUDED = 1, /* furniture: not scored, set aside when inside the article */
    R_CAND = 2,     /* got points as a candidate container */
    R_ENTERED = 4,  /* emit is inside this block */
    R_UNDER = 8,    /* inside an excluded element (or one itself) */
};

typedef struct rec {
    xmlNode *node;
    int32_t parent; /* record of the nearest indexed ancestor; -1 */
    unsigned char tag;
    unsigned char flags;
    signed char weight;  /* class/id weight: -2..2 */
    signed char init;    /* points the tag alone gave a candidate */
    const char *reason;  /* why excluded (static) */
    uint32_t text;       /* characters of visible text in the subtree */
    uint32_t links;      /* of which inside <a> */
    uint32_t commas;     /* commas in the subtree */
    uint32_t own;        /* text whose nearest block element is this one */
    uint32_t own_links;  /* of which inside <a> */
    uint32_t own_commas; /* commas in own text */
    uint32_t n_p, n_li, n_img, n_embed;
    float score;
    float pts; /* paragraph points of the whole subtree, unattenuated */
} rec_t;

typedef struct extract {
    const sift_ctx_t *ctx;
    sift_report_t *r;
    rec_t *recs;
    size_t n_recs, cap_recs;
    xmlNode *first_h1;
    int use_names; /* exclude by class/id names (off on the retry) */
    buf_t text;    /* the block being gathered */
    buf_t aside;   /* text of an element set aside */
    int head_done; /* the headline h1 was met */
} extract_t;

static int rec_push(extract_t *x, xmlNode *n, int32_t parent, int tag)
{
    if (x->n_recs == x->cap_recs) {
        size_t cap = x->cap_recs ? x->cap_recs * 2 : 1024;
        rec_t *p = realloc(x->recs, cap * sizeof(*p));
        if (!p) {
            return -1;
        }
        x->recs = p;
        x->cap_recs = cap;
    }
    rec_t *rc = &x->recs[x->n_recs];
    memset(rc, 0, sizeof(*rc));
    rc->node = n;
    rc->parent = parent;
    rc->tag = (unsigned char)tag;
    n->_private = (void *)(uintptr_t)(x->n_recs + 1);
    return (int)x->n_recs++;
}

static int32_t rec_of(const xmlNode *n)
{
    return n ? (int32_t)(uintptr_t)n->_private - 1 : -1;
}

/* Characters in s as a reader sees them: runs of white space count one. */
static void count_text(const char *s, uint32_t *out_chars, uint32_t *out_commas)
{
    uint32_t chars = 0;
    uint32_t commas = 0;
    int was_space = 1;
    for (const unsigned char *p = (const unsigned char *)s; *p; p++) {
        unsigned char c = *p;
        if (c == ' ' || c == '\n' || c == '\t' || c == '\r' || c == '\f') {
            if (!was_space) {
                chars++;
            }
            was_space = 1;
            continue;
        }
        was_space = 0;
        if ((c & 0xc0) != 0x80) {
            chars++;
        }
        /* ',' and the CJK commas U+FF0C and U+3001 */
        int is_comma = c == ',' || (c == 0xef && p[1] == 0xbc && p[2] == 0x8c) ||
                       (c == 0xe3 && p[1] == 0x80 && p[2] == 0x81);
        commas += (uint32_t)is_comma;
    }
    *out_chars = chars;
    *out_commas = commas;
}

/* Decide whether element n (tag) is furniture; sets rec fields. */
static void classify(extract_t *x, rec_t *rc, const xmlNode *n, int tag)
{
    name_score_t ns = { 0, 0, NULL };
    const char *cls = attr(n, "class");
    const char *id = attr(n, "id");
    if (cls) {
        name_score_value(&ns, cls);
    }
    if (id) {
        name_score_value(&ns, id);
    }
    rc->weight = (signed char)(ns.weight < -2 ? -2 : ns.weight > 2 ? 2 : ns.weight);
    const char *reason = NULL;
    if (tag == T_NAV) {
        reason = "nav";
    } else if (tag == T_ASIDE) {
        reason = "sidebar";
    } else if (tag == T_FOOTER) {
        reason = "footer";
    } else if (tag == T_HEADER) {
        reason = "header";
    } else if (is_hidden(n)) {
        reason = "hidden";
    } else if ((reason = role_reason(n)) != NULL) {
        /* set */
    } else if (x->use_names && ns.is_negative == 1 && tag != T_BODY && tag != T_ARTICLE &&
               tag != T_MAIN && tag != T_P && tag != T_TD) {
        reason = ns.reason;
    }
    if (reason) {
        rc->flags |= R_EXCLUDED;
        rc->reason = reason;
    }
}

/* Walk the whole document once, without recursion. Returns 0 or -1 (out
 * of memory). */
static int index_doc(extract_t *x, xmlNode *root)
{
    int max_depth = x->ctx->max_html_depth > 0 ? x->ctx->max_html_depth : SIFT_MAX_HTML_DEPTH;
    int32_t cur = -1;   /* record receiving text */
    int32_t block = -1; /* nearest block record */
    int excluded = 0;   /* depth of excluded ancestors (count) */
    int in_link = 0;
    int depth = 0;
    xmlNode *n = root;
    x->n_recs = 0;
    while (n) {
        int descend = 0;
        if (n->type == XML_ELEMENT_NODE) {
            int tag = tag_of(n);
            n->_private = NULL;
            if (tag == T_SKIP) {
                descend = 0;
            } else if (tag == T_EMBED) {
                if (cur >= 0) {
                    x->recs[cur].n_embed++;
                }
            } else if (tag == T_IMG) {
                if (cur >= 0) {
                    x->recs[cur].n_img++;
                }
            } else if (is_block_tag(tag) && depth <= max_depth) {
                int32_t i = rec_push(x, n, cur, tag);
                if (i < 0) {
                    return -1;
                }
                rec_t *rc = &x->recs[i];
                classify(x, rc, n, tag);
                if (rc->flags & R_EXCLUDED) {
                    excluded++;
                }
                if (excluded) {
                    rc->flags |= R_UNDER;
                }
                if (tag == T_H1 && !x->first_h1 && !excluded) {
                    x->first_h1 = n;
                }
                cur = i;
                block = i;
                descend = 1;
            } else {
                if (tag == T_A) {
                    in_link++;
                }
                descend = 1;
            }
        } else if ((n->type == XML_TEXT_NODE || n->type == XML_CDATA_SECTION_NODE) && n->content &&
                   cur >= 0 && !excluded) {
            uint32_t chars;
            uint32_t commas;
            count_text((const char *)n->content, &chars, &commas);
            rec_t *rc = &x->recs[cur];
            rc->text += chars;
            rc->commas += commas;
            rec_t *bk = &x->recs[block];
            bk->own += chars;
            bk->own_commas += commas;
            if (in_link) {
                rc->links += chars;
                bk->own_links += chars;
            }
        }
        if (descend && n->children) {
            n = n->children;
            depth++;
            continue;
        }
        /* Leave n and every ancestor whose last child it is. */
        for (;;) {
            if (n->type == XML_ELEMENT_NODE) {
                int32_t i = rec_of(n);
                if (i >= 0) {
                    if (x->recs[i].flags & R_EXCLUDED) {
                        excluded--;
                    }
                    cur = x->recs[i].parent;
                    block = cur;
                } else if (in_link > 0 && tag_of(n) == T_A) {
                    in_link--;
                }
            }
            if (n == root) {
                n = NULL;
                break;
            }
            if (n->next) {
                n = n->next;
                break;
            }
            n = n->parent;
            depth--;
        }
    }
    /* Sum subtrees bottom-up: records are in document order, so every
     * child comes after its parent. */
    for (size_t i = x->n_recs; i-- > 0;) {
        rec_t *rc = &x->recs[i];
        rc->n_p += rc->tag == T_P;
        rc->n_li += rc->tag == T_LI;
        if (rc->parent >= 0 && !(rc->flags & R_EXCLUDED)) {
            rec_t *p = &x->recs[rc->parent];
            p->text += rc->text;
            p->links += rc->links;
            p->commas += rc->commas;
            p->n_p += rc->n_p;
            p->n_li += rc->n_li;
            p->n_img += rc->n_img;
            p->n_embed += rc->n_embed;
        }
    }
    return 0;
}

/* ---- pass 2: score ----------------------------------------------------- */

/* A run of text shorter than this is a label, not a paragraph (25: as
 * Readability; a short sentence). */
#define MIN_PARA_CHARS 25

static float link_density(const rec_t *rc)
{
    return rc->text ? (float)rc->links / (float)rc->text : 0.0f;
}

static void cand_init(rec_t *rc)
{
    if (rc->flags & R_CAND) {
        return;
    }
    rc->flags |= R_CAND;
    float s = 0;
    switch (rc->tag) {
    case T_DIV:
    case T_ARTICLE:
        s = 5;
        break;
    case T_MAIN:
    case T_SECTION:
    case T_PRE:
    case T_TD:
    case T_BLOCKQUOTE:
        s = 3;
        break;
    case T_ADDRESS:
    case T_LIST:
    case T_LI:
    case T_DT:
    case T_FORM:
        s = -3;
        break;
    case T_H1:
    case T_H2:
        s = -5;
        break;
    default:
        break;
    }
    if (rc->tag == T_ARTICLE) {
        s += 10; /* the page says so */
    }
    rc->init = (signed char)s;
    rc->score = s + 25.0f * (float)rc->weight;
}

/* Give each paragraph's points to its container and ancestors. */
static void score_paragraphs(extract_t *x)
{
    for (size_t i = 0; i < x->n_recs; i++) {
        rec_t *rc = &x->recs[i];
        if (rc->own < MIN_PARA_CHARS || rc->own_links * 2 > rc->own) {
            continue;
        }
        if (rc->flags & R_UNDER) {
            continue;
        }
        float pts = 1.0f + (float)rc->own_commas + fminf((float)rc->own / 100.0f, 3.0f);
        rc->pts += pts;
        /* A paragraph element scores its parent; a container holding bare
         * text is itself the parent of that text. */
        int is_para = rc->tag == T_P || rc->tag == T_PRE || rc->tag == T_TD || rc->tag == T_H2 ||
                      rc->tag == T_LI || rc->tag == T_DT || rc->tag == T_BLOCKQUOTE ||
                      rc->tag == T_H1 || rc->tag == T_FIGCAPTION || rc->tag == T_ADDRESS;
        /* A container whose text is all its own (no block children) is a
         * paragraph in all but name. */
        is_para = is_para || rc->own == rc->text;
        int32_t a = is_para ? rc->parent : (int32_t)i;
        for (int level = 0; a >= 0 && level < 5; level++, a = x->recs[a].parent) {
            rec_t *ar = &x->recs[a];
            cand_init(ar);
            float div = level == 0 ? 1.0f : level == 1 ? 2.0f : (float)level * 3.0f;
            ar->score += pts / div;
        }
    }
    for (size_t i = 0; i < x->n_recs; i++) {
        rec_t *rc = &x->recs[i];
        if (rc->flags & R_CAND) {
            rc->score *= 1.0f - link_density(rc);
        }
    }
    for (size_t i = x->n_recs; i-- > 0;) {
        if (x->recs[i].parent >= 0) {
            x->recs[x->recs[i].parent].pts += x->recs[i].pts;
        }
    }
}

static int is_ancestor(const extract_t *x, int32_t a, int32_t i)
{
    for (; i >= 0; i = x->recs[i].parent) {
        if (i == a) {
            return 1;
        }
    }
    return 0;
}

/* The nearest <article> holding record i (or i itself), or -1. */
static int32_t article_of(const extract_t *x, int32_t i)
{
    for (; i >= 0; i = x->recs[i].parent) {
        if (x->recs[i].tag == T_ARTICLE) {
            return i;
        }
    }
    return -1;
}

static int element_children(const xmlNode *n)
{
    int k = 0;
    for (const xmlNode *c = n->children; c; c = c->next) {
        if (c->type == XML_ELEMENT_NODE && tag_of(c) != T_SKIP) {
            k++;
        }
    }
    return k;
}

/* The best container: top scorer, moved up when close rivals share an
 * ancestor (the article split in parts) or the parent scores higher. */
static int32_t pick_top(extract_t *x)
{
    enum { N_TOP = 5 };
    int32_t top[N_TOP];
    int n_top = 0;
    for (size_t i = 0; i < x->n_recs; i++) {
        const rec_t *rc = &x->recs[i];
        if (!(rc->flags & R_CAND) || (rc->flags & R_EXCLUDED) || rc->tag == T_BODY ||
            rc->tag == T_HTML) {
            continue;
        }
        int pos = n_top;
        while (pos > 0 && x->recs[top[pos - 1]].score < rc->score) {
            pos--;
        }
        if (pos >= N_TOP) {
            continue;
        }
        int last = n_top < N_TOP ? n_top : N_TOP - 1;
        memmove(&top[pos + 1], &top[pos], (size_t)(last - pos) * sizeof(top[0]));
        top[pos] = (int32_t)i;
        if (n_top < N_TOP) {
            n_top++;
        }
    }
    if (n_top == 0) {
        return -1;
    }
    int32_t best = top[0];
    float best_score = x->recs[best].score;
    if (best_score <= 0) {
        return best;
    }
    /* Rivals within 75% that share an ancestor with the best: the article
     * was split into several containers; take the ancestor. */
    int32_t alts[N_TOP];
    int n_alts = 0;
    int32_t best_article = article_of(x, best);
    for (int k = 1; k < n_top; k++) {
        /* Another <article> is another story (a list of teasers), not a
         * part of this one. */
        int32_t alt_article = article_of(x, top[k]);
        if (alt_article >= 0 && alt_article != best_article) {
            continue;
        }
        if (x->recs[top[k]].score / best_score >= 0.75f) {
            alts[n_alts++] = top[k];
        }
    }
    if (n_alts >= 3) {
        for (int32_t p = x->recs[best].parent;
             p >= 0 && x->recs[p].tag != T_BODY && x->recs[p].tag != T_HTML;
             p = x->recs[p].parent) {
            int shared = 0;
            for (int k = 0; k < n_alts; k++) {
                shared += is_ancestor(x, p, alts[k]);
            }
            if (shared >= 3) {
                best = p;
                cand_init(&x->recs[best]);
                break;
            }
        }
    }
    /* Walk up while the parent holds more of the points. */
    float last = x->recs[best].score;
    float threshold = last / 3.0f;
    for (int32_t p = x->recs[best].parent;
         p >= 0 && x->recs[p].tag != T_BODY && x->recs[p].tag != T_HTML; p = x->recs[p].parent) {
        if (!(x->recs[p].flags & R_CAND)) {
            continue;
        }
        float ps = x->recs[p].score;
        if (ps < threshold) {
            break;
        }
        if (ps > last) {
            best = p;
            break;
        }
        last = ps;
    }
    /* An only child says nothing its parent does not. */
    for (;;) {
        int32_t p = x->recs[best].parent;
        if (p < 0 || x->recs[p].tag == T_BODY || x->recs[p].tag == T_HTML ||
            (x->recs[p].flags & R_EXCLUDED) || element_children(x->recs[p].node) != 1) {
            break;
        }
        best = p;
        cand_init(&x->recs[best]);
    }
    return best;
}

/* ---- text gathering ---------------------------------------------------- */

/* Append the visible text of n's subtree to b (iteratively). */
static void gather_text(const xmlNode *root, buf_t *b)
{
    const xmlNode *n = root;
    while (n) {
        int descend = 0;
        if (n->type == XML_ELEMENT_NODE) {
            int tag = tag_of(n);
            descend = tag != T_SKIP && tag != T_EMBED;
            if (tag == T_BR || (is_block_tag(tag) && n != root)) {
                buf_putc(b, ' ');
            }
        } else if ((n->type == XML_TEXT_NODE || n->type == XML_CDATA_SECTION_NODE) && n->content) {
            buf_puts(b, (const char *)n->content);
        }
        if (descend && n->children) {
            n = n->children;
            continue;
        }
        for (;;) {
            if (n == root) {
                return;
            }
            if (n->next) {
                n = n->next;
                break;
            }
            n = n->parent;
        }
    }
}

static int ends_sentence(const char *s, size_t len)
{
    while (len > 0 && (s[len - 1] == ' ' || s[len - 1] == '\n' || s[len - 1] == '\t')) {
        len--;
    }
    if (len > 0 && (s[len - 1] == '.' || s[len - 1] == '!' || s[len - 1] == '?')) {
        return 1;
    }
    return memmem(s, len, ". ", 2) != NULL;
}

/* ---- pass 3: emit ------------------------------------------------------ */

/* Should container rc (inside the article) be set aside? Returns the
 * reason or NULL. Conditions after Readability's clean-up of link lists,
 * image galleries and forms that sit inside article bodies. */
static const char *clean_reason(const rec_t *rc)
{
    if (rc->flags & R_EXCLUDED) {
        return rc->reason;
    }
    if (rc->tag == T_FIGURE || rc->tag == T_FIGCAPTION) {
        return "caption";
    }
    int is_container = rc->tag == T_DIV || rc->tag == T_SECTION || rc->tag == T_LIST ||
                       rc->tag == T_TABLE || rc->tag == T_FORM || rc->tag == T_BLOCK;
    if (rc->tag == T_H2 || rc->tag == T_H1) {
        if (rc->weight < 0) {
            return "heading";
        }
        if (rc->text > 0 && link_density(rc) > 0.5f) {
            return "links";
        }
        return NULL;
    }
    if (rc->tag == T_P && rc->text > 0 && (uint64_t)rc->links * 10 >= (uint64_t)rc->text * 9) {
        return "links"; /* a paragraph that is only a link: a teaser for another page */
    }
    if (!is_container) {
        return NULL;
    }
    /* Names count against a container unless its text earned more. */
    float merit = (rc->flags & R_CAND) ? rc->score - (rc->tag == T_LIST ? (float)rc->init : 0.0f)
                                       : 25.0f * (float)rc->weight;
    if (merit < 0) {
        return "boilerplate";
    }
    if (rc->commas >= 10) {
        return NULL;
    }
    float ld = link_density(rc);
    int is_list = rc->tag == T_LIST;
    if (rc->text == 0) {
        return NULL; /* images only: nothing to lose */
    }
    if (!is_list && rc->n_li > rc->n_p + 100) {
        return "links";
    }
    if (!is_list && rc->text < MIN_PARA_CHARS && ld > 0.0f && rc->n_img == 0) {
        return "links";
    }
    if (!is_list && rc->weight <= 0 && ld > 0.33f) {
        return "links";
    }
    if (ld > 0.5f) {
        return "links";
    }
    if ((rc->n_embed == 1 && rc->text < 75) || rc->n_embed > 1) {
        return "embed";
    }
    return NULL;
}

static int flush_block(extract_t *x, sift_block_kind_t kind)
{
    int rc = 0;
    if (x->text.len > 0) {
        rc = report_add_block(x->r, kind, x->text.ptr, x->text.len);
        buf_reset(&x->text);
    }
    return rc == SIFT_ELIMIT ? 0 : rc;
}

static int set_aside(extract_t *x, const xmlNode *n, const char *reason)
{
    buf_reset(&x->aside);
    gather_text(n, &x->aside);
    if (x->aside.len == 0) {
        return 0;
    }
    int rc = report_add_clutter(x->r, reason, x->aside.ptr, x->aside.len);
    return rc == SIFT_ELIMIT ? 0 : rc;
}

/* The headline h1: to the title when the page's metadata gave none. */
static int take_headline(extract_t *x, const xmlNode *n)
{
    buf_reset(&x->aside);
    gather_text(n, &x->aside);
    if (x->aside.len == 0) {
        return 0;
    }
    if (!x->r->title[0]) {
        int rc = report_set(x->r, &x->r->title, x->aside.ptr, x->aside.len);
        if (rc) {
            return rc;
        }
    }
    int rc = report_add_clutter(x->r, "title", x->aside.ptr, x->aside.len);
    return rc == SIFT_ELIMIT ? 0 : rc;
}

static sift_block_kind_t kind_for(int tag, sift_block_kind_t parent)
{
    switch (tag) {
    case T_H1:
    case T_H2:
        return SIFT_BLOCK_HEADING;
    case T_LI:
    case T_DT:
        return SIFT_BLOCK_LIST_ITEM;
    case T_BLOCKQUOTE:
        return SIFT_BLOCK_QUOTE;
    default:
        return parent;
    }
}

/* Reason to set an inline element aside by its names, or NULL. */
static const char *inline_reason(const xmlNode *n)
{
    if (!n->properties) {
        return NULL;
    }
    name_score_t ns = { 0, 0, NULL };
    const char *cls = attr(n, "class");
    const char *id = attr(n, "id");
    if (cls) {
        name_score_value(&ns, cls);
    }
    if (id) {
        name_score_value(&ns, id);
    }
    if (ns.is_negative == 1) {
        return ns.reason;
    }
    return is_hidden(n) ? "hidden" : NULL;
}

/* Emit the blocks of the subtree at root. */
static int emit(extract_t *x, xmlNode *root)
{
    int max_depth = x->ctx->max_html_depth > 0 ? x->ctx->max_html_depth : SIFT_MAX_HTML_DEPTH;
    /* Block kind per block nesting level; blocks exist only down to the
     * depth cap, so this stack is bounded by it. */
    sift_block_kind_t *kinds = malloc(((size_t)max_depth + 2) * sizeof(*kinds));
    if (!kinds) {
        return SIFT_ENOMEM;
    }
    int n_kinds = 0;
    kinds[n_kinds++] = SIFT_BLOCK_PARAGRAPH;
    int brs = 0; /* <br>s in a row */
    int rc = 0;
    xmlNode *n = root;
    while (n && rc == 0) {
        int descend = 0;
        if (n->type == XML_ELEMENT_NODE) {
            int tag = tag_of(n);
            int32_t i = rec_of(n);
            const char *why = NULL;
            if (tag == T_SKIP || tag == T_EMBED) {
                descend = 0;
            } else if (tag == T_BR) {
                if (++brs >= 2) {
                    rc = flush_block(x, kinds[n_kinds - 1]);
                    brs = 0;
                } else {
                    buf_putc(&x->text, ' ');
                }
            } else if (i >= 0) {
                const rec_t *r = &x->recs[i];
                why = n == root ? NULL : clean_reason(r);
                rc = flush_block(x, kinds[n_kinds - 1]);
                brs = 0;
                if (rc) {
                    break;
                }
                if (why) {
                    rc = set_aside(x, n, why);
                } else if (tag == T_H1 && !x->head_done) {
                    x->head_done = 1;
                    rc = take_headline(x, n);
                } else {
                    kinds[n_kinds] = kind_for(tag, kinds[n_kinds - 1]);
                    n_kinds++;
                    x->recs[i].flags |= R_ENTERED;
                    descend = 1;
                }
            } else if (x->use_names && (why = inline_reason(n)) != NULL) {
                rc = set_aside(x, n, why); /* <span class="caption"> in a paragraph */
            } else {
                descend = 1; /* inline, or deeper than the cap: text of the block */
            }
        } else if ((n->type == XML_TEXT_NODE || n->type == XML_CDATA_SECTION_NODE) && n->content) {
            const char *s = (const char *)n->content;
            if (buf_puts(&x->text, s) == SIFT_ELIMIT) {
                rc = flush_block(x, kinds[n_kinds - 1]);
            }
            if (s[strspn(s, " \t\r\n")] != '\0') {
                brs = 0;
            }
        }
        if (rc) {
            break;
        }
        if (descend && n->children) {
            n = n->children;
            continue;
        }
        for (;;) {
            int32_t i = n->type == XML_ELEMENT_NODE ? rec_of(n) : -1;
            if (i >= 0 && (x->recs[i].flags & R_ENTERED)) {
                /* Leaving a block we entered: its text ends here. */
                x->recs[i].flags &= (unsigned char)~R_ENTERED;
                int frc = flush_block(x, kinds[n_kinds - 1]);
                rc = rc ? rc : frc;
                n_kinds--;
                brs = 0;
            }
            if (n == root) {
                n = NULL;
                break;
            }
            if (n->next) {
                n = n->next;
                break;
            }
            n = n->parent;
        }
    }
    if (rc == 0) {
        rc = flush_block(x, kinds[0]);
    }
    free(kinds);
    return rc;
}

/* Is sibling s of the best container part of the article too? */
static int sibling_joins(extract_t *x, const rec_t *best, const rec_t *s)
{
    if (s->flags & R_UNDER) {
        return 0;
    }
    float threshold = fmaxf(10.0f, best->score * 0.2f);
    float bonus = 0;
    const char *bc = attr(best->node, "class");
    const char *sc = attr(s->node, "class");
    if (bc && sc && bc[0] && strcmp(bc, sc) == 0) {
        bonus = best->score * 0.2f;
    }
    if ((s->flags & R_CAND) && s->score + bonus >= threshold) {
        return 1;
    }
    /* A sibling can hold a part of the story too deep for the decaying
     * ancestor points to reach: compare the paragraphs themselves. */
    float s_pts = s->pts * (1.0f - link_density(s));
    if (s_pts >= fmaxf(10.0f, 0.2f * best->pts * (1.0f - link_density(best)))) {
        return 1;
    }
    if (s->tag != T_P && !(s->own >= MIN_PARA_CHARS && s->own == s->text)) {
        return 0;
    }
    float ld = link_density(s);
    if (s->text > 80 && ld < 0.25f) {
        return 1;
    }
    if (s->text > 0 && s->text <= 80 && ld == 0.0f) {
        buf_reset(&x->aside);
        gather_text(s->node, &x->aside);
        return x->aside.len > 0 && ends_sentence(x->aside.ptr, x->aside.len);
    }
    return 0;
}

/* Text a choice would give, to compare the first pass with the retry. */
static uint32_t chosen_text(const extract_t *x, int32_t best)
{
    if (best < 0) {
        return 0;
    }
    const rec_t *b = &x->recs[best];
    if (!b->node->parent || b->node->parent->type != XML_ELEMENT_NODE) {
        return b->text;
    }
    uint32_t total = 0;
    for (const xmlNode *c = b->node->parent->children; c; c = c->next) {
        int32_t i = c->type == XML_ELEMENT_NODE ? rec_of(c) : -1;
        if (i >= 0 && (i == best || sibling_joins((extract_t *)x, b, &x->recs[i]))) {
            total += x->recs[i].text;
        }
    }
    return total;
}

static int32_t run_pass(extract_t *x, xmlNode *root)
{
    x->first_h1 = NULL;
    if (index_doc(x, root) < 0) {
        return -2;
    }
    score_paragraphs(x);
    int32_t best = pick_top(x);
    return best;
}

static int32_t find_body(const extract_t *x)
{
    for (size_t i = 0; i < x->n_recs; i++) {
        if (x->recs[i].tag == T_BODY) {
            return (int32_t)i;
        }
    }
    return x->n_recs ? 0 : -1;
}

/* A page whose article is shorter than this after the first pass is read
 * again without the class/id exclusions (names can mislead: a site may
 * call its article "story-share-wrapper"). */
#define RETRY_CHARS 250

int html_extract_main(const sift_ctx_t *ctx, htmlDocPtr doc, sift_report_t *r, sift_err_t *err)
{
    xmlNode *root = xmlDocGetRootElement(doc);
    if (!root) {
        return 0;
    }
    extract_t x;
    memset(&x, 0, sizeof(x));
    x.ctx = ctx;
    x.r = r;
    x.use_names = 1;
    buf_init(&x.text, SIFT_MAX_REPORT_BYTES);
    buf_init(&x.aside, SIFT_MAX_REPORT_BYTES);
    int rc = 0;
    int32_t best = run_pass(&x, root);
    if (best >= -1 && chosen_text(&x, best) < RETRY_CHARS) {
        uint32_t first = chosen_text(&x, best);
        x.use_names = 0;
        int32_t again = run_pass(&x, root);
        if (again >= -1 && chosen_text(&x, again) > first) {
            best = again;
        } else {
            x.use_names = 1;
            best = run_pass(&x, root);
        }
    }
    if (best == -2) {
        rc = err_set(err, SIFT_ENOMEM, r->source, SIFT_NOPOS, 0, "out of memory");
        goto out;
    }
    if (best < 0) {
        best = find_body(&x);
    }
    if (best >= 0) {
        const rec_t *b = &x.recs[best];
        if (!b->node->parent || b->node->parent->type != XML_ELEMENT_NODE) {
            rc = emit(&x, b->node);
        } else {
            for (xmlNode *c = b->node->parent->children; c && rc == 0; c = c->next) {
                int32_t i = c->type == XML_ELEMENT_NODE ? rec_of(c) : -1;
                if (i >= 0 && (i == best || sibling_joins(&x, b, &x.recs[i]))) {
                    rc = emit(&x, c);
                }
            }
        }
    }
    if (rc == 0 && !r->title[0] && x.first_h1) {
        buf_reset(&x.aside);
        gather_text(x.first_h1, &x.aside);
        rc = report_set(r, &r->title, x.aside.ptr ? x.aside.ptr : "", x.aside.len);
    }
    if (rc) {
        rc = err_set(err, rc, r->source, SIFT_NOPOS, 0, "out of memory");
    }
out:
    /* Leave the tree as we found it: _private belongs to its user. */
    for (size_t i = 0; i < x.n_recs; i++) {
        x.recs[i].node->_private = NULL;
    }
    free(x.recs);
    buf_release(&x.text);
    buf_release(&x.aside);
    return rc;
}
