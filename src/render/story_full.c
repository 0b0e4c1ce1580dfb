/* render/story_full.c: a storyline or event shown whole: its cluster
 * (events, member reports, counts, copies) read from the store, and the
 * analysis of its member reports, as one JSON document (sift story --json,
 * /api/stories/ID), text, Markdown or a standalone HTML page (sift report).
 * Every piece of report text written as HTML goes through
 * render_html_escape, since reports are untrusted. */
#include <jansson.h>
#include <stdlib.h>
#include <string.h>

#include "analysis_int.h"
#include "render.h"
#include "util/err.h"
#include "util/limits.h"

int render_story_parse_id(const char *id, int *out_is_event, int64_t *out_id)
{
    char k = id[0];
    if ((k != 'S' && k != 's' && k != 'E' && k != 'e') || id[1] < '1' || id[1] > '9') {
        return -1;
    }
    char *end = NULL;
    long long v = strtoll(id + 1, &end, 10);
    if (*end || v <= 0 || end - id > 19) {
        return -1;
    }
    *out_is_event = k == 'E' || k == 'e';
    *out_id = v;
    return 0;
}

/* ---- loading ------------------------------------------------------------ */

typedef struct load_state {
    store_cl_t *sc;
    story_full_t *sf;
    json_t *events;  /* storyline: its events array */
    json_t *members; /* the event being filled: its reports array */
    size_t cap_ids;
    sift_err_t *err;
} load_state_t;

static int on_member(void *user, const store_member_t *m)
{
    load_state_t *st = user;
    json_t *o = render_member_json(m);
    if (!o || json_array_append_new(st->members, o)) {
        return SIFT_ENOMEM;
    }
    story_full_t *sf = st->sf;
    if (m->copy_of[0] || sf->n_ids >= SIFT_MAX_STORY_REPORTS) {
        return 0; /* listed, not analysed: see SIFT_MAX_STORY_REPORTS */
    }
    if (sf->n_ids == st->cap_ids) {
        size_t ncap = st->cap_ids ? st->cap_ids * 2 : 16;
        void *g = realloc(sf->ids, ncap * sizeof(*sf->ids));
        if (!g) {
            return SIFT_ENOMEM;
        }
        sf->ids = g;
        st->cap_ids = ncap;
    }
    snprintf(sf->ids[sf->n_ids++], 17, "%s", m->id);
    return 0;
}

static int on_event(void *user, const store_story_t *ev)
{
    load_state_t *st = user;
    json_t *o = render_story_json(ev, 1);
    st->members = json_array();
    if (!o || !st->members || json_object_set_new(o, "reports", st->members)) {
        json_decref(o);
        return SIFT_ENOMEM;
    }
    if (st->events) {
        if (json_array_append_new(st->events, o)) {
            return SIFT_ENOMEM;
        }
    } else {
        st->sf->cluster = o;
        snprintf(st->sf->label, sizeof(st->sf->label), "%s", ev->label);
    }
    return store_cl_list_members(st->sc, ev->id, on_member, st, st->err);
}

static int on_storyline(void *user, const store_story_t *s)
{
    load_state_t *st = user;
    st->sf->cluster = render_story_json(s, 0);
    st->events = json_array();
    if (!st->sf->cluster || !st->events ||
        json_object_set_new(st->sf->cluster, "events", st->events)) {
        return SIFT_ENOMEM;
    }
    snprintf(st->sf->label, sizeof(st->sf->label), "%s", s->label);
    return store_cl_list_events(st->sc, s->id, on_event, st, st->err);
}

int render_story_load_cluster(store_t *s, int is_event, int64_t id, story_full_t **out,
                              sift_err_t *err)
{
    *out = NULL;
    story_full_t *sf = calloc(1, sizeof(*sf));
    if (!sf) {
        return SIFT_ENOMEM;
    }
    sf->is_event = is_event;
    sf->id = id;
    load_state_t st = { NULL, sf, NULL, NULL, 0, err };
    int rc = store_cl_open(&st.sc, s, err);
    if (rc == 0) {
        rc = is_event ? store_cl_get_event(st.sc, id, on_event, &st, err)
                      : store_cl_get_storyline(st.sc, id, on_storyline, &st, err);
    }
    store_cl_close(st.sc);
    if (rc == 0 && !sf->cluster) {
        rc = SIFT_ENOMEM;
    }
    if (rc == 0) {
        rc = json_object_set_new(sf->cluster, "n_analysed", json_integer((json_int_t)sf->n_ids))
                 ? SIFT_ENOMEM
                 : 0;
    }
    if (rc) {
        render_story_free(sf);
        return rc;
    }
    *out = sf;
    return 0;
}

