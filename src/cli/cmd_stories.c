/* cli/cmd_stories.c: `sift stories`: storylines, newest first, each with
 * its events and counts of reports and distinct outlets. */
#include <stdio.h>

#include "cli_int.h"
#include "render/render.h"
#include "util/err.h"

typedef struct stories_state {
    store_cl_t *sc;
    int is_json;
    json_t *list; /* storylines (JSON) */
    json_t *cur;  /* events of the storyline being listed (JSON) */
    sift_err_t *err;
} stories_state_t;

static int on_event(void *user, const store_story_t *ev)
{
    stories_state_t *st = user;
    if (!st->is_json) {
        return render_story_line(stdout, ev, 1, 2);
    }
    json_t *o = render_story_json(ev, 1);
    return o && json_array_append_new(st->cur, o) == 0 ? 0 : SIFT_ENOMEM;
}

static int on_storyline(void *user, const store_story_t *s)
{
    stories_state_t *st = user;
    if (!st->is_json) {
        int rc = render_story_line(stdout, s, 0, 0);
        return rc ? rc : store_cl_list_events(st->sc, s->id, on_event, st, st->err);
    }
    json_t *o = render_story_json(s, 0);
    st->cur = json_array();
    if (!o || !st->cur || json_object_set_new(o, "events", st->cur) ||
        json_array_append_new(st->list, o)) {
        return SIFT_ENOMEM;
    }
    return store_cl_list_events(st->sc, s->id, on_event, st, st->err);
}

static int run(const cli_opts_t *opts, int argc, char **argv)
{
    sift_err_t err;
    sift_err_clear(&err);
    stories_state_t st = { NULL, 0, NULL, NULL, &err };
    int urc = cli_flag_only(&cmd_stories, argc, argv, "json", &st.is_json);
    if (urc) {
        return urc;
    }
    store_t *store;
    int rc = cli_open_store(opts, STORE_READONLY, &store);
    if (rc) {
        return rc;
    }
    json_t *root = NULL;
    rc = store_cl_open(&st.sc, store, &err);
    if (rc == 0 && st.is_json) {
        root = json_object();
        st.list = json_array();
        if (!root || !st.list || json_object_set_new(root, "storylines", st.list)) {
            rc = err_oom(&err);
        }
    }
    rc = rc ? rc : store_cl_list_storylines(st.sc, on_storyline, &st, &err);
    if (rc == 0 && root) {
        rc = render_json_dump(stdout, root);
        root = NULL;
    }
    json_decref(root);
    store_cl_close(st.sc);
    store_close(store);
    if (rc) {
        if (rc == SIFT_ENOMEM && !err.msg[0]) {
            err_oom(&err);
        }
        cli_print_err(&err);
        return cli_exit_code(rc);
    }
    return EXIT_OK;
}

const cli_cmd_t cmd_stories = {
    "stories",
    run,
    "list storylines with their events",
    "usage: sift stories [--json]\n\n"
    "List the storylines found in the store, newest first, each with its\n"
    "events: dates, number of reports, number of distinct outlets (a copy of\n"
    "another report adds a report, not an outlet) and a label (the title of\n"
    "the most representative report).\n\n"
    "  --json  the same as one JSON object\n",
};
