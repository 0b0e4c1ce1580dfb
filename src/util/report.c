/* util/report.c: the report model and its builder; see sift.h and
 * report.h. A report owns one arena holding all of its strings. */
#include "report.h"

#include <stdlib.h>
#include <string.h>

#include "buf.h"
#include "hash.h"
#include "limits.h"
#include "utf8.h"

struct sift_report_int {
    arena_t *arena;
    size_t cap_blocks;
    size_t cap_clutter;
    char *body; /* cached sift_report_body(), NULL when stale */
};

/* Fixed so that ids never change between runs, machines or seeds. */
#define ID_SEED 0x5eed51f7ULL

static const char empty[] = "";

sift_report_t *sift_report_new(const char *source, sift_format_t fmt)
{
    sift_report_t *r = calloc(1, sizeof(*r));
    if (!r) {
        return NULL;
    }
    r->in = calloc(1, sizeof(*r->in));
    if (!r->in || !(r->in->arena = arena_new())) {
        free(r->in);
        free(r);
        return NULL;
    }
    r->format = fmt;
    r->source = r->url = r->outlet = r->outlet_evidence = empty;
    r->title = r->subtitle = r->byline = r->credits = empty;
    r->date = r->date_evidence = r->lang = empty;
    if (source) {
        char *s = arena_strndup(r->in->arena, source, strlen(source));
        if (s) {
            r->source = s;
        }
    }
    return r;
}

void sift_report_free(sift_report_t *r)
{
    if (!r) {
        return;
    }
    arena_free(r->in->arena);
    free(r->in);
    free(r);
}

arena_t *report_arena(sift_report_t *r)
{
    return r->in->arena;
}

static char *collapse_copy(sift_report_t *r, const char *s, size_t len, size_t max, size_t *out_len)
{
    char *p = arena_alloc(r->in->arena, len + 1);
    if (!p) {
        return NULL;
    }
    size_t n = utf8_collapse_space(p, s, len);
    if (n > max) {
        n = utf8_floor(p, max);
    }
    p[n] = '\0';
    *out_len = n;
    return p;
}

int report_set(sift_report_t *r, const char **field, const char *s, size_t len)
{
    size_t n;
    char *p = collapse_copy(r, s, len, SIFT_MAX_FIELD_BYTES, &n);
    if (!p) {
        return SIFT_ENOMEM;
    }
    *field = p;
    return 0;
}

int report_set_str(sift_report_t *r, const char **field, const char *s)
{
    return report_set(r, field, s ? s : "", s ? strlen(s) : 0);
}

int report_add_block(sift_report_t *r, sift_block_kind_t kind, const char *text, size_t len)
{
    size_t n;
    char *p = collapse_copy(r, text, len, SIFT_MAX_REPORT_BYTES, &n);
    if (!p) {
        return SIFT_ENOMEM;
    }
    if (n == 0) {
        return 0;
    }
    if (r->n_blocks == r->in->cap_blocks) {
        if (r->n_blocks >= SIFT_MAX_BLOCKS) {
            return SIFT_ELIMIT;
        }
        size_t cap = r->in->cap_blocks ? r->in->cap_blocks * 2 : 32;
        sift_block_t *b =
            arena_grow(r->in->arena, r->blocks, r->n_blocks, cap, sizeof(sift_block_t));
        if (!b) {
            return SIFT_ENOMEM;
        }
        r->blocks = b;
        r->in->cap_blocks = cap;
    }
    r->blocks[r->n_blocks].kind = kind;
    r->blocks[r->n_blocks].text = p;
    r->blocks[r->n_blocks].len = n;
    r->n_blocks++;
    r->in->body = NULL;
    return 0;
}

