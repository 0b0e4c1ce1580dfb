/* serve/stories.c: storylines for the API (/api/stories and
 * /api/stories/ID, shapes in docs/api.md). The clustering (issue 3) and
 * the analysis (issue 4) are built apart; until their store tables exist
 * this says SERVE_NOT_AVAILABLE and the API answers 501, which the page
 * shows as "not available" and falls back to the list of reports. To plug
 * them in, fill the two functions from the store's story calls: the page
 * and the API already take every section of docs/api.md. */
#include "serve_int.h"

int stories_list(store_t *s, int64_t limit, int64_t offset, json_t **out, sift_err_t *err)
{
    (void)limit;
    (void)offset;
    *out = NULL;
    int has = 0;
    int rc = store_has_stories(s, &has, err);
    if (rc) {
        return rc;
    }
    /* TODO(#3): list storylines newest first once store/ can read them */
    return SERVE_NOT_AVAILABLE;
}

int stories_get(store_t *s, const char *id, json_t **out, sift_err_t *err)
{
    (void)id;
    *out = NULL;
    int has = 0;
    int rc = store_has_stories(s, &has, err);
    if (rc) {
        return rc;
    }
    /* TODO(#3, #4): the storyline with its events, and its analysis */
    return SERVE_NOT_AVAILABLE;
}
