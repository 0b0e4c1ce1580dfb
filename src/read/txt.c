/* read/txt.c: plain text and Markdown reports. The first heading or line
 * is the title and a short standfirst after it the subtitle. Paragraphs
 * are separated by blank lines, or are one a line when the text is not
 * hard-wrapped; a sentence broken over a paragraph break is joined again.
 * Markdown headings, quotes and list items become blocks of those kinds;
 * emphasis, links, code and entities are reduced to their text, images
 * are set aside. Trailers naming the original address ("Original url:
 * <...>") become r->url. Clutter rules shared with every reader are in
 * clutter.c. */
#include <stdint.h>
#include <string.h>
#include <strings.h>

#include "read_int.h"
#include "util/arena.h"
#include "util/err.h"
#include "util/limits.h"
#include "util/report.h"

/* Clutter lines passed over looking for the title. */
#define MAX_LINES_ABOVE_TITLE 3
/* A first line longer than this is body text, not a title. */
#define MAX_TITLE_BYTES 300
/* A standfirst is one short sentence; a lead paragraph is longer. 25
 * words: news leads run 30-40 words, standfirsts 10-25. */
#define MAX_STANDFIRST_WORDS 25
#define MIN_STANDFIRST_WORDS 5
/* How far inline markup looks for a closing bracket or backtick, and how
 * much it may look in all per input byte: bounds the work on pathological
 * input such as a line of 1 MB of '[' to linear time. */
#define MAX_INLINE_SCAN      2000
#define INLINE_SCAN_PER_BYTE 16
/* Links nest (an image inside a link); deeper nesting is copied as is. */
#define MAX_INLINE_DEPTH 4
/* A hard-wrapped text has lines this short (typewriter and e-mail
 * widths run 60-80 columns). */
#define WRAP_COLUMNS 100

typedef struct line {
    const char *ptr;
    size_t len;
} line_t;

typedef struct item {
    sift_block_kind_t kind;
    char *text; /* in the report's arena, NUL-terminated */
    size_t len;
    int is_gone; /* taken as metadata, joined into another, or clutter */
} item_t;

typedef struct txt_state {
    sift_report_t *r;
    arena_t *arena;
    int is_markdown;
    item_t *items;
    size_t n_items;
    size_t cap_items;
    /* the paragraph being collected */
    sift_block_kind_t cur_kind;
    char *cur;
    size_t cur_len;
    size_t cur_cap;
    int cur_lines;
    /* bytes inline markup may still scan looking for closing brackets */
    size_t scan_budget;
} txt_state_t;

/* ---- characters --------------------------------------------------------- */

static int is_space(char c)
{
    return c == ' ' || c == '\t' || c == '\r' || c == '\f' || c == '\v';
}

static int is_alnum(char c)
{
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') ||
           (unsigned char)c >= 0x80;
}

static int is_punct(char c)
{
    return (c >= '!' && c <= '/') || (c >= ':' && c <= '@') || (c >= '[' && c <= '`') ||
           (c >= '{' && c <= '~');
}

static int is_lower_start(const char *s, size_t len)
{
    while (len > 0 && (*s == '"' || *s == '\'' || *s == '(' || is_space(*s))) {
        s++;
        len--;
    }
    return len > 0 && *s >= 'a' && *s <= 'z';
}

/* ---- HTML entities -------------------------------------------------------- */

static size_t put_utf8(char *out, unsigned long cp)
{
    if (cp == 0 || (cp >= 0xd800 && cp <= 0xdfff) || cp > 0x10ffff) {
        cp = 0xfffd;
    }
    if (cp < 0x80) {
        out[0] = (char)cp;
        return 1;
    }
    if (cp < 0x800) {
        out[0] = (char)(0xc0 | (cp >> 6));
        out[1] = (char)(0x80 | (cp & 0x3f));
        return 2;
    }
    if (cp < 0x10000) {
        out[0] = (char)(0xe0 | (cp >> 12));
        out[1] = (char)(0x80 | ((cp >> 6) & 0x3f));
        out[2] = (char)(0x80 | (cp & 0x3f));
        return 3;
    }
    out[0] = (char)(0xf0 | (cp >> 18));
    out[1] = (char)(0x80 | ((cp >> 12) & 0x3f));
    out[2] = (char)(0x80 | ((cp >> 6) & 0x3f));
    out[3] = (char)(0x80 | (cp & 0x3f));
    return 4;
}

/* Decode the entity at s ('&'): writes to out, returns the input bytes
 * taken (0 if s holds no entity). The output is never longer than the
 * input, so callers can decode in place or into a buffer of len bytes. */
