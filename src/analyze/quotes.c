/* analyze/quotes.c: direct quotes (straight and curly marks, fragments,
 * quotes over paragraphs) with their speakers, and reported speech
 * ("X said that ...", "according to X"). A speaker is found after the
 * quote (", he said"; ", said Peskov"), before it in the same sentence
 * ("Medinsky described the outcome as"), through a pronoun (the subject
 * of an earlier sentence), a role ("the spokesman") or an unnamed source
 * ("a Ukrainian source" ... "the source said"), or carried over to a
 * quote that opens the next paragraph. */
#include <stdio.h>
#include <string.h>

#include "analyze_int.h"
#include "util/err.h"

static const char *const pronouns[] = { "he", "she", NULL };
/* pronouns that attribute a quote without saying to whom ("it added") */
static const char *const other_pronouns[] = { "it", "they", NULL };
/* words that may stand between a speaker and its verb ("Mr. Daley then said") */
static const char *const between_adverbs[] = { "also", "then", "later", "again", "once",
                                               "has",  "had",  "have",  "first", NULL };
static const char *const determiners[] = { "the", "a", "an", "its", "his", "her", "their", NULL };
/* The heads of anonymous and role speakers ("a source", "the spokesman")
 * and the prepositions that make a name no speaker are word classes
 * (words.c): tested at nearly every token, a list scan each time was a
 * tenth of the pass. */

/* A speaker found for a quote. */
typedef struct who {
    int ent;
    const char *name;
    uint32_t tb, te; /* the words naming it */
} who_t;

typedef struct qstate {
    int prev_subj;      /* person the text is about before this sentence */
    const char *anon;   /* last unnamed source named ("unnamed Ukrainian source") */
    who_t last_speaker; /* of the previous quote */
    uint32_t last_para;
    int has_last;
} qstate_t;

static int root_type(const analysis_t *an, int e)
{
    int r = ent_root(an, e);
    return r >= 0 ? (int)an->ents[r].type : -1;
}

static int mention_ok(const an_doc_t *d, const an_mention_t *m, uint32_t sent_tb)
{
    if (m->is_modifier) {
        return 0;
    }
    if (m->te < d->in->n_toks && d->in->toks[m->te].kind == TK_POSS) {
        return 0; /* "Rubio's statement" */
    }
    /* skip the role words before it, then look for a preposition */
    uint32_t u = m->tb;
    while (u > sent_tb) {
        const an_tok_t *k = &d->in->toks[u - 1];
        if (k->kind == TK_WORD && (k->flags & TF_CAP)) {
            u--;
            continue;
        }
        break;
    }
    return !(u > sent_tb && tok_in(d, u - 1, AW_QUOTE_PREP));
}

/* "a Ukrainian source" at t: its name, and where it ends. */
static const char *anon_at(analysis_t *an, const an_doc_t *d, uint32_t t, uint32_t end,
                           uint32_t *out_te, const qstate_t *st)
{
    int is_def = tok_is(d, t, "the");
    if (!(is_def || tok_is(d, t, "a") || tok_is(d, t, "an") || tok_is(d, t, "one") ||
          tok_is(d, t, "another"))) {
        return NULL;
    }
    for (uint32_t u = t + 1; u < end && u < t + 5; u++) {
        if (tok_in(d, u, AW_ANON_HEAD)) {
            *out_te = u + 1;
            if (is_def) {
                return st->anon ? st->anon : "unnamed source";
            }
            char *mid = tok_span(an->arena, d, t + 1, u);
            size_t ml = mid ? strlen(mid) : 0;
            char *name = arena_alloc(an->arena, ml + 32);
            if (!name) {
                return NULL;
            }
            char head[24];
            tok_lower(d, u, head, sizeof(head));
            size_t hl = strlen(head);
            if (hl > 1 && head[hl - 1] == 's' && strcmp(head, "sources") != 0) {
                head[hl - 1] = '\0'; /* "officials" -> "official" */
            }
            snprintf(name, ml + 32, "unnamed %s%s%s", mid ? mid : "", ml ? " " : "", head);
            return name;
        }
        if (d->in->toks[u].kind != TK_WORD || tok_in(d, u, AW_QUOTE_PREP)) {
            break;
        }
    }
    return NULL;
}

