/* cli/cmd_extract.c: `sift extract PATH...`: read inputs and print the
 * reports without storing them (to look at what sift reads). */
#include <getopt.h>
#include <stdio.h>

#include "cli_int.h"
#include "render/render.h"

typedef struct extract_state {
    int is_json;
    int with_clutter;
} extract_state_t;

static int on_report(void *user, sift_report_t *r)
{
    extract_state_t *st = user;
    if (st->is_json) {
        render_report_json(stdout, r, 1, 1);
    } else {
        render_report_text(stdout, r, st->with_clutter);
        fputs("====\n", stdout);
    }
    sift_report_free(r);
    return ferror(stdout) ? SIFT_EIO : 0;
}

static void on_reject(void *user, const sift_err_t *err)
{
    (void)user;
    cli_print_err(err);
}

static int run(const cli_opts_t *opts, int argc, char **argv)
{
    (void)opts;
    static const struct option longopts[] = { { "json", no_argument, NULL, 'j' },
                                              { "clutter", no_argument, NULL, 'c' },
                                              { "strict", no_argument, NULL, 's' },
                                              { NULL, 0, NULL, 0 } };
    extract_state_t st = { 0, 0 };
    sift_ctx_t ctx;
    sift_ctx_init(&ctx);
    int c;
    optind = 1;
    while ((c = getopt_long(argc, argv, "jcs", longopts, NULL)) != -1) {
        if (c == 'j') {
            st.is_json = 1;
        } else if (c == 'c') {
            st.with_clutter = 1;
        } else if (c == 's') {
            ctx.is_strict = 1;
        } else {
            return cli_usage(&cmd_extract, 1);
        }
    }
    if (optind >= argc) {
        cli_errorf("extract: no input given: name files, folders or '-'");
        return cli_usage(&cmd_extract, 1);
    }
    sift_sink_t sink = { on_report, on_reject, &st };
    int status = EXIT_OK;
    for (int i = optind; i < argc; i++) {
        sift_err_t err;
        sift_err_clear(&err);
        int rc = sift_read_path(&ctx, argv[i], &sink, &err);
        if (rc == SIFT_EINPUT) {
            status = EXIT_REJECTED;
            if (ctx.is_strict) {
                break;
            }
        } else if (rc) {
            cli_print_err(&err);
            return cli_exit_code(rc);
        }
    }
    return status;
}

const cli_cmd_t cmd_extract = {
    "extract",
    run,
    "read reports and print them without storing",
    "usage: sift extract [--json] [--clutter] [--strict] PATH...|-\n\n"
    "Read reports as 'sift add' does and print each one instead of storing it:\n"
    "metadata and clean text, or with --json one JSON object a line (JSON Lines)\n"
    "with body blocks and clutter.\n\n"
    "  --json     JSON Lines output\n"
    "  --clutter  also list what was set aside as clutter, and why\n"
    "  --strict   stop at the first rejected input\n",
};
