/* read/clutter.c: move clutter out of a report's body, keeping it aside
 * with the reason. Works on blocks, so every reader shares it. The rules
 * are general patterns of page furniture (photo credits, "Related" and
 * "Read more" lines, share prompts, legal notices, repeats of the title
 * or lead), never names of particular sites; docs/internals/clutter.md
 * explains each one. Bylines, credits and datelines move to metadata. */
#include <pthread.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>
#include <strings.h>

#include "read_int.h"
#include "util/arena.h"
#include "util/hash.h"
#include "util/report.h"

/* Blocks longer than this are never clutter on their own: real captions,
 * prompts and notices are short; a long block is body text. */
#define MAX_CLUTTER_WORDS 80
/* Prompts and markers ("Read more: ...") are a headline long at most. */
#define MAX_PROMPT_WORDS 30
/* A repeat of the lead counts from this many words: a shorter line seen
 * twice near the top is more likely a refrain (an interview question). */
#define MIN_REPEAT_WORDS 12
/* Any paragraph this long seen twice is a page artefact, not style. */
#define MIN_LONG_REPEAT_WORDS 40
/* A body with no paragraph this long has no real text of its own
 * (clutter_title_as_body). */
#define MIN_BODY_WORDS 20
/* Near-repeats are looked for among the first blocks only: the lead. */
#define LEAD_BLOCKS 3
/* A date line or byline dates the report only near the top, before this
 * many body paragraphs: further down, lone dates belong to comments,
 * archives and related links. */
#define DATE_BEFORE_PARAGRAPHS 2
/* Headlines dropped after a "Related" marker: a links box is short; a
 * longer run is more likely body text (a list) after a stray marker. */
#define MAX_AFTER_MARKER 6

/* ---- small text helpers ------------------------------------------------- */

static int is_alpha(char c)
{
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
}

static int is_digit(char c)
{
    return c >= '0' && c <= '9';
}

static int is_upper(char c)
{
    return c >= 'A' && c <= 'Z';
}

static int is_space(char c)
{
    return c == ' ' || c == '\t' || c == '\n' || c == '\r';
}

static char lower(char c)
{
    return is_upper(c) ? (char)(c - 'A' + 'a') : c;
}

size_t clutter_count_words(const char *s, size_t len)
{
    return clutter_count_words_upto(s, len, SIZE_MAX - 1);
}

size_t clutter_count_words_upto(const char *s, size_t len, size_t cap)
{
    size_t n = 0;
    int in_word = 0;
    for (size_t i = 0; i < len; i++) {
        if (is_space(s[i])) {
            in_word = 0;
        } else if (!in_word) {
            in_word = 1;
            if (++n > cap) {
                break;
            }
        }
    }
    return n;
}

/* Does s[0..len) start with prefix, ignoring ASCII case? */
static int starts_ci(const char *s, size_t len, const char *prefix)
{
    size_t k = strlen(prefix);
    return len >= k && strncasecmp(s, prefix, k) == 0;
}

static int ends_ci(const char *s, size_t len, const char *suffix)
{
    size_t k = strlen(suffix);
    return len >= k && strncasecmp(s + len - k, suffix, k) == 0;
}

/* Does s[0..len) contain needle, ignoring ASCII case? */
static int contains_ci(const char *s, size_t len, const char *needle)
{
    size_t k = strlen(needle);
    if (k == 0) {
        return 1;
    }
    /* compare the first byte inline: most positions fail there, and a
     * call per position made this the reader's hot spot */
    char first = lower(needle[0]);
    for (size_t i = 0; i + k <= len; i++) {
        if (lower(s[i]) == first && strncasecmp(s + i, needle, k) == 0) {
            return 1;
        }
    }
    return 0;
}

/* Trim white space and the given decoration bytes at both ends. */
static void trim(const char **s, size_t *len, const char *deco)
{
    while (*len > 0 && (is_space(**s) || strchr(deco, **s))) {
        (*s)++;
        (*len)--;
    }
    while (*len > 0 && (is_space((*s)[*len - 1]) || strchr(deco, (*s)[*len - 1]))) {
        (*len)--;
    }
}

/* Any letter or digit? Typographic punctuation (U+0080..U+00BF and
 * U+2000..U+206F: dashes, bullets, quotes) does not count. */
static int has_alnum(const char *s, size_t len)
{
    for (size_t i = 0; i < len; i++) {
        unsigned char c = (unsigned char)s[i];
        if (c == 0xc2 && i + 1 < len) {
            i++;
            continue;
        }
        if (c == 0xe2 && i + 2 < len && ((unsigned char)s[i + 1] & 0xfeu) == 0x80u) {
            i += 2;
            continue;
        }
        if (is_alpha((char)c) || is_digit((char)c) || c >= 0x80) {
            return 1;
        }
    }
    return 0;
}

/* Does the text end like a sentence (terminal punctuation, maybe inside
 * closing quotes or brackets)? */
int clutter_ends_sentence(const char *s, size_t len)
{
    while (len > 0 && is_space(s[len - 1])) {
        len--;
    }
    while (len > 0) {
        unsigned char c = (unsigned char)s[len - 1];
        if (c == '"' || c == '\'' || c == ')' || c == ']' || c == '*' || c == '_') {
            len--;
            continue;
        }
        /* closing curly quotes U+201D, U+2019 and the ellipsis U+2026 */
        if (len >= 3 && (unsigned char)s[len - 3] == 0xe2 && (unsigned char)s[len - 2] == 0x80 &&
            (c == 0x9d || c == 0x99)) {
            len -= 3;
            continue;
        }
        if (len >= 3 && (unsigned char)s[len - 3] == 0xe2 && (unsigned char)s[len - 2] == 0x80 &&
            c == 0xa6) {
            return 1;
        }
        break;
    }
    if (len == 0) {
        return 0;
    }
    char c = s[len - 1];
    return c == '.' || c == '!' || c == '?' || c == ':' || c == ';';
}

/* ---- dates -------------------------------------------------------------- */

/* A month name (full, or its first three letters, "Sept") at s: returns
 * the bytes taken (with a trailing '.') and sets *out_month 1..12. */
