/* cli/cmd_show.c: `sift show ID`: one report's metadata and clean text. */
#include <getopt.h>
#include <stdio.h>

#include "cli_int.h"
#include "render/render.h"

static int run(const cli_opts_t *opts, int argc, char **argv)
{
    static const struct option longopts[] = { { "json", no_argument, NULL, 'j' },
                                              { "clutter", no_argument, NULL, 'c' },
                                              { NULL, 0, NULL, 0 } };
    int is_json = 0, with_clutter = 0;
    int c;
    optind = 1;
    while ((c = getopt_long(argc, argv, "jc", longopts, NULL)) != -1) {
        if (c == 'j') {
            is_json = 1;
        } else if (c == 'c') {
            with_clutter = 1;
        } else {
            return cli_usage(&cmd_show, 1);
        }
    }
    if (optind + 1 != argc) {
        cli_errorf("show: give exactly one report id");
        return cli_usage(&cmd_show, 1);
    }
    store_t *store;
    int rc = cli_open_store(opts, STORE_READONLY, &store);
    if (rc) {
        return rc;
    }
    sift_err_t err;
    sift_err_clear(&err);
    sift_report_t *r = NULL;
    rc = store_get_report(store, argv[optind], &r, &err);
    store_close(store);
    if (rc) {
        cli_print_err(&err);
        return cli_exit_code(rc);
    }
    if (is_json) {
        rc = render_report_json(stdout, r, 1, 0);
    } else {
        rc = render_report_text(stdout, r, with_clutter);
    }
    sift_report_free(r);
    return rc ? EXIT_IO : EXIT_OK;
}

const cli_cmd_t cmd_show = {
    "show",
    run,
    "print one report's metadata and clean text",
    "usage: sift show [--json] [--clutter] ID\n\n"
    "Print a stored report: its metadata, then its clean text. ID is the\n"
    "report's id or its first digits (at least 4).\n\n"
    "  --json     metadata, body blocks and clutter as JSON\n"
    "  --clutter  also list what was set aside as clutter, and why\n",
};