/* "the spokesman", "the Kremlin spokesman": the person holding that role. */
static int role_at(const analysis_t *an, uint32_t di, uint32_t t, uint32_t end, uint32_t *out_te)
{
    const an_doc_t *d = &an->docs[di];
    if (!tok_is(d, t, "the")) {
        return -1;
    }
    for (uint32_t u = t + 1; u < end && u < t + 4; u++) {
        if (tok_in(d, u, AW_ROLE_HEAD)) {
            if (u + 1 < end && (d->in->toks[u + 1].flags & TF_CAP)) {
                return -1; /* a name follows: handled as a mention */
            }
            char head[32];
            tok_lower(d, u, head, sizeof(head));
            int is_spokes = strncmp(head, "spokes", 6) == 0;
            int best = -1;
            size_t best_n = 0;
            for (size_t e = 0; e < an->n_ents; e++) {
                const an_entity_t *en = &an->ents[e];
                if (en->merged_into >= 0 || en->type != AN_ENT_PERSON) {
                    continue;
                }
                for (size_t k = 0; k < en->n_roles; k++) {
                    const char *r = en->roles[k].text;
                    int hit = is_spokes
                                  ? (strstr(r, "spokes") != NULL || strstr(r, "Spokes") != NULL)
                                  : (strstr(r, head) != NULL);
                    if (hit && en->n_mentions > best_n) {
                        best = (int)e;
                        best_n = en->n_mentions;
                    }
                }
            }
            *out_te = u + 1;
            return best;
        }
        if (d->in->toks[u].kind != TK_WORD) {
            break;
        }
    }
    return -1;
}

/* Who is named at token t (a mention, a pronoun, a role or an unnamed
 * source)? Fills w and returns 1, or returns 0. */
static int who_at(analysis_t *an, uint32_t di, uint32_t t, uint32_t end, const qstate_t *st,
                  int prev_subj, who_t *w)
{
    const an_doc_t *d = &an->docs[di];
    const an_mention_t *m = ent_mention_at(an, di, t);
    if (m && !m->is_modifier) {
        w->ent = ent_root(an, m->ent);
        w->name = an->ents[w->ent].name;
        w->tb = m->tb;
        w->te = m->te;
        return 1;
    }
    if (tok_is_any(d, t, pronouns)) {
        /* with no one to refer to, "he" still attributes the quote: its
         * speaker is unknown (name ""), its evidence is the pronoun */
        w->ent = prev_subj;
        w->name = prev_subj >= 0 ? an->ents[prev_subj].name : "";
        w->tb = t;
        w->te = t + 1;
        return 1;
    }
    uint32_t te = t;
    int r = role_at(an, di, t, end, &te);
    if (r >= 0) {
        w->ent = r;
        w->name = an->ents[r].name;
        w->tb = t;
        w->te = te;
        return 1;
    }
    const char *anon = anon_at(an, d, t, end, &te, st);
    if (anon) {
        w->ent = -1;
        w->name = anon;
        w->tb = t;
        w->te = te;
        return 1;
    }
    return 0;
}

static int is_verb_tok(const an_doc_t *d, uint32_t t)
{
    return d->in->toks[t].kind == TK_WORD && tok_in(d, t, AW_SPEECH);
}

/* A speaker named by a common noun or a bare pronoun, which who_at()
 * leaves alone: "the board", "the group", "it", "they", exactly filling
 * tokens [t, end) (end - t <= 4). Its name is the words themselves; a
 * pronoun names no one (name ""), but still attributes the quote. */