static size_t month_at(const char *s, size_t len, int *out_month)
{
    size_t w = 0;
    while (w < len && is_alpha(s[w])) {
        w++;
    }
    if (w < 3 || (w < len && (is_digit(s[w]) || s[w] == '-'))) {
        return 0;
    }
    int m = date_month_word(s, w);
    if (!m) {
        return 0;
    }
    *out_month = m;
    int is_abbrev = (w == 3 && m != 5) || (w == 4 && m == 9); /* "Jan.", "Sept." */
    return w + (is_abbrev && w < len && s[w] == '.' ? 1u : 0u);
}

/* 1 to max_digits digits at s: returns bytes taken, value in *out. */
static size_t num_at(const char *s, size_t len, size_t max_digits, int *out)
{
    size_t i = 0;
    int v = 0;
    while (i < len && i < max_digits && is_digit(s[i])) {
        v = v * 10 + (s[i] - '0');
        i++;
    }
    if (i < len && is_digit(s[i])) {
        return 0; /* more digits than allowed: not this kind of number */
    }
    *out = v;
    return i;
}

static size_t skip_spaces(const char *s, size_t len, size_t i)
{
    while (i < len && is_space(s[i])) {
        i++;
    }
    return i;
}

static int valid_ymd(int y, int m, int d)
{
    return y >= 1900 && y <= 2199 && m >= 1 && m <= 12 && d >= 1 && d <= 31;
}

size_t clutter_date_at(const char *s, size_t len, int *out_y, int *out_m, int *out_d)
{
    int y = 0, m = 0, d = 0;
    size_t i, k;
    /* 2025-05-16 */
    if (len >= 10 && num_at(s, len, 4, &y) == 4 && s[4] == '-' &&
        num_at(s + 5, len - 5, 2, &m) == 2 && s[7] == '-' && num_at(s + 8, len - 8, 2, &d) == 2 &&
        valid_ymd(y, m, d)) {
        *out_y = y;
        *out_m = m;
        *out_d = d;
        return 10;
    }
    /* May 16, 2025 / May 16 2025 */
    if ((k = month_at(s, len, &m)) > 0) {
        i = skip_spaces(s, len, k);
        size_t n = num_at(s + i, len - i, 2, &d);
        if (n == 0) {
            return 0;
        }
        i += n;
        if (i + 1 < len && (strncasecmp(s + i, "st", 2) == 0 || strncasecmp(s + i, "nd", 2) == 0 ||
                            strncasecmp(s + i, "rd", 2) == 0 || strncasecmp(s + i, "th", 2) == 0)) {
            i += 2;
        }
        if (i < len && s[i] == ',') {
            i++;
        }
        i = skip_spaces(s, len, i);
        n = num_at(s + i, len - i, 4, &y);
        if (n != 4 || !valid_ymd(y, m, d)) {
            return 0;
        }
        *out_y = y;
        *out_m = m;
        *out_d = d;
        return i + n;
    }
    /* 16 May 2025 */
    if ((k = num_at(s, len, 2, &d)) > 0) {
        i = skip_spaces(s, len, k);
        if (i == k) {
            return 0;
        }
        size_t n = month_at(s + i, len - i, &m);
        if (n == 0) {
            return 0;
        }
        i += n;
        if (i < len && s[i] == ',') {
            i++;
        }
        i = skip_spaces(s, len, i);
        n = num_at(s + i, len - i, 4, &y);
        if (n != 4 || !valid_ymd(y, m, d)) {
            return 0;
        }
        *out_y = y;
        *out_m = m;
        *out_d = d;
        return i + n;
    }
    return 0;
}

/* Words a date line may carry besides the date itself. */
static int is_date_filler(const char *w, size_t n)
{
    static const char *const words[] = {
        "published", "updated", "posted",  "last",      "modified", "on",     "at",       "date",
        "am",        "pm",      "a.m.",    "p.m.",      "gmt",      "utc",    "et",       "est",
        "edt",       "bst",     "cet",     "cest",      "msk",      "ist",    "pt",       "pst",
        "pdt",       "monday",  "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday",
        "mon",       "tue",     "wed",     "thu",       "fri",      "sat",    "sun"
    };
    for (size_t i = 0; i < sizeof(words) / sizeof(words[0]); i++) {
        if (strlen(words[i]) == n && strncasecmp(w, words[i], n) == 0) {
            return 1;
        }
    }
    /* times and zones: 10:30, 10.30, +0300 */
    for (size_t i = 0; i < n; i++) {
        if (!is_digit(w[i]) && w[i] != ':' && w[i] != '.' && w[i] != '+' && w[i] != '-') {
            return 0;
        }
    }
    return 1;
}

/* Is the whole text one date with its usual company (a weekday, a time,
 * "Updated")? Fills the date as "YYYY-MM-DD" in out. */
static int is_date_line(const char *s, size_t len, char out[11])
{
    if (len > 100) {
        return 0;
    }
    int y = 0, m = 0, d = 0, found = 0;
    size_t i = 0;
    while (i < len) {
        char c = s[i];
        if (is_space(c) || c == ',' || c == '|' || c == '-' || c == ':' || c == '(' || c == ')' ||
            c == '/' || c == '.') {
            i++;
            continue;
        }
        if ((unsigned char)c == 0xe2 && i + 2 < len) {
            i += 3; /* dashes and bullets: U+2013, U+2014, U+2022, U+00B7 */
            continue;
        }
        if (!found) {
            size_t k = clutter_date_at(s + i, len - i, &y, &m, &d);
            if (k > 0) {
                found = 1;
                i += k;
                continue;
            }
        }
        size_t w = i;
        while (w < len && !is_space(s[w]) && s[w] != ',' && s[w] != '|') {
            w++;
        }
        if (!is_date_filler(s + i, w - i)) {
            return 0;
        }
        i = w;
    }
    if (!found) {
        return 0;
    }
    snprintf(out, 11, "%04d-%02d-%02d", y, m, d);
    return 1;
}

/* A dateline opening a paragraph: "LENPORT, March 3, 2026 - ..." or
 * "LENPORT, Ruritania, March 3, 2026 (Agency) -": a place in capitals
 * (or capitalised words), a date, then a dash. Fills out. */