int report_add_clutter(sift_report_t *r, const char *reason, const char *text, size_t len)
{
    size_t n;
    char *p = collapse_copy(r, text, len, SIFT_MAX_REPORT_BYTES, &n);
    if (!p) {
        return SIFT_ENOMEM;
    }
    if (n == 0) {
        return 0;
    }
    if (r->n_clutter == r->in->cap_clutter) {
        if (r->n_clutter >= SIFT_MAX_BLOCKS) {
            return SIFT_ELIMIT;
        }
        size_t cap = r->in->cap_clutter ? r->in->cap_clutter * 2 : 16;
        sift_clutter_t *c =
            arena_grow(r->in->arena, r->clutter, r->n_clutter, cap, sizeof(sift_clutter_t));
        if (!c) {
            return SIFT_ENOMEM;
        }
        r->clutter = c;
        r->in->cap_clutter = cap;
    }
    r->clutter[r->n_clutter].reason = reason;
    r->clutter[r->n_clutter].text = p;
    r->clutter[r->n_clutter].len = n;
    r->n_clutter++;
    return 0;
}

int report_drop_block(sift_report_t *r, size_t i, const char *reason)
{
    if (i >= r->n_blocks) {
        return SIFT_EUSAGE;
    }
    int rc = report_add_clutter(r, reason, r->blocks[i].text, r->blocks[i].len);
    if (rc) {
        return rc;
    }
    memmove(&r->blocks[i], &r->blocks[i + 1], (r->n_blocks - i - 1) * sizeof(sift_block_t));
    r->n_blocks--;
    r->in->body = NULL;
    return 0;
}

const char *sift_report_body(sift_report_t *r)
{
    if (r->in->body) {
        return r->in->body;
    }
    size_t total = 1;
    for (size_t i = 0; i < r->n_blocks; i++) {
        total += r->blocks[i].len + 2;
    }
    char *p = arena_alloc(r->in->arena, total);
    if (!p) {
        return empty;
    }
    size_t j = 0;
    for (size_t i = 0; i < r->n_blocks; i++) {
        if (i) {
            p[j++] = '\n';
            p[j++] = '\n';
        }
        memcpy(p + j, r->blocks[i].text, r->blocks[i].len);
        j += r->blocks[i].len;
    }
    p[j] = '\0';
    r->in->body = p;
    return p;
}

void report_finish(sift_report_t *r)
{
    /* The id hashes the blocks' text joined by one space: independent of
     * block kinds and of how the input split lines, so one story read
     * from HTML and from its text export gets one id when the text
     * agrees. */
    uint64_t h = ID_SEED;
    for (size_t i = 0; i < r->n_blocks; i++) {
        h = hash64(r->blocks[i].text, r->blocks[i].len, h);
    }
    static const char hex[] = "0123456789abcdef";
    for (int i = 0; i < 16; i++) {
        r->id[i] = hex[(h >> (60 - 4 * i)) & 0xfu];
    }
    r->id[16] = '\0';
}

const char *sift_format_name(sift_format_t fmt)
{
    switch (fmt) {
    case SIFT_FMT_TEXT:
        return "text";
    case SIFT_FMT_MARKDOWN:
        return "markdown";
    case SIFT_FMT_HTML:
        return "html";
    case SIFT_FMT_JSONL:
        return "jsonl";
    case SIFT_FMT_WARC:
        return "warc";
    case SIFT_FMT_UNKNOWN:
        break;
    }
    return "unknown";
}

const char *sift_block_kind_name(sift_block_kind_t kind)
{
    switch (kind) {
    case SIFT_BLOCK_TITLE:
        return "title";
    case SIFT_BLOCK_HEADING:
        return "heading";
    case SIFT_BLOCK_PARAGRAPH:
        return "paragraph";
    case SIFT_BLOCK_QUOTE:
        return "quote";
    case SIFT_BLOCK_LIST_ITEM:
        return "list_item";
    }
    return "paragraph";
}

const char *sift_date_src_name(sift_date_src_t src)
{
    static const char *const names[] = { "none", "field", "json-ld",  "meta",
                                         "time", "url",   "dateline", "text" };
    if ((unsigned)src < sizeof(names) / sizeof(names[0])) {
        return names[src];
    }
    return "none";
}
