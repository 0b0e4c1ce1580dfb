/* serve/stories.c: storylines for the API: /api/stories (storylines newest
 * first, each with its events and counts, paged) and /api/stories/ID (the
 * document `sift story ID --json` prints: docs/story-json.md). Reads go
 * through store/'s cluster calls; an empty store has no storylines and
 * answers an empty list. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "render/render.h"
#include "serve_int.h"

typedef struct list_state {
    int64_t *sids; /* the page's storylines, in order */
    json_t *stories;
} list_state_t;

static int on_storyline(void *user, const store_story_t *s)
{
    list_state_t *st = user;
    json_t *o = render_story_json(s, 0);
    if (!o || json_array_append_new(st->stories, o)) {
        return SIFT_ENOMEM;
    }
    st->sids[json_array_size(st->stories) - 1] = s->id;
    return 0;
}

static int on_event(void *user, const store_story_t *ev)
{
    json_t *o = render_story_json(ev, 1);
    return o && json_array_append_new(user, o) == 0 ? 0 : SIFT_ENOMEM;
}

int stories_list(store_t *s, int64_t limit, int64_t offset, json_t **out, sift_err_t *err)
{
    *out = NULL;
    list_state_t st = { calloc((size_t)limit, sizeof(int64_t)), json_array() };
    int64_t total = 0;
    store_cl_t *sc = NULL;
    int rc = st.sids && st.stories ? 0 : SIFT_ENOMEM;
    rc = rc ? rc : store_cl_open(&sc, s, err);
    rc = rc ? rc : store_cl_page_storylines(sc, limit, offset, &total, on_storyline, &st, err);
    /* Events after the walk: one statement at a time on the handle. */
    for (size_t i = 0; rc == 0 && i < json_array_size(st.stories); i++) {
        json_t *evs = json_array();
        rc = evs && json_object_set_new(json_array_get(st.stories, i), "events", evs) == 0
                 ? store_cl_list_events(sc, st.sids[i], on_event, evs, err)
                 : SIFT_ENOMEM;
    }
    store_cl_close(sc);
    free(st.sids);
    json_t *o = rc ? NULL : json_object();
    if (!o) {
        json_decref(st.stories);
        return rc ? rc : SIFT_ENOMEM;
    }
    rc = json_object_set_new(o, "total", json_integer(total));
    rc |= json_object_set_new(o, "limit", json_integer(limit));
    rc |= json_object_set_new(o, "offset", json_integer(offset));
    rc |= json_object_set_new(o, "stories", st.stories);
    if (rc) {
        json_decref(o);
        return SIFT_ENOMEM;
    }
    *out = o;
    return 0;
}

int stories_get(store_t *s, story_cache_t *cache, const char *id, api_resp_t *out, sift_err_t *err)
{
    int is_event = 0;
    int64_t n = 0;
    if (render_story_parse_id(id, &is_event, &n)) {
        return SIFT_ENOTFOUND;
    }
    story_full_t *sf = NULL;
    int rc = render_story_load_cluster(s, is_event, n, &sf, err);
    if (rc) {
        return rc;
    }
    /* The key names the story in one spelling: "s12" and "S12" share. */
    char key[24];
    snprintf(key, sizeof(key), "%c%lld", is_event ? 'E' : 'S', (long long)n);
    shared_text_t *an = NULL;
    int stale = 0;
    rc = story_cache_analysis(cache, s, key, sf, &an, &stale, err);
    if (rc == 0 && json_object_set_new(sf->cluster, "analysis_stale", json_boolean(stale))) {
        rc = SIFT_ENOMEM;
    }
    char *cl = rc ? NULL : json_dumps(sf->cluster, JSON_COMPACT | JSON_PRESERVE_ORDER);
    render_story_free(sf);
    size_t cl_len = cl ? strlen(cl) : 0, an_len = 0;
    if (an) {
        shared_text_data(an, &an_len);
    }
    if (rc == 0 && (cl_len < 2 || cl[cl_len - 1] != '}' || an_len < 2)) {
        rc = SIFT_ENOMEM;
    }
    if (rc) {
        free(cl);
        shared_text_unref(an);
        return rc;
    }
    /* Both are objects, "{...}" (the cluster's never empty): the answer is
     * the cluster's keys then the analysis's, from its second byte: the
     * document render_story_full_json() makes. */
    if (an_len > 2) {
        cl[cl_len - 1] = ',';
        out->tail = an;
    } else {
        shared_text_unref(an);
    }
    out->text = cl;
    return 0;
}
