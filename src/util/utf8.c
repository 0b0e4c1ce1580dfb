/* util/utf8.c: see utf8.h. */
#include "utf8.h"

#include <string.h>

size_t utf8_invalid_at(const char *str, size_t len)
{
    const unsigned char *s = (const unsigned char *)str;
    size_t i = 0;
    while (i < len) {
        unsigned char c = s[i];
        if (c < 0x80) {
            i++;
            continue;
        }
        size_t n;
        unsigned int cp;
        if (c >= 0xc2 && c <= 0xdf) {
            n = 2;
            cp = c & 0x1fu;
        } else if (c >= 0xe0 && c <= 0xef) {
            n = 3;
            cp = c & 0x0fu;
        } else if (c >= 0xf0 && c <= 0xf4) {
            n = 4;
            cp = c & 0x07u;
        } else {
            return i;
        }
        if (i + n > len) {
            return i;
        }
        for (size_t k = 1; k < n; k++) {
            if ((s[i + k] & 0xc0u) != 0x80u) {
                return i;
            }
            cp = (cp << 6) | (s[i + k] & 0x3fu);
        }
        if ((n == 3 && cp < 0x800) || (n == 4 && (cp < 0x10000 || cp > 0x10ffff)) ||
            (cp >= 0xd800 && cp <= 0xdfff)) {
            return i;
        }
        i += n;
    }
    return len;
}

size_t utf8_floor(const char *s, size_t len)
{
    size_t n = len;
    while (n > 0 && ((unsigned char)s[n] & 0xc0u) == 0x80u) {
        n--;
    }
    return n;
}

size_t utf8_space_len(const char *str, size_t len)
{
    const unsigned char *s = (const unsigned char *)str;
    if (len == 0) {
        return 0;
    }
    if (s[0] == ' ' || s[0] == '\t' || s[0] == '\n' || s[0] == '\r' || s[0] == '\f' ||
        s[0] == '\v') {
        return 1;
    }
    if (len >= 2 && s[0] == 0xc2 && s[1] == 0xa0) {
        return 2;
    }
    if (len >= 3 && s[0] == 0xe2 && s[1] == 0x80 &&
        ((s[2] >= 0x80 && s[2] <= 0x8b) || s[2] == 0xaf)) {
        return 3; /* U+2000..U+200B, U+202F */
    }
    if (len >= 3 && s[0] == 0xe3 && s[1] == 0x80 && s[2] == 0x80) {
        return 3; /* U+3000 */
    }
    if (len >= 3 && s[0] == 0xef && s[1] == 0xbb && s[2] == 0xbf) {
        return 3; /* U+FEFF */
    }
    return 0;
}

size_t utf8_collapse_space(char *out, const char *s, size_t len)
{
    size_t j = 0;
    int pending = 0;
    size_t i = 0;
    while (i < len) {
        unsigned char a = (unsigned char)s[i];
        if (a > 0x20 && a < 0x7f) {
            /* printable ASCII, most of most texts: neither a space nor a
             * control, so copy it without the space test */
            if (pending && j > 0) {
                out[j++] = ' ';
            }
            pending = 0;
            out[j++] = (char)a;
            i++;
            continue;
        }
        size_t sp = utf8_space_len(s + i, len - i);
        if (sp) {
            pending = 1;
            i += sp;
            continue;
        }
        unsigned char c = (unsigned char)s[i];
        if (c < 0x20 || c == 0x7f) {
            i++;
            continue;
        }
        if (pending && j > 0) {
            out[j++] = ' ';
        }
        pending = 0;
        out[j++] = (char)c;
        i++;
    }
    return j;
}
