/* render/story_txt.c: storylines, events, members and copies as lines
 * for the terminal. Ids print as S<n> and E<n>, dates as YYYY-MM-DD. */
#include <stdio.h>

#include "cluster/cluster.h"
#include "render.h"

#include <string.h>

static void put_range(FILE *f, int32_t a, int32_t b)
{
    char da[16], db[16];
    cluster_day_format(da, sizeof(da), a);
    cluster_day_format(db, sizeof(db), b);
    if (a == CLUSTER_NO_DAY) {
        fputs("-", f);
    } else if (a == b) {
        fputs(da, f);
    } else {
        fprintf(f, "%s..%s", da, db);
    }
}

int render_story_line(FILE *f, const store_story_t *s, int is_event, int indent)
{
    fprintf(f, "%*s%c%lld  ", indent, "", is_event ? 'E' : 'S', (long long)s->id);
    put_range(f, s->day_min, s->day_max);
    fprintf(f, "  %lld report%s, %lld outlet%s", (long long)s->n_reports,
            s->n_reports == 1 ? "" : "s", (long long)s->n_outlets, s->n_outlets == 1 ? "" : "s");
    if (!is_event) {
        fprintf(f, ", %lld event%s", (long long)s->n_events, s->n_events == 1 ? "" : "s");
    }
    if (s->n_copies) {
        fprintf(f, ", %lld cop%s", (long long)s->n_copies, s->n_copies == 1 ? "y" : "ies");
    }
    fprintf(f, "  %s\n", s->label[0] ? s->label : "(untitled)");
    return ferror(f) ? SIFT_EIO : 0;
}

int render_member_line(FILE *f, const store_member_t *m, int indent)
{
    fprintf(f, "%*s%s  %-10s  %-20.20s  %s", indent, "", m->id, m->date[0] ? m->date : "-",
            m->outlet[0] ? m->outlet : "-", m->title[0] ? m->title : "(untitled)");
    if (m->copy_of[0]) {
        fprintf(f, "  [copy of %s]", m->copy_of);
    }
    fputc('\n', f);
    return ferror(f) ? SIFT_EIO : 0;
}

int render_copy_line(FILE *f, const store_copy_row_t *c)
{
    fprintf(f, "%-9s  %s", c->kind, c->first_id);
    if (c->first_para >= 0) {
        fprintf(f, "#%d", c->first_para);
    }
    fprintf(f, " -> %s", c->second_id);
    if (c->second_para >= 0) {
        fprintf(f, "#%d", c->second_para);
    } else if (strcmp(c->first_id, c->second_id) == 0) {
        fputs(" (set aside)", f); /* a repeat the reader removed from the body */
    }
    fprintf(f, "  %.2f  %s\n", c->sim, c->second_title[0] ? c->second_title : "(untitled)");
    return ferror(f) ? SIFT_EIO : 0;
}
