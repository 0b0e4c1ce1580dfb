/* render/analysis_json.c: a story's analysis as JSON (jansson; keys in the
 * order built, so output is stable). Schema: docs/story-json.md. */
#include <jansson.h>
#include <string.h>

#include "render.h"

static json_t *docs_json(const analysis_t *a, const uint32_t *docs, size_t n)
{
    json_t *arr = json_array();
    for (size_t i = 0; arr && i < n; i++) {
        json_array_append_new(arr, json_string(a->docs[docs[i]].report_id));
    }
    return arr;
}

static json_t *tagged_json(const analysis_t *a, const an_tagged_t *t, size_t n)
{
    json_t *arr = json_array();
    for (size_t i = 0; arr && i < n; i++) {
        json_t *o = json_object();
        json_object_set_new(o, "text", json_string(t[i].text));
        json_object_set_new(o, "reports", docs_json(a, t[i].docs, t[i].n_docs));
        json_array_append_new(arr, o);
    }
    return arr;
}

static json_t *ev_json(const analysis_t *a, const an_evidence_t *ev, size_t n)
{
    json_t *arr = json_array();
    for (size_t i = 0; arr && i < n; i++) {
        json_t *o = json_object();
        json_object_set_new(o, "report", json_string(a->docs[ev[i].doc].report_id));
        json_object_set_new(o, "text", json_string(ev[i].text));
        json_array_append_new(arr, o);
    }
    return arr;
}

static json_t *str_or_null(const char *s)
{
    return s && *s ? json_string(s) : json_null();
}

static json_t *reports_json(const analysis_t *a)
{
    json_t *arr = json_array();
    for (size_t i = 0; arr && i < a->n_docs; i++) {
        const an_doc_t *d = &a->docs[i];
        json_t *o = json_object();
        json_object_set_new(o, "id", json_string(d->report_id));
        json_object_set_new(o, "source", json_string(d->source));
        json_object_set_new(o, "title", json_string(d->title));
        json_object_set_new(o, "outlet", json_string(d->outlet));
        json_object_set_new(o, "outlet_evidence", json_string(d->outlet_evidence));
        json_object_set_new(o, "date", json_string(d->date));
        json_object_set_new(o, "date_certain", json_boolean(d->is_date_certain));
        json_object_set_new(o, "date_how", json_string(d->date_how));
        json_array_append_new(arr, o);
    }
    return arr;
}

static json_t *entities_json(const analysis_t *a)
{
    json_t *arr = json_array();
    for (size_t i = 0; arr && i < a->n_ents; i++) {
        const an_entity_t *e = &a->ents[i];
        if (e->merged_into >= 0) {
            continue;
        }
        json_t *o = json_object();
        json_object_set_new(o, "name", json_string(e->name));
        json_object_set_new(o, "type", json_string(analyze_ent_type_name(e->type)));
        json_object_set_new(o, "mentions", json_integer((json_int_t)e->n_mentions));
        json_object_set_new(o, "forms", tagged_json(a, e->forms, e->n_forms));
        json_object_set_new(o, "roles", tagged_json(a, e->roles, e->n_roles));
        json_array_append_new(arr, o);
    }
    return arr;
}

static json_t *quotes_json(const analysis_t *a)
{
    json_t *arr = json_array();
    for (size_t i = 0; arr && i < a->n_quotes; i++) {
        const an_quote_t *q = &a->quotes[i];
        const an_doc_t *d = &a->docs[q->doc];
        json_t *o = json_object();
        json_object_set_new(o, "report", json_string(d->report_id));
        json_object_set_new(o, "text", json_stringn(d->text + q->off, q->len));
        json_object_set_new(o, "speaker", str_or_null(q->speaker));
        json_object_set_new(o, "speaker_evidence", str_or_null(q->evidence));
        json_object_set_new(o, "attribution", str_or_null(q->how));
        json_object_set_new(o, "marks", json_string(q->is_curly ? "curly" : "straight"));
        json_object_set_new(o, "fragment", json_boolean(q->is_fragment));
        json_object_set_new(o, "multi_paragraph", json_boolean(q->is_multi_para));
        json_array_append_new(arr, o);
    }
    return arr;
}

