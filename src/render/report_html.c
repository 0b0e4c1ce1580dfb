/* render/report_html.c: reports as a standalone HTML file (inline styles,
 * no scripts, no outside assets), and the HTML escaper every writer of
 * report text into HTML goes through. Report text is untrusted: it may
 * carry markup written to run in a reader's browser. */
#include <string.h>

#include "render.h"
#include "util/limits.h"

int render_html_escape(buf_t *out, const char *s, size_t len)
{
    size_t run = 0; /* bytes since the last escaped one, copied in one go */
    for (size_t i = 0; i < len; i++) {
        const char *ref = NULL;
        switch (s[i]) {
        case '&':
            ref = "&amp;";
            break;
        case '<':
            ref = "&lt;";
            break;
        case '>':
            ref = "&gt;";
            break;
        case '"':
            ref = "&quot;";
            break;
        case '\'':
            ref = "&#39;";
            break;
        default:
            break;
        }
        if (!ref) {
            run++;
            continue;
        }
        int rc = buf_append(out, s + i - run, run);
        rc = rc ? rc : buf_puts(out, ref);
        if (rc) {
            return rc;
        }
        run = 0;
    }
    return buf_append(out, s + len - run, run);
}

/* Write s escaped. A field is at most a report's size; the escaped form at
 * most six times that. */
static int put_text(FILE *f, const char *s, size_t len)
{
    buf_t b;
    buf_init(&b, SIFT_MAX_REPORT_BYTES * 6);
    int rc = render_html_escape(&b, s, len);
    if (rc == 0 && b.len) {
        fwrite(b.ptr, 1, b.len, f);
    }
    buf_release(&b);
    return rc;
}

static int put_str(FILE *f, const char *s)
{
    return put_text(f, s, strlen(s));
}

static int is_web_url(const char *url)
{
    return strncmp(url, "https://", 8) == 0 || strncmp(url, "http://", 7) == 0;
}

static const char style[] =
    "body{font:16px/1.5 Georgia,serif;max-width:46em;margin:2em auto;padding:0 1em;color:#222}"
    "h1{font-size:1.6em}h2{font-size:1.3em;margin-top:2em;border-top:1px solid #ccc;"
    "padding-top:1em}.meta{color:#555;font:14px/1.4 sans-serif}"
    "blockquote{border-left:3px solid #bbb;margin-left:0;padding-left:1em;color:#444}"
    "details{font:14px/1.4 sans-serif;color:#555;margin-top:1em}"
    ".reason{display:inline-block;min-width:6em;font-weight:bold}";

int render_html_begin(FILE *f, const char *doc_title)
{
    fputs("<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n"
          "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n"
          "<meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'none'; "
          "style-src 'unsafe-inline'\">\n<title>",
          f);
    int rc = put_str(f, doc_title);
    fprintf(f, "</title>\n<style>%s</style>\n</head>\n<body>\n<h1>", style);
    rc = rc ? rc : put_str(f, doc_title);
    fputs("</h1>\n", f);
    return rc ? rc : (ferror(f) ? SIFT_EIO : 0);
}

static int put_meta(FILE *f, const sift_report_t *r)
{
    const char *fields[] = { r->outlet, r->date, r->byline };
    int rc = 0;
    int n = 0;
    fputs("<p class=\"meta\">", f);
    for (size_t i = 0; i < sizeof(fields) / sizeof(fields[0]) && rc == 0; i++) {
        if (fields[i][0]) {
            fputs(n++ ? " · " : "", f);
            rc = put_str(f, fields[i]);
        }
    }
    fputs(n ? " · " : "", f);
    fprintf(f, "report %s", r->id);
    if (rc == 0 && r->url[0]) {
        fputs("<br>", f);
        if (is_web_url(r->url)) {
            fputs("<a rel=\"noreferrer\" href=\"", f);
            rc = put_str(f, r->url);
            fputs("\">", f);
            rc = rc ? rc : put_str(f, r->url);
            fputs("</a>", f);
        } else {
            rc = put_str(f, r->url);
        }
    }
    fputs("</p>\n", f);
    return rc;
}

static int put_blocks(FILE *f, const sift_report_t *r)
{
    int rc = 0;
    int is_in_list = 0;
    for (size_t i = 0; i < r->n_blocks && rc == 0; i++) {
        const sift_block_t *b = &r->blocks[i];
        if (b->kind == SIFT_BLOCK_LIST_ITEM && !is_in_list) {
            fputs("<ul>\n", f);
            is_in_list = 1;
        } else if (b->kind != SIFT_BLOCK_LIST_ITEM && is_in_list) {
            fputs("</ul>\n", f);
            is_in_list = 0;
        }
        const char *tag = "p";
        if (b->kind == SIFT_BLOCK_HEADING || b->kind == SIFT_BLOCK_TITLE) {
            tag = "h3";
        } else if (b->kind == SIFT_BLOCK_QUOTE) {
            tag = "blockquote";
        } else if (b->kind == SIFT_BLOCK_LIST_ITEM) {
            tag = "li";
        }
        fprintf(f, "<%s>", tag);
        rc = put_text(f, b->text, b->len);
        fprintf(f, "</%s>\n", tag);
    }
    if (is_in_list) {
        fputs("</ul>\n", f);
    }
    return rc;
}

static int put_clutter(FILE *f, const sift_report_t *r)
{
    if (r->n_clutter == 0) {
        return 0;
    }
    fprintf(f, "<details><summary>Set aside as clutter (%zu)</summary>\n<ul>\n", r->n_clutter);
    int rc = 0;
    for (size_t i = 0; i < r->n_clutter && rc == 0; i++) {
        fputs("<li><span class=\"reason\">", f);
        rc = put_str(f, r->clutter[i].reason);
        fputs("</span> ", f);
        rc = rc ? rc : put_text(f, r->clutter[i].text, r->clutter[i].len);
        fputs("</li>\n", f);
    }
    fputs("</ul></details>\n", f);
    return rc;
}

int render_report_html(FILE *f, const sift_report_t *r)
{
    fprintf(f, "<article id=\"r-%s\">\n<h2>", r->id);
    int rc = put_str(f, r->title[0] ? r->title : "(untitled)");
    fputs("</h2>\n", f);
    if (rc == 0 && r->subtitle[0]) {
        fputs("<p><em>", f);
        rc = put_str(f, r->subtitle);
        fputs("</em></p>\n", f);
    }
    rc = rc ? rc : put_meta(f, r);
    rc = rc ? rc : put_blocks(f, r);
    rc = rc ? rc : put_clutter(f, r);
    fputs("</article>\n", f);
    return rc ? rc : (ferror(f) ? SIFT_EIO : 0);
}

int render_html_end(FILE *f)
{
    fputs("</body>\n</html>\n", f);
    return ferror(f) ? SIFT_EIO : 0;
}
