/* read/read.c: find inputs (files, folders, stdin), sniff each one's
 * format, check it is text at all, and hand it to its reader. Whole-file
 * formats are read under a size cap; JSONL and WARC are streamed. */
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "read_int.h"
#include "util/buf.h"
#include "util/err.h"
#include "util/limits.h"
#include "util/utf8.h"

#define SNIFF_BYTES 8192

static int has_suffix(const char *name, const char *suffix)
{
    size_t n = strlen(name), k = strlen(suffix);
    return n >= k && strcasecmp(name + n - k, suffix) == 0;
}

static const char *skip_space(const char *p, const char *end)
{
    while (p < end) {
        size_t sp = utf8_space_len(p, (size_t)(end - p));
        if (!sp) {
            break;
        }
        p += sp;
    }
    return p;
}

static int looks_like_html(const char *p, const char *end)
{
    static const char *const tags[] = { "<!doctype html", "<html",  "<head", "<body",
                                        "<meta",          "<title", "<div",  "<p>",
                                        "<article",       "<!--",   "<?xml" };
    size_t avail = (size_t)(end - p);
    for (size_t i = 0; i < sizeof(tags) / sizeof(tags[0]); i++) {
        size_t k = strlen(tags[i]);
        if (avail >= k && strncasecmp(p, tags[i], k) == 0) {
            return 1;
        }
    }
    return 0;
}

static int looks_like_markdown(const char *p, const char *end)
{
    /* a heading line, a link, or strong emphasis within the head */
    int at_line_start = 1;
    for (const char *q = p; q < end; q++) {
        if (at_line_start && *q == '#' && q + 1 < end && (q[1] == ' ' || q[1] == '#')) {
            return 1;
        }
        if (*q == ']' && q + 1 < end && q[1] == '(') {
            return 1;
        }
        if (*q == '*' && q + 1 < end && q[1] == '*') {
            return 1;
        }
        at_line_start = (*q == '\n');
    }
    return 0;
}

sift_format_t read_sniff(const char *name, const char *head, size_t len)
{
    const char *end = head + len;
    if (len >= 2 && (unsigned char)head[0] == 0x1f && (unsigned char)head[1] == 0x8b) {
        return SIFT_FMT_WARC;
    }
    if (len >= 5 && memcmp(head, "WARC/", 5) == 0) {
        return SIFT_FMT_WARC;
    }
    const char *p = skip_space(head, end);
    if (p < end && *p == '{') {
        return SIFT_FMT_JSONL;
    }
    if (p < end && *p == '<' && looks_like_html(p, end)) {
        return SIFT_FMT_HTML;
    }
    if (name) {
        if (has_suffix(name, ".html") || has_suffix(name, ".htm") || has_suffix(name, ".xhtml")) {
            return SIFT_FMT_HTML;
        }
        if (has_suffix(name, ".jsonl") || has_suffix(name, ".ndjson")) {
            return SIFT_FMT_JSONL;
        }
        if (has_suffix(name, ".md") || has_suffix(name, ".markdown")) {
            return SIFT_FMT_MARKDOWN;
        }
    }
    if (p < end && *p == '<' && memchr(p, '>', (size_t)(end - p))) {
        return SIFT_FMT_HTML;
    }
    if (looks_like_markdown(p, end)) {
        return SIFT_FMT_MARKDOWN;
    }
    return SIFT_FMT_TEXT;
}

size_t stream_read(read_stream_t *s, void *out, size_t n, int *out_is_error)
{
    size_t got = 0;
    *out_is_error = 0;
    if (s->head_pos < s->head_len) {
        size_t k = s->head_len - s->head_pos;
        if (k > n) {
            k = n;
        }
        memcpy(out, s->head + s->head_pos, k);
        s->head_pos += k;
        got = k;
    }
    if (got == 0 && s->f && s->is_raw) {
        /* fread would wait until n bytes came: a feed that pauses would
         * hold back the reports it has sent */
        ssize_t k;
        do {
            k = read(fileno(s->f), out, n);
        } while (k < 0 && errno == EINTR);
        if (k < 0) {
            *out_is_error = 1;
        }
        got = k > 0 ? (size_t)k : 0;
    } else if (got < n && s->f && !s->is_raw) {
        size_t k = fread((char *)out + got, 1, n - got, s->f);
        got += k;
        if (k == 0 && ferror(s->f)) {
            *out_is_error = 1;
        }
    }
    s->offset += got;
    return got;
}

int read_emit(const sift_sink_t *sink, sift_report_t *r)
{
    if (!sink->emit) {
        sift_report_free(r);
        return 0;
    }
    return sink->emit(sink->user, r);
}

void read_reject(const sift_sink_t *sink, const sift_err_t *err)
{
    if (sink->reject) {
        sink->reject(sink->user, err);
    }
}