static int dateline_prefix(const char *s, size_t len, char out[11])
{
    size_t lim = len < 120 ? len : 120;
    for (size_t i = 0; i < lim; i++) {
        int y, m, d;
        if (s[i] != ',' || i + 2 >= lim) {
            continue;
        }
        size_t j = skip_spaces(s, lim, i + 1);
        size_t k = clutter_date_at(s + j, lim - j, &y, &m, &d);
        if (k == 0) {
            continue;
        }
        if (!is_upper(s[0])) {
            return 0;
        }
        j = skip_spaces(s, lim, j + k);
        if (j < lim && s[j] == '(') {
            while (j < lim && s[j] != ')') {
                j++;
            }
            j = skip_spaces(s, lim, j + 1);
        }
        int dash = (j < lim && (s[j] == '-' || s[j] == ':')) ||
                   (j + 2 < lim && (unsigned char)s[j] == 0xe2 && (unsigned char)s[j + 1] == 0x80 &&
                    ((unsigned char)s[j + 2] == 0x93 || (unsigned char)s[j + 2] == 0x94));
        if (!dash) {
            return 0;
        }
        snprintf(out, 11, "%04d-%02d-%02d", y, m, d);
        return 1;
    }
    return 0;
}

/* ---- per-block rules ----------------------------------------------------- */

/* Whole blocks that are navigation or a related-links marker. */
static const char *const nav_lines[] = { "related",
                                         "related news",
                                         "related articles",
                                         "related article",
                                         "related stories",
                                         "related story",
                                         "related content",
                                         "related coverage",
                                         "related posts",
                                         "related links",
                                         "related topics",
                                         "related reading",
                                         "read more",
                                         "read also",
                                         "also read",
                                         "see also",
                                         "more on this",
                                         "more on this story",
                                         "more stories",
                                         "more news",
                                         "read next",
                                         "up next",
                                         "load next story",
                                         "next story",
                                         "previous story",
                                         "next article",
                                         "previous article",
                                         "load more",
                                         "show more",
                                         "show comments",
                                         "comments",
                                         "leave a comment",
                                         "back to top",
                                         "advertisement",
                                         "skip advertisement",
                                         "continue reading",
                                         "story continues below",
                                         "article continues below",
                                         "scroll to continue",
                                         "scroll to continue with content",
                                         "most read",
                                         "most popular",
                                         "most viewed",
                                         "trending",
                                         "trending now",
                                         "top stories",
                                         "latest news",
                                         "you may also like",
                                         "you might also like",
                                         "recommended",
                                         "recommended for you",
                                         "recommended stories",
                                         "editor's picks",
                                         "don't miss",
                                         "watch",
                                         "listen",
                                         "listen to this article",
                                         "share",
                                         "share this",
                                         "share this article",
                                         "share this story",
                                         "share this page",
                                         "tweet",
                                         "print",
                                         "email",
                                         "copy link",
                                         "follow us",
                                         "subscribe",
                                         "sign up",
                                         "log in",
                                         "sign in",
                                         "menu",
                                         "search",
                                         "tags",
                                         "topics",
                                         "image",
                                         "photo",
                                         "video",
                                         "gallery",
                                         "view gallery",
                                         "see more",
                                         "further reading" };

/* Prefixes of a related-link line: "Read more: <headline>". */
static const char *const related_prefixes[] = {
    "read more",  "read also", "also read", "see also", "related",         "more",
    "watch",      "listen",    "read next", "also see", "further reading", "recommended",
    "don't miss", "up next",   "video",     "more on",  "also on"
};

/* Phrases of share, follow and subscribe prompts (in short blocks). */
static const char *const share_phrases[] = { "share this article",
                                             "share this story",
                                             "share on facebook",
                                             "share on twitter",
                                             "share on whatsapp",
                                             "share on linkedin",
                                             "share via",
                                             "share to",
                                             "follow us on",
                                             "follow us at",
                                             "subscribe to our",
                                             "subscribe now",
                                             "subscribe for",
                                             "subscribe to get",
                                             "sign up for our",
                                             "sign up to our",
                                             "sign up for the",
                                             "sign up now",
                                             "join our telegram",
                                             "join our whatsapp",
                                             "join us on",
                                             "click here to",
                                             "download our app",
                                             "download the app",
                                             "get the app",
                                             "support our journalism",
                                             "support independent journalism",
                                             "become a member",
                                             "turn on notifications",
                                             "enable notifications",
                                             "get our newsletter",
                                             "newsletter sign",
                                             "get the latest news delivered",
                                             "delivered to your inbox",
                                             "we use cookies",
                                             "accept cookies",
                                             "for the latest updates, follow" };

/* Phrases of legal notices and disclaimers. */
static const char *const legal_phrases[] = { "all rights reserved",
                                             "\xc2\xa9",
                                             "copyright ",
                                             "(c) 20",
                                             "may not be published, broadcast",
                                             "may not be reproduced",
                                             "may not be republished",
                                             "without prior written permission",
                                             "without permission is prohibited",
                                             "do not necessarily reflect",
                                             "the views expressed",
                                             "views and opinions expressed",
                                             "terms of use",
                                             "terms of service",
                                             "terms and conditions",
                                             "privacy policy",
                                             "cookie policy",
                                             "is a registered trademark",
                                             "for informational purposes only",
                                             "does not constitute",
                                             "not investment advice" };

/* Credit words of photo credits: "(AP Photo/X)", "Photo: AFP", "File". */
static int is_credit_word(const char *w, size_t n)
{
    static const char *const words[] = {
        "photo",        "photos",     "photograph", "photographer", "image",        "images",
        "picture",      "pictures",   "pic",        "credit",       "credits",      "foto",
        "illustration", "file",       "courtesy",   "getty",        "shutterstock", "pool",
        "handout",      "screenshot", "screengrab", "video",        "afp",          "ap",
        "epa",          "reuters",    "tass",       "anadolu",      "xinhua",       "dpa",
        "sipa",         "alamy",      "ria",        "novosti",      "efe",          "ansa",
        "via",          "by"
    };
    for (size_t i = 0; i < sizeof(words) / sizeof(words[0]); i++) {
        if (strlen(words[i]) == n && strncasecmp(w, words[i], n) == 0) {
            return 1;
        }
    }
    return 0;
}

