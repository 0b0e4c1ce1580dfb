/* analyze/timeline.c: the dated happenings of the story, one entry per
 * resolved date (day, month or year), each with every report and phrase
 * that dates something to it, ordered by date. */
#include <stdlib.h>
#include <string.h>

#include "analyze_int.h"
#include "util/err.h"

static int cmp_event(const void *a, const void *b)
{
    const an_event_t *x = a, *y = b;
    return strcmp(x->date, y->date);
}

int timeline_build(analysis_t *an, sift_err_t *err)
{
    size_t cap = 0;
    for (size_t i = 0; i < an->n_dates; i++) {
        const an_date_t *x = &an->dates[i];
        if (!x->date[0]) {
            continue;
        }
        an_event_t *ev = NULL;
        for (size_t j = 0; j < an->n_timeline; j++) {
            if (strcmp(an->timeline[j].date, x->date) == 0) {
                ev = &an->timeline[j];
            }
        }
        const an_doc_t *d = &an->docs[x->doc];
        if (!ev) {
            ev = an_push(an->arena, &an->timeline, &an->n_timeline, &cap, sizeof(an_event_t));
            if (!ev) {
                goto nomem;
            }
            memcpy(ev->date, x->date, sizeof(ev->date));
            const an_sent_t *s = &d->in->sents[x->sent];
            ev->what = tok_span(an->arena, d, s->tb, s->te);
            if (!ev->what) {
                goto nomem;
            }
        }
        ev->is_certain |= x->is_certain;
        size_t ecap = ev->n_ev;
        an_evidence_t *e = an_push(an->arena, &ev->ev, &ev->n_ev, &ecap, sizeof(an_evidence_t));
        if (!e) {
            goto nomem;
        }
        e->doc = x->doc;
        e->text = arena_strndup(an->arena, d->in->all + x->off, x->len);
        if (!e->text) {
            goto nomem;
        }
    }
    if (an->n_timeline > 1) {
        qsort(an->timeline, an->n_timeline, sizeof(an_event_t), cmp_event);
    }
    return 0;
nomem:
    return err_oom(err);
}