static int plain_speaker_at(analysis_t *an, uint32_t di, uint32_t t, uint32_t end, who_t *w)
{
    const an_doc_t *d = &an->docs[di];
    if (t >= end || end - t > 4) {
        return 0;
    }
    if (end - t == 1 && tok_is_any(d, t, other_pronouns)) {
        *w = (who_t){ -1, "", t, end };
        return 1;
    }
    if (end - t < 2 || !tok_is_any(d, t, determiners)) {
        return 0;
    }
    for (uint32_t u = t + 1; u < end; u++) {
        if (d->in->toks[u].kind != TK_WORD || tok_in(d, u, AW_STOP) || is_verb_tok(d, u)) {
            return 0; /* "the deal and" */
        }
    }
    if (tok_in(d, end - 1, AW_ANON_HEAD) || tok_in(d, end - 1, AW_ROLE_HEAD)) {
        return 0; /* "a Ukrainian source", "the spokesman": who_at() names them */
    }
    char *name = tok_span(an->arena, d, t, end);
    if (!name) {
        return 0;
    }
    *w = (who_t){ -1, name, t, end };
    return 1;
}

/* How many words from t up to end (at most 4) could be a plain speaker
 * after a verb ("said the editorial board", "said the group, adding"). */
static uint32_t plain_run(const an_doc_t *d, uint32_t t, uint32_t end)
{
    uint32_t u = t;
    while (u < end && u < t + 4 && d->in->toks[u].kind == TK_WORD && !is_verb_tok(d, u) &&
           !(u > t && tok_in(d, u, AW_QUOTE_PREP))) {
        u++;
    }
    return u - t;
}

/* ", he said" / ", Peskov told reporters" / ", said Peskov" after the
 * closing mark c. */
static int find_after(analysis_t *an, uint32_t di, uint32_t c, uint32_t end, uint32_t max_words,
                      const qstate_t *st, int prev_subj, who_t *w)
{
    const an_doc_t *d = &an->docs[di];
    uint32_t t = c + 1;
    while (t < end && d->in->toks[t].kind == TK_PUNCT && !tok_is(d, t, ".")) {
        t++;
    }
    uint32_t words = 0;
    for (uint32_t v = t; v < end && words < max_words; v++) {
        if (d->in->toks[v].kind == TK_QUOTE || tok_ends_sentence(d, v)) {
            break; /* "Mr. Sanders said" goes on past "Mr." */
        }
        if (d->in->toks[v].kind == TK_WORD) {
            words++;
        }
        if (!is_verb_tok(d, v)) {
            continue;
        }
        char low[32];
        tok_lower(d, v, low, sizeof(low));
        size_t ll = strlen(low);
        if (v == t && ll > 4 && strcmp(low + ll - 3, "ing") == 0) {
            return 0; /* ", saying ...": the sentence's subject speaks */
        }
        /* subject before the verb: the last thing named there */
        int found = 0;
        for (uint32_t u = t; u < v; u++) {
            who_t x;
            if (who_at(an, di, u, v, st, prev_subj, &x)) {
                *w = x;
                found = 1;
                u = x.te - 1;
            }
        }
        if (found || plain_speaker_at(an, di, t, v, w)) {
            return 1; /* "..., the board said" */
        }
        if (v == t || (v == t + 1 && d->in->toks[t].kind == TK_PUNCT)) {
            /* "said Peskov", "said the spokesman" */
            /* "said Democratic Rep. Dina Titus" */
            for (uint32_t u = v + 1; u < end && u < v + 7; u++) {
                if (who_at(an, di, u, end, st, prev_subj, w)) {
                    return 1;
                }
            }
            /* "said the editorial board" */
            return plain_speaker_at(an, di, v + 1, v + 1 + plain_run(d, v + 1, end), w);
        }
        return 0;
    }
    /* "'' Jeb Bush, the former Florida governor and ..., told reporters":
     * a name, a comma, and its verb after a long description */
    who_t x;
    if (t < end && who_at(an, di, t, end, st, prev_subj, &x) && x.ent >= 0 && x.te < end &&
        tok_is(d, x.te, ",")) {
        for (uint32_t v = x.te + 1; v < end && v < x.te + 25; v++) {
            if (d->in->toks[v].kind == TK_QUOTE) {
                break;
            }
            if (is_verb_tok(d, v)) {
                *w = x;
                return 1;
            }
        }
    }
    return 0;
}

/* The subject of the words before token o in sentence s, when a speech
 * verb (outside quotes) comes between them: "Medinsky described ... as". */