/* Is s[0..len) only a photo credit: "Photo: AFP", "PHOTO: FILE",
 * "(AP Photo/Jane Doe)", "Getty Images", "Jane Doe/Reuters", "X via AFP"?
 * The text is short, has no sentence ending, and either starts with a
 * credit label or names an agency through "via" or a slash. */
static int is_credit_only(const char *s, size_t len)
{
    trim(&s, &len, "()[]*_");
    size_t words = clutter_count_words_upto(s, len, 10);
    if (len == 0 || words > 10 || (len > 0 && s[len - 1] == '.' && words > 3)) {
        return 0;
    }
    static const char *const labels[] = {
        "photo:",     "photos:",      "photo by",      "photo credit",  "image:",
        "image by",   "image credit", "picture:",      "credit:",       "credits:",
        "pic:",       "foto:",        "illustration:", "photograph:",   "ap photo",
        "file photo", "source:",      "courtesy of",   "photographer:", "video:"
    };
    for (size_t i = 0; i < sizeof(labels) / sizeof(labels[0]); i++) {
        if (starts_ci(s, len, labels[i]) && (i != 16 || words <= 4)) {
            return 1;
        }
    }
    if (ends_ci(s, len, "getty images") || ends_ci(s, len, "shutterstock") ||
        contains_ci(s, len, "photo/") || contains_ci(s, len, "/getty") ||
        ends_ci(s, len, "/ file") || ends_ci(s, len, "/file")) {
        return 1;
    }
    /* "Ukrainian Foreign Ministry via AFP", "Jane Doe / Reuters": every
     * word capitalised (names), a credit word at the end. */
    int capitalised = 1, has_via_or_slash = 0;
    const char *last_w = s;
    size_t last_n = 0;
    for (size_t i = 0; i < len;) {
        while (i < len && (is_space(s[i]) || s[i] == '/')) {
            has_via_or_slash |= s[i] == '/';
            i++;
        }
        size_t w = i;
        while (w < len && !is_space(s[w]) && s[w] != '/') {
            w++;
        }
        if (w == i) {
            break;
        }
        if (w - i == 3 && strncmp(s + i, "via", 3) == 0) {
            has_via_or_slash = 1;
        } else if (!is_upper(s[i]) && !((w - i <= 3) && (strncmp(s + i, "of", 2) == 0 ||
                                                         strncmp(s + i, "and", 3) == 0 ||
                                                         strncmp(s + i, "for", 3) == 0))) {
            capitalised = 0;
        }
        last_w = s + i;
        last_n = w - i;
        i = w;
    }
    return capitalised && has_via_or_slash && is_credit_word(last_w, last_n);
}

/* A caption: a short block whose last segment (after ". " or between
 * brackets) is a photo credit. */
static int is_caption(const char *s, size_t len)
{
    trim(&s, &len, "*_");
    if (len == 0 || clutter_count_words_upto(s, len, MAX_CLUTTER_WORDS) > MAX_CLUTTER_WORDS) {
        return 0;
    }
    if (is_credit_only(s, len)) {
        return 1;
    }
    /* credit in brackets at the end: "... (AP Photo/Emrah Gurel)" */
    if (s[len - 1] == ')' || s[len - 1] == ']') {
        char open = s[len - 1] == ')' ? '(' : '[';
        for (size_t i = len - 1; i-- > 0;) {
            if (s[i] == open) {
                const char *t = s + i + 1;
                size_t tl = len - i - 2;
                if (contains_ci(t, tl, "photo") || contains_ci(t, tl, "image") ||
                    contains_ci(t, tl, "getty") || contains_ci(t, tl, "credit") ||
                    contains_ci(t, tl, "pool") || contains_ci(t, tl, "file")) {
                    return clutter_count_words_upto(t, tl, 10) <= 10;
                }
                break;
            }
        }
    }
    /* the last segment after a sentence end, a bar or a dash */
    for (size_t i = len; i-- > 1;) {
        int cut = ((s[i - 1] == '.' || s[i - 1] == '|' || s[i - 1] == '?' || s[i - 1] == '!') &&
                   is_space(s[i]));
        if (cut) {
            const char *t = s + i;
            size_t tl = len - i;
            if (clutter_count_words_upto(t, tl, 10) > 10) {
                return 0;
            }
            return is_credit_only(t, tl);
        }
    }
    return 0;
}

/* Does a weekday, or a month name followed by a day, start s? */
static int starts_date_word(const char *s, size_t len)
{
    static const char *const days[] = { "monday", "tuesday",  "wednesday", "thursday",
                                        "friday", "saturday", "sunday" };
    for (size_t i = 0; i < sizeof(days) / sizeof(days[0]); i++) {
        if (starts_ci(s, len, days[i])) {
            return 1;
        }
    }
    int m;
    size_t k = month_at(s, len, &m);
    if (k == 0) {
        return 0;
    }
    k = skip_spaces(s, len, k);
    return k < len && is_digit(s[k]);
}

/* "By Jane Doe", "By Jane Doe and John Roe", "Written by X", "Author: X":
 * fills the names (a slice of s) and returns 1. */