static size_t entity_at(const char *s, size_t len, char *out, size_t *out_n)
{
    static const struct {
        const char *name;
        unsigned long cp;
    } named[] = {
        { "amp", '&' },       { "lt", '<' },        { "gt", '>' },       { "quot", '"' },
        { "apos", '\'' },     { "nbsp", 0xa0 },     { "mdash", 0x2014 }, { "ndash", 0x2013 },
        { "hellip", 0x2026 }, { "lsquo", 0x2018 },  { "rsquo", 0x2019 }, { "ldquo", 0x201c },
        { "rdquo", 0x201d },  { "laquo", 0xab },    { "raquo", 0xbb },   { "copy", 0xa9 },
        { "reg", 0xae },      { "trade", 0x2122 },  { "euro", 0x20ac },  { "pound", 0xa3 },
        { "deg", 0xb0 },      { "middot", 0xb7 },   { "bull", 0x2022 },  { "times", 0xd7 },
        { "eacute", 0xe9 },   { "egrave", 0xe8 },   { "aacute", 0xe1 },  { "iacute", 0xed },
        { "oacute", 0xf3 },   { "uacute", 0xfa },   { "ntilde", 0xf1 },  { "ccedil", 0xe7 },
        { "uuml", 0xfc },     { "ouml", 0xf6 },     { "auml", 0xe4 },    { "szlig", 0xdf },
        { "shy", 0xad },      { "thinsp", 0x2009 }, { "ensp", 0x2002 },  { "emsp", 0x2003 }
    };
    size_t semi = 1;
    while (semi < len && semi < 12 && s[semi] != ';') {
        semi++;
    }
    if (semi >= len || s[semi] != ';' || semi < 3) {
        return 0;
    }
    unsigned long cp = 0;
    if (s[1] == '#') {
        int hex = s[2] == 'x' || s[2] == 'X';
        size_t i = hex ? 3 : 2;
        if (i >= semi) {
            return 0;
        }
        for (; i < semi; i++) {
            char c = s[i];
            unsigned long d;
            if (c >= '0' && c <= '9') {
                d = (unsigned long)(c - '0');
            } else if (hex && c >= 'a' && c <= 'f') {
                d = (unsigned long)(c - 'a') + 10u;
            } else if (hex && c >= 'A' && c <= 'F') {
                d = (unsigned long)(c - 'A') + 10u;
            } else {
                return 0;
            }
            cp = cp * (hex ? 16u : 10u) + d;
            if (cp > 0x10ffff) {
                cp = 0x110000;
            }
        }
    } else {
        size_t k = 0;
        for (; k < sizeof(named) / sizeof(named[0]); k++) {
            if (strlen(named[k].name) == semi - 1 && strncmp(s + 1, named[k].name, semi - 1) == 0) {
                break;
            }
        }
        if (k == sizeof(named) / sizeof(named[0])) {
            return 0;
        }
        cp = named[k].cp;
    }
    char tmp[4];
    size_t n = put_utf8(tmp, cp);
    if (n > semi + 1) {
        return 0; /* keep the output no longer than the input */
    }
    memcpy(out, tmp, n);
    *out_n = n;
    return semi + 1;
}

/* ---- Markdown inline markup ------------------------------------------------ */

/* Offset of the bracket closing s[0] ('[' or '('), or 0 when none is
 * near. Each scan spends *budget: once it is gone, brackets are text. */
static size_t closing(const char *s, size_t len, char open, char close, size_t *budget)
{
    int depth = 0;
    size_t lim = len < MAX_INLINE_SCAN ? len : MAX_INLINE_SCAN;
    if (lim > *budget) {
        lim = *budget;
    }
    *budget -= lim;
    for (size_t i = 0; i < lim; i++) {
        if (s[i] == '\\' && i + 1 < lim) {
            i++;
        } else if (s[i] == open) {
            depth++;
        } else if (s[i] == close && --depth == 0) {
            return i;
        }
    }
    return 0;
}

static size_t inline_md(txt_state_t *st, char *out, const char *s, size_t len, int depth, int *rc);

/* An inline HTML tag or autolink at s ('<'): returns bytes taken and
 * writes what stays (the address of an autolink, a space for a tag). */
static size_t angle_at(const char *s, size_t len, char *out, size_t *out_n)
{
    if (len < 3 ||
        !(((s[1] | 0x20) >= 'a' && (s[1] | 0x20) <= 'z') || s[1] == '/' || s[1] == '!')) {
        return 0;
    }
    size_t lim = len < 300 ? len : 300;
    size_t e = 1;
    while (e < lim && s[e] != '>' && s[e] != '<' && s[e] != '\n') {
        e++;
    }
    if (e >= lim || s[e] != '>') {
        return 0;
    }
    const char *in = s + 1;
    size_t il = e - 1;
    int is_link =
        (il > 7 && (strncasecmp(in, "http://", 7) == 0 || strncasecmp(in, "https://", 8) == 0)) ||
        (il > 7 && strncasecmp(in, "mailto:", 7) == 0);
    if (is_link) {
        if (memchr(in, ' ', il)) {
            return 0;
        }
        memcpy(out, in, il);
        *out_n = il;
        return e + 1;
    }
    /* an HTML tag: the name runs to a space, '/' or '>' */
    size_t k = 0;
    while (k < il && (in[k] == '/' || in[k] == '!' || is_alnum(in[k]) || in[k] == '-')) {
        k++;
    }
    if (k < il && !is_space(in[k]) && in[k] != '/') {
        return 0; /* "<3 and 4>" is not a tag */
    }
    out[0] = ' ';
    *out_n = 1;
    return e + 1;
}

/* Emphasis delimiters: is the run of c at s[i..i+k) markup to drop?
 * '*' and '~' count when next to text on either side; '_' only at a word
 * edge, so snake_case stays. A run with spaces on both sides is text. */
static int is_delim_run(const char *s, size_t len, size_t i, size_t k, char c)
{
    char before = i > 0 ? s[i - 1] : ' ';
    char after = i + k < len ? s[i + k] : ' ';
    int left = !is_space(after);   /* can open */
    int right = !is_space(before); /* can close */
    if (c == '~' && k < 2) {
        return 0;
    }
    if (c == '_') {
        return (left && !is_alnum(before)) || (right && !is_alnum(after));
    }
    return left || right;
}

