/* render/report_md.c: reports as Markdown for pasting into notes and
 * tickets. Report text is escaped so that it shows as written: a `*` or a
 * `<script>` in a report stays text wherever the Markdown is rendered. */
#include <string.h>

#include "render.h"

/* Characters CommonMark may read as syntax anywhere in a line (inline
 * markup, links, raw HTML, entities, tables). */
static int is_md_special(char c)
{
    return c != '\0' && strchr("\\`*_[]<>#|&!~{}()", c) != NULL;
}

/* Write s[0..len) escaped. At the start of a block, also escape what
 * would open a list, a heading underline or a numbered item. */
static void put_text(FILE *f, const char *s, size_t len)
{
    size_t i = 0;
    if (len && strchr("-+=", s[0])) {
        fputc('\\', f);
    }
    size_t digits = 0;
    while (digits < len && s[digits] >= '0' && s[digits] <= '9') {
        digits++;
    }
    if (digits && digits < len && (s[digits] == '.' || s[digits] == ')')) {
        fwrite(s, 1, digits, f);
        fputc('\\', f);
        i = digits;
    }
    for (; i < len; i++) {
        if (is_md_special(s[i])) {
            fputc('\\', f);
        }
        fputc(s[i], f);
    }
}

static void put_str(FILE *f, const char *s)
{
    put_text(f, s, strlen(s));
}

int render_md_begin(FILE *f, const char *doc_title)
{
    fputs("# ", f);
    put_str(f, doc_title);
    fputs("\n", f);
    return ferror(f) ? SIFT_EIO : 0;
}

static void put_field(FILE *f, const char *name, const char *val)
{
    if (val[0]) {
        fprintf(f, "- %s: ", name);
        put_str(f, val);
        fputc('\n', f);
    }
}

int render_report_md(FILE *f, const sift_report_t *r)
{
    fputs("\n## ", f);
    put_str(f, r->title[0] ? r->title : "(untitled)");
    fputs("\n\n", f);
    if (r->subtitle[0]) {
        fputc('*', f);
        put_str(f, r->subtitle);
        fputs("*\n\n", f);
    }
    fprintf(f, "- report: %s\n", r->id);
    put_field(f, "outlet", r->outlet);
    put_field(f, "date", r->date);
    put_field(f, "byline", r->byline);
    put_field(f, "credits", r->credits);
    put_field(f, "url", r->url);
    fputc('\n', f);
    for (size_t i = 0; i < r->n_blocks; i++) {
        const sift_block_t *b = &r->blocks[i];
        if (b->kind == SIFT_BLOCK_HEADING || b->kind == SIFT_BLOCK_TITLE) {
            fputs("### ", f);
        } else if (b->kind == SIFT_BLOCK_QUOTE) {
            fputs("> ", f);
        } else if (b->kind == SIFT_BLOCK_LIST_ITEM) {
            fputs("- ", f);
        }
        put_text(f, b->text, b->len);
        fputs("\n\n", f);
    }
    if (r->n_clutter) {
        fprintf(f, "Set aside as clutter (%zu):\n\n", r->n_clutter);
        for (size_t i = 0; i < r->n_clutter; i++) {
            fputs("- ", f);
            put_str(f, r->clutter[i].reason);
            fputs(": ", f);
            put_text(f, r->clutter[i].text, r->clutter[i].len);
            fputc('\n', f);
        }
    }
    return ferror(f) ? SIFT_EIO : 0;
}
