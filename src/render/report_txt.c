/* render/report_txt.c: a report for the terminal. */
#include "render.h"

static void field(FILE *f, const char *name, const char *val)
{
    if (val && val[0]) {
        fprintf(f, "%-9s %s\n", name, val);
    }
}

int render_report_text(FILE *f, sift_report_t *r, int with_clutter)
{
    field(f, "id:", r->id);
    field(f, "title:", r->title);
    field(f, "subtitle:", r->subtitle);
    field(f, "byline:", r->byline);
    field(f, "credits:", r->credits);
    field(f, "outlet:", r->outlet);
    if (r->date[0]) {
        fprintf(f, "%-9s %s (%s, %s)\n", "date:", r->date, sift_date_src_name(r->date_src),
                r->is_date_certain ? "certain" : "uncertain");
    }
    field(f, "url:", r->url);
    field(f, "source:", r->source);
    field(f, "format:", sift_format_name(r->format));
    field(f, "lang:", r->lang);
    fputc('\n', f);
    for (size_t i = 0; i < r->n_blocks; i++) {
        const sift_block_t *b = &r->blocks[i];
        const char *prefix = "";
        if (b->kind == SIFT_BLOCK_HEADING) {
            prefix = "## ";
        } else if (b->kind == SIFT_BLOCK_QUOTE) {
            prefix = "> ";
        } else if (b->kind == SIFT_BLOCK_LIST_ITEM) {
            prefix = "- ";
        }
        fprintf(f, "%s%s\n\n", prefix, b->text);
    }
    if (with_clutter && r->n_clutter) {
        fprintf(f, "-- set aside as clutter --\n");
        for (size_t i = 0; i < r->n_clutter; i++) {
            fprintf(f, "[%s] %s\n", r->clutter[i].reason, r->clutter[i].text);
        }
    }
    return ferror(f) ? SIFT_EIO : 0;
}

int render_report_line(FILE *f, const sift_report_t *r)
{
    fprintf(f, "%s  %-10.10s  %-20.20s  %s\n", r->id, r->date[0] ? r->date : "-",
            r->outlet[0] ? r->outlet : "-", r->title[0] ? r->title : "(untitled)");
    return ferror(f) ? SIFT_EIO : 0;
}
