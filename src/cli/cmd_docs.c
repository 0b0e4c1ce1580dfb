/* cli/cmd_docs.c: `sift docs`: list stored reports. */
#include <stdio.h>

#include "cli_int.h"
#include "render/render.h"

typedef struct docs_state {
    int is_json;
    long n;
} docs_state_t;

static int on_report(void *user, const sift_report_t *r)
{
    docs_state_t *st = user;
    if (st->is_json) {
        fputs(st->n ? ",\n" : "\n", stdout);
        render_report_json(stdout, r, 0, 1);
        /* render ends with a newline; keep the array readable */
    } else {
        render_report_line(stdout, r);
    }
    st->n++;
    return ferror(stdout) ? SIFT_EIO : 0;
}

static int run(const cli_opts_t *opts, int argc, char **argv)
{
    docs_state_t st = { 0, 0 };
    int urc = cli_flag_only(&cmd_docs, argc, argv, "json", &st.is_json);
    if (urc) {
        return urc;
    }
    store_t *store;
    int rc = cli_open_store(opts, STORE_READONLY, &store);
    if (rc) {
        return rc;
    }
    sift_err_t err;
    sift_err_clear(&err);
    if (st.is_json) {
        fputs("[", stdout);
    }
    rc = store_each_report(store, on_report, &st, &err);
    if (st.is_json) {
        fputs("]\n", stdout);
    }
    store_close(store);
    if (rc) {
        cli_print_err(&err);
        return cli_exit_code(rc);
    }
    return EXIT_OK;
}

const cli_cmd_t cmd_docs = {
    "docs",
    run,
    "list stored reports",
    "usage: sift docs [--json]\n\n"
    "List the stored reports in the order they were added: id, date, outlet\n"
    "and title, one a line; with --json, a JSON array of their metadata.\n",
};