static size_t inline_md(txt_state_t *st, char *out, const char *s, size_t len, int depth, int *rc)
{
    size_t n = 0;
    size_t i = 0;
    while (i < len) {
        char c = s[i];
        if (c == '\\' && i + 1 < len && is_punct(s[i + 1])) {
            out[n++] = s[i + 1];
            i += 2;
            continue;
        }
        if (c == '`') {
            size_t k = 0;
            while (i + k < len && s[i + k] == '`') {
                k++;
            }
            size_t lim = len - i < MAX_INLINE_SCAN ? len : i + MAX_INLINE_SCAN;
            if (lim - i > st->scan_budget) {
                lim = i + st->scan_budget;
            }
            st->scan_budget -= lim - i;
            size_t j = i + k;
            size_t found = 0;
            while (j + k <= lim && !found) {
                if (s[j] == '`') {
                    size_t m = 0;
                    while (j + m < len && s[j + m] == '`') {
                        m++;
                    }
                    if (m == k) {
                        found = j;
                    }
                    j += m;
                } else {
                    j++;
                }
            }
            if (found) {
                memcpy(out + n, s + i + k, found - i - k);
                n += found - i - k;
                i = found + k;
            } else {
                memcpy(out + n, s + i, k);
                n += k;
                i += k;
            }
            continue;
        }
        if ((c == '[' || (c == '!' && i + 1 < len && s[i + 1] == '[')) &&
            depth < MAX_INLINE_DEPTH) {
            size_t open = c == '!' ? i + 1 : i;
            size_t close = closing(s + open, len - open, '[', ']', &st->scan_budget);
            if (close) {
                const char *label = s + open + 1;
                size_t label_len = close - 1;
                size_t after = open + close + 1;
                size_t end = 0;
                if (after < len && (s[after] == '(' || s[after] == '[')) {
                    /* an inline link (url) or a reference link [ref] */
                    char shut = s[after] == '(' ? ')' : ']';
                    size_t k = closing(s + after, len - after, s[after], shut, &st->scan_budget);
                    end = k ? after + k + 1 : 0;
                }
                if (end) {
                    if (c == '!') {
                        /* an image: its alt text is a caption, not body */
                        int r2 = report_add_clutter(st->r, "image", s + i, end - i);
                        if (r2) {
                            *rc = r2;
                        }
                    } else {
                        n += inline_md(st, out + n, label, label_len, depth + 1, rc);
                    }
                    i = end;
                    continue;
                }
            }
        }
        if (c == '<' || c == '&') {
            /* an inline tag or autolink, or a character entity */
            size_t on = 0;
            size_t k = c == '<' ? angle_at(s + i, len - i, out + n, &on)
                                : entity_at(s + i, len - i, out + n, &on);
            if (k) {
                n += on;
                i += k;
                continue;
            }
        }
        if (c == '*' || c == '_' || c == '~') {
            size_t k = 0;
            while (i + k < len && s[i + k] == c) {
                k++;
            }
            if (!is_delim_run(s, len, i, k, c)) {
                memcpy(out + n, s + i, k);
                n += k;
            }
            i += k;
            continue;
        }
        out[n++] = c;
        i++;
    }
    return n;
}

/* Plain text keeps its characters; only entities are decoded (text
 * exported from web pages often carries "&amp;"). */
static size_t inline_text(char *out, const char *s, size_t len)
{
    size_t n = 0;
    for (size_t i = 0; i < len;) {
        if (s[i] == '&') {
            size_t on = 0;
            size_t k = entity_at(s + i, len - i, out + n, &on);
            if (k) {
                n += on;
                i += k;
                continue;
            }
        }
        out[n++] = s[i++];
    }
    return n;
}

/* ---- items ------------------------------------------------------------------ */

static int push_item(txt_state_t *st, sift_block_kind_t kind, char *text, size_t len)
{
    if (st->n_items == st->cap_items) {
        if (st->n_items >= SIFT_MAX_BLOCKS) {
            return SIFT_ELIMIT;
        }
        size_t cap = st->cap_items ? st->cap_items * 2 : 64;
        item_t *v = arena_grow(st->arena, st->items, st->n_items, cap, sizeof(item_t));
        if (!v) {
            return SIFT_ENOMEM;
        }
        st->items = v;
        st->cap_items = cap;
    }
    st->items[st->n_items].kind = kind;
    st->items[st->n_items].text = text;
    st->items[st->n_items].len = len;
    st->items[st->n_items].is_gone = 0;
    st->n_items++;
    return 0;
}

/* Reduce the collected paragraph's markup and keep it as an item. */
static int flush(txt_state_t *st)
{
    int rc = 0;
    if (st->cur_len == 0) {
        st->cur_lines = 0;
        return 0;
    }
    char *out = arena_alloc(st->arena, st->cur_len + 1);
    if (!out) {
        return SIFT_ENOMEM;
    }
    size_t n = st->is_markdown ? inline_md(st, out, st->cur, st->cur_len, 0, &rc)
                               : inline_text(out, st->cur, st->cur_len);
    out[n] = '\0';
    /* trim for the emptiness test; the builder collapses the rest */
    size_t b = 0;
    while (b < n && (is_space(out[b]) || out[b] == '\n')) {
        b++;
    }
    if (rc == 0 && b < n) {
        rc = push_item(st, st->cur_kind, out + b, n - b);
    }
    st->cur_len = 0;
    st->cur_lines = 0;
    return rc;
}

