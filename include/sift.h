/* sift.h: the public library API of sift: errors, context, the report
 * (document) model, and the calls that read inputs into reports. Programs
 * in examples/ and the sift command itself are built on this header. */
#ifndef SIFT_H
#define SIFT_H

#include <stddef.h>
#include <stdint.h>

#ifdef __cplusplus
extern "C" {
#endif

/* ---- errors ---------------------------------------------------------- */

enum {
    SIFT_OK = 0,
    SIFT_EINPUT = -1,   /* input rejected: malformed, binary, too large */
    SIFT_EIO = -2,      /* reading or writing a file failed */
    SIFT_ENOMEM = -3,   /* out of memory */
    SIFT_ESTORE = -4,   /* the store failed or is unusable */
    SIFT_EUSAGE = -5,   /* the caller asked for something impossible */
    SIFT_ELIMIT = -6,   /* a size limit of util/limits.h was reached */
    SIFT_ENOTFOUND = -7 /* no such report, story, ... */
};

#define SIFT_NOPOS UINT64_MAX

typedef struct sift_err {
    int code;        /* SIFT_EINPUT, SIFT_EIO, SIFT_ENOMEM, ... */
    char path[256];  /* input being read; "" if none */
    uint64_t offset; /* byte offset in it; SIFT_NOPOS if unknown */
    uint32_t line;   /* 1-based; 0 if the format has no lines (WARC) */
    char msg[160];   /* fixed size: reporting ENOMEM must not allocate */
} sift_err_t;

/* Clear err: code 0, no path, no position, empty message. */
void sift_err_clear(sift_err_t *err);

/* Format err as one line without the "sift: " prefix or newline:
 * "path:line: msg", "path@offset: msg" or "msg". Returns out. */
const char *sift_err_format(char *out, size_t out_len, const sift_err_t *err);

/* ---- slices ----------------------------------------------------------- */

typedef struct sift_slice {
    const char *ptr;
    size_t len;
} sift_slice_t;

/* ---- context ---------------------------------------------------------- */

/* Everything a run is configured with: no hidden globals. Fill with
 * sift_ctx_init() and change fields as needed. */
typedef struct sift_ctx {
    uint64_t seed;           /* seed for every hash that must be stable */
    int is_strict;           /* stop at the first rejected input */
    size_t max_report_bytes; /* largest single report/file read whole */
    size_t max_line_bytes;   /* largest JSON line */
    size_t max_record_bytes; /* largest WARC record payload */
    int max_html_depth;      /* deeper HTML elements are flattened */
} sift_ctx_t;

void sift_ctx_init(sift_ctx_t *ctx);

/* ---- the report model ------------------------------------------------- */

typedef enum sift_format {
    SIFT_FMT_UNKNOWN = 0,
    SIFT_FMT_TEXT,
    SIFT_FMT_MARKDOWN,
    SIFT_FMT_HTML,
    SIFT_FMT_JSONL,
    SIFT_FMT_WARC
} sift_format_t;

/* "text", "markdown", "html", "jsonl", "warc" or "unknown". Static. */
const char *sift_format_name(sift_format_t fmt);

typedef enum sift_block_kind {
    SIFT_BLOCK_TITLE = 0,
    SIFT_BLOCK_HEADING,
    SIFT_BLOCK_PARAGRAPH,
    SIFT_BLOCK_QUOTE,
    SIFT_BLOCK_LIST_ITEM
} sift_block_kind_t;

/* "title", "heading", "paragraph", "quote", "list_item". Static. */
const char *sift_block_kind_name(sift_block_kind_t kind);

typedef struct sift_block {
    sift_block_kind_t kind;
    const char *text; /* NUL-terminated UTF-8, whitespace collapsed */
    size_t len;
} sift_block_t;

/* Text set aside as clutter, with why. Never silently dropped. */
typedef struct sift_clutter {
    const char *reason; /* "caption", "credit", "related", "share", ... */
    const char *text;
    size_t len;
} sift_clutter_t;

/* How a publication date was found. */
typedef enum sift_date_src {
    SIFT_DATE_NONE = 0,
    SIFT_DATE_FIELD,    /* a JSON field or WARC header */
    SIFT_DATE_JSONLD,   /* JSON-LD datePublished */
    SIFT_DATE_META,     /* <meta> article:published_time and the like */
    SIFT_DATE_TIME,     /* <time datetime> */
    SIFT_DATE_URL,      /* /2025/05/16/ in the URL */
    SIFT_DATE_DATELINE, /* a date line at the top of the text */
    SIFT_DATE_TEXT      /* inferred from dates mentioned in the body */
} sift_date_src_t;

/* "none", "field", "json-ld", "meta", "time", "url", "dateline", "text". */
const char *sift_date_src_name(sift_date_src_t src);

/* One news report. Every string is NUL-terminated UTF-8 owned by the
 * report: borrowed by callers until sift_report_free(). A missing value is
 * "" (never NULL). */
typedef struct sift_report {
    char id[17];          /* 16 hex digits: hash of the normalised body */
    sift_format_t format; /* format of the input that held it */
    const char *source;   /* path, "path#N" for a record N, or "-" */
    const char *url;
    const char *outlet;          /* "Reuters", "nytimes.com", ... */
    const char *outlet_evidence; /* what named it: a domain, "X reports" */
    const char *title;
    const char *subtitle;
    const char *byline;  /* "Jane Doe, John Roe" */
    const char *credits; /* "Reuters contributed reporting." */
    const char *date;    /* "YYYY-MM-DD" or "YYYY-MM-DDTHH:MM:SSZ", or "" */
    sift_date_src_t date_src;
    int is_date_certain;
    const char *date_evidence; /* the text the date was read from */
    const char *lang;          /* ISO 639-1 when detectable, else "" */
    sift_block_t *blocks;      /* the clean body, in order */
    size_t n_blocks;
    sift_clutter_t *clutter;
    size_t n_clutter;
    struct sift_report_int *in; /* builder state (arena, capacities) */
} sift_report_t;

/* New empty report for source. Owned: free with sift_report_free(). */
sift_report_t *sift_report_new(const char *source, sift_format_t fmt);
void sift_report_free(sift_report_t *r); /* NULL is a no-op */

/* Body as one string, blocks separated by "\n\n". Owned by the report,
 * valid until it is freed or changed. */
const char *sift_report_body(sift_report_t *r);

/* ---- reading ------------------------------------------------------------ */

/* Where readers hand their results. emit takes ownership of the report and
 * returns 0, or a negative code to stop reading. reject is told about each
 * rejected input (err names the file and the position) and reading goes on
 * unless the context is strict. */
typedef struct sift_sink {
    int (*emit)(void *user, sift_report_t *r);
    void (*reject)(void *user, const sift_err_t *err);
    void *user;
} sift_sink_t;

/* Read a file, a folder (recursively, in name order) or "-" (stdin),
 * sniffing each file's format. Returns 0 when every input was read,
 * SIFT_EINPUT when some were rejected (each told to sink->reject), or
 * another negative code when reading had to stop (err filled). */
int sift_read_path(const sift_ctx_t *ctx, const char *path, const sift_sink_t *sink,
                   sift_err_t *err);

/* Read one in-memory input named source (format sniffed when fmt is
 * SIFT_FMT_UNKNOWN). data is borrowed for the call. */
int sift_read_buffer(const sift_ctx_t *ctx, const char *source, sift_format_t fmt, const char *data,
                     size_t len, const sift_sink_t *sink, sift_err_t *err);

#ifdef __cplusplus
}
#endif
#endif