static int byline_names(const char *s, size_t len, const char **out, size_t *out_len)
{
    static const char *const prefixes[] = {
        "by ",       "written by ", "words by ", "author: ",
        "authors: ", "reporter: ",  "story by ", "reporting by "
    };
    trim(&s, &len, "*_");
    size_t k = 0;
    for (size_t i = 0; i < sizeof(prefixes) / sizeof(prefixes[0]); i++) {
        if (starts_ci(s, len, prefixes[i]) && (i != 0 || s[1] == 'y' || s[1] == 'Y')) {
            k = strlen(prefixes[i]);
            break;
        }
    }
    if (k == 0 || (s[0] != 'B' && s[0] != 'W' && s[0] != 'A' && s[0] != 'R' && s[0] != 'S')) {
        return 0;
    }
    const char *n = s + k;
    size_t nl = len - k;
    /* names end at a separator, a number or a date: "By Jane Doe | May
     * 16, 2025", "By Jane Doe Monday, November 18, 2019" */
    for (size_t i = 0; i < nl; i++) {
        if (n[i] == '|' || is_digit(n[i]) || (n[i] == '-' && i > 0 && is_space(n[i - 1]))) {
            nl = i;
            break;
        }
        if (i > 0 && is_space(n[i - 1]) && starts_date_word(n + i, nl - i)) {
            nl = i;
            break;
        }
        if ((unsigned char)n[i] == 0xe2 ||
            ((unsigned char)n[i] == 0xc2 && i + 1 < nl && (unsigned char)n[i + 1] == 0xb7)) {
            nl = i; /* a dash or a bullet */
            break;
        }
    }
    trim(&n, &nl, ",;");
    size_t words = clutter_count_words_upto(n, nl, 10);
    if (nl == 0 || words > 10 || !is_upper(n[0])) {
        return 0;
    }
    /* every word a name or a joiner */
    for (size_t i = 0; i < nl;) {
        while (i < nl && (is_space(n[i]) || n[i] == ',' || n[i] == '&')) {
            i++;
        }
        size_t w = i;
        while (w < nl && !is_space(n[w]) && n[w] != ',') {
            w++;
        }
        if (w == i) {
            break;
        }
        int ok = is_upper(n[i]) || (unsigned char)n[i] >= 0x80;
        static const char *const joiners[] = { "and", "de", "da",  "van", "von", "der", "den",
                                               "al",  "el", "bin", "ibn", "la",  "le",  "du",
                                               "of",  "in", "for", "y",   "e" };
        for (size_t j = 0; !ok && j < sizeof(joiners) / sizeof(joiners[0]); j++) {
            ok = strlen(joiners[j]) == w - i && strncmp(n + i, joiners[j], w - i) == 0;
        }
        if (!ok) {
            return 0;
        }
        i = w;
    }
    *out = n;
    *out_len = nl;
    return 1;
}

/* "Reuters contributed reporting.", "Additional reporting by X". */
static int is_contrib_credit(const char *s, size_t len)
{
    trim(&s, &len, "*_()");
    if (len == 0 || clutter_count_words_upto(s, len, 40) > 40) {
        return 0;
    }
    static const char *const prefixes[] = { "additional reporting by",
                                            "reporting by",
                                            "writing by",
                                            "editing by",
                                            "compiled by",
                                            "with reporting by",
                                            "with additional reporting",
                                            "reported by",
                                            "edited by",
                                            "research by" };
    for (size_t i = 0; i < sizeof(prefixes) / sizeof(prefixes[0]); i++) {
        if (starts_ci(s, len, prefixes[i])) {
            return 1;
        }
    }
    return contains_ci(s, len, "contributed reporting") ||
           contains_ci(s, len, "contributed to this report") ||
           contains_ci(s, len, "contributed to this story") ||
           contains_ci(s, len, "contributed to this article");
}

static int in_list_ci(const char *s, size_t len, const char *const *list, size_t n)
{
    for (size_t i = 0; i < n; i++) {
        if (strlen(list[i]) == len && strncasecmp(s, list[i], len) == 0) {
            return 1;
        }
    }
    return 0;
}

/* A bare related-links or navigation marker ("RELATED", "Load Next
 * Story", "Related news:"). */
static int is_nav_line(const char *s, size_t len)
{
    trim(&s, &len, "*_:>\xc2\xbb#[]()-|");
    /* a trailing guillemet or arrow: "Read more »" */
    return len > 0 && in_list_ci(s, len, nav_lines, sizeof(nav_lines) / sizeof(nav_lines[0]));
}

/* "Read more: <headline>", "Related article: <headline>". */
static int is_related_line(const char *s, size_t len)
{
    trim(&s, &len, "*_");
    if (clutter_count_words_upto(s, len, MAX_PROMPT_WORDS) > MAX_PROMPT_WORDS) {
        return 0;
    }
    for (size_t i = 0; i < sizeof(related_prefixes) / sizeof(related_prefixes[0]); i++) {
        size_t k = strlen(related_prefixes[i]);
        if (!starts_ci(s, len, related_prefixes[i])) {
            continue;
        }
        /* the prefix may be followed by one word naming what is linked
         * ("Related article:", "Read more stories:"), then a colon */
        static const char *const middles[] = { "",          "s",        " article", " articles",
                                               " story",    " stories", " news",    " content",
                                               " coverage", " links",   " on this", " reading" };
        for (size_t m = 0; m < sizeof(middles) / sizeof(middles[0]); m++) {
            size_t j = k + strlen(middles[m]);
            if (j > len || strncasecmp(s + k, middles[m], strlen(middles[m])) != 0) {
                continue;
            }
            while (j < len && (s[j] == '*' || s[j] == '_' || s[j] == ' ')) {
                j++;
            }
            if (j < len && (s[j] == ':' || s[j] == '|' || (unsigned char)s[j] == 0xc2)) {
                /* strong markers take any headline; weak ones ("Watch:")
                 * only a short one */
                return i < 5 || clutter_count_words_upto(s, len, 15) <= 15;
            }
        }
    }
    return 0;
}

/* A list of phrases (all lower case) prepared for one scan of a line:
 * each phrase's first four bytes as a word, and a 1024-bit set of their
 * hashes. Built once per process, read-only after. */
#define PHRASES_MAX 64

typedef struct phrase_set {
    const char *const *list;
    size_t n;
    uint32_t head[PHRASES_MAX]; /* first four bytes; phrases of 4+ bytes */
    size_t len[PHRASES_MAX];
    uint64_t seen[16]; /* bit (head hash % 1024) */
} phrase_set_t;

static uint32_t load4(const char *p)
{
    uint32_t w;
    memcpy(&w, p, 4);
    return w;
}

static unsigned head_bit(uint32_t w)
{
    return (unsigned)((w * 0x9e3779b1u) >> 22); /* 0..1023 */
}