/* Add a line's text to the paragraph being collected. */
static int collect(txt_state_t *st, sift_block_kind_t kind, const char *s, size_t len)
{
    if (st->cur_len > 0 && kind != st->cur_kind) {
        int rc = flush(st);
        if (rc) {
            return rc;
        }
    }
    st->cur_kind = kind;
    size_t need = st->cur_len + len + 2;
    if (need > st->cur_cap || !st->cur) {
        size_t cap = st->cur_cap ? st->cur_cap : 256;
        while (cap < need) {
            cap *= 2;
        }
        char *p = arena_grow(st->arena, st->cur, st->cur_len, cap, 1);
        if (!p) {
            return SIFT_ENOMEM;
        }
        st->cur = p;
        st->cur_cap = cap;
    }
    if (st->cur_len > 0) {
        st->cur[st->cur_len++] = ' ';
    }
    memcpy(st->cur + st->cur_len, s, len);
    st->cur_len += len;
    st->cur_lines++;
    return 0;
}

/* ---- line kinds ------------------------------------------------------------- */

/* "# Heading ##": level 1..6 and the text, or 0. */
static int heading_at(const char *s, size_t len, const char **out, size_t *out_len)
{
    size_t k = 0;
    while (k < len && s[k] == '#') {
        k++;
    }
    if (k == 0 || k > 6 || (k < len && s[k] != ' ' && s[k] != '\t')) {
        return 0;
    }
    const char *t = s + k;
    size_t tl = len - k;
    while (tl > 0 && (t[tl - 1] == '#' || is_space(t[tl - 1]))) {
        tl--;
    }
    while (tl > 0 && is_space(*t)) {
        t++;
        tl--;
    }
    *out = t;
    *out_len = tl;
    return (int)k;
}

/* A rule: three or more of one of '-', '*', '_', '=' (spaces allowed). */
static int rule_char(const char *s, size_t len)
{
    char c = 0;
    size_t n = 0;
    for (size_t i = 0; i < len; i++) {
        if (is_space(s[i])) {
            continue;
        }
        if (c == 0 && (s[i] == '-' || s[i] == '*' || s[i] == '_' || s[i] == '=')) {
            c = s[i];
        }
        if (s[i] != c) {
            return 0;
        }
        n++;
    }
    return n >= 3 ? c : 0;
}

/* A list marker ("- ", "* ", "+ ", "• ", "1. ", "2) "): bytes to skip. */
static size_t list_marker(const char *s, size_t len)
{
    if (len >= 2 && (s[0] == '-' || s[0] == '*' || s[0] == '+') && s[1] == ' ') {
        return 2;
    }
    if (len >= 4 && (unsigned char)s[0] == 0xe2 && (unsigned char)s[1] == 0x80 &&
        (unsigned char)s[2] == 0xa2 && s[3] == ' ') {
        return 4;
    }
    size_t d = 0;
    while (d < len && d < 3 && s[d] >= '0' && s[d] <= '9') {
        d++;
    }
    if (d > 0 && d + 1 < len && (s[d] == '.' || s[d] == ')') && s[d + 1] == ' ') {
        return d + 2;
    }
    return 0;
}

/* Is the text hard-wrapped (paragraphs of several short lines between
 * blank lines, most lines ending mid-sentence) rather than one paragraph
 * a line? A text with no blank lines is read a paragraph a line; its
 * broken sentences are joined again later (join_broken). */
static int is_wrapped(const line_t *lines, size_t n)
{
    size_t groups = 0, in_groups = 0, short_lines = 0, inner = 0, open_lines = 0;
    size_t i = 0;
    while (i < n) {
        size_t j = i;
        while (j < n && lines[j].len > 0) {
            j++;
        }
        if (j - i >= 2) {
            groups++;
            for (size_t k = i; k < j; k++) {
                in_groups++;
                short_lines += lines[k].len <= WRAP_COLUMNS;
                if (k + 1 < j) {
                    inner++;
                    open_lines += !clutter_ends_sentence(lines[k].ptr, lines[k].len);
                }
            }
        }
        i = j + 1;
    }
    return groups >= 2 && in_groups >= 4 && short_lines * 10 >= in_groups * 8 &&
           open_lines * 2 >= inner;
}

/* ---- the reader's passes ---------------------------------------------------- */

static void strip_line(const char **s, size_t *len)
{
    while (*len > 0 && is_space((*s)[*len - 1])) {
        (*len)--;
    }
}

