/* read/meta.c: metadata every reader derives the same way after its own:
 * the outlet from the URL's domain (named as the text spells it when it
 * does), a date from the URL path, and the language. (Date strings are
 * normalised in date.c.) */
#include <pthread.h>
#include <stdint.h>
#include <string.h>

#include "meta_int.h"
#include "read_int.h"
#include "util/hash.h"
#include "util/report.h"

/* ---- dates in URLs ---------------------------------------------------- */

static int days_in_month(int y, int m)
{
    static const int dim[12] = { 31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31 };
    if (m == 2 && ((y % 4 == 0 && y % 100 != 0) || y % 400 == 0)) {
        return 29;
    }
    return dim[m - 1];
}

/* News dates outside these years are misreadings (a page id, a price). */
static int valid_ymd(int y, int m, int d)
{
    return y >= 1990 && y <= 2100 && m >= 1 && m <= 12 && d >= 1 && d <= days_in_month(y, m);
}

/* n digits at s (bounded by end) as a number, or -1. */
static int digits(const char *s, const char *end, int n)
{
    int v = 0;
    if (end - s < n) {
        return -1;
    }
    for (int i = 0; i < n; i++) {
        if (s[i] < '0' || s[i] > '9') {
            return -1;
        }
        v = v * 10 + (s[i] - '0');
    }
    return v;
}

static int is_digit(char c)
{
    return c >= '0' && c <= '9';
}

static int is_alpha(char c)
{
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
}

static char lower(char c)
{
    return (c >= 'A' && c <= 'Z') ? (char)(c - 'A' + 'a') : c;
}

static void put2(char *p, int v)
{
    p[0] = (char)('0' + v / 10 % 10);
    p[1] = (char)('0' + v % 10);
}

static void write_date(char out[META_DATE_MAX], int y, int m, int d)
{
    put2(out, y / 100);
    put2(out + 2, y % 100);
    out[4] = '-';
    put2(out + 5, m);
    out[7] = '-';
    put2(out + 8, d);
    out[10] = '\0';
}

/* ---- URLs -------------------------------------------------------------- */

/* The host of url (after scheme:// and any user@, before :port or /). */
static const char *url_host(const char *url, size_t *out_len)
{
    const char *p = strstr(url, "://");
    if (!p) {
        return NULL;
    }
    size_t scheme = (size_t)(p - url);
    if (!((scheme == 4 && strncmp(url, "http", 4) == 0) ||
          (scheme == 5 && strncmp(url, "https", 5) == 0))) {
        return NULL;
    }
    p += 3;
    size_t n = strcspn(p, "/?#");
    const char *at = memchr(p, '@', n);
    if (at) {
        n -= (size_t)(at + 1 - p);
        p = at + 1;
    }
    const char *colon = memchr(p, ':', n);
    if (colon) {
        n = (size_t)(colon - p);
    }
    *out_len = n;
    return n ? p : NULL;
}

/* Second-level labels under which a country code's names are registered
 * (news.bbc.co.uk, smh.com.au, asahi.co.jp, ...). */
static int is_second_level(const char *s, size_t n)
{
    static const char *const sl[] = { "co", "com", "net", "org", "gov", "ac",  "edu", "ne",
                                      "or", "go",  "gob", "nic", "mil", "ltd", "plc", "gv" };
    for (size_t i = 0; i < sizeof(sl) / sizeof(sl[0]); i++) {
        if (strlen(sl[i]) == n && strncmp(s, sl[i], n) == 0) {
            return 1;
        }
    }
    return 0;
}

size_t meta_url_domain(char *out, size_t out_len, const char *url)
{
    size_t n;
    const char *h = url ? url_host(url, &n) : NULL;
    if (!h || n >= out_len) {
        return 0;
    }
    for (size_t i = 0; i < n; i++) {
        out[i] = lower(h[i]);
    }
    while (n > 0 && out[n - 1] == '.') {
        n--;
    }
    out[n] = '\0';
    /* label starts, right to left */
    size_t starts[4] = { 0, 0, 0, 0 };
    size_t n_labels = 0;
    for (size_t i = n; i > 0 && n_labels < 4; i--) {
        if (out[i - 1] == '.') {
            starts[n_labels++] = i;
        }
    }
    if (n_labels == 0 || strspn(out, "0123456789.") == n) {
        return n; /* "localhost", an IPv4 address */
    }
    size_t tld_len = n - starts[0];
    size_t keep = 2;
    if (n_labels >= 2 && tld_len == 2 &&
        is_second_level(out + starts[1], starts[0] - 1 - starts[1])) {
        keep = 3;
    }
    size_t from = n_labels >= keep ? starts[keep - 1] : 0;
    memmove(out, out + from, n - from);
    n -= from;
    out[n] = '\0';
    return n;
}