static int find_before(analysis_t *an, uint32_t di, const an_sent_t *s, uint32_t o,
                       const qstate_t *st, int prev_subj, who_t *w)
{
    const an_doc_t *d = &an->docs[di];
    /* "Donald Trump: "..."": a name and a colon, no verb */
    if (o >= s->tb + 2 && tok_is(d, o - 1, ":")) {
        const an_mention_t *m = ent_mention_at(an, di, o - 2);
        if (m && !m->is_modifier && m->te == o - 1 && root_type(an, m->ent) == AN_ENT_PERSON &&
            who_at(an, di, m->tb, o - 1, st, prev_subj, w)) {
            return 1;
        }
    }
    long verb = -1;
    for (uint32_t v = s->tb; v < o; v++) {
        if (!(d->in->toks[v].flags & TF_INQ) && is_verb_tok(d, v)) {
            verb = (long)v;
        }
    }
    int according = 0;
    for (uint32_t v = s->tb; v + 1 < o; v++) {
        if (tok_is(d, v, "according") && tok_is(d, v + 1, "to")) {
            for (uint32_t u = v + 2; u < o && u < v + 6; u++) {
                if (who_at(an, di, u, o, st, prev_subj, w)) {
                    according = 1;
                    break;
                }
            }
        }
    }
    if (verb < 0) {
        return according;
    }
    /* ", who urged": the person just before "who" */
    uint32_t v = (uint32_t)verb;
    for (uint32_t u = v; u > s->tb + 1 && u + 3 > v; u--) {
        if (tok_is(d, u - 1, "who") && tok_is(d, u - 2, ",")) {
            for (uint32_t x = u - 2; x > s->tb; x--) {
                const an_mention_t *m = ent_mention_at(an, di, x - 1);
                if (m && !m->is_modifier) {
                    w->ent = ent_root(an, m->ent);
                    w->name = an->ents[w->ent].name;
                    w->tb = m->tb;
                    w->te = m->te;
                    return 1;
                }
            }
        }
    }
    /* the subject right before the verb, maybe past one adverb: "For
     * Mr. Biden it was hard, Mr. Daley said:", "the author then wrote," */
    for (uint32_t end = v; end > s->tb && end + 2 > v; end--) {
        const an_mention_t *m = ent_mention_at(an, di, end - 1);
        if (m && !m->is_modifier && m->te == end && !(d->in->toks[m->tb].flags & TF_INQ) &&
            mention_ok(d, m, s->tb) && who_at(an, di, m->tb, v, st, prev_subj, w)) {
            return 1;
        }
        for (uint32_t b = end > s->tb + 4 ? end - 4 : s->tb; b + 1 < end; b++) {
            if (!(d->in->toks[b].flags & TF_INQ) && plain_speaker_at(an, di, b, end, w)) {
                return 1;
            }
        }
        const an_tok_t *k = &d->in->toks[end - 1];
        if (k->kind != TK_WORD || (k->flags & TF_CAP) ||
            !(tok_is_any(d, end - 1, between_adverbs) ||
              (k->len > 3 && strncmp(tok_ptr(d, end - 1) + k->len - 2, "ly", 2) == 0))) {
            break; /* only an adverb may stand between: "then", "quickly" */
        }
    }
    for (uint32_t u = s->tb; u < v; u++) {
        if (d->in->toks[u].flags & TF_INQ) {
            continue;
        }
        const an_mention_t *m = ent_mention_at(an, di, u);
        if (m && !mention_ok(d, m, s->tb)) {
            u = m->te - 1;
            continue;
        }
        if (u > s->tb && tok_in(d, u - 1, AW_QUOTE_PREP) && !tok_is_any(d, u, pronouns)) {
            continue;
        }
        if (who_at(an, di, u, v, st, prev_subj, w)) {
            return 1;
        }
    }
    return according;
}

/* The person a sentence is about: its first person named as a subject,
 * or the current one when it opens with "he"/"she". */
static int sentence_subject(analysis_t *an, uint32_t di, const an_sent_t *s, int prev_subj)
{
    const an_doc_t *d = &an->docs[di];
    for (uint32_t u = s->tb; u < s->te; u++) {
        if (d->in->toks[u].flags & TF_INQ) {
            continue;
        }
        if (tok_is_any(d, u, pronouns)) {
            return prev_subj;
        }
        const an_mention_t *m = ent_mention_at(an, di, u);
        if (!m) {
            continue;
        }
        if (mention_ok(d, m, s->tb) && root_type(an, m->ent) == AN_ENT_PERSON) {
            return ent_root(an, m->ent);
        }
        u = m->te - 1;
    }
    return prev_subj;
}