static int read_lines(txt_state_t *st, const line_t *lines, size_t n)
{
    int wrapped = is_wrapped(lines, n);
    int in_fence = 0;
    int rc = 0;
    for (size_t i = 0; i < n && rc == 0; i++) {
        const char *s = lines[i].ptr;
        size_t len = lines[i].len;
        size_t ind = 0;
        while (ind < len && is_space(s[ind])) {
            ind++;
        }
        const char *t = s + ind;
        size_t tl = len - ind;
        if (st->is_markdown && tl >= 3 &&
            (strncmp(t, "```", 3) == 0 || strncmp(t, "~~~", 3) == 0)) {
            rc = flush(st);
            in_fence = !in_fence;
            continue;
        }
        if (in_fence) {
            rc = collect(st, SIFT_BLOCK_PARAGRAPH, s, len);
            if (rc == 0) {
                rc = flush(st);
            }
            continue;
        }
        if (tl == 0) {
            rc = flush(st);
            continue;
        }
        const char *h;
        size_t hl;
        if (heading_at(t, tl, &h, &hl)) {
            rc = flush(st);
            if (rc == 0) {
                rc = collect(st, SIFT_BLOCK_HEADING, h, hl);
            }
            if (rc == 0) {
                rc = flush(st);
            }
            continue;
        }
        int rule = rule_char(t, tl);
        if (rule && st->is_markdown && (rule == '=' || rule == '-') && st->cur_lines == 1 &&
            st->cur_kind == SIFT_BLOCK_PARAGRAPH) {
            st->cur_kind = SIFT_BLOCK_HEADING; /* a setext heading */
            rc = flush(st);
            continue;
        }
        if (rule) {
            rc = flush(st);
            if (rc == 0) {
                rc = report_add_clutter(st->r, "separator", t, tl);
            }
            continue;
        }
        if (t[0] == '>') {
            size_t k = 1;
            while (k < tl && (t[k] == '>' || t[k] == ' ')) {
                k++;
            }
            if (st->cur_kind != SIFT_BLOCK_QUOTE) {
                rc = flush(st);
            }
            if (rc == 0 && k < tl) {
                rc = collect(st, SIFT_BLOCK_QUOTE, t + k, tl - k);
            } else if (rc == 0) {
                rc = flush(st);
            }
            continue;
        }
        size_t lm = list_marker(t, tl);
        if (lm) {
            rc = flush(st);
            if (rc == 0) {
                rc = collect(st, SIFT_BLOCK_LIST_ITEM, t + lm, tl - lm);
            }
            if (rc == 0 && !wrapped) {
                rc = flush(st);
            }
            continue;
        }
        if (st->is_markdown && t[0] == '[') {
            /* a link reference definition "[1]: https://..." */
            size_t cb = closing(t, tl, '[', ']', &st->scan_budget);
            if (cb && cb + 1 < tl && t[cb + 1] == ':') {
                rc = flush(st);
                if (rc == 0) {
                    rc = report_add_clutter(st->r, "link", t, tl);
                }
                continue;
            }
        }
        if (!wrapped || st->cur_len == 0) {
            rc = flush(st);
            if (rc == 0) {
                rc = collect(st, SIFT_BLOCK_PARAGRAPH, t, tl);
            }
            continue;
        }
        /* a wrapped line continues the open paragraph, list item or quote */
        rc = collect(st, st->cur_kind == SIFT_BLOCK_HEADING ? SIFT_BLOCK_PARAGRAPH : st->cur_kind,
                     t, tl);
    }
    if (rc == 0) {
        rc = flush(st);
    }
    return rc;
}

/* A bare web address: "https://..." or "<https://...>", no spaces. */
static int bare_url(const char *s, size_t len, const char **out, size_t *out_len)
{
    while (len > 0 && (*s == '<' || is_space(*s))) {
        s++;
        len--;
    }
    while (len > 0 && (s[len - 1] == '>' || is_space(s[len - 1]))) {
        len--;
    }
    if (!(len > 8 && (strncasecmp(s, "http://", 7) == 0 || strncasecmp(s, "https://", 8) == 0))) {
        return 0;
    }
    for (size_t i = 0; i < len; i++) {
        if (is_space(s[i])) {
            return 0;
        }
    }
    *out = s;
    *out_len = len;
    return 1;
}

/* "Original url:", "Source: https://...", "Originally published at ...":
 * a trailer label. Returns the bytes after the label (at the address or
 * the end), or 0. */
static size_t trailer_label(const char *s, size_t len)
{
    /* labels that must be followed by a colon, and phrases that may run
     * on a few words to the address ("Originally published at ...") */
    static const char *const colon_labels[] = { "original url",
                                                "original article",
                                                "original link",
                                                "original source",
                                                "source url",
                                                "source",
                                                "url",
                                                "link",
                                                "canonical url",
                                                "canonical",
                                                "permalink",
                                                "article url",
                                                "via" };
    static const char *const phrases[] = { "originally published",
                                           "read the original",
                                           "first published",
                                           "read more at",
                                           "this article was originally published",
                                           "this story was originally published" };
    size_t j = 0;
    for (size_t i = 0; i < sizeof(colon_labels) / sizeof(colon_labels[0]) && !j; i++) {
        size_t k = strlen(colon_labels[i]);
        if (len > k && strncasecmp(s, colon_labels[i], k) == 0) {
            size_t c = k;
            while (c < len && is_space(s[c])) {
                c++;
            }
            j = c < len && s[c] == ':' ? c + 1 : 0;
        }
    }
    for (size_t i = 0; i < sizeof(phrases) / sizeof(phrases[0]) && !j; i++) {
        size_t k = strlen(phrases[i]);
        if (len < k || strncasecmp(s, phrases[i], k) != 0) {
            continue;
        }
        j = k;
        while (j < len && j < k + 40 && s[j] != ':' && s[j] != '<' &&
               strncasecmp(s + j, "http", 4) != 0) {
            j++;
        }
        if (j < len && s[j] == ':') {
            j++;
        }
    }
    while (j > 0 && j < len && is_space(s[j])) {
        j++;
    }
    return j;
}