int meta_url_date(char out[META_DATE_MAX], const char **out_ev, size_t *out_ev_len, const char *url)
{
    size_t host_len;
    const char *h = url_host(url, &host_len);
    if (!h) {
        return 0;
    }
    const char *path = h + host_len;
    const char *end = path + strcspn(path, "?#");
    for (const char *p = path; p < end; p++) {
        if (*p != '/' || p + 1 >= end || !is_digit(p[1])) {
            continue;
        }
        const char *s = p + 1;
        int y = digits(s, end, 4), m = -1, d = -1;
        const char *q = s + 4;
        if (y < 0) {
            continue;
        }
        if (q < end && (*q == '/' || *q == '-' || *q == '_')) {
            char sep = *q;
            m = digits(q + 1, end, 2);
            if (m >= 0 && q + 3 < end && q[3] == sep) {
                d = digits(q + 4, end, 2);
                q += 6;
            }
        } else {
            m = digits(q, end, 2);
            d = digits(q + 2, end, 2);
            q += 4;
        }
        if (d < 0 || !valid_ymd(y, m, d) || (q < end && (is_digit(*q) || is_alpha(*q)))) {
            continue;
        }
        write_date(out, y, m, d);
        *out_ev = s;
        *out_ev_len = (size_t)(q - s);
        return 1;
    }
    return 0;
}

/* ---- names spelled by a domain -------------------------------------------- */

/* Word characters: ASCII letters and digits, and any UTF-8 byte (so
 * accented names stay one word; they simply never match an ASCII label). */
static int is_word_byte(unsigned char c)
{
    return is_alpha((char)c) || is_digit((char)c) || c >= 0x80 || c == '\'' || c == '&';
}

static int is_connector(const char *w, size_t n)
{
    static const char *const conn[] = { "of",  "the", "and", "de", "la", "le", "del", "du",
                                        "der", "die", "for", "on", "in", "da", "do",  "di" };
    for (size_t i = 0; i < sizeof(conn) / sizeof(conn[0]); i++) {
        if (strlen(conn[i]) == n && strncmp(w, conn[i], n) == 0) {
            return 1;
        }
    }
    return 0;
}

/* Try a run starting at word p: returns the run's end or NULL. */
static const char *match_run(const char *label, size_t label_len, const char *p, const char *end)
{
    size_t k = 0; /* letters of label matched so far */
    const char *w = p;
    while (w < end) {
        const char *we = w;
        while (we < end && is_word_byte((unsigned char)*we)) {
            we++;
        }
        if (we == w) {
            return NULL;
        }
        int is_cap = *w >= 'A' && *w <= 'Z';
        if (!is_cap && (w == p || !is_connector(w, (size_t)(we - w)))) {
            return NULL;
        }
        for (const char *c = w; c < we; c++) {
            if (*c == '\'' || *c == '&') {
                continue;
            }
            if (k >= label_len || lower(*c) != label[k]) {
                return NULL;
            }
            k++;
        }
        if (k == label_len) {
            return is_cap ? we : NULL;
        }
        /* only single spaces (or a hyphen) join the words of a name */
        if (we + 1 >= end || !(*we == ' ' || *we == '-')) {
            return NULL;
        }
        w = we + 1;
    }
    return NULL;
}

int meta_find_name(const char **out_ptr, size_t *out_len, const char *label, const char *text,
                   size_t len)
{
    size_t label_len = strlen(label);
    if (label_len < 2) {
        return 0;
    }
    const char *end = text + len;
    for (const char *p = text; p < end; p++) {
        if (!(*p >= 'A' && *p <= 'Z') || lower(*p) != label[0]) {
            continue;
        }
        if (p > text && is_word_byte((unsigned char)p[-1])) {
            continue;
        }
        const char *e = match_run(label, label_len, p, end);
        if (e && (e == end || !is_word_byte((unsigned char)*e))) {
            *out_ptr = p;
            *out_len = (size_t)(e - p);
            return 1;
        }
    }
    return 0;
}

