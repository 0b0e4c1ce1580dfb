/* read/date.c: the one normaliser of machine-readable dates, for feeds,
 * archives and page metadata (ISO 8601 and "YYYYMMDD", RFC 2822 "Wed, 01
 * May 2024 12:00:00 GMT", "May 1, 2024", "1 May 2024", Unix seconds or
 * milliseconds) into ISO "YYYY-MM-DD" or,
 * when the time zone is known, "YYYY-MM-DDTHH:MM:SSZ" in UTC. A time
 * without a zone keeps only the day: claiming UTC would be a guess. */
#include <string.h>

#include "read_int.h"
#include "util/day.h"

typedef struct when {
    int year, month, day;
    int hour, min, sec;
    int has_time, has_zone;
    long zone_sec; /* east of UTC */
} when_t;

static int is_digit(char c)
{
    return c >= '0' && c <= '9';
}

static int is_alpha(char c)
{
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
}

static int is_blank(char c)
{
    return c == ' ' || c == '\t' || c == '\n' || c == '\r';
}

/* Read up to max digits at *p; -1 when there are none. */
static long digits(const char **p, const char *end, int max, int *out_n)
{
    long v = 0;
    int n = 0;
    while (*p < end && n < max && is_digit(**p)) {
        v = v * 10 + (**p - '0');
        (*p)++;
        n++;
    }
    if (out_n) {
        *out_n = n;
    }
    return n ? v : -1;
}

static int days_in_month(int y, int m)
{
    static const int dm[] = { 31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31 };
    if (m == 2 && ((y % 4 == 0 && y % 100 != 0) || y % 400 == 0)) {
        return 29;
    }
    return dm[m - 1];
}

int date_month_word(const char *w, size_t len)
{
    static const char *const names[] = { "january",   "february", "march",    "april",
                                         "may",       "june",     "july",     "august",
                                         "september", "october",  "november", "december" };
    if (len < 3) {
        return 0;
    }
    for (int i = 0; i < 12; i++) {
        size_t k = strlen(names[i]);
        if ((len == 3 || len == k || (i == 8 && len == 4)) && len <= k &&
            strncasecmp(w, names[i], len) == 0) {
            return i + 1;
        }
    }
    return 0;
}

/* "+02:00", "-0500", "Z", "UTC", "GMT" at p; 1 if one was read. */
static int read_zone(const char **p, const char *end, when_t *w)
{
    const char *q = *p;
    while (q < end && *q == ' ') {
        q++;
    }
    if (q < end && (*q == 'Z' || *q == 'z') && (q + 1 == end || !is_alpha(q[1]))) {
        w->has_zone = 1;
        w->zone_sec = 0;
        *p = q + 1;
        return 1;
    }
    if (end - q >= 3 && (strncasecmp(q, "UTC", 3) == 0 || strncasecmp(q, "GMT", 3) == 0)) {
        q += 3;
        w->has_zone = 1;
        w->zone_sec = 0;
        if (q == end || (*q != '+' && *q != '-')) {
            *p = q;
            return 1;
        }
    }
    /* "UT" and the North American zones RFC 2822 names */
    static const struct {
        const char name[4];
        int hours;
    } named[] = { { "UT", 0 },   { "EST", -5 }, { "EDT", -4 }, { "CST", -6 }, { "CDT", -5 },
                  { "MST", -7 }, { "MDT", -6 }, { "PST", -8 }, { "PDT", -7 } };
    for (size_t i = 0; !w->has_zone && i < sizeof(named) / sizeof(named[0]); i++) {
        size_t n = strlen(named[i].name);
        if ((size_t)(end - q) >= n && strncmp(q, named[i].name, n) == 0 &&
            (q + n == end || !is_alpha(q[n]))) {
            w->has_zone = 1;
            w->zone_sec = named[i].hours * 3600L;
            *p = q + n;
            return 1;
        }
    }
    if (q < end && (*q == '+' || *q == '-')) {
        int sign = *q == '-' ? -1 : 1;
        q++;
        int n;
        long hh = digits(&q, end, 2, &n);
        if (hh < 0 || n != 2) {
            return 0;
        }
        long mm = 0;
        if (q < end && *q == ':') {
            q++;
        }
        if (q < end && is_digit(*q)) {
            mm = digits(&q, end, 2, &n);
        }
        if (hh > 14 || mm > 59) {
            return 0;
        }
        w->has_zone = 1;
        w->zone_sec = sign * (hh * 3600 + mm * 60);
        *p = q;
        return 1;
    }
    return 0;
}

/* "HH:MM[:SS[.frac]]" at p. */
static int read_time(const char **p, const char *end, when_t *w)
{
    const char *q = *p;
    int n;
    long hh = digits(&q, end, 2, &n);
    if (hh < 0 || q >= end || *q != ':') {
        return 0;
    }
    q++;
    long mm = digits(&q, end, 2, &n);
    if (mm < 0 || n != 2) {
        return 0;
    }
    long ss = 0;
    if (q < end && *q == ':') {
        q++;
        ss = digits(&q, end, 2, &n);
        if (ss < 0) {
            return 0;
        }
        if (q < end && (*q == '.' || *q == ',')) {
            q++;
            while (q < end && is_digit(*q)) {
                q++;
            }
        }
    }
    if (hh > 23 || mm > 59 || ss > 60) {
        return 0;
    }
    w->hour = (int)hh;
    w->min = (int)mm;
    w->sec = ss == 60 ? 59 : (int)ss;
    w->has_time = 1;
    /* "12:00 PM" */
    const char *r = q;
    while (r < end && *r == ' ') {
        r++;
    }
    if (end - r >= 2 && (r[1] == 'M' || r[1] == 'm') && (r + 2 == end || !is_alpha(r[2]))) {
        int is_pm = r[0] == 'P' || r[0] == 'p';
        int is_am = r[0] == 'A' || r[0] == 'a';
        if ((is_pm || is_am) && w->hour >= 1 && w->hour <= 12) {
            w->hour = (w->hour % 12) + (is_pm ? 12 : 0);
            q = r + 2;
        }
    }
    *p = q;
    return 1;
}