static int take_trailers(txt_state_t *st)
{
    sift_report_t *r = st->r;
    int rc = 0;
    for (size_t i = 0; i < st->n_items && rc == 0; i++) {
        item_t *it = &st->items[i];
        if (it->is_gone || it->kind == SIFT_BLOCK_HEADING) {
            continue;
        }
        const char *u = NULL;
        size_t ul = 0;
        size_t k = trailer_label(it->text, it->len);
        item_t *url_item = NULL;
        if (k > 0 && k < it->len) {
            if (!bare_url(it->text + k, it->len - k, &u, &ul)) {
                continue;
            }
        } else if (k > 0 && k == it->len) {
            size_t j = i + 1;
            while (j < st->n_items && st->items[j].is_gone) {
                j++;
            }
            if (j >= st->n_items || !bare_url(st->items[j].text, st->items[j].len, &u, &ul)) {
                continue;
            }
            url_item = &st->items[j];
        } else if (i + 1 == st->n_items && bare_url(it->text, it->len, &u, &ul)) {
            /* a bare address closing the text: no label */
        } else {
            continue;
        }
        if (r->url[0] == '\0') {
            rc = report_set(r, &r->url, u, ul);
        }
        if (rc == 0) {
            rc = report_add_clutter(r, "trailer", it->text, it->len);
        }
        it->is_gone = 1;
        if (rc == 0 && url_item) {
            rc = report_add_clutter(r, "trailer", url_item->text, url_item->len);
            url_item->is_gone = 1;
        }
    }
    return rc;
}

static size_t next_live(const txt_state_t *st, size_t i)
{
    while (i < st->n_items && st->items[i].is_gone) {
        i++;
    }
    return i;
}

static int is_title_case(const char *s, size_t len);

/* A standfirst: one short summary sentence after the title. A lead
 * paragraph is longer and attributes ("said", "told"); a caption or a
 * credit is clutter, not a standfirst. */
static int is_standfirst(const item_t *it, const item_t *next)
{
    /* a headline-style line (no full stop, not title case), or a
     * sentence set apart from the lead by page furniture (a rule, a
     * photo and its caption) */
    int is_deck = !clutter_ends_sentence(it->text, it->len) && !is_title_case(it->text, it->len);
    int is_set_apart = next && clutter_line_reason(next->text, next->len);
    if (!is_deck && !is_set_apart) {
        return 0;
    }
    size_t words = clutter_count_words(it->text, it->len);
    if (words < MIN_STANDFIRST_WORDS || words > MAX_STANDFIRST_WORDS ||
        clutter_line_reason(it->text, it->len)) {
        return 0;
    }
    static const char *const no[] = { "\"", "\xe2\x80\x9c", " said", " told ", ". " };
    for (size_t i = 0; i < sizeof(no) / sizeof(no[0]); i++) {
        size_t k = strlen(no[i]);
        for (size_t j = 0; j + k <= it->len; j++) {
            if (memcmp(it->text + j, no[i], k) == 0) {
                return 0;
            }
        }
    }
    return 1;
}

static int continues(const item_t *a, const item_t *b);

/* Equal but for case and white space? */
static int same_text(const char *a, const char *b, size_t b_len)
{
    size_t i = 0, j = 0, a_len = strlen(a);
    for (;;) {
        while (i < a_len && (is_space(a[i]) || a[i] == '\n')) {
            i++;
        }
        while (j < b_len && (is_space(b[j]) || b[j] == '\n')) {
            j++;
        }
        if (i == a_len || j == b_len) {
            return i == a_len && j == b_len;
        }
        char x = a[i], y = b[j];
        if ((x | 0x20) != (y | 0x20) || (x ^ y) & ~0x20) {
            return 0;
        }
        i++;
        j++;
    }
}

static int take_title(txt_state_t *st)
{
    sift_report_t *r = st->r;
    size_t i = next_live(st, 0);
    /* furniture above the headline (a date line, "Advertisement") is
     * passed over; the clutter pass sets it aside later */
    for (int skipped = 0; skipped < MAX_LINES_ABOVE_TITLE && i < st->n_items &&
                          clutter_line_reason(st->items[i].text, st->items[i].len);
         skipped++) {
        i = next_live(st, i + 1);
    }
    if (i >= st->n_items) {
        return 0;
    }
    item_t *first = &st->items[i];
    int rc = 0;
    if (r->title[0] == '\0' && first->len <= MAX_TITLE_BYTES &&
        (first->kind == SIFT_BLOCK_HEADING || first->kind == SIFT_BLOCK_PARAGRAPH) &&
        !clutter_line_reason(first->text, first->len)) {
        rc = report_set(r, &r->title, first->text, first->len);
        first->is_gone = 1;
        i = next_live(st, i + 1);
    }
    if (rc || r->title[0] == '\0' || r->subtitle[0] != '\0' || i >= st->n_items) {
        return rc;
    }
    /* the subtitle: the next block when two more follow it */
    item_t *sub = &st->items[i];
    size_t rest = 0;
    for (size_t j = i + 1; j < st->n_items; j++) {
        rest += !st->items[j].is_gone;
    }
    /* the lead after it is longer (a standfirst sums up, the lead tells),
     * and the candidate is not a sentence broken over a line */
    size_t lead = next_live(st, i + 1);
    if (lead < st->n_items && continues(sub, &st->items[lead])) {
        return 0;
    }
    while (lead < st->n_items && (st->items[lead].is_gone ||
                                  clutter_line_reason(st->items[lead].text, st->items[lead].len))) {
        lead++;
    }
    int has_lead = lead < st->n_items && st->items[lead].kind == SIFT_BLOCK_PARAGRAPH &&
                   clutter_count_words(st->items[lead].text, st->items[lead].len) >
                       clutter_count_words(sub->text, sub->len);
    if (rest >= 2 && has_lead && !same_text(r->title, sub->text, sub->len) &&
        (sub->kind == SIFT_BLOCK_PARAGRAPH || sub->kind == SIFT_BLOCK_HEADING) &&
        is_standfirst(sub, next_live(st, i + 1) < st->n_items ? &st->items[next_live(st, i + 1)]
                                                              : NULL)) {
        rc = report_set(r, &r->subtitle, sub->text, sub->len);
        sub->is_gone = 1;
    }
    return rc;
}