/* ---- language --------------------------------------------------------------- */

/* Frequent short words of each language, space-separated, lower case.
 * Words shared by several languages count for each; the margin test in
 * guess_by_words() keeps close calls out. */
static const struct lang_profile {
    const char *code;
    const char *words;
} profiles[] = {
    { "en", " the and of to is in that it was for with as on he she said are this have by from has "
            "were which would will they their be at not but an who been " },
    { "fr",
      " le la les et des est une un du dans que pour qui pas sur au avec sont ce il elle mais "
      "ont été aux son sa ses cette par plus ne se " },
    { "de",
      " der die und das ist nicht ein eine den zu mit sich des auf für im dem auch es von wird "
      "wurde sind nach bei einer als noch aus " },
    { "es", " el los las del y que en un una por con para es se al lo como más pero sus fue ha "
            "según este esta está también " },
    { "it", " il di che e la per un una del della non sono è gli le con si da nel anche ha alla "
            "dei delle degli questo più " },
    { "pt", " o os as do da dos das em que um uma para com não é no na por mais foi ao se também "
            "pelo pela ele ela " },
    { "nl", " de het een en van is dat niet op zijn met voor ook maar er te aan hij wordt werd bij "
            "naar nog dan deze " },
    { "sv", " och att det som en är på för med av inte den till har var om ett jag men de också "
            "efter från kan " },
    { "pl", " i w na z się że nie do jest to o jak po przez od za ale tym także być został oraz "
            "który może " },
    { "tr", " ve bir bu da de için ile olarak çok daha gibi olan ancak kadar sonra en değil ama "
            "olduğu göre her " },
    { "ru", " и в не на что с по это как из он она к о за от так его но для был была были уже "
            "также " },
};

#define N_PROFILES (sizeof(profiles) / sizeof(profiles[0]))

/* 64 KiB: enough words to be sure; bounds the work on long bodies. */
#define LANG_SCAN_BYTES ((size_t)64 * 1024)

/* The profiles' words as a hash set: word hash -> bit mask of the
 * profiles holding it, so the lookup costs one probe per word of the
 * text, not a string search per profile. Built once per process (it is
 * read-only after that; building it per call was a tenth of the reader's
 * work). 64-bit hashes of distinct short words do not collide in
 * practice. */
#define LANG_SLOTS 1024

typedef struct lang_slot {
    uint64_t key; /* hash of the word | 1; 0 = empty */
    uint32_t mask;
} lang_slot_t;

static uint64_t lang_key(const char *w, size_t n)
{
    return hash64(w, n, 0x1a4e) | 1;
}

static void lang_set_build(lang_slot_t *tab)
{
    memset(tab, 0, LANG_SLOTS * sizeof(*tab));
    for (size_t i = 0; i < N_PROFILES; i++) {
        const char *p = profiles[i].words;
        while (*p) {
            while (*p == ' ') {
                p++;
            }
            const char *w = p;
            while (*p && *p != ' ') {
                p++;
            }
            if (p == w) {
                continue;
            }
            uint64_t k = lang_key(w, (size_t)(p - w));
            size_t j = k & (LANG_SLOTS - 1);
            while (tab[j].key && tab[j].key != k) {
                j = (j + 1) & (LANG_SLOTS - 1);
            }
            tab[j].key = k;
            tab[j].mask |= 1u << i;
        }
    }
}

static lang_slot_t lang_tab[LANG_SLOTS];
static size_t lang_word_max; /* bytes of the longest profile word */
static pthread_once_t lang_once = PTHREAD_ONCE_INIT;

static void lang_tab_init(void)
{
    lang_set_build(lang_tab);
    for (size_t i = 0; i < N_PROFILES; i++) {
        for (const char *p = profiles[i].words; *p;) {
            size_t n = strcspn(p, " ");
            lang_word_max = n > lang_word_max ? n : lang_word_max;
            p += n + (p[n] == ' ');
        }
    }
}

static uint32_t lang_set_get(const lang_slot_t *tab, const char *w, size_t n)
{
    if (n > lang_word_max) {
        return 0; /* no profile word is that long: skip the hash */
    }
    uint64_t k = lang_key(w, n);
    for (size_t j = k & (LANG_SLOTS - 1); tab[j].key; j = (j + 1) & (LANG_SLOTS - 1)) {
        if (tab[j].key == k) {
            return tab[j].mask;
        }
    }
    return 0;
}

