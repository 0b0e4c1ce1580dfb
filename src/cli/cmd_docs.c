/* cli/cmd_docs.c: `sift docs`: list stored reports. */
#include <stdio.h>

#include "cli_int.h"

static int run(const cli_opts_t *opts, int argc, char **argv)
{
    cli_list_t st = { 0, 0 };
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
    cli_list_begin(&st);
    rc = store_each_report(store, cli_list_report, &st, &err);
    cli_list_end(&st);
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
