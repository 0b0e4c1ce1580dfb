/* read/read_int.h: what the readers share inside read/. */
#ifndef SIFT_READ_INT_H
#define SIFT_READ_INT_H

#include <stdio.h>

#include "read.h"

/* An input stream whose first bytes were read ahead for sniffing. */
typedef struct read_stream {
    FILE *f;
    const char *head; /* bytes read ahead, handed out first */
    size_t head_len;
    size_t head_pos;
    uint64_t offset; /* bytes handed out so far */
    int is_raw;      /* f is unbuffered (stdin): hand out what one read(2)
                        gives, so a slow stream is read as it comes */
} read_stream_t;

/* Up to n bytes into out; 0 at end of input; -1 on a read error. */
size_t stream_read(read_stream_t *s, void *out, size_t n, int *out_is_error);

/* Hand a finished report to the sink (taken). Returns the sink's code. */
int read_emit(const sift_sink_t *sink, sift_report_t *r);

/* Tell the sink about a rejected input. */
void read_reject(const sift_sink_t *sink, const sift_err_t *err);

/* ---- per-format readers --------------------------------------------- */

/* Plain text or Markdown held whole in data. One report. */
int txt_read(const sift_ctx_t *ctx, const char *source, const char *data, size_t len,
             int is_markdown, sift_report_t **out, sift_err_t *err);

/* Append the blocks of a plain-text or Markdown body to r, for readers
 * whose records carry the title and date in fields (JSON Lines "text" /
 * "maintext"): paragraphs, Markdown and trailers as txt_read() reads them,
 * but no title or subtitle is taken from the text. The caller runs
 * clutter_clean() and meta_complete() after. 0, SIFT_ELIMIT past
 * SIFT_MAX_BLOCKS, or SIFT_ENOMEM. */
int txt_read_blocks(sift_report_t *r, const char *data, size_t len, int is_markdown);

/* An HTML page held whole in data; url (may be "") is the page's address
 * when known (JSONL field, WARC target). One report. */
int html_read(const sift_ctx_t *ctx, const char *source, const char *url, const char *data,
              size_t len, sift_report_t **out, sift_err_t *err);

/* JSON Lines, one article per line, streamed line by line. Bad lines are
 * told to the sink one by one (path:line) and reading goes on; returns
 * SIFT_EINPUT with err cleared (already reported) if any were. */
int jsonl_read(const sift_ctx_t *ctx, const char *source, read_stream_t *in,
               const sift_sink_t *sink, sift_err_t *err);

/* WARC, plain or gzip, streamed record by record. Response records with
 * an HTML payload become reports; bad records are told to the sink
 * (path@offset) as for jsonl_read(). */
int warc_read(const sift_ctx_t *ctx, const char *source, read_stream_t *in, const sift_sink_t *sink,
              sift_err_t *err);

/* ---- shared passes ----------------------------------------------------- */

/* Move clutter out of the body (captions, credits, related links, share
 * prompts, repeated title or lead, bylines to metadata). */
int clutter_clean(sift_report_t *r, sift_err_t *err);

/* After clutter_clean: when the title's repeat was the body's only real
 * paragraph (a short item whose text is its headline, written twice,
 * maybe beside a one-line note or clutter), that paragraph goes back as
 * the body's first, instead of the report being rejected as empty or
 * left with only the note. 0 or SIFT_ENOMEM. */
int clutter_title_as_body(sift_report_t *r);

/* Fill what metadata can still be derived: outlet from the URL's domain
 * or a self-reference in the text, a date from the URL, the language. */
int meta_complete(sift_report_t *r, sift_err_t *err);

/* ---- shared by the record readers (jsonl.c, warc.c) -------------------- */

/* Add text as body paragraphs: each non-empty line is one paragraph (a
 * blank line or a single newline separates them). 0, SIFT_ELIMIT or
 * SIFT_ENOMEM. */
int read_add_text(sift_report_t *r, const char *text, size_t len);

/* Run the shared passes over a filled report (clutter_clean,
 * meta_complete), reject it when no body is left ("no text found") and
 * compute its id. The report stays the caller's either way. */
int read_finish(sift_report_t *r, const char *source, sift_err_t *err);

/* Normalise a date string (ISO 8601 / RFC 3339 with T or a space,
 * "YYYY/MM/DD", "YYYYMMDD", RFC 2822 with numeric, UT/GMT or North
 * American zones, "May 1, 2024", "1 May 2024", Unix seconds or
 * milliseconds) to "YYYY-MM-DD", or to "YYYY-MM-DDTHH:MM:SSZ" (UTC) when
 * it has a time and a zone: a time without a zone is not a point in time.
 * out needs 21 bytes. 1 on success, 0 when s is not a date sift
 * recognises (1970-01-01, a zero timestamp, included). */
int date_to_iso(char *out, size_t out_len, const char *s, size_t len);

/* 1..12 when the whole word w[0..len) is an English month name, its
 * three-letter abbreviation or "Sept" (any case), else 0. */
int date_month_word(const char *w, size_t len);

/* ---- clutter rules shared with the text reader (clutter.c, selfref.c) -- */

/* Why the text of one block is clutter on its own ("caption",
 * "photo-credit", "related", "share", "legal", "byline", "credit",
 * "dateline", "separator"), or NULL when it is not. Static string. */
const char *clutter_line_reason(const char *s, size_t len);

/* A date at the start of s: "May 16, 2025", "16 May 2025", "2025-05-16".
 * Returns the bytes it takes (0 if none) and fills year, month, day. */
size_t clutter_date_at(const char *s, size_t len, int *out_y, int *out_m, int *out_d);

/* Does the text end like a sentence (.!?:; maybe inside quotes)? */
int clutter_ends_sentence(const char *s, size_t len);

/* Words in s: runs of non-space bytes. */
size_t clutter_count_words(const char *s, size_t len);
/* The same count, stopping once it passes cap: min(words, cap + 1). The
 * clutter tests only ask "more than N words?", and most lines are long. */
size_t clutter_count_words_upto(const char *s, size_t len, size_t cap);

/* Set r->outlet and r->outlet_evidence from a self-reference in the body
 * ("..., Caliber.Az reports, citing ..."); nothing when there is none.
 * 0 or SIFT_ENOMEM. */
int selfref_find_outlet(sift_report_t *r);

#endif
