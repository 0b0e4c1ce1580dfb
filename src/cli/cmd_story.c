/* cli/cmd_story.c: `sift story ID [--format F]`: one storyline (S<n>) with
 * its events and their reports, or one event (E<n>) with its reports, and
 * the analysis of those reports (who said what, numbers, dates, claims,
 * disagreements, timeline, summary). */
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli_int.h"
#include "render/render.h"
#include "util/err.h"

static int render(FILE *f, const char *fmt, const story_full_t *sf)
{
    if (strcmp(fmt, "json") == 0) {
        json_t *o = render_story_full_json(sf);
        return o ? render_json_dump(f, o) : SIFT_ENOMEM;
    }
    if (strcmp(fmt, "md") == 0) {
        return render_story_full_md(f, sf, 0);
    }
    if (strcmp(fmt, "html") == 0) {
        return render_story_full_html(f, sf, 0);
    }
    return render_story_full_text(f, sf);
}

static int run(const cli_opts_t *opts, int argc, char **argv)
{
    static const struct option longopts[] = { { "json", no_argument, NULL, 'j' },
                                              { "format", required_argument, NULL, 'f' },
                                              { NULL, 0, NULL, 0 } };
    const char *fmt = "text";
    int c;
    optind = 1;
    while ((c = getopt_long(argc, argv, "jf:", longopts, NULL)) != -1) {
        if (c == 'j') {
            fmt = "json";
        } else if (c == 'f' && (strcmp(optarg, "text") == 0 || strcmp(optarg, "md") == 0 ||
                                strcmp(optarg, "json") == 0 || strcmp(optarg, "html") == 0)) {
            fmt = optarg;
        } else {
            if (c == 'f') {
                cli_errorf("story: unknown format '%.40s'", optarg);
            }
            return cli_usage(&cmd_story, 1);
        }
    }
    if (optind + 1 != argc) {
        cli_errorf("story: give exactly one storyline or event id");
        return cli_usage(&cmd_story, 1);
    }
    int is_event = 0;
    int64_t id = 0;
    if (render_story_parse_id(argv[optind], &is_event, &id)) {
        cli_errorf("story: bad id '%.40s': expected S<number> or E<number>", argv[optind]);
        return EXIT_USAGE;
    }
    store_t *store;
    int rc = cli_open_store(opts, STORE_READONLY, &store);
    if (rc) {
        return rc;
    }
    sift_err_t err;
    sift_err_clear(&err);
    story_full_t *sf = NULL;
    rc = render_story_load(store, is_event, id, &sf, &err);
    store_close(store);
    if (rc) {
        cli_print_err(&err);
        return cli_exit_code(rc);
    }
    rc = render(stdout, fmt, sf);
    render_story_free(sf);
    if (rc) {
        cli_errorf("story: cannot write the output");
        return cli_exit_code(rc);
    }
    return EXIT_OK;
}

const cli_cmd_t cmd_story = {
    "story",
    run,
    "show one storyline or event with its reports and their analysis",
    "usage: sift story [--format text|md|json|html] [--json] ID\n\n"
    "Show a storyline (ID S<n>, as listed by 'sift stories') with its events\n"
    "and their reports, or one event (ID E<n>) with its reports. A report\n"
    "that copies another is marked with the report it copies. Then the\n"
    "analysis of those reports: summary, entities, quotes, numbers, dates,\n"
    "timeline, claims, disagreements, spelling variants and citations.\n"
    "The JSON schema is in docs/story-json.md.\n\n"
    "  --format F  text (default), md, json or html\n"
    "  --json      the same as --format json\n",
};