static json_t *speech_json(const analysis_t *a)
{
    json_t *arr = json_array();
    for (size_t i = 0; arr && i < a->n_speech; i++) {
        const an_speech_t *s = &a->speech[i];
        json_t *o = json_object();
        json_object_set_new(o, "report", json_string(a->docs[s->doc].report_id));
        json_object_set_new(o, "speaker", json_string(s->speaker));
        json_object_set_new(o, "cue", json_string(s->cue));
        json_object_set_new(o, "content", json_string(s->content));
        json_array_append_new(arr, o);
    }
    return arr;
}

static json_t *numbers_json(const analysis_t *a)
{
    json_t *arr = json_array();
    for (size_t i = 0; arr && i < a->n_nums; i++) {
        const an_number_t *x = &a->nums[i];
        const an_doc_t *d = &a->docs[x->doc];
        json_t *o = json_object();
        json_object_set_new(o, "report", json_string(d->report_id));
        json_object_set_new(o, "text",
                            json_stringn(d->in ? a->docs[x->doc].text + x->off : "", x->len));
        json_t *v;
        if (x->time) {
            v = json_string(x->time);
        } else if (!x->has_value) {
            v = json_null();
        } else if (x->hi != x->lo) {
            v = json_pack("[f,f]", x->lo, x->hi);
        } else if (x->lo == (double)(json_int_t)x->lo) {
            v = json_integer((json_int_t)x->lo);
        } else {
            v = json_real(x->lo);
        }
        json_object_set_new(o, "value", v);
        json_object_set_new(o, "unit", json_string(x->unit));
        json_object_set_new(o, "counts", json_string(x->counts));
        json_object_set_new(o, "approx", str_or_null(x->approx));
        json_object_set_new(o, "bound", str_or_null(x->bound));
        json_object_set_new(o, "kind", json_string(x->kind));
        json_object_set_new(o, "per_side", json_boolean(x->is_per_side));
        json_array_append_new(arr, o);
    }
    return arr;
}

static json_t *dates_json(const analysis_t *a)
{
    json_t *arr = json_array();
    for (size_t i = 0; arr && i < a->n_dates; i++) {
        const an_date_t *x = &a->dates[i];
        const an_doc_t *d = &a->docs[x->doc];
        json_t *o = json_object();
        json_object_set_new(o, "report", json_string(d->report_id));
        json_object_set_new(o, "text", json_stringn(d->text + x->off, x->len));
        json_object_set_new(o, "date", str_or_null(x->date));
        json_object_set_new(o, "certain", json_boolean(x->is_certain));
        json_object_set_new(o, "relative", json_boolean(x->is_relative));
        json_object_set_new(o, "future", json_boolean(x->is_future));
        json_array_append_new(arr, o);
    }
    return arr;
}

static json_t *claims_json(const analysis_t *a)
{
    json_t *arr = json_array();
    for (size_t i = 0; arr && i < a->n_claims; i++) {
        const an_claim_t *c = &a->claims[i];
        json_t *o = json_object();
        json_object_set_new(o, "subject", json_string(c->subject));
        json_object_set_new(o, "relation", json_string(c->relation));
        json_object_set_new(o, "value", json_string(c->value));
        json_object_set_new(o, "when", str_or_null(c->when));
        json_object_set_new(o, "reports", docs_json(a, c->docs, c->n_docs));
        json_object_set_new(o, "outlets", json_integer((json_int_t)c->n_outlets));
        json_object_set_new(o, "evidence", ev_json(a, c->ev, c->n_ev));
        json_array_append_new(arr, o);
    }
    return arr;
}

static json_t *disagreements_json(const analysis_t *a)
{
    json_t *arr = json_array();
    for (size_t i = 0; arr && i < a->n_disagreements; i++) {
        const an_disagreement_t *g = &a->disagreements[i];
        json_t *o = json_object();
        json_object_set_new(o, "slot", json_string(g->slot));
        json_object_set_new(o, "kind", json_string(g->kind));
        json_t *vals = json_array();
        for (size_t k = 0; vals && k < g->n_values; k++) {
            json_t *v = json_object();
            json_object_set_new(v, "value", json_string(g->values[k].value));
            json_t *reps = json_array();
            for (size_t e = 0; reps && e < g->values[k].n_ev; e++) {
                const char *id = a->docs[g->values[k].ev[e].doc].report_id;
                int seen = 0;
                for (size_t j = 0; j < json_array_size(reps); j++) {
                    seen |= strcmp(json_string_value(json_array_get(reps, j)), id) == 0;
                }
                if (!seen) {
                    json_array_append_new(reps, json_string(id));
                }
            }
            json_object_set_new(v, "reports", reps);
            json_object_set_new(v, "evidence", ev_json(a, g->values[k].ev, g->values[k].n_ev));
            json_array_append_new(vals, v);
        }
        json_object_set_new(o, "values", vals);
        json_array_append_new(arr, o);
    }
    return arr;
}