static const char *guess_by_words(const char *text, size_t len)
{
    pthread_once(&lang_once, lang_tab_init);
    const lang_slot_t *tab = lang_tab;
    size_t hits[N_PROFILES] = { 0 };
    size_t n_words = 0;
    const char *p = text, *end = text + len;
    char w[32];
    while (p < end) {
        while (p < end && !is_word_byte((unsigned char)*p)) {
            p++;
        }
        size_t n = 0;
        int is_long = 0;
        while (p < end && is_word_byte((unsigned char)*p)) {
            if (n < sizeof(w)) {
                w[n++] = lower(*p);
            } else {
                is_long = 1;
            }
            p++;
        }
        /* Cyrillic capitals: fold the few that start common words */
        if (n >= 2 && (unsigned char)w[0] == 0xd0 && (unsigned char)w[1] >= 0x90 &&
            (unsigned char)w[1] <= 0x9f) {
            w[1] = (char)((unsigned char)w[1] + 0x20);
        }
        if (n == 0 || is_long) {
            continue;
        }
        n_words++;
        uint32_t mask = lang_set_get(tab, w, n);
        for (size_t i = 0; mask; i++, mask >>= 1) {
            hits[i] += mask & 1;
        }
    }
    size_t best = 0, second = 0;
    const char *code = "";
    for (size_t i = 0; i < N_PROFILES; i++) {
        if (hits[i] > best) {
            second = best;
            best = hits[i];
            code = profiles[i].code;
        } else if (hits[i] > second) {
            second = hits[i];
        }
    }
    /* Confident only with enough evidence and a clear margin: frequent
     * words make up a quarter or more of running text in these
     * languages; 10% guards against lists and headlines. */
    if (n_words < 8 || best < 4 || best * 10 < n_words || best * 4 < second * 5) {
        return "";
    }
    return code;
}

/* Decode one UTF-8 code point at *pp (advancing); invalid bytes give 0. */
static uint32_t next_cp(const char **pp, const char *end)
{
    const unsigned char *p = (const unsigned char *)*pp;
    uint32_t c = p[0];
    size_t n = 1;
    if (c >= 0xf0 && end - *pp >= 4) {
        c = ((c & 0x07) << 18) | ((p[1] & 0x3fu) << 12) | ((p[2] & 0x3fu) << 6) | (p[3] & 0x3fu);
        n = 4;
    } else if (c >= 0xe0 && end - *pp >= 3) {
        c = ((c & 0x0f) << 12) | ((p[1] & 0x3fu) << 6) | (p[2] & 0x3fu);
        n = 3;
    } else if (c >= 0xc0 && end - *pp >= 2) {
        c = ((c & 0x1f) << 6) | (p[1] & 0x3fu);
        n = 2;
    } else if (c >= 0x80) {
        c = 0;
    }
    *pp += n;
    return c;
}

enum {
    SC_LATIN,
    SC_CYR,
    SC_GREEK,
    SC_ARABIC,
    SC_HEBREW,
    SC_DEVA,
    SC_THAI,
    SC_HANGUL,
    SC_KANA,
    SC_HAN,
    SC_N
};