int render_story_analyse(store_t *s, story_full_t *sf, sift_err_t *err)
{
    sf->reps = calloc(sf->n_ids ? sf->n_ids : 1, sizeof(sift_report_t *));
    int rc = sf->reps ? 0 : SIFT_ENOMEM;
    for (size_t i = 0; rc == 0 && i < sf->n_ids; i++) {
        rc = store_get_report(s, sf->ids[i], &sf->reps[sf->n_reps], err);
        sf->n_reps += rc == 0;
    }
    if (rc == 0) {
        rc = analyze_story((const sift_report_t *const *)sf->reps, sf->n_reps, &sf->analysis, err);
    }
    if (rc == SIFT_ENOMEM && !err->msg[0]) {
        err_oom(err);
    }
    return rc;
}

int render_story_load(store_t *s, int is_event, int64_t id, story_full_t **out, sift_err_t *err)
{
    story_full_t *sf = NULL;
    int rc = render_story_load_cluster(s, is_event, id, &sf, err);
    rc = rc ? rc : render_story_analyse(s, sf, err);
    if (rc) {
        render_story_free(sf);
        return rc;
    }
    *out = sf;
    return 0;
}

void render_story_free(story_full_t *sf)
{
    if (!sf) {
        return;
    }
    json_decref(sf->cluster);
    for (size_t i = 0; i < sf->n_reps; i++) {
        sift_report_free(sf->reps[i]);
    }
    free(sf->reps);
    free(sf->ids);
    analysis_free(sf->analysis);
    free(sf);
}

/* ---- JSON --------------------------------------------------------------- */

json_t *render_story_analysis_json(const story_full_t *sf)
{
    json_t *an = render_analysis_obj(sf->analysis);
    json_t *o = an ? json_object() : NULL;
    /* The analysis's per-report section would clash with an event's
     * "reports" (its members): it goes in as "report_info" for both. */
    const char *key;
    json_t *v;
    int rc = o ? 0 : -1;
    json_object_foreach(an, key, v)
    {
        rc |= o ? json_object_set(o, strcmp(key, "reports") == 0 ? "report_info" : key, v) : -1;
    }
    json_decref(an);
    if (rc) {
        json_decref(o);
        return NULL;
    }
    return o;
}

json_t *render_story_join_json(const story_full_t *sf, json_t *an)
{
    /* A shallow copy: the new object's keys are added to it, never to
     * the values it shares with sf->cluster. */
    json_t *o = json_copy(sf->cluster);
    if (!o || json_object_update(o, an)) {
        json_decref(o);
        return NULL;
    }
    return o;
}

json_t *render_story_full_json(const story_full_t *sf)
{
    json_t *an = render_story_analysis_json(sf);
    json_t *o = an ? render_story_join_json(sf, an) : NULL;
    json_decref(an);
    return o;
}

/* ---- text, Markdown, HTML ------------------------------------------------ */

static const char *jstr(json_t *o, const char *k)
{
    const char *s = json_string_value(json_object_get(o, k));
    return s ? s : "";
}

static long long jint(json_t *o, const char *k)
{
    return (long long)json_integer_value(json_object_get(o, k));
}

/* A story-level writer: put() escapes report text for the format. */
typedef struct fmt {
    void (*put)(FILE *f, const char *s, size_t n);
    const char *h1, *h1_end, *h2, *h2_end, *l_open, *l_close, *i_open, *i_close;
    const char *ml_open, *ml_close, *m_open, *m_close; /* members inside an event */
} fmt_t;

static void put_s(FILE *f, const fmt_t *fm, const char *s)
{
    fm->put(f, s, strlen(s));
}

static void put_counts(FILE *f, const fmt_t *fm, json_t *o)
{
    const char *a = jstr(o, "date_min");
    const char *b = jstr(o, "date_max");
    fprintf(f, "%s %lld reports, %lld outlets, %lld copies, ", jstr(o, "id"), jint(o, "n_reports"),
            jint(o, "n_outlets"), jint(o, "n_copies"));
    put_s(f, fm, a[0] ? a : "-");
    if (strcmp(a, b) != 0) {
        fputs(" to ", f);
        put_s(f, fm, b[0] ? b : "-");
    }
    fputs(": ", f);
    put_s(f, fm, jstr(o, "label"));
}

