/* bench/quotes_polnear.c: read JSON lines {"id", "text"} on stdin, find
 * direct quotes and speakers with the analysis stage, and write one
 * prediction line per article for PolNeAR's score_quotes.py (byte
 * offsets: run it with --offsets bytes). Built by bench/quotes-polnear.sh. */
#include <jansson.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "analyze/analyze.h"

int main(int argc, char **argv)
{
    /* PolNeAR's direct quotes are whole attributed contents in quote
     * marks; words quoted inside the writer's own sentence (sift's
     * fragments) are paraphrase there. --fragments keeps them anyway. */
    int keep_fragments = argc > 1 && strcmp(argv[1], "--fragments") == 0;
    char *line = NULL;
    size_t cap = 0;
    ssize_t n;
    while ((n = getline(&line, &cap, stdin)) > 0) {
        json_error_t jerr;
        json_t *art = json_loadb(line, (size_t)n, 0, &jerr);
        if (!art) {
            continue;
        }
        const char *id = json_string_value(json_object_get(art, "id"));
        json_t *jt = json_object_get(art, "text");
        const char *text = json_string_value(jt);
        size_t len = json_string_length(jt);
        analysis_t *a = NULL;
        sift_err_t err;
        sift_err_clear(&err);
        json_t *out = json_object();
        json_t *qs = json_array();
        if (id && text && analyze_quotes_text(text, len, &a, &err) == 0) {
            for (size_t i = 0; i < a->n_quotes; i++) {
                const an_quote_t *q = &a->quotes[i];
                if (q->is_fragment && !keep_fragments) {
                    continue; /* words quoted inside the writer's own sentence */
                }
                json_t *o = json_object();
                json_object_set_new(o, "content", json_pack("[I,I]", (json_int_t)q->off,
                                                             (json_int_t)(q->off + q->len)));
                json_object_set_new(o, "source",
                                    q->src_len ? json_pack("[I,I]", (json_int_t)q->src_off,
                                                           (json_int_t)(q->src_off + q->src_len))
                                               : json_null());
                json_array_append_new(qs, o);
            }
        }
        json_object_set_new(out, "id", json_string(id ? id : ""));
        json_object_set_new(out, "quotes", qs);
        char *s = json_dumps(out, JSON_COMPACT);
        if (s) {
            puts(s);
            free(s);
        }
        json_decref(out);
        json_decref(art);
        analysis_free(a);
    }
    free(line);
    return 0;
}