/* Reject text that is not text: NUL bytes or invalid UTF-8. HTML is
 * exempt from the UTF-8 check (libxml2 converts declared encodings). */
static int check_text(const char *source, sift_format_t fmt, const char *data, size_t len,
                      sift_err_t *err)
{
    const char *nul = memchr(data, '\0', len);
    if (nul) {
        return err_set(err, SIFT_EINPUT, source, (uint64_t)(nul - data), 0,
                       "binary data (NUL byte), not a news report");
    }
    if (fmt != SIFT_FMT_HTML) {
        size_t bad = utf8_invalid_at(data, len);
        if (bad < len) {
            return err_set(err, SIFT_EINPUT, source, bad, 0, "invalid UTF-8");
        }
    }
    return 0;
}

static int read_whole(const sift_ctx_t *ctx, const char *source, sift_format_t fmt,
                      const char *data, size_t len, const sift_sink_t *sink, sift_err_t *err)
{
    sift_report_t *r = NULL;
    int rc = check_text(source, fmt, data, len, err);
    if (rc) {
        return rc;
    }
    if (fmt == SIFT_FMT_HTML) {
        rc = html_read(ctx, source, "", data, len, &r, err);
    } else {
        rc = txt_read(ctx, source, data, len, fmt == SIFT_FMT_MARKDOWN, &r, err);
    }
    if (rc) {
        return rc;
    }
    return read_emit(sink, r);
}

int sift_read_buffer(const sift_ctx_t *ctx, const char *source, sift_format_t fmt, const char *data,
                     size_t len, const sift_sink_t *sink, sift_err_t *err)
{
    if (fmt == SIFT_FMT_UNKNOWN) {
        fmt = read_sniff(source, data, len < SNIFF_BYTES ? len : SNIFF_BYTES);
    }
    if (len == 0) {
        return err_set(err, SIFT_EINPUT, source, SIFT_NOPOS, 0, "empty input");
    }
    if (fmt == SIFT_FMT_JSONL || fmt == SIFT_FMT_WARC) {
        read_stream_t s = { .f = NULL, .head = data, .head_len = len };
        if (fmt == SIFT_FMT_JSONL) {
            return jsonl_read(ctx, source, &s, sink, err);
        }
        return warc_read(ctx, source, &s, sink, err);
    }
    return read_whole(ctx, source, fmt, data, len, sink, err);
}

/* Report a rejected input and decide whether to go on: returns 0 to go
 * on (remembering the rejection in *rejected) or the code to stop with. */
static int note_reject(const sift_ctx_t *ctx, const sift_sink_t *sink, int rc, sift_err_t *err,
                       int *rejected)
{
    if (rc == SIFT_EINPUT || rc == SIFT_ELIMIT) {
        if (err->code != 0 && err->msg[0]) {
            read_reject(sink, err);
        }
        *rejected = 1;
        return ctx->is_strict ? SIFT_EINPUT : 0;
    }
    return rc;
}

static int read_file(const sift_ctx_t *ctx, const char *path, FILE *f, const sift_sink_t *sink,
                     sift_err_t *err)
{
    char head[SNIFF_BYTES];
    size_t head_len = fread(head, 1, sizeof(head), f);
    if (head_len == 0) {
        if (ferror(f)) {
            return err_set(err, SIFT_EINPUT, path, 0, 0, "cannot read: %s", strerror(errno));
        }
        return err_set(err, SIFT_EINPUT, path, SIFT_NOPOS, 0, "empty file");
    }
    sift_format_t fmt = read_sniff(path, head, head_len);
    if (fmt == SIFT_FMT_JSONL || fmt == SIFT_FMT_WARC) {
        read_stream_t s = { .f = f, .head = head, .head_len = head_len, .is_raw = f == stdin };
        if (fmt == SIFT_FMT_JSONL) {
            return jsonl_read(ctx, path, &s, sink, err);
        }
        return warc_read(ctx, path, &s, sink, err);
    }
    /* Whole-file formats: refuse binary early, before reading a large
     * file whole (a sparse disk image starts with NUL bytes). */
    const char *nul = memchr(head, '\0', head_len);
    if (nul) {
        return err_set(err, SIFT_EINPUT, path, (uint64_t)(nul - head), 0,
                       "binary data (NUL byte), not a news report");
    }
    buf_t b;
    buf_init(&b, ctx->max_report_bytes);
    int rc = buf_append(&b, head, head_len);
    char chunk[65536];
    while (rc == 0) {
        size_t n = fread(chunk, 1, sizeof(chunk), f);
        if (n == 0) {
            if (ferror(f)) {
                rc = err_set(err, SIFT_EINPUT, path, b.len, 0, "cannot read: %s", strerror(errno));
            }
            break;
        }
        rc = buf_append(&b, chunk, n);
        if (rc == SIFT_ELIMIT) {
            rc = err_set(err, SIFT_EINPUT, path, b.len, 0,
                         "too large: over %zu bytes for one report", ctx->max_report_bytes);
        } else if (rc) {
            rc = err_set(err, rc, path, b.len, 0, "out of memory");
        }
    }
    if (rc == 0) {
        rc = read_whole(ctx, path, fmt, b.ptr, b.len, sink, err);
    }
    buf_release(&b);
    return rc;
}

