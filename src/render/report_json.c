/* render/report_json.c: a report as JSON (jansson; key order kept as
 * built, so output is stable). */
#include <jansson.h>

#include "render.h"

static int put_str(json_t *o, const char *key, const char *val)
{
    return json_object_set_new(o, key, json_string(val ? val : ""));
}

json_t *render_report_obj(const sift_report_t *r, int with_body)
{
    json_t *o = json_object();
    if (!o) {
        return NULL;
    }
    int rc = 0;
    rc |= put_str(o, "id", r->id);
    rc |= put_str(o, "source", r->source);
    rc |= put_str(o, "format", sift_format_name(r->format));
    rc |= put_str(o, "url", r->url);
    rc |= put_str(o, "outlet", r->outlet);
    rc |= put_str(o, "outlet_evidence", r->outlet_evidence);
    rc |= put_str(o, "title", r->title);
    rc |= put_str(o, "subtitle", r->subtitle);
    rc |= put_str(o, "byline", r->byline);
    rc |= put_str(o, "credits", r->credits);
    rc |= put_str(o, "date", r->date);
    rc |= put_str(o, "date_source", sift_date_src_name(r->date_src));
    rc |= json_object_set_new(o, "date_certain", json_boolean(r->is_date_certain));
    rc |= put_str(o, "date_evidence", r->date_evidence);
    rc |= put_str(o, "lang", r->lang);
    if (with_body) {
        json_t *blocks = json_array();
        for (size_t i = 0; blocks && i < r->n_blocks; i++) {
            json_t *b = json_object();
            rc |= put_str(b, "kind", sift_block_kind_name(r->blocks[i].kind));
            rc |= json_object_set_new(b, "text", json_stringn(r->blocks[i].text, r->blocks[i].len));
            rc |= json_array_append_new(blocks, b);
        }
        rc |= json_object_set_new(o, "blocks", blocks);
        json_t *clutter = json_array();
        for (size_t i = 0; clutter && i < r->n_clutter; i++) {
            json_t *c = json_object();
            rc |= put_str(c, "reason", r->clutter[i].reason);
            rc |=
                json_object_set_new(c, "text", json_stringn(r->clutter[i].text, r->clutter[i].len));
            rc |= json_array_append_new(clutter, c);
        }
        rc |= json_object_set_new(o, "clutter", clutter);
    }
    if (rc) {
        json_decref(o);
        return NULL;
    }
    return o;
}

int render_report_json(FILE *f, const sift_report_t *r, int with_body, int is_compact)
{
    json_t *o = render_report_obj(r, with_body);
    int rc = 0;
    if (o) {
        size_t flags = JSON_PRESERVE_ORDER | (is_compact ? JSON_COMPACT : JSON_INDENT(2));
        if (json_dumpf(o, f, flags) != 0) {
            rc = SIFT_EIO;
        }
        fputc('\n', f);
    } else {
        rc = SIFT_ENOMEM;
    }
    json_decref(o);
    return rc;
}
