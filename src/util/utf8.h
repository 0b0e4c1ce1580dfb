/* util/utf8.h: small UTF-8 helpers that need no tables: validity,
 * whitespace collapsing, boundaries. Unicode normalisation and case
 * folding live in text/ (utf8proc). */
#ifndef SIFT_UTF8_H
#define SIFT_UTF8_H

#include <stddef.h>

/* Byte offset of the first invalid UTF-8 sequence, or len if valid. */
size_t utf8_invalid_at(const char *s, size_t len);

/* Largest n <= len that does not split a UTF-8 sequence. */
size_t utf8_floor(const char *s, size_t len);

/* Collapse runs of white space (ASCII, U+00A0, U+2000..U+200B, U+3000,
 * U+FEFF) into one ' ', drop control bytes, trim both ends. Writes at most
 * len bytes to out (which may equal s). Returns the new length. */
size_t utf8_collapse_space(char *out, const char *s, size_t len);

/* Length of the white space (as above) at s, 0 if none. */
size_t utf8_space_len(const char *s, size_t len);

#endif