/* A regular file of at most ctx->max_report_bytes whose size fstat gave:
 * read whole with one read() into a buffer of its size (a short read of a
 * regular file is its end), then taken as read_file takes a stream: the
 * same sniffing, checks, readers and messages. 1 when the file is too
 * large for this (or grew while read): the caller streams it instead,
 * from the start. */
static int read_sized(const sift_ctx_t *ctx, const char *path, int fd, size_t size,
                      const sift_sink_t *sink, sift_err_t *err, int *rc)
{
    if (size == 0 || size > ctx->max_report_bytes) {
        return 1;
    }
    char *data = malloc(size + 1);
    if (!data) {
        *rc = err_set(err, SIFT_ENOMEM, path, SIFT_NOPOS, 0, "out of memory");
        return 0;
    }
    size_t len = 0;
    for (;;) {
        ssize_t k = read(fd, data + len, size + 1 - len);
        if (k < 0 && errno == EINTR) {
            continue;
        }
        if (k < 0) {
            *rc = err_set(err, SIFT_EINPUT, path, len, 0, "cannot read: %s", strerror(errno));
            free(data);
            return 0;
        }
        len += (size_t)k;
        if (k == 0 || len == size || len > size) {
            break; /* end, or the whole size (one call), or it grew */
        }
    }
    if (len > size) {
        free(data);
        if (lseek(fd, 0, SEEK_SET) != 0) {
            *rc = err_set(err, SIFT_EINPUT, path, 0, 0, "cannot read: %s", strerror(errno));
            return 0;
        }
        return 1;
    }
    if (len == 0) {
        *rc = err_set(err, SIFT_EINPUT, path, SIFT_NOPOS, 0, "empty file");
        free(data);
        return 0;
    }
    size_t head_len = len < SNIFF_BYTES ? len : SNIFF_BYTES;
    sift_format_t fmt = read_sniff(path, data, head_len);
    if (fmt == SIFT_FMT_JSONL || fmt == SIFT_FMT_WARC) {
        /* the whole file as the read-ahead of a stream with no more */
        read_stream_t s = { .f = NULL, .head = data, .head_len = len };
        *rc = fmt == SIFT_FMT_JSONL ? jsonl_read(ctx, path, &s, sink, err)
                                    : warc_read(ctx, path, &s, sink, err);
    } else {
        *rc = read_whole(ctx, path, fmt, data, len, sink, err);
    }
    free(data);
    return 0;
}

/* Read the regular file at path: one open, one fstat, and for a file
 * that fits a report one read (read_sized); a larger one is streamed. */
static int read_regular(const sift_ctx_t *ctx, const char *path, const sift_sink_t *sink,
                        sift_err_t *err)
{
    int fd = open(path, O_RDONLY | O_CLOEXEC | O_NOCTTY);
    if (fd < 0) {
        return err_set(err, SIFT_EINPUT, path, SIFT_NOPOS, 0, "cannot open: %s", strerror(errno));
    }
    struct stat st;
    if (fstat(fd, &st) != 0) {
        int e = errno;
        close(fd);
        return err_set(err, SIFT_EINPUT, path, SIFT_NOPOS, 0, "cannot open: %s", strerror(e));
    }
    if (!S_ISREG(st.st_mode)) {
        close(fd); /* it changed since the folder was listed */
        return err_set(err, SIFT_EINPUT, path, SIFT_NOPOS, 0, "not a regular file");
    }
    int rc = 0;
    if (st.st_size < 0 || !read_sized(ctx, path, fd, (size_t)st.st_size, sink, err, &rc)) {
        close(fd);
        return rc;
    }
    FILE *f = fdopen(fd, "rb");
    if (!f) {
        close(fd);
        return err_set(err, SIFT_ENOMEM, path, SIFT_NOPOS, 0, "out of memory");
    }
    rc = read_file(ctx, path, f, sink, err);
    fclose(f);
    return rc;
}

/* A folder entry: its name and its type as the folder listing gave it
 * (DT_UNKNOWN when the file system does not say). */
typedef struct dir_entry {
    char *name;
    unsigned char type;
} dir_entry_t;

static int cmp_names(const void *a, const void *b)
{
    return strcmp(((const dir_entry_t *)a)->name, ((const dir_entry_t *)b)->name);
}

