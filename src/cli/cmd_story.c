/* cli/cmd_story.c: `sift story ID`: one storyline (S<n>) with its events
 * and their reports, or one event (E<n>) with its reports. */
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli_int.h"
#include "render/render.h"
#include "util/err.h"

typedef struct story_state {
    store_cl_t *sc;
    int is_json;
    json_t *root;    /* the storyline or event (JSON) */
    json_t *events;  /* its events (JSON, storyline only) */
    json_t *members; /* members of the event being listed (JSON) */
    sift_err_t *err;
} story_state_t;

static int on_member(void *user, const store_member_t *m)
{
    story_state_t *st = user;
    if (!st->is_json) {
        return render_member_line(stdout, m, 4);
    }
    json_t *o = render_member_json(m);
    return o && json_array_append_new(st->members, o) == 0 ? 0 : SIFT_ENOMEM;
}

/* An event: its line (or object) and its members. */
static int on_event(void *user, const store_story_t *ev)
{
    story_state_t *st = user;
    if (!st->is_json) {
        int rc = render_story_line(stdout, ev, 1, 2);
        return rc ? rc : store_cl_list_members(st->sc, ev->id, on_member, st, st->err);
    }
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
        st->root = o;
    }
    return store_cl_list_members(st->sc, ev->id, on_member, st, st->err);
}

static int on_storyline(void *user, const store_story_t *s)
{
    story_state_t *st = user;
    if (!st->is_json) {
        int rc = render_story_line(stdout, s, 0, 0);
        return rc ? rc : store_cl_list_events(st->sc, s->id, on_event, st, st->err);
    }
    st->root = render_story_json(s, 0);
    st->events = json_array();
    if (!st->root || !st->events || json_object_set_new(st->root, "events", st->events)) {
        return SIFT_ENOMEM;
    }
    return store_cl_list_events(st->sc, s->id, on_event, st, st->err);
}

/* "S12" or "E7" (either case) into its kind and number. */
static int parse_id(const char *arg, int *out_is_event, int64_t *out_id)
{
    if ((arg[0] != 'S' && arg[0] != 's' && arg[0] != 'E' && arg[0] != 'e') || !arg[1]) {
        return -1;
    }
    char *end = NULL;
    long long v = strtoll(arg + 1, &end, 10);
    if (*end || v <= 0 || arg[1] < '0' || arg[1] > '9') {
        return -1;
    }
    *out_is_event = arg[0] == 'E' || arg[0] == 'e';
    *out_id = v;
    return 0;
}

static int run(const cli_opts_t *opts, int argc, char **argv)
{
    static const struct option longopts[] = { { "json", no_argument, NULL, 'j' },
                                              { NULL, 0, NULL, 0 } };
    sift_err_t err;
    sift_err_clear(&err);
    story_state_t st = { NULL, 0, NULL, NULL, NULL, &err };
    int c;
    optind = 1;
    while ((c = getopt_long(argc, argv, "j", longopts, NULL)) != -1) {
        if (c == 'j') {
            st.is_json = 1;
        } else {
            return cli_usage(&cmd_story, 1);
        }
    }
    if (optind + 1 != argc) {
        cli_errorf("story: give exactly one storyline or event id");
        return cli_usage(&cmd_story, 1);
    }
    int is_event = 0;
    int64_t id = 0;
    if (parse_id(argv[optind], &is_event, &id)) {
        cli_errorf("story: bad id '%.40s': expected S<number> or E<number>", argv[optind]);
        return EXIT_USAGE;
    }
    store_t *store;
    int rc = cli_open_store(opts, STORE_READONLY, &store);
    if (rc) {
        return rc;
    }
    rc = store_cl_open(&st.sc, store, &err);
    if (rc == 0) {
        rc = is_event ? store_cl_get_event(st.sc, id, on_event, &st, &err)
                      : store_cl_get_storyline(st.sc, id, on_storyline, &st, &err);
    }
    if (rc == 0 && st.root) {
        rc = render_json_dump(stdout, st.root);
        st.root = NULL;
    }
    json_decref(st.root);
    store_cl_close(st.sc);
    store_close(store);
    if (rc) {
        if (rc == SIFT_ENOMEM && !err.msg[0]) {
            err_set(&err, SIFT_ENOMEM, NULL, SIFT_NOPOS, 0, "out of memory");
        }
        cli_print_err(&err);
        return cli_exit_code(rc);
    }
    return EXIT_OK;
}

const cli_cmd_t cmd_story = {
    "story",
    run,
    "show one storyline or event with its reports",
    "usage: sift story [--json] ID\n\n"
    "Show a storyline (ID S<n>, as listed by 'sift stories') with its events\n"
    "and their reports, or one event (ID E<n>) with its reports. A report\n"
    "that copies another is marked with the report it copies.\n\n"
    "  --json  the same as one JSON object\n",
};