/* Share of words starting with a capital: headlines are title case. */
static int is_title_case(const char *s, size_t len)
{
    size_t words = 0, caps = 0;
    int at_start = 1;
    for (size_t i = 0; i < len; i++) {
        if (s[i] == ' ') {
            at_start = 1;
        } else if (at_start) {
            at_start = 0;
            words++;
            caps += (s[i] >= 'A' && s[i] <= 'Z') || (s[i] >= '0' && s[i] <= '9');
        }
    }
    return words > 0 && caps * 10 >= words * 7;
}

static const char *last_word(const char *s, size_t len, size_t *out_len)
{
    size_t e = len;
    while (e > 0 && s[e - 1] == ' ') {
        e--;
    }
    size_t b = e;
    while (b > 0 && s[b - 1] != ' ') {
        b--;
    }
    *out_len = e - b;
    return s + b;
}

/* Did paragraph a end mid-sentence with b carrying on? */
static int continues(const item_t *a, const item_t *b)
{
    if (a->kind != SIFT_BLOCK_PARAGRAPH || b->kind != SIFT_BLOCK_PARAGRAPH ||
        clutter_ends_sentence(a->text, a->len) || is_title_case(a->text, a->len) ||
        clutter_line_reason(a->text, a->len) || clutter_line_reason(b->text, b->len)) {
        return 0;
    }
    size_t words = clutter_count_words(a->text, a->len);
    if (words < 4) {
        return 0;
    }
    if (is_lower_start(b->text, b->len)) {
        return 1;
    }
    size_t wl;
    const char *w = last_word(a->text, a->len, &wl);
    static const char *const joiners[] = { "the",  "a",    "an",    "of",   "and",  "or",
                                           "to",   "in",   "on",    "at",   "by",   "for",
                                           "with", "from", "as",    "that", "than", "but",
                                           "his",  "her",  "their", "its",  "who",  "which" };
    if (wl > 0 && (w[wl - 1] == ',' || w[wl - 1] == '-')) {
        return 1;
    }
    for (size_t i = 0; i < sizeof(joiners) / sizeof(joiners[0]); i++) {
        if (strlen(joiners[i]) == wl && strncmp(w, joiners[i], wl) == 0) {
            return 1;
        }
    }
    /* a name broken in two: "... opened by Turkish Foreign" / "Minister
     * Hakan Fidan, who ..."; only after a long run of sentence text */
    return words >= 8 && wl > 0 && w[0] >= 'A' && w[0] <= 'Z' && b->text[0] >= 'A' &&
           b->text[0] <= 'Z';
}

static int join_broken(txt_state_t *st)
{
    size_t a = next_live(st, 0);
    while (a < st->n_items) {
        size_t b = next_live(st, a + 1);
        if (b >= st->n_items) {
            break;
        }
        item_t *ia = &st->items[a], *ib = &st->items[b];
        if (!continues(ia, ib)) {
            a = b;
            continue;
        }
        char *p = arena_alloc(st->arena, ia->len + ib->len + 2);
        if (!p) {
            return SIFT_ENOMEM;
        }
        memcpy(p, ia->text, ia->len);
        p[ia->len] = ' ';
        memcpy(p + ia->len + 1, ib->text, ib->len);
        p[ia->len + 1 + ib->len] = '\0';
        ia->text = p;
        ia->len += ib->len + 1;
        ib->is_gone = 1;
    }
    return 0;
}

/* YAML front matter of Markdown ("---" ... "---"): title, date, author,
 * url. Returns the number of lines it took. */
static size_t front_matter(sift_report_t *r, const line_t *lines, size_t n, int *rc)
{
    if (n < 2 || lines[0].len != 3 || strncmp(lines[0].ptr, "---", 3) != 0) {
        return 0;
    }
    size_t end = 1;
    while (end < n && end < 60 &&
           !(lines[end].len == 3 && strncmp(lines[end].ptr, "---", 3) == 0)) {
        end++;
    }
    if (end >= n || end >= 60) {
        return 0;
    }
    for (size_t i = 1; i < end && *rc == 0; i++) {
        const char *s = lines[i].ptr;
        size_t len = lines[i].len;
        const char *colon = memchr(s, ':', len);
        if (!colon) {
            continue;
        }
        size_t kl = (size_t)(colon - s);
        const char *v = colon + 1;
        size_t vl = len - kl - 1;
        while (vl > 0 && (is_space(*v) || *v == '"' || *v == '\'')) {
            v++;
            vl--;
        }
        while (vl > 0 && (is_space(v[vl - 1]) || v[vl - 1] == '"' || v[vl - 1] == '\'')) {
            vl--;
        }
        int y, m, d;
        if (kl == 5 && strncasecmp(s, "title", 5) == 0) {
            *rc = report_set(r, &r->title, v, vl);
        } else if ((kl == 6 && strncasecmp(s, "author", 6) == 0) ||
                   (kl == 6 && strncasecmp(s, "byline", 6) == 0)) {
            *rc = report_set(r, &r->byline, v, vl);
        } else if ((kl == 3 && strncasecmp(s, "url", 3) == 0) ||
                   (kl == 9 && strncasecmp(s, "canonical", 9) == 0)) {
            *rc = report_set(r, &r->url, v, vl);
        } else if (kl == 4 && strncasecmp(s, "date", 4) == 0 &&
                   clutter_date_at(v, vl, &y, &m, &d) > 0) {
            char date[11];
            snprintf(date, sizeof(date), "%04d-%02d-%02d", y, m, d);
            *rc = report_set_str(r, &r->date, date);
            if (*rc == 0) {
                *rc = report_set(r, &r->date_evidence, s, len);
            }
            r->date_src = SIFT_DATE_FIELD;
            r->is_date_certain = 1;
        }
    }
    return end + 1;
}