static void put_event(FILE *f, const fmt_t *fm, json_t *ev)
{
    fputs(fm->i_open, f);
    put_counts(f, fm, ev);
    fputs(fm->ml_open, f);
    json_t *m;
    size_t i;
    json_array_foreach(json_object_get(ev, "reports"), i, m)
    {
        fprintf(f, "%s%.8s ", fm->m_open, jstr(m, "id"));
        put_s(f, fm, jstr(m, "date")[0] ? jstr(m, "date") : "-");
        fputs(" ", f);
        put_s(f, fm, jstr(m, "outlet")[0] ? jstr(m, "outlet") : "-");
        fputs(": ", f);
        put_s(f, fm, jstr(m, "title"));
        if (jstr(m, "copy_of")[0]) {
            fprintf(f, " (copy of %.8s)", jstr(m, "copy_of"));
        }
        fputs(fm->m_close, f);
    }
    fputs(fm->ml_close, f);
    fputs(fm->i_close, f);
}

static void put_cluster(FILE *f, const fmt_t *fm, const story_full_t *sf)
{
    fprintf(f, "%s%s ", fm->h1, sf->is_event ? "Event" : "Storyline");
    put_counts(f, fm, sf->cluster);
    fputs(fm->h1_end, f);
    fprintf(f, "%s%s%s", fm->h2, sf->is_event ? "Reports" : "Events", fm->h2_end);
    fputs(fm->l_open, f);
    if (sf->is_event) {
        /* an event: one item, itself */
        put_event(f, fm, sf->cluster);
    } else {
        json_t *ev;
        size_t i;
        json_array_foreach(json_object_get(sf->cluster, "events"), i, ev)
        {
            put_event(f, fm, ev);
        }
    }
    fputs(fm->l_close, f);
}

static void put_plain(FILE *f, const char *s, size_t n)
{
    for (size_t i = 0; i < n; i++) {
        fputc(s[i] == '\n' ? ' ' : s[i], f);
    }
}

static void put_md(FILE *f, const char *s, size_t n)
{
    for (size_t i = 0; i < n; i++) {
        char c = s[i];
        if (strchr("*_[]`<>#|\\", c) && c) {
            fputc('\\', f);
        }
        fputc(c == '\n' ? ' ' : c, f);
    }
}

/* Escaped through render_html_escape; a piece is at most a report's size. */
static void put_html(FILE *f, const char *s, size_t n)
{
    buf_t b;
    buf_init(&b, SIFT_MAX_REPORT_BYTES * 6);
    if (render_html_escape(&b, s, n) == 0 && b.len) {
        fwrite(b.ptr, 1, b.len, f);
    }
    buf_release(&b);
}

int render_story_full_text(FILE *f, const story_full_t *sf)
{
    static const fmt_t fm = { put_plain, "", "\n", "\n", ":\n",  "",  "",
                              "  ",      "", "\n", "",   "    ", "\n" };
    put_cluster(f, &fm, sf);
    fputc('\n', f);
    int rc = render_analysis_text(f, sf->analysis);
    return rc || ferror(f) ? SIFT_EIO : 0;
}

int render_story_full_md(FILE *f, const story_full_t *sf, int with_reports)
{
    static const fmt_t fm = { put_md, "# ", "\n\n", "## ", "\n\n", "",  "\n",
                              "- ",   "",   "\n",   "",    "  - ", "\n" };
    put_cluster(f, &fm, sf);
    static const analysis_style_t st = { "", "", "\n## ", "\n\n", "", "", "- ", "\n", put_md };
    int rc = analysis_render(f, sf->analysis, &st);
    for (size_t i = 0; rc == 0 && with_reports && i < sf->n_reps; i++) {
        rc = render_report_md(f, sf->reps[i]);
    }
    return rc || ferror(f) ? SIFT_EIO : 0;
}

int render_story_full_html(FILE *f, const story_full_t *sf, int with_reports)
{
    static const fmt_t fm = { put_html,  "<h1>",    "</h1>\n", "<h2>",    "</h2>\n",
                              "<ul>\n",  "</ul>\n", "<li>",    "</li>\n", "<ul>\n",
                              "</ul>\n", "<li>",    "</li>\n" };
    char title[300];
    snprintf(title, sizeof(title), "sift: %s", sf->label);
    int rc = render_html_begin(f, title);
    if (rc) {
        return rc;
    }
    put_cluster(f, &fm, sf);
    static const analysis_style_t st = { "<section class=\"analysis\">\n",
                                         "</section>\n",
                                         "<h2>",
                                         "</h2>\n",
                                         "<ul>\n",
                                         "</ul>\n",
                                         "<li>",
                                         "</li>\n",
                                         put_html };
    rc = analysis_render(f, sf->analysis, &st);
    if (rc == 0 && with_reports) {
        fputs("<h2>Reports</h2>\n", f);
    }
    for (size_t i = 0; rc == 0 && with_reports && i < sf->n_reps; i++) {
        rc = render_report_html(f, sf->reps[i]);
    }
    if (rc == 0) {
        rc = render_html_end(f);
    }
    return rc || ferror(f) ? SIFT_EIO : 0;
}