const char *meta_lang_guess(const char *text, size_t len)
{
    if (len > LANG_SCAN_BYTES) {
        len = LANG_SCAN_BYTES;
    }
    size_t count[SC_N] = { 0 };
    size_t n_letters = 0, n_uk = 0, n_fa = 0;
    const char *p = text, *end = text + len;
    while (p < end) {
        uint32_t c = (unsigned char)*p;
        if (c < 0x80) {
            /* ASCII, most of most texts: no decoding */
            p++;
            if ((c | 0x20) >= 'a' && (c | 0x20) <= 'z') {
                count[SC_LATIN]++;
                n_letters++;
            }
            continue;
        }
        c = next_cp(&p, end);
        int sc = -1;
        if ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= 0xc0 && c <= 0x24f)) {
            sc = SC_LATIN;
        } else if (c >= 0x400 && c <= 0x4ff) {
            sc = SC_CYR;
            /* і ї є ґ: Ukrainian letters that Russian lacks */
            n_uk += c == 0x456 || c == 0x457 || c == 0x454 || c == 0x491;
        } else if (c >= 0x370 && c <= 0x3ff) {
            sc = SC_GREEK;
        } else if (c >= 0x600 && c <= 0x6ff) {
            sc = SC_ARABIC;
            /* پ چ ژ گ ی: Persian letters */
            n_fa += c == 0x67e || c == 0x686 || c == 0x698 || c == 0x6af || c == 0x6cc;
        } else if (c >= 0x590 && c <= 0x5ff) {
            sc = SC_HEBREW;
        } else if (c >= 0x900 && c <= 0x97f) {
            sc = SC_DEVA;
        } else if (c >= 0xe00 && c <= 0xe7f) {
            sc = SC_THAI;
        } else if ((c >= 0xac00 && c <= 0xd7af) || (c >= 0x1100 && c <= 0x11ff)) {
            sc = SC_HANGUL;
        } else if (c >= 0x3040 && c <= 0x30ff) {
            sc = SC_KANA;
        } else if (c >= 0x4e00 && c <= 0x9fff) {
            sc = SC_HAN;
        }
        if (sc >= 0) {
            count[sc]++;
            n_letters++;
        }
    }
    if (n_letters < 20) {
        return "";
    }
    size_t cjk = count[SC_HAN] + count[SC_KANA];
    if (cjk * 2 > n_letters) {
        /* Japanese writes kana between its kanji; Chinese has none */
        return count[SC_KANA] * 10 >= cjk ? "ja" : "zh";
    }
    static const struct {
        int sc;
        const char *code;
    } single[] = { { SC_GREEK, "el" }, { SC_HEBREW, "he" }, { SC_DEVA, "hi" },
                   { SC_THAI, "th" },  { SC_HANGUL, "ko" }, { SC_ARABIC, "ar" } };
    for (size_t i = 0; i < sizeof(single) / sizeof(single[0]); i++) {
        if (count[single[i].sc] * 2 > n_letters) {
            if (single[i].sc == SC_ARABIC && n_fa * 50 > count[SC_ARABIC]) {
                return "fa";
            }
            return single[i].code;
        }
    }
    if (count[SC_CYR] * 2 > n_letters) {
        if (n_uk * 100 > count[SC_CYR]) {
            return "uk";
        }
        const char *g = guess_by_words(text, len);
        return strcmp(g, "ru") == 0 ? "ru" : "";
    }
    if (count[SC_LATIN] * 2 > n_letters) {
        const char *g = guess_by_words(text, len);
        return strcmp(g, "ru") == 0 ? "" : g;
    }
    return "";
}

/* ---- completing a report ------------------------------------------------------ */

/* Title and body, capped at LANG_SCAN_BYTES, as one scratch string in
 * the report's arena (both language and outlet passes read it). */
static const char *report_sample(sift_report_t *r, size_t *out_len)
{
    size_t cap = LANG_SCAN_BYTES, n = 0;
    char *s = arena_alloc(report_arena(r), cap + 1);
    if (!s) {
        return NULL;
    }
    size_t tl = strlen(r->title);
    if (tl > cap / 4) {
        tl = cap / 4;
    }
    memcpy(s, r->title, tl);
    n = tl;
    for (size_t i = 0; i < r->n_blocks && n + 2 < cap; i++) {
        s[n++] = '\n';
        size_t bl = r->blocks[i].len;
        if (bl > cap - n) {
            bl = cap - n;
        }
        memcpy(s + n, r->blocks[i].text, bl);
        n += bl;
    }
    s[n] = '\0';
    *out_len = n;
    return s;
}

/* Words newspapers put around a place or a name in their titles, so in
 * their domains: "the" + moscow + "times". */
static const char *const masthead_words[] = {
    "times",    "post",      "news",     "daily",       "herald",   "tribune",  "journal",
    "gazette",  "telegraph", "guardian", "independent", "express",  "mirror",   "star",
    "sun",      "chronicle", "observer", "review",      "record",   "courier",  "standard",
    "examiner", "inquirer",  "monitor",  "today",       "weekly",   "press",    "wire",
    "insider",  "magazine",  "mail",     "globe",       "bulletin", "dispatch", "register",
    "sentinel", "leader",    "argus",    "voice",       "reporter", "world",    "tribune",
};

/* The masthead word label[..end) ends with, or NULL. */
static const char *masthead_suffix(const char *label, size_t end)
{
    for (size_t i = 0; i < sizeof(masthead_words) / sizeof(masthead_words[0]); i++) {
        size_t n = strlen(masthead_words[i]);
        if (n < end && memcmp(label + end - n, masthead_words[i], n) == 0) {
            return masthead_words[i];
        }
    }
    return NULL;
}

