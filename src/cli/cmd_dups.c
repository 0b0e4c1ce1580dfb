/* cli/cmd_dups.c: `sift dups`: the copies found: near-duplicate reports,
 * paragraphs copied between reports, paragraphs repeated inside one. */
#include <stdio.h>

#include "cli_int.h"
#include "render/render.h"
#include "util/err.h"

typedef struct dups_state {
    int is_json;
    json_t *list;
} dups_state_t;

static int on_copy(void *user, const store_copy_row_t *cp)
{
    dups_state_t *st = user;
    if (!st->is_json) {
        return render_copy_line(stdout, cp);
    }
    json_t *o = render_copy_json(cp);
    return o && json_array_append_new(st->list, o) == 0 ? 0 : SIFT_ENOMEM;
}

static int run(const cli_opts_t *opts, int argc, char **argv)
{
    dups_state_t st = { 0, NULL };
    int urc = cli_flag_only(&cmd_dups, argc, argv, "json", &st.is_json);
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
    store_cl_t *sc = NULL;
    json_t *root = NULL;
    rc = store_cl_open(&sc, store, &err);
    if (rc == 0 && st.is_json) {
        root = json_object();
        st.list = json_array();
        if (!root || !st.list || json_object_set_new(root, "copies", st.list)) {
            rc = err_oom(&err);
        }
    }
    rc = rc ? rc : store_cl_list_copies(sc, on_copy, &st, &err);
    if (rc == 0 && root) {
        rc = render_json_dump(stdout, root);
        root = NULL;
    }
    json_decref(root);
    store_cl_close(sc);
    store_close(store);
    if (rc) {
        if (!err.msg[0]) {
            err_set(&err, rc, NULL, SIFT_NOPOS, 0, "cannot write the copies");
        }
        cli_print_err(&err);
        return cli_exit_code(rc);
    }
    return EXIT_OK;
}

const cli_cmd_t cmd_dups = {
    "dups",
    run,
    "list copies: near-duplicate reports and copied paragraphs",
    "usage: sift dups [--json]\n\n"
    "List the copies found as reports were added, one per line: the kind\n"
    "('near' for a near-duplicate report, 'paragraph' for a paragraph copied\n"
    "from another report, 'repeat' for a paragraph repeated inside one\n"
    "report), the report that came first (by publication date, then by\n"
    "the order they were added) and its copy, with block numbers (#n, as in\n"
    "'sift show --json') for paragraphs, and the similarity.\n\n"
    "  --json  the same as one JSON object\n",
};
