/* read/selfref.c: find the outlet a report names itself by. Agency and
 * aggregator copy often says so inside a sentence: "..., Caliber.Az
 * reports, citing Russian media." or "..., The Caspian Post reports."
 * Only that present-tense, clause-final form counts. "according to X",
 * "X reported that" and "a Bloomberg report" cite someone else and are
 * left alone. */
#include <stdint.h>
#include <string.h>

#include "read_int.h"
#include "util/report.h"

/* Longest outlet name looked at, in words ("The Times of India"). */
#define MAX_NAME_WORDS 5
/* Evidence kept: the phrase up to the end of its sentence, capped. */
#define MAX_EVIDENCE_BYTES 160

static int is_upper(char c)
{
    return c >= 'A' && c <= 'Z';
}

static int is_name_byte(char c)
{
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '.' ||
           c == '-' || c == '&' || c == '\'' || (unsigned char)c >= 0x80;
}

/* Lower-case words allowed inside a name: "Times of India". */
static int is_joiner(const char *w, size_t n)
{
    return (n == 2 && (strncmp(w, "of", 2) == 0 || strncmp(w, "de", 2) == 0)) ||
           (n == 3 && (strncmp(w, "and", 3) == 0 || strncmp(w, "the", 3) == 0));
}

/* Words that start a clause but never name an outlet. */
static int is_stop_name(const char *w, size_t n)
{
    static const char *const words[] = { "He",        "She",     "It",     "They",  "We",
                                         "I",         "You",     "This",   "That",  "These",
                                         "Those",     "A",       "An",     "The",   "Who",
                                         "Which",     "Media",   "Local",  "State", "Russian",
                                         "Ukrainian", "Western", "Foreign" };
    for (size_t i = 0; i < sizeof(words) / sizeof(words[0]); i++) {
        if (strlen(words[i]) == n && strncmp(w, words[i], n) == 0) {
            return 1;
        }
    }
    return 0;
}

/* The outlet name ending just before text[at] (which is the space before
 * "reports"): walks back over capitalised words. Returns the name's
 * start offset, or SIZE_MAX when there is none or it is not preceded by
 * a clause boundary (", " or the start of a sentence). */
static size_t name_before(const char *text, size_t at)
{
    size_t start = at, words = 0;
    size_t e = at;
    while (e > 0 && words < MAX_NAME_WORDS) {
        size_t b = e;
        while (b > 0 && is_name_byte(text[b - 1])) {
            b--;
        }
        if (b == e) {
            break;
        }
        if (is_upper(text[b])) {
            start = b; /* a name starts with a capital word, not a joiner */
        } else if (!is_joiner(text + b, e - b)) {
            break;
        }
        words++;
        if (b == 0 || text[b - 1] != ' ') {
            break;
        }
        e = b - 1;
    }
    if (start >= at) {
        return SIZE_MAX;
    }
    /* what comes before: the block start, ", " or ". " */
    if (start == 0) {
        return start;
    }
    if (start >= 2 && text[start - 1] == ' ' &&
        (text[start - 2] == ',' || text[start - 2] == '.' || text[start - 2] == ';')) {
        return start;
    }
    return SIZE_MAX;
}

static int try_block(sift_report_t *r, const char *text, size_t len, int needs_citing,
                     int *out_found)
{
    static const char verb[] = " reports";
    size_t vl = sizeof(verb) - 1;
    for (size_t i = 1; i + vl <= len; i++) {
        /* jump to the next " reports" (a compare at every byte was 5% of
         * the reader) */
        const char *hit = memmem(text + i, len - i, verb, vl);
        if (!hit) {
            break;
        }
        i = (size_t)(hit - text);
        size_t after = i + vl;
        /* clause-final: ", citing ...", "." or the end */
        if (after < len && text[after] != ',' && text[after] != '.' && text[after] != ';') {
            continue;
        }
        if (needs_citing && (len - after < 8 || memcmp(text + after, ", citing", 8) != 0)) {
            continue;
        }
        size_t start = name_before(text, i);
        if (start == SIZE_MAX) {
            continue;
        }
        size_t first_end = start;
        while (first_end < i && text[first_end] != ' ') {
            first_end++;
        }
        if (is_stop_name(text + start, first_end - start) && first_end == i) {
            continue; /* "It reports." */
        }
        if (start + 3 <= i && strncmp(text + start, "The", 3) == 0 && first_end == i) {
            continue;
        }
        /* evidence: to the end of the sentence ('.' then space or end) */
        size_t end = after;
        while (end < len && end - start < MAX_EVIDENCE_BYTES &&
               !(text[end] == '.' && (end + 1 == len || text[end + 1] == ' '))) {
            end++;
        }
        int rc = report_set(r, &r->outlet, text + start, i - start);
        if (rc == 0) {
            rc = report_set(r, &r->outlet_evidence, text + start, end - start);
        }
        *out_found = 1;
        return rc;
    }
    return 0;
}

int selfref_find_outlet(sift_report_t *r)
{
    /* "X reports, citing Y" first: an outlet names itself so when it
     * passes on someone else's news. A bare ", X reports." may be an
     * aggregator citing an agency, so it counts only when no cited form
     * is found. */
    int found = 0, rc = 0;
    for (int pass = 0; pass < 2 && !found; pass++) {
        for (size_t i = 0; i < r->n_blocks && !found && rc == 0; i++) {
            if (r->blocks[i].kind == SIFT_BLOCK_PARAGRAPH) {
                rc = try_block(r, r->blocks[i].text, r->blocks[i].len, pass == 0, &found);
            }
        }
    }
    return rc;
}