static int split_lines(arena_t *a, const char *data, size_t len, line_t **out, size_t *out_n)
{
    size_t n = 1;
    for (const char *p = data; (p = memchr(p, '\n', (size_t)(data + len - p))) != NULL; p++) {
        n++;
    }
    line_t *lines = arena_alloc(a, n * sizeof(line_t));
    if (!lines) {
        return SIFT_ENOMEM;
    }
    size_t k = 0;
    const char *p = data, *end = data + len;
    while (p <= end && k < n) {
        const char *nl = memchr(p, '\n', (size_t)(end - p));
        const char *le = nl ? nl : end;
        const char *s = p;
        size_t sl = (size_t)(le - p);
        strip_line(&s, &sl);
        /* a line of white space only is blank */
        size_t b = 0;
        while (b < sl && is_space(s[b])) {
            b++;
        }
        lines[k].ptr = s;
        lines[k].len = b == sl ? 0 : sl;
        k++;
        if (!nl) {
            break;
        }
        p = nl + 1;
    }
    *out = lines;
    *out_n = k;
    return 0;
}

static int build(txt_state_t *st, const char *data, size_t len, int with_title)
{
    line_t *lines;
    size_t n;
    int rc = split_lines(st->arena, data, len, &lines, &n);
    if (rc) {
        return rc;
    }
    size_t skip = st->is_markdown ? front_matter(st->r, lines, n, &rc) : 0;
    if (rc == 0) {
        rc = read_lines(st, lines + skip, n - skip);
    }
    if (rc == 0) {
        rc = take_trailers(st);
    }
    if (rc == 0 && with_title) {
        rc = take_title(st);
    }
    if (rc == 0) {
        rc = join_broken(st);
    }
    for (size_t i = 0; i < st->n_items && rc == 0; i++) {
        if (!st->items[i].is_gone) {
            rc = report_add_block(st->r, st->items[i].kind, st->items[i].text, st->items[i].len);
        }
    }
    return rc;
}

static int read_into(sift_report_t *r, const char *data, size_t len, int is_markdown,
                     int with_title)
{
    txt_state_t st;
    memset(&st, 0, sizeof(st));
    st.r = r;
    st.arena = report_arena(r);
    st.is_markdown = is_markdown;
    st.cur_kind = SIFT_BLOCK_PARAGRAPH;
    st.scan_budget = len < SIZE_MAX / INLINE_SCAN_PER_BYTE ? len * INLINE_SCAN_PER_BYTE : len;
    return build(&st, data, len, with_title);
}

int txt_read_blocks(sift_report_t *r, const char *data, size_t len, int is_markdown)
{
    return read_into(r, data, len, is_markdown, 0);
}

int txt_read(const sift_ctx_t *ctx, const char *source, const char *data, size_t len,
             int is_markdown, sift_report_t **out, sift_err_t *err)
{
    (void)ctx;
    sift_report_t *r = sift_report_new(source, is_markdown ? SIFT_FMT_MARKDOWN : SIFT_FMT_TEXT);
    if (!r) {
        return err_set(err, SIFT_ENOMEM, source, SIFT_NOPOS, 0, "out of memory");
    }
    int rc = read_into(r, data, len, is_markdown, 1);
    if (rc == SIFT_ELIMIT) {
        rc = err_set(err, SIFT_EINPUT, source, SIFT_NOPOS, 0, "too many paragraphs (over %d)",
                     SIFT_MAX_BLOCKS);
    }
    if (rc == 0) {
        rc = clutter_clean(r, err);
    }
    if (rc == 0) {
        rc = clutter_title_as_body(r);
    }
    if (rc == 0 && r->n_blocks == 0 && r->n_clutter == 0 && r->title[0]) {
        /* a one-line report (a headline-only item, a short text): the
         * line is its title and also its whole body, not "no text" */
        rc = report_add_block(r, SIFT_BLOCK_PARAGRAPH, r->title, strlen(r->title));
    }
    if (rc == 0) {
        rc = meta_complete(r, err);
    }
    if (rc == 0 && r->n_blocks == 0) {
        rc = err_set(err, SIFT_EINPUT, source, SIFT_NOPOS, 0, "no text found");
    }
    if (rc) {
        if (err->code == 0) {
            err_set(err, rc, source, SIFT_NOPOS, 0,
                    rc == SIFT_ENOMEM ? "out of memory" : "cannot read report");
        }
        sift_report_free(r);
        return rc;
    }
    report_finish(r);
    *out = r;
    return 0;
}
