/* cli/cmd_check.c: `sift check`: check the whole store's consistency
 * (store_check) and print each problem on a line of its own. */
#include <inttypes.h>
#include <stdio.h>

#include "cli_int.h"

static void on_problem(void *user, const char *line)
{
    const char *path = user;
    printf("%s: %s\n", path, line);
}

static int run(const cli_opts_t *opts, int argc, char **argv)
{
    int is_quiet = 0;
    int urc = cli_flag_only(&cmd_check, argc, argv, "quiet", &is_quiet);
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
    store_check_result_t res;
    rc = store_check(store, on_problem, (void *)opts->db_path, &res, &err);
    store_close(store);
    if (rc) {
        cli_print_err(&err);
        return cli_exit_code(rc);
    }
    if (res.n_problems) {
        printf("%s: %ld problem%s in %" PRId64 " reports\n", opts->db_path, res.n_problems,
               res.n_problems == 1 ? "" : "s", res.n_reports);
        return EXIT_REJECTED;
    }
    if (!is_quiet) {
        printf("%s: ok: %" PRId64 " reports, schema version %d\n", opts->db_path, res.n_reports,
               res.schema_version);
    }
    return EXIT_OK;
}

const cli_cmd_t cmd_check = {
    "check",
    run,
    "check the store's consistency",
    "usage: sift check [--quiet]\n\n"
    "Check the whole store: SQLite's integrity check (pages, indexes against\n"
    "their tables), the schema version, and sift's own rules: every report\n"
    "has an id of 16 hex digits that is the hash of its body, a non-empty\n"
    "body and well-formed metadata, and every reference to a report (cluster\n"
    "members, copies) points at a stored report. Prints each problem on a\n"
    "line of its own (at most 20 of a kind), then a summary. Reads only.\n\n"
    "  --quiet  print nothing when the store is consistent\n\n"
    "exit status: 0 consistent, 1 problems found, 2 usage,\n"
    "3 the store cannot be opened or read (missing, corrupt, newer schema)\n",
};
