/* cli/cmd_report.c: `sift report TARGET --format html|md`: a standalone
 * file to hand on: HTML with everything inline, or Markdown for pasting.
 * TARGET is a report id, "all", or a storyline (S<n>) or event (E<n>):
 * then the story's analysis followed by its member reports. */
#include <getopt.h>
#include <stdio.h>
#include <string.h>

#include "cli_int.h"
#include "render/render.h"
#include "util/limits.h"

typedef struct report_state {
    store_t *store;
    FILE *f;
    int is_html;
    sift_err_t *err;
} report_state_t;

static int put_one(report_state_t *st, const char *id)
{
    sift_report_t *r = NULL;
    int rc = store_get_report(st->store, id, &r, st->err);
    if (rc) {
        return rc;
    }
    rc = st->is_html ? render_report_html(st->f, r) : render_report_md(st->f, r);
    sift_report_free(r);
    return rc;
}

static int on_report(void *user, const sift_report_t *r)
{
    return put_one(user, r->id);
}

/* A story id: S<n>/s<n>, or E<n> in upper case only, since a lower-case
 * "e12" is also the start of a report id (hex). */
static int is_story_target(const char *target, int *out_is_event, int64_t *out_id)
{
    if (target[0] == 'e') {
        return 0;
    }
    return render_story_parse_id(target, out_is_event, out_id) == 0;
}

static int write_story(report_state_t *st, int is_event, int64_t id)
{
    story_full_t *sf = NULL;
    int rc = render_story_load(st->store, is_event, id, &sf, st->err);
    if (rc) {
        return rc;
    }
    rc = st->is_html ? render_story_full_html(st->f, sf, 1) : render_story_full_md(st->f, sf, 1);
    render_story_free(sf);
    return rc;
}

static int write_doc(report_state_t *st, const char *target)
{
    int is_event = 0;
    int64_t story_id = 0;
    if (is_story_target(target, &is_event, &story_id)) {
        return write_story(st, is_event, story_id);
    }
    int is_all = strcmp(target, "all") == 0;
    char title[SIFT_MAX_FIELD_BYTES + 1];
    if (is_all) {
        snprintf(title, sizeof(title), "sift: all reports");
    } else {
        sift_report_t *r = NULL;
        int rc = store_get_report(st->store, target, &r, st->err);
        if (rc) {
            return rc;
        }
        snprintf(title, sizeof(title), "%s", r->title[0] ? r->title : "(untitled)");
        sift_report_free(r);
    }
    int rc = st->is_html ? render_html_begin(st->f, title) : render_md_begin(st->f, title);
    if (rc == 0) {
        rc = is_all ? store_each_report(st->store, on_report, st, st->err) : put_one(st, target);
    }
    if (rc == 0 && st->is_html) {
        rc = render_html_end(st->f);
    }
    return rc;
}

static int run(const cli_opts_t *opts, int argc, char **argv)
{
    static const struct option longopts[] = { { "format", required_argument, NULL, 'f' },
                                              { "output", required_argument, NULL, 'o' },
                                              { NULL, 0, NULL, 0 } };
    int is_html = 1;
    const char *out_path = NULL;
    int c;
    optind = 1;
    while ((c = getopt_long(argc, argv, "f:o:", longopts, NULL)) != -1) {
        if (c == 'f' && (strcmp(optarg, "html") == 0 || strcmp(optarg, "md") == 0)) {
            is_html = optarg[0] == 'h';
        } else if (c == 'o') {
            out_path = optarg;
        } else {
            if (c == 'f') {
                cli_errorf("report: bad format '%.40s': expected html or md", optarg);
            }
            return cli_usage(&cmd_report, 1);
        }
    }
    if (optind + 1 != argc) {
        cli_errorf("report: give exactly one story id, report id, or all");
        return cli_usage(&cmd_report, 1);
    }
    store_t *store;
    int rc = cli_open_store(opts, STORE_READONLY, &store);
    if (rc) {
        return rc;
    }
    FILE *f = stdout;
    if (out_path && !(f = fopen(out_path, "w"))) {
        cli_errorf("%s: cannot write: %s", out_path, "cannot open file");
        store_close(store);
        return EXIT_IO;
    }
    sift_err_t err;
    sift_err_clear(&err);
    report_state_t st = { store, f, is_html, &err };
    rc = write_doc(&st, argv[optind]);
    store_close(store);
    int is_write_err = ferror(f) != 0;
    if (f != stdout && fclose(f) != 0) {
        is_write_err = 1;
    }
    if (rc && err.code) {
        cli_print_err(&err);
        return cli_exit_code(rc);
    }
    if (rc || is_write_err) {
        cli_errorf("%s: cannot write", out_path ? out_path : "stdout");
        return EXIT_IO;
    }
    return EXIT_OK;
}

const cli_cmd_t cmd_report = {
    "report",
    run,
    "write a standalone HTML or Markdown file of a story or reports",
    "usage: sift report [--format html|md] [-o FILE] STORY|ID|all\n\n"
    "Write a storyline (S<n>) or event (E<n>), with its analysis and its\n"
    "reports, one report (ID: its id or first digits) or all stored reports\n"
    "as a file to hand on: HTML with inline styles and no outside assets or\n"
    "scripts (the default), or Markdown for pasting. Every piece of report\n"
    "text is escaped.\n\n"
    "  --format FMT        html (default) or md\n"
    "  -o, --output FILE   write to FILE instead of stdout\n",
};
