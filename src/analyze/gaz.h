/* analyze/gaz.h: the place gazetteer (gaz.c): country and region names
 * from Unicode CLDR and city names from the tz database, both installed
 * as Debian packages. Read-only after the first call; safe from any
 * thread. SIFT_GAZ_CLDR, SIFT_GAZ_TZDATA and SIFT_GAZ_ZONETAB name other
 * files (tests). */
#ifndef SIFT_GAZ_H
#define SIFT_GAZ_H

#include <stddef.h>

/* Fold a name for lookup: ASCII letters lower-cased, other ASCII bytes
 * (spaces, dots, hyphens, apostrophes) and curly apostrophes dropped,
 * other UTF-8 kept ("U.S." -> "us", "Côte d’Ivoire" -> "côtedivoire").
 * Writes a NUL-terminated key to out; returns its length, SIZE_MAX when
 * it does not fit. */
size_t gaz_fold(char *out, size_t out_len, const char *s, size_t len);

/* Is the folded name a known place? out_cc gets its country as two
 * letters ("UA" for Kyiv and for Ukraine), or "" for a region without
 * one ("Europe"). */
int gaz_place(const char *folded, size_t n, char out_cc[3]);

/* Is the folded name a known place? Keys are kept as 64-bit hashes, so a
 * false match is as unlikely as a hash collision. */
int gaz_is_place(const char *folded, size_t n);

/* How many names the gazetteer holds (0 when its files are missing). */
size_t gaz_size(void);

#endif