static int add_quote(analysis_t *an, size_t *cap, uint32_t di, const an_qspan_t *q, const who_t *w,
                     int has_w, const char *how)
{
    const an_doc_t *d = &an->docs[di];
    const an_tok_t *o = &d->in->toks[q->open_tok];
    const an_tok_t *c = &d->in->toks[q->close_tok];
    uint32_t b = o->off + o->len, e = c->off;
    while (b < e && (d->in->all[b] == ' ' || d->in->all[b] == '\n')) {
        b++;
    }
    while (e > b && (d->in->all[e - 1] == ' ' || d->in->all[e - 1] == '\n')) {
        e--;
    }
    if (e <= b) {
        return 0;
    }
    an_quote_t *x = an_push(an->arena, &an->quotes, &an->n_quotes, cap, sizeof(an_quote_t));
    if (!x) {
        return SIFT_ENOMEM;
    }
    x->doc = di;
    x->off = b;
    x->len = e - b;
    x->is_curly = q->is_curly;
    uint32_t first = q->open_tok + 1;
    /* A fragment is quoted inside the writer's own sentence ("called the
     * talks "satisfactory""). A whole quote opens its sentence or
     * paragraph and starts with a capital, or follows a cue: its comma or
     * colon ("Peskov said: "A meeting ..."", also the lower-case rest of
     * a quote a cue split: ""A," he said, "and b"") or a speech verb
     * itself before a capital ("she said "Ultimately ..."). */
    const an_tok_t *open = &d->in->toks[q->open_tok];
    uint32_t cap_tok = first;
    while (cap_tok < q->close_tok && d->in->toks[cap_tok].kind == TK_PUNCT) {
        cap_tok++; /* "[Americans are] worried" */
    }
    int is_cap = cap_tok < q->close_tok && (d->in->toks[cap_tok].flags & TF_CAP);
    int at_start = (open->flags & (TF_SENT | TF_PARA)) ||
                   (first < q->close_tok && (d->in->toks[first].flags & (TF_SENT | TF_PARA)));
    int after_mark = 0, after_verb = 0;
    if (q->open_tok > 0) {
        uint32_t p = q->open_tok - 1;
        const char *pp = tok_ptr(d, p);
        after_mark = d->in->toks[p].kind == TK_PUNCT && d->in->toks[p].len == 1 &&
                     (pp[0] == ',' || pp[0] == ':');
        after_verb = is_verb_tok(d, p);
    }
    x->is_fragment = !(after_mark || ((at_start || after_verb) && is_cap));
    x->is_multi_para = 0;
    for (uint32_t t = q->open_tok + 1; t <= q->close_tok; t++) {
        if (d->in->toks[t].flags & TF_PARA) {
            x->is_multi_para = 1;
        }
    }
    x->ent = has_w ? w->ent : -1;
    x->speaker = has_w ? w->name : "";
    x->how = how;
    x->evidence = has_w ? tok_span(an->arena, d, w->tb, w->te) : "";
    x->src_off = has_w ? d->in->toks[w->tb].off : 0;
    x->src_len = has_w ? d->in->toks[w->te - 1].off + d->in->toks[w->te - 1].len - x->src_off : 0;
    return x->evidence ? 0 : SIFT_ENOMEM;
}