static json_t *variants_json(const analysis_t *a)
{
    json_t *arr = json_array();
    for (size_t i = 0; arr && i < a->n_variants; i++) {
        const an_variant_group_t *g = &a->variants[i];
        json_t *o = json_object();
        json_object_set_new(o, "about", json_string(g->about));
        json_object_set_new(o, "kind", json_string(g->kind));
        json_object_set_new(o, "forms", tagged_json(a, g->forms, g->n_forms));
        json_array_append_new(arr, o);
    }
    return arr;
}

static json_t *citations_json(const analysis_t *a)
{
    json_t *arr = json_array();
    for (size_t i = 0; arr && i < a->n_cites; i++) {
        const an_citation_t *c = &a->cites[i];
        json_t *o = json_object();
        json_object_set_new(o, "report", json_string(a->docs[c->doc].report_id));
        json_object_set_new(o, "citing", json_string(c->citing));
        json_object_set_new(o, "cited", json_string(c->cited));
        json_object_set_new(o, "relation", json_string(c->relation));
        json_object_set_new(o, "evidence", json_string(c->evidence));
        json_array_append_new(arr, o);
    }
    return arr;
}

static json_t *timeline_json(const analysis_t *a)
{
    json_t *arr = json_array();
    for (size_t i = 0; arr && i < a->n_timeline; i++) {
        const an_event_t *e = &a->timeline[i];
        json_t *o = json_object();
        json_object_set_new(o, "date", json_string(e->date));
        json_object_set_new(o, "certain", json_boolean(e->is_certain));
        json_object_set_new(o, "what", json_string(e->what));
        json_t *reps = json_array();
        for (size_t k = 0; reps && k < e->n_ev; k++) {
            const char *id = a->docs[e->ev[k].doc].report_id;
            int seen = 0;
            for (size_t j = 0; j < json_array_size(reps); j++) {
                seen |= strcmp(json_string_value(json_array_get(reps, j)), id) == 0;
            }
            if (!seen) {
                json_array_append_new(reps, json_string(id));
            }
        }
        json_object_set_new(o, "reports", reps);
        json_object_set_new(o, "mentions", ev_json(a, e->ev, e->n_ev));
        json_array_append_new(arr, o);
    }
    return arr;
}

static json_t *summary_json(const analysis_t *a)
{
    json_t *arr = json_array();
    for (size_t i = 0; arr && i < a->n_summary; i++) {
        json_t *o = json_object();
        json_object_set_new(o, "text", json_string(a->summary[i].text));
        json_object_set_new(o, "reports", docs_json(a, a->summary[i].docs, a->summary[i].n_docs));
        json_array_append_new(arr, o);
    }
    return arr;
}

json_t *render_analysis_obj(const analysis_t *a)
{
    json_t *o = json_object();
    if (!o) {
        return NULL;
    }
    json_object_set_new(o, "schema", json_string("sift-story/1"));
    json_object_set_new(o, "reports", reports_json(a));
    json_object_set_new(o, "summary", summary_json(a));
    json_object_set_new(o, "entities", entities_json(a));
    json_object_set_new(o, "quotes", quotes_json(a));
    json_object_set_new(o, "reported_speech", speech_json(a));
    json_object_set_new(o, "numbers", numbers_json(a));
    json_object_set_new(o, "dates", dates_json(a));
    json_object_set_new(o, "timeline", timeline_json(a));
    json_object_set_new(o, "claims", claims_json(a));
    json_object_set_new(o, "disagreements", disagreements_json(a));
    json_object_set_new(o, "variants", variants_json(a));
    json_object_set_new(o, "citations", citations_json(a));
    return o;
}

int render_analysis_json(FILE *f, const analysis_t *a)
{
    json_t *o = render_analysis_obj(a);
    if (!o) {
        return SIFT_ENOMEM;
    }
    int rc = json_dumpf(o, f, JSON_INDENT(2) | JSON_ENSURE_ASCII * 0);
    json_decref(o);
    if (rc || fputc('\n', f) == EOF) {
        return SIFT_EIO;
    }
    return 0;
}