static int parse_iso(const char *s, const char *end, when_t *w)
{
    const char *p = s;
    int n;
    long y = digits(&p, end, 4, &n);
    long m, d;
    if (n == 4 && p < end && is_digit(*p)) {
        /* compact "YYYYMMDD" */
        m = digits(&p, end, 2, &n);
        d = n == 2 ? digits(&p, end, 2, &n) : -1;
        if (n != 2 || (p < end && is_digit(*p))) {
            return 0;
        }
    } else {
        if (n != 4 || p >= end || (*p != '-' && *p != '/' && *p != '.')) {
            return 0;
        }
        char sep = *p++;
        m = digits(&p, end, 2, &n);
        if (m < 0 || p >= end || *p != sep) {
            return 0;
        }
        p++;
        d = digits(&p, end, 2, &n);
        if (d < 0) {
            return 0;
        }
    }
    w->year = (int)y;
    w->month = (int)m;
    w->day = (int)d;
    if (p < end && (*p == 'T' || *p == 't' || *p == ' ')) {
        const char *q = p + 1;
        if (read_time(&q, end, w)) {
            p = q;
            read_zone(&p, end, w);
        }
    }
    return 1;
}

/* Free-form English dates: pick out a month name, a 4-digit year, a day
 * number, a time and a zone in any order; weekday names are ignored. */
static int parse_words(const char *s, const char *end, when_t *w)
{
    const char *p = s;
    int month = 0;
    long year = -1, day = -1;
    while (p < end) {
        if (is_alpha(*p)) {
            const char *q = p;
            while (q < end && is_alpha(*q)) {
                q++;
            }
            int m = date_month_word(p, (size_t)(q - p));
            if (m && !month) {
                month = m;
            } else if (!m && w->has_time && !w->has_zone) {
                const char *z = p;
                if (read_zone(&z, end, w)) {
                    q = z;
                }
            }
            p = q;
        } else if (is_digit(*p)) {
            const char *q = p;
            int n;
            if (read_time(&q, end, w)) {
                read_zone(&q, end, w);
                p = q;
                continue;
            }
            q = p;
            long v = digits(&q, end, 9, &n);
            if (q < end && is_digit(*q)) {
                return 0;
            }
            if (n == 4 && year < 0) {
                year = v;
            } else if (n <= 2 && day < 0) {
                day = v;
            } else {
                return 0;
            }
            /* ordinal suffixes: "1st", "22nd" */
            while (q < end && is_alpha(*q) && q - p < n + 2) {
                q++;
            }
            p = q;
        } else if ((*p == '+' || *p == '-') && w->has_time && !w->has_zone) {
            const char *z = p;
            if (!read_zone(&z, end, w)) {
                z = p + 1;
            }
            p = z;
        } else {
            p++;
        }
    }
    if (!month || year < 0 || day < 0) {
        return 0;
    }
    w->year = (int)year;
    w->month = month;
    w->day = (int)day;
    return 1;
}

static int parse_epoch(const char *s, const char *end, when_t *w)
{
    const char *p = s;
    int n;
    long v = digits(&p, end, 13, &n);
    if (p != end || (n != 10 && n != 13)) {
        return 0;
    }
    long secs = n == 13 ? v / 1000 : v;
    day_to_civil(secs / 86400, &w->year, &w->month, &w->day);
    long rem = secs % 86400;
    w->hour = (int)(rem / 3600);
    w->min = (int)(rem / 60 % 60);
    w->sec = (int)(rem % 60);
    w->has_time = 1;
    w->has_zone = 1;
    w->zone_sec = 0;
    return 1;
}

int date_to_iso(char *out, size_t out_len, const char *s, size_t len)
{
    const char *end = s + len;
    while (s < end && is_blank(*s)) {
        s++;
    }
    while (end > s && is_blank(end[-1])) {
        end--;
    }
    if (out_len < 21 || end - s > 100) {
        return 0;
    }
    when_t w;
    memset(&w, 0, sizeof(w));
    if (!parse_epoch(s, end, &w) && !parse_iso(s, end, &w)) {
        memset(&w, 0, sizeof(w));
        if (!parse_words(s, end, &w)) {
            return 0;
        }
    }
    if (w.year < 1900 || w.year > 2100 || w.month < 1 || w.month > 12 || w.day < 1 ||
        w.day > days_in_month(w.year, w.month)) {
        return 0;
    }
    if (w.year == 1970 && w.month == 1 && w.day == 1) {
        return 0; /* a timestamp left at zero, not a date */
    }
    if (w.has_time && w.has_zone) {
        long days = day_from_civil(w.year, w.month, w.day);
        long secs = days * 86400 + w.hour * 3600L + w.min * 60L + w.sec - w.zone_sec;
        long d = secs >= 0 ? secs / 86400 : -((-secs + 86399) / 86400);
        long rem = secs - d * 86400;
        day_to_civil(d, &w.year, &w.month, &w.day);
        snprintf(out, out_len, "%04d-%02d-%02dT%02ld:%02ld:%02ldZ", w.year, w.month, w.day,
                 rem / 3600, rem / 60 % 60, rem % 60);
    } else {
        snprintf(out, out_len, "%04d-%02d-%02d", w.year, w.month, w.day);
    }
    return 1;
}