/* Name a domain label that the text does not spell whole: take "the"
 * and up to two masthead words off its ends; what is left must appear in
 * the text as a capitalised name ("Moscow"). "themoscowtimes" -> "The
 * Moscow Times" when the text names Moscow. Writes out; returns length. */
static size_t masthead_name(char *out, size_t out_len, const char *label, const char *text,
                            size_t text_len)
{
    size_t from = 0, end = strlen(label);
    int has_the = strncmp(label, "the", 3) == 0 && end > 3;
    from = has_the ? 3 : 0;
    const char *suffix[2] = { NULL, NULL };
    size_t n_suffix = 0;
    while (n_suffix < 2 && end > from) {
        const char *w = masthead_suffix(label + from, end - from);
        if (!w) {
            break;
        }
        suffix[n_suffix++] = w;
        end -= strlen(w);
    }
    if (n_suffix == 0 || end - from < 3 || end - from >= 64) {
        return 0;
    }
    char core[64];
    memcpy(core, label + from, end - from);
    core[end - from] = '\0';
    const char *name;
    size_t name_len;
    if (!meta_find_name(&name, &name_len, core, text, text_len)) {
        return 0;
    }
    size_t n = 0;
    if (name_len + 64 >= out_len) {
        return 0;
    }
    if (has_the) {
        memcpy(out, "The ", 4);
        n = 4;
    }
    memcpy(out + n, name, name_len);
    n += name_len;
    for (size_t i = n_suffix; i > 0; i--) {
        size_t wl = strlen(suffix[i - 1]);
        out[n++] = ' ';
        memcpy(out + n, suffix[i - 1], wl);
        out[n] = (char)(out[n] - 'a' + 'A');
        n += wl;
    }
    out[n] = '\0';
    return n;
}

static int complete_outlet(sift_report_t *r, const char *sample, size_t sample_len)
{
    char dom[256] = { 0 };
    size_t n = meta_url_domain(dom, sizeof(dom), r->url);
    if (n == 0) {
        return 0;
    }
    /* the label: the registrable name without its suffix */
    char label[256];
    size_t ll = strcspn(dom, ".");
    size_t k = 0;
    for (size_t i = 0; i < ll; i++) {
        if (is_alpha(dom[i]) || is_digit(dom[i])) {
            label[k++] = dom[i];
        }
    }
    label[k] = '\0';
    const char *name;
    size_t name_len;
    int rc;
    char built[256];
    size_t built_len = 0;
    if (sample && k >= 3 && meta_find_name(&name, &name_len, label, sample, sample_len)) {
        rc = report_set(r, &r->outlet, name, name_len);
    } else if (sample && k >= 3 &&
               (built_len = masthead_name(built, sizeof(built), label, sample, sample_len)) > 0) {
        rc = report_set(r, &r->outlet, built, built_len);
    } else {
        rc = report_set(r, &r->outlet, dom, n);
    }
    if (rc == 0) {
        rc = report_set_str(r, &r->outlet_evidence, r->url);
    }
    return rc;
}

int meta_complete(sift_report_t *r, sift_err_t *err)
{
    (void)err;
    int rc = 0;
    size_t sample_len = 0;
    const char *sample = NULL;
    if ((!r->outlet[0] && r->url[0]) || !r->lang[0]) {
        sample = report_sample(r, &sample_len);
        if (!sample) {
            return SIFT_ENOMEM;
        }
    }
    if (!r->outlet[0] && r->url[0]) {
        rc = complete_outlet(r, sample, sample_len);
    }
    if (rc == 0 && !r->date[0] && r->url[0]) {
        char d[META_DATE_MAX];
        const char *ev;
        size_t ev_len;
        if (meta_url_date(d, &ev, &ev_len, r->url)) {
            rc = report_set_str(r, &r->date, d);
            if (rc == 0) {
                rc = report_set(r, &r->date_evidence, ev, ev_len);
            }
            r->date_src = SIFT_DATE_URL;
            r->is_date_certain = 1;
        }
    }
    if (rc == 0 && !r->lang[0]) {
        rc = report_set_str(r, &r->lang, meta_lang_guess(sample, sample_len));
    }
    return rc;
}