static phrase_set_t share_set = { .list = share_phrases,
                                  .n = sizeof(share_phrases) / sizeof(share_phrases[0]) };
static phrase_set_t legal_set = { .list = legal_phrases,
                                  .n = sizeof(legal_phrases) / sizeof(legal_phrases[0]) };
static pthread_once_t phrase_once = PTHREAD_ONCE_INIT;

static void phrase_set_build(phrase_set_t *ps)
{
    for (size_t k = 0; k < ps->n && k < PHRASES_MAX; k++) {
        ps->len[k] = strlen(ps->list[k]);
        if (ps->len[k] >= 4) {
            ps->head[k] = load4(ps->list[k]);
            unsigned b = head_bit(ps->head[k]);
            ps->seen[b / 64] |= (uint64_t)1 << (b % 64);
        }
    }
}

static void phrase_sets_build(void)
{
    phrase_set_build(&share_set);
    phrase_set_build(&legal_set);
}

/* Does s contain one of the phrases of ps, ignoring ASCII case? A line
 * of up to 1 KiB is lower-cased once and scanned once: at each byte its
 * next four are looked up in the set of phrase heads, and only a hit is
 * compared (this was one memmem per phrase per line, a fifth of the
 * reader's work). Phrases of under four bytes are searched with memmem. */
static int has_phrase(const char *s, size_t len, phrase_set_t *ps)
{
    pthread_once(&phrase_once, phrase_sets_build);
    char low[1024];
    if (len > sizeof(low) || ps->n > PHRASES_MAX) {
        for (size_t i = 0; i < ps->n; i++) {
            if (contains_ci(s, len, ps->list[i])) {
                return 1;
            }
        }
        return 0;
    }
    for (size_t i = 0; i < len; i++) {
        low[i] = lower(s[i]);
    }
    for (size_t k = 0; k < ps->n; k++) {
        if (ps->len[k] < 4 && memmem(low, len, ps->list[k], ps->len[k])) {
            return 1;
        }
    }
    for (size_t i = 0; i + 4 <= len; i++) {
        uint32_t w = load4(low + i);
        unsigned b = head_bit(w);
        if (!(ps->seen[b / 64] >> (b % 64) & 1)) {
            continue;
        }
        for (size_t k = 0; k < ps->n; k++) {
            if (ps->len[k] >= 4 && ps->head[k] == w && ps->len[k] <= len - i &&
                memcmp(low + i + 4, ps->list[k] + 4, ps->len[k] - 4) == 0) {
                return 1;
            }
        }
    }
    return 0;
}

const char *clutter_line_reason(const char *s, size_t len)
{
    trim(&s, &len, "");
    if (len == 0) {
        return NULL;
    }
    if (!has_alnum(s, len)) {
        return "separator";
    }
    size_t words = clutter_count_words_upto(s, len, MAX_CLUTTER_WORDS);
    /* The tests below trim at most these marks from the ends, then give
     * up on a text over their word bound. When neither end is such a
     * mark their text is this one, so a line over a test's bound skips
     * it here instead of being counted again (most lines are long). */
    static const char trimmed[] = "*_()[]"; /* with its NUL, as trim's strchr */
    int plain =
        !memchr(trimmed, s[0], sizeof(trimmed)) && !memchr(trimmed, s[len - 1], sizeof(trimmed));
    char date[11];
    const char *names;
    size_t names_len;
    if (is_nav_line(s, len)) {
        return "related";
    }
    if (!(plain && words > MAX_PROMPT_WORDS) && is_related_line(s, len)) {
        return "related";
    }
    if (is_date_line(s, len, date)) {
        return "dateline";
    }
    if (byline_names(s, len, &names, &names_len)) {
        return "byline";
    }
    if (!(plain && words > 40) && is_contrib_credit(s, len)) {
        return "credit";
    }
    if (!(plain && words > 10) && is_credit_only(s, len)) {
        return "photo-credit";
    }
    if (!(plain && words > MAX_CLUTTER_WORDS) && is_caption(s, len)) {
        return "caption";
    }
    if (words <= MAX_PROMPT_WORDS && has_phrase(s, len, &share_set)) {
        return "share";
    }
    if (words <= MAX_CLUTTER_WORDS && has_phrase(s, len, &legal_set)) {
        return "legal";
    }
    return NULL;
}

/* ---- repeats -------------------------------------------------------------- */

/* Hash of the text with case, spacing and punctuation ignored, so that
 * "Title," and "title" repeat each other. Also gives the kept length. */
static uint64_t norm_hash(const char *s, size_t len, size_t *out_n)
{
    /* the kept bytes are packed eight to a word and mixed once a word
     * (mixing every byte was a tenth of the reader); the count goes in
     * last, so texts that differ only in length differ */
    uint64_t h = 0x9e3779b97f4a7c15ULL, word = 0;
    size_t n = 0;
    for (size_t i = 0; i < len; i++) {
        unsigned char c = (unsigned char)s[i];
        if (is_alpha((char)c) || is_digit((char)c)) {
            c = (unsigned char)lower((char)c);
        } else if (c >= 0x80) {
            /* keep letters beyond ASCII, skip typographic punctuation
             * (U+2000..U+206F: dashes, curly quotes) */
            if (c == 0xe2 && i + 2 < len && (unsigned char)s[i + 1] >= 0x80 &&
                (unsigned char)s[i + 1] <= 0x81) {
                i += 2;
                continue;
            }
        } else {
            continue;
        }
        word = word << 8 | c;
        if (++n % 8 == 0) {
            h = hash_mix64(h ^ word);
            word = 0;
        }
    }
    *out_n = n;
    return hash_mix64(h ^ word ^ ((uint64_t)n << 3));
}

/* Normalised copy (ASCII lower case letters and digits, other bytes
 * kept, punctuation and spaces dropped) for near-repeat comparison. */
static size_t norm_copy(char *out, const char *s, size_t len)
{
    size_t n = 0;
    for (size_t i = 0; i < len; i++) {
        char c = s[i];
        if (is_alpha(c) || is_digit(c)) {
            out[n++] = lower(c);
        } else if ((unsigned char)c >= 0x80) {
            if ((unsigned char)c == 0xe2 && i + 2 < len && (unsigned char)s[i + 1] >= 0x80 &&
                (unsigned char)s[i + 1] <= 0x81) {
                i += 2;
                continue;
            }
            out[n++] = c;
        }
    }
    return n;
}

