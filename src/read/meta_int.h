/* read/meta_int.h: metadata helpers the readers share inside read/ (and
 * the tests use): URL domains and dates, the outlet
 * name spelled by a domain, and a language guess. meta_complete() itself
 * is declared in read_int.h. */
#ifndef SIFT_META_INT_H
#define SIFT_META_INT_H

#include <stddef.h>

/* "YYYY-MM-DDTHH:MM:SSZ" and its NUL. */
#define META_DATE_MAX 21

/* The registrable domain of url's host into out (size out_len): lower
 * case, without "www.", "m.", "amp." or "mobile.", kept to two labels, or
 * three under a two-level suffix such as co.uk or com.au. Returns its
 * length, 0 when url has no http(s) host or out is too small. */
size_t meta_url_domain(char *out, size_t out_len, const char *url);

/* A date in url's path: /2025/05/16/, /2025-05-16 or /20250516. Writes
 * "YYYY-MM-DD" to out and points *out_ev (length *out_ev_len) at the
 * matched part of url. Returns 1 when found, else 0. */
int meta_url_date(char out[META_DATE_MAX], const char **out_ev, size_t *out_ev_len,
                  const char *url);

/* Find in text[0..len) a run of capitalised words whose letters, lower
 * cased and run together, spell label ("themoscowtimes" -> "The Moscow
 * Times"); small connectors ("of", "the", "and", ...) may be lower case
 * inside the run. label is ASCII lower case letters and digits. Returns 1
 * and the run as *out_ptr (borrowed from text) and *out_len, else 0. */
int meta_find_name(const char **out_ptr, size_t *out_len, const char *label, const char *text,
                   size_t len);

/* ISO 639-1 code of the language text[0..len) is written in, or "" when
 * not confident: Unicode script for the scripts of one main language
 * (CJK, Hangul, Greek, Arabic, Hebrew, Thai, ...), else frequent-word
 * profiles for en, fr, de, es, it, pt, nl, sv, pl and tr; Cyrillic by
 * letters (uk) or word profile (ru). Looks at the first 64 KiB. Static. */
const char *meta_lang_guess(const char *text, size_t len);

#endif