static int read_any(const sift_ctx_t *ctx, const char *path, int depth, unsigned char type,
                    const sift_sink_t *sink, sift_err_t *err, int *rejected);

static int read_dir(const sift_ctx_t *ctx, const char *path, int depth, const sift_sink_t *sink,
                    sift_err_t *err, int *rejected)
{
    if (depth > SIFT_MAX_DIR_DEPTH) {
        sift_err_clear(err);
        err_set(err, SIFT_EINPUT, path, SIFT_NOPOS, 0, "folder nested too deep (over %d)",
                SIFT_MAX_DIR_DEPTH);
        return note_reject(ctx, sink, SIFT_EINPUT, err, rejected);
    }
    DIR *d = opendir(path);
    if (!d) {
        sift_err_clear(err);
        err_set(err, SIFT_EINPUT, path, SIFT_NOPOS, 0, "cannot open folder: %s", strerror(errno));
        return note_reject(ctx, sink, SIFT_EINPUT, err, rejected);
    }
    dir_entry_t *names = NULL;
    size_t n = 0, cap = 0;
    int rc = 0;
    struct dirent *de;
    while ((de = readdir(d)) != NULL) {
        if (de->d_name[0] == '.') {
            continue; /* ".", "..", and hidden files such as .DS_Store */
        }
        if (n == cap) {
            cap = cap ? cap * 2 : 64;
            dir_entry_t *nn = realloc(names, cap * sizeof(*names));
            if (!nn) {
                rc = err_set(err, SIFT_ENOMEM, path, SIFT_NOPOS, 0, "out of memory");
                break;
            }
            names = nn;
        }
        names[n].type = de->d_type;
        names[n].name = strdup(de->d_name);
        if (!names[n].name) {
            rc = err_set(err, SIFT_ENOMEM, path, SIFT_NOPOS, 0, "out of memory");
            break;
        }
        n++;
    }
    closedir(d);
    if (rc == 0 && n > 0) {
        qsort(names, n, sizeof(*names), cmp_names);
    }
    for (size_t i = 0; i < n && rc == 0; i++) {
        size_t plen = strlen(path) + strlen(names[i].name) + 2;
        char *child = malloc(plen);
        if (!child) {
            rc = err_set(err, SIFT_ENOMEM, path, SIFT_NOPOS, 0, "out of memory");
            break;
        }
        size_t pl = strlen(path);
        int has_slash = pl > 0 && path[pl - 1] == '/';
        snprintf(child, plen, "%s%s%s", path, has_slash ? "" : "/", names[i].name);
        rc = read_any(ctx, child, depth + 1, names[i].type, sink, err, rejected);
        free(child);
    }
    for (size_t i = 0; i < n; i++) {
        free(names[i].name);
    }
    free(names);
    return rc;
}

/* type: the entry's type from its folder's listing, or DT_UNKNOWN (a
 * command-line path, a symbolic link): then stat() says. A regular file
 * is stat'ed once, by fstat on its open descriptor. */
static int read_any(const sift_ctx_t *ctx, const char *path, int depth, unsigned char type,
                    const sift_sink_t *sink, sift_err_t *err, int *rejected)
{
    sift_err_clear(err);
    if (strcmp(path, "-") == 0) {
        /* no stdio buffer: a stream is then read as it comes (is_raw) */
        setvbuf(stdin, NULL, _IONBF, 0);
        int rc = read_file(ctx, "-", stdin, sink, err);
        return note_reject(ctx, sink, rc, err, rejected);
    }
    if (type == DT_DIR) {
        return read_dir(ctx, path, depth, sink, err, rejected);
    }
    if (type == DT_REG) {
        return note_reject(ctx, sink, read_regular(ctx, path, sink, err), err, rejected);
    }
    struct stat st;
    if (stat(path, &st) != 0) {
        err_set(err, SIFT_EINPUT, path, SIFT_NOPOS, 0, "cannot open: %s", strerror(errno));
        return note_reject(ctx, sink, SIFT_EINPUT, err, rejected);
    }
    if (S_ISDIR(st.st_mode)) {
        return read_dir(ctx, path, depth, sink, err, rejected);
    }
    if (!S_ISREG(st.st_mode)) {
        err_set(err, SIFT_EINPUT, path, SIFT_NOPOS, 0, "not a regular file");
        return note_reject(ctx, sink, SIFT_EINPUT, err, rejected);
    }
    return note_reject(ctx, sink, read_regular(ctx, path, sink, err), err, rejected);
}

int sift_read_path(const sift_ctx_t *ctx, const char *path, const sift_sink_t *sink,
                   sift_err_t *err)
{
    int rejected = 0;
    int rc = read_any(ctx, path, 0, DT_UNKNOWN, sink, err, &rejected);
    if (rc) {
        return rc;
    }
    return rejected ? SIFT_EINPUT : 0;
}