/* Near-repeat: one normalised text holds the other and they differ by
 * at most a tenth of the longer (a repeat with a word added or cut). */
static int near_same(const char *a, size_t an, const char *b, size_t bn)
{
    if (an == 0 || bn == 0) {
        return 0;
    }
    size_t lo = an < bn ? an : bn, hi = an < bn ? bn : an;
    if (lo * 10 < hi * 9) {
        return 0;
    }
    size_t p = 0;
    while (p < lo && a[p] == b[p]) {
        p++;
    }
    size_t q = 0;
    while (q < lo - p && a[an - 1 - q] == b[bn - 1 - q]) {
        q++;
    }
    return (p + q) * 10 >= hi * 9;
}

/* ---- the pass -------------------------------------------------------------- */

static int append_credit(sift_report_t *r, const char *s, size_t len)
{
    trim(&s, &len, "*_");
    if (r->credits[0] == '\0') {
        return report_set(r, &r->credits, s, len);
    }
    size_t old = strlen(r->credits);
    size_t total = old + 2 + len;
    char *p = arena_alloc(report_arena(r), total + 1);
    if (!p) {
        return SIFT_ENOMEM;
    }
    snprintf(p, total + 1, "%s; %.*s", r->credits, (int)len, s);
    return report_set(r, &r->credits, p, total);
}

static int set_date(sift_report_t *r, const char *date, const char *evidence, size_t ev_len)
{
    if (r->date[0]) {
        return 0;
    }
    int rc = report_set_str(r, &r->date, date);
    if (rc == 0) {
        rc = report_set(r, &r->date_evidence, evidence, ev_len);
    }
    r->date_src = SIFT_DATE_DATELINE;
    r->is_date_certain = 1;
    return rc;
}

/* Set the byline. Names in capitals ("By JANE DOE", set so by a style
 * sheet or a wire) are given their usual case: "Jane Doe". */
static int set_names(sift_report_t *r, const char *names, size_t len)
{
    int has_lower = 0;
    for (size_t k = 0; k < len; k++) {
        has_lower |= names[k] >= 'a' && names[k] <= 'z';
    }
    if (has_lower) {
        return report_set(r, &r->byline, names, len);
    }
    char *p = arena_alloc(report_arena(r), len + 1);
    if (!p) {
        return SIFT_ENOMEM;
    }
    for (size_t k = 0; k < len; k++) {
        int at_start = k == 0 || !is_alpha(names[k - 1]);
        p[k] = at_start ? names[k] : lower(names[k]);
    }
    p[len] = '\0';
    return report_set(r, &r->byline, p, len);
}

/* Handle a block clutter_line_reason() named: metadata first, then drop. */
static int take_block(sift_report_t *r, size_t i, const char *reason, int may_date, int may_name)
{
    const char *s = r->blocks[i].text;
    size_t len = r->blocks[i].len;
    int rc = 0;
    if (strcmp(reason, "byline") == 0) {
        const char *names;
        size_t nl;
        if (r->byline[0] == '\0' && may_name && byline_names(s, len, &names, &nl)) {
            rc = set_names(r, names, nl);
            /* a date after the names dates the report: "By X | May 16, 2025" */
            size_t from = (size_t)(names - s) + nl;
            for (size_t k = from; rc == 0 && may_date && k < len; k++) {
                int y, m, d;
                if ((k == from || s[k - 1] == ' ') && clutter_date_at(s + k, len - k, &y, &m, &d)) {
                    char date[11];
                    snprintf(date, sizeof(date), "%04d-%02d-%02d", y, m, d);
                    rc = set_date(r, date, s, len);
                    break;
                }
            }
        }
    } else if (strcmp(reason, "credit") == 0) {
        rc = append_credit(r, s, len);
    } else if (strcmp(reason, "dateline") == 0) {
        char date[11];
        if (may_date && is_date_line(s, len, date)) {
            rc = set_date(r, date, s, len);
        }
    }
    if (rc == 0) {
        rc = report_drop_block(r, i, reason);
    }
    return rc;
}

/* A marker that heads a list of links to other stories ("Related",
 * "More stories", "You may also like"), as opposed to other navigation
 * ("Load Next Story", "Don't miss" promotions). */
static int is_list_marker(const char *s, size_t len)
{
    trim(&s, &len, "*_:>\xc2\xbb#[]()-|");
    static const char *const starts[] = { "related",        "read more",   "read also",
                                          "also read",      "see also",    "more stories",
                                          "more news",      "more on",     "you may also",
                                          "you might also", "recommended", "further reading",
                                          "most read",      "most popular" };
    if (!is_nav_line(s, len)) {
        return 0;
    }
    for (size_t i = 0; i < sizeof(starts) / sizeof(starts[0]); i++) {
        if (starts_ci(s, len, starts[i])) {
            return 1;
        }
    }
    return 0;
}

/* Does block b look like a headline in a related-links list (short, no
 * sentence ending)? */
static int is_headline_like(const sift_block_t *b)
{
    return clutter_count_words_upto(b->text, b->len, 20) <= 20 &&
           !clutter_ends_sentence(b->text, b->len);
}

typedef struct seen_set {
    uint64_t *slots; /* 0 = empty */
    size_t cap;      /* a power of two */
} seen_set_t;

/* Insert h; returns 1 if it was there already. */
static int seen_add(seen_set_t *set, uint64_t h)
{
    if (h == 0) {
        h = 1;
    }
    size_t i = (size_t)h & (set->cap - 1);
    while (set->slots[i]) {
        if (set->slots[i] == h) {
            return 1;
        }
        i = (i + 1) & (set->cap - 1);
    }
    set->slots[i] = h;
    return 0;
}

