/* render/story_json.c: storylines, events, members and copies as JSON
 * objects (jansson, key order kept as built so output is stable). */
#include <jansson.h>
#include <stdio.h>

#include "cluster/cluster.h"
#include "render.h"

static json_t *day_json(int32_t day)
{
    char d[16];
    cluster_day_format(d, sizeof(d), day);
    return day == CLUSTER_NO_DAY ? json_null() : json_string(d);
}

json_t *render_story_json(const store_story_t *s, int is_event)
{
    char id[32];
    snprintf(id, sizeof(id), "%c%lld", is_event ? 'E' : 'S', (long long)s->id);
    json_t *o = json_object();
    if (!o) {
        return NULL;
    }
    int rc = json_object_set_new(o, "id", json_string(id));
    if (is_event) {
        snprintf(id, sizeof(id), "S%lld", (long long)s->parent);
        rc |= json_object_set_new(o, "storyline", json_string(id));
    }
    rc |= json_object_set_new(o, "label", json_string(s->label));
    rc |= json_object_set_new(o, "date_min", day_json(s->day_min));
    rc |= json_object_set_new(o, "date_max", day_json(s->day_max));
    rc |= json_object_set_new(o, "n_reports", json_integer(s->n_reports));
    rc |= json_object_set_new(o, "n_outlets", json_integer(s->n_outlets));
    rc |= json_object_set_new(o, "n_copies", json_integer(s->n_copies));
    if (!is_event) {
        rc |= json_object_set_new(o, "n_events", json_integer(s->n_events));
    }
    if (rc) {
        json_decref(o);
        return NULL;
    }
    return o;
}

json_t *render_member_json(const store_member_t *m)
{
    json_t *o = json_object();
    if (!o) {
        return NULL;
    }
    int rc = json_object_set_new(o, "id", json_string(m->id));
    rc |= json_object_set_new(o, "source", json_string(m->source));
    rc |= json_object_set_new(o, "date", json_string(m->date));
    rc |= json_object_set_new(o, "outlet", json_string(m->outlet));
    rc |= json_object_set_new(o, "title", json_string(m->title));
    rc |=
        json_object_set_new(o, "similarity", json_real((double)(int)(m->sim * 1000 + 0.5) / 1000));
    rc |= json_object_set_new(o, "copy_of", m->copy_of[0] ? json_string(m->copy_of) : json_null());
    if (rc) {
        json_decref(o);
        return NULL;
    }
    return o;
}

json_t *render_copy_json(const store_copy_row_t *c)
{
    json_t *o = json_object();
    json_t *a = json_object();
    json_t *b = json_object();
    if (!o || !a || !b) {
        json_decref(o);
        json_decref(a);
        json_decref(b);
        return NULL;
    }
    int rc = json_object_set_new(a, "id", json_string(c->first_id));
    rc |= json_object_set_new(a, "title", json_string(c->first_title));
    rc |= json_object_set_new(a, "block",
                              c->first_para >= 0 ? json_integer(c->first_para) : json_null());
    rc |= json_object_set_new(b, "id", json_string(c->second_id));
    rc |= json_object_set_new(b, "title", json_string(c->second_title));
    rc |= json_object_set_new(b, "block",
                              c->second_para >= 0 ? json_integer(c->second_para) : json_null());
    rc |= json_object_set_new(o, "kind", json_string(c->kind));
    rc |= json_object_set_new(o, "first", a);
    rc |= json_object_set_new(o, "second", b);
    rc |=
        json_object_set_new(o, "similarity", json_real((double)(int)(c->sim * 1000 + 0.5) / 1000));
    if (rc) {
        json_decref(o);
        return NULL;
    }
    return o;
}

int render_json_dump(FILE *f, json_t *o)
{
    int rc = json_dumpf(o, f, JSON_PRESERVE_ORDER | JSON_INDENT(2) | JSON_REAL_PRECISION(4));
    fputc('\n', f);
    json_decref(o);
    return rc || ferror(f) ? SIFT_EIO : 0;
}