static int reported_speech(analysis_t *an, size_t *cap, uint32_t di, const an_sent_t *s,
                           const qstate_t *st, int prev_subj)
{
    const an_doc_t *d = &an->docs[di];
    for (uint32_t v = s->tb; v < s->te; v++) {
        if (d->in->toks[v].flags & TF_INQ) {
            return 0;
        }
    }
    for (uint32_t v = s->tb + 1; v + 1 < s->te; v++) {
        int is_acc = tok_is(d, v, "according") && tok_is(d, v + 1, "to");
        int is_that = is_verb_tok(d, v) && tok_is(d, v + 1, "that");
        if (!is_acc && !is_that) {
            continue;
        }
        who_t w;
        int ok = 0;
        if (is_acc) {
            for (uint32_t u = v + 2; u < s->te && u < v + 6 && !ok; u++) {
                ok = who_at(an, di, u, s->te, st, prev_subj, &w);
            }
        } else {
            for (uint32_t u = s->tb; u < v && !ok; u++) {
                const an_mention_t *m = ent_mention_at(an, di, u);
                if (m && !mention_ok(d, m, s->tb)) {
                    u = m->te - 1;
                    continue;
                }
                ok = who_at(an, di, u, v, st, prev_subj, &w);
            }
        }
        if (!ok || !w.name[0]) {
            continue; /* reported speech of an unknown "he" says nothing */
        }
        an_speech_t *x = an_push(an->arena, &an->speech, &an->n_speech, cap, sizeof(an_speech_t));
        if (!x) {
            return SIFT_ENOMEM;
        }
        x->doc = di;
        x->ent = w.ent;
        x->speaker = w.name;
        x->cue = is_acc ? "according to" : "said that";
        x->content =
            is_acc ? tok_span(an->arena, d, s->tb, s->te) : tok_span(an->arena, d, v + 2, s->te);
        return x->content ? 0 : SIFT_ENOMEM;
    }
    return 0;
}

static int quotes_doc(analysis_t *an, uint32_t di, size_t *qcap, size_t *scap)
{
    const an_doc_t *d = &an->docs[di];
    qstate_t st;
    memset(&st, 0, sizeof(st));
    st.prev_subj = -1;
    size_t qi = 0;
    for (size_t si = 0; si < d->in->n_sents; si++) {
        an_sent_t *s = &d->in->sents[si];
        if (s->tb >= d->in->clutter_tok) {
            break;
        }
        int prev = st.prev_subj;
        for (uint32_t u = s->tb; u < s->te; u++) {
            uint32_t te;
            const char *a = anon_at(an, d, u, s->te, &te, &st);
            if (a && !tok_is(d, u, "the")) {
                st.anon = a;
            }
        }
        while (qi < d->in->n_qs && d->in->qs[qi].open_tok < s->te) {
            const an_qspan_t *q = &d->in->qs[qi++];
            uint32_t cs = tok_sent_of(d, q->close_tok);
            const an_sent_t *se = &d->in->sents[cs];
            who_t w;
            const char *how = NULL;
            if (find_after(an, di, q->close_tok, se->te, 8, &st, prev, &w) ||
                /* "“... immigrant.” Cruz said.": the mark ended a sentence,
                 * the next one opens with the speaker and verb */
                (cs + 1 < d->in->n_sents && d->in->sents[cs + 1].tb == q->close_tok + 1 &&
                 !(d->in->toks[q->close_tok + 1].flags & TF_PARA) &&
                 find_after(an, di, q->close_tok, d->in->sents[cs + 1].te, 4, &st, prev, &w))) {
                how = "after";
            } else if (find_before(an, di, s, q->open_tok, &st, prev, &w)) {
                how = "before";
            } else if (st.has_last && (d->in->toks[q->open_tok].flags & (TF_PARA | TF_SENT)) &&
                       st.last_para + 1 >= s->para) {
                w = st.last_speaker;
                how = "continued";
            }
            int rc = add_quote(an, qcap, di, q, &w, how != NULL, how ? how : "");
            if (rc) {
                return rc;
            }
            if (how) {
                st.last_speaker = w;
                st.has_last = 1;
                st.last_para = se->para;
            }
        }
        int rc = reported_speech(an, scap, di, s, &st, prev);
        if (rc) {
            return rc;
        }
        s->subj = sentence_subject(an, di, s, prev);
        st.prev_subj = s->subj;
    }
    return 0;
}

int quotes_find(analysis_t *an, sift_err_t *err)
{
    size_t qcap = 0, scap = 0;
    for (uint32_t di = 0; di < an->n_docs; di++) {
        if (quotes_doc(an, di, &qcap, &scap)) {
            return err_oom(err);
        }
    }
    return 0;
}