int clutter_title_as_body(sift_report_t *r)
{
    /* only a title that reads as a sentence (the lead taken as the
     * title), not a headline repeated above its story */
    if (r->title[0] == '\0' || !clutter_ends_sentence(r->title, strlen(r->title))) {
        return 0;
    }
    /* a real body is there: a kept paragraph of MIN_BODY_WORDS or more */
    for (size_t i = 0; i < r->n_blocks; i++) {
        if (r->blocks[i].kind == SIFT_BLOCK_PARAGRAPH &&
            clutter_count_words_upto(r->blocks[i].text, r->blocks[i].len, MIN_BODY_WORDS) >=
                MIN_BODY_WORDS) {
            return 0;
        }
    }
    size_t title_n = 0;
    uint64_t title_h = norm_hash(r->title, strlen(r->title), &title_n);
    for (size_t i = 0; i < r->n_clutter; i++) {
        size_t n = 0;
        if (strcmp(r->clutter[i].reason, "repeated") != 0 ||
            norm_hash(r->clutter[i].text, r->clutter[i].len, &n) != title_h || n != title_n) {
            continue;
        }
        /* the title's repeat was the body's one real paragraph: it goes
         * back, first, so that two short reports around the same
         * boilerplate line keep their own text (and ids) */
        int rc = report_add_block(r, SIFT_BLOCK_PARAGRAPH, r->title, strlen(r->title));
        if (rc == 0 && r->n_blocks > 1) {
            sift_block_t b = r->blocks[r->n_blocks - 1];
            memmove(r->blocks + 1, r->blocks, (r->n_blocks - 1) * sizeof(*r->blocks));
            r->blocks[0] = b;
        }
        return rc;
    }
    return 0;
}

int clutter_clean(sift_report_t *r, sift_err_t *err)
{
    (void)err;
    int rc = 0;
    size_t title_n = 0;
    uint64_t title_h = r->title[0] ? norm_hash(r->title, strlen(r->title), &title_n) : 0;
    size_t cap = 16;
    while (cap < r->n_blocks * 2 + 2) {
        cap *= 2;
    }
    seen_set_t seen = { arena_alloc(report_arena(r), cap * sizeof(uint64_t)), cap };
    /* normalised copies of the lead blocks, for near-repeats */
    char *lead[LEAD_BLOCKS] = { NULL };
    size_t lead_n[LEAD_BLOCKS] = { 0 };
    size_t n_lead = 0;
    if (!seen.slots) {
        return SIFT_ENOMEM;
    }
    memset(seen.slots, 0, cap * sizeof(uint64_t));
    int after_marker = 0;
    size_t n_long = 0; /* body paragraphs of 20 words or more so far */
    /* Lone date lines: one or two head a report; more are a list
     * (comments, an archive, related links) and date nothing. */
    size_t n_dates = 0;
    for (size_t k = 0; k < r->n_blocks; k++) {
        char date[11];
        n_dates += is_date_line(r->blocks[k].text, r->blocks[k].len, date) ? 1u : 0u;
    }
    size_t i = 0;
    while (i < r->n_blocks && rc == 0) {
        sift_block_t *b = &r->blocks[i];
        const char *reason = clutter_line_reason(b->text, b->len);
        if (reason) {
            after_marker = strcmp(reason, "related") == 0 && is_list_marker(b->text, b->len)
                               ? MAX_AFTER_MARKER
                               : 0;
            /* a byline names the authors at the top or at the very end; in
             * between, "By X" heads a related story or a quoted column */
            int is_top = n_long < DATE_BEFORE_PARAGRAPHS;
            rc = take_block(r, i, reason, is_top && n_dates <= 2, is_top || i + 3 >= r->n_blocks);
            continue;
        }
        size_t nn;
        uint64_t h = norm_hash(b->text, b->len, &nn);
        if (title_h && h == title_h && nn == title_n && b->kind != SIFT_BLOCK_TITLE) {
            rc = report_drop_block(r, i, "repeated");
            continue;
        }
        /* a repeat of the lead (exact or near) or of any long paragraph;
         * short repeats are left alone: an interview's recurring
         * question or a recipe's recurring line is content */
        size_t words = clutter_count_words(b->text, b->len);
        int is_repeat = 0;
        if (words >= MIN_REPEAT_WORDS) {
            int was_seen = seen_add(&seen, h);
            char *tmp = arena_alloc(report_arena(r), b->len + 1);
            if (!tmp) {
                return SIFT_ENOMEM;
            }
            size_t tn = norm_copy(tmp, b->text, b->len);
            for (size_t k = 0; k < n_lead && !is_repeat; k++) {
                is_repeat = near_same(lead[k], lead_n[k], tmp, tn);
            }
            is_repeat |= was_seen && words >= MIN_LONG_REPEAT_WORDS;
            if (!is_repeat && n_lead < LEAD_BLOCKS && b->kind == SIFT_BLOCK_PARAGRAPH) {
                lead[n_lead] = tmp;
                lead_n[n_lead++] = tn;
            }
        }
        if (is_repeat) {
            rc = report_drop_block(r, i, "repeated");
            continue;
        }
        if (after_marker > 0 && is_headline_like(b)) {
            after_marker--;
            rc = report_drop_block(r, i, "related");
            continue;
        }
        after_marker = 0;
        n_long += b->kind == SIFT_BLOCK_PARAGRAPH && words >= 20;
        i++;
    }
    /* a dateline opening the first paragraph dates the report */
    for (size_t k = 0; rc == 0 && k < r->n_blocks && k < 3 && r->date[0] == '\0'; k++) {
        char date[11];
        if (r->blocks[k].kind == SIFT_BLOCK_PARAGRAPH &&
            dateline_prefix(r->blocks[k].text, r->blocks[k].len, date)) {
            const char *t = r->blocks[k].text;
            size_t tl = r->blocks[k].len < 80 ? r->blocks[k].len : 80;
            const char *dash = NULL;
            for (size_t j = 0; j < tl && !dash; j++) {
                if (t[j] == '-' || (unsigned char)t[j] == 0xe2) {
                    dash = t + j;
                }
            }
            rc = set_date(r, date, t, dash ? (size_t)(dash - t) : tl);
        }
    }
    if (rc == 0 && r->outlet[0] == '\0') {
        rc = selfref_find_outlet(r);
    }
    return rc;
}
