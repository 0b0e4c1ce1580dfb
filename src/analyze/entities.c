/* analyze/entities.c: people, organisations and places found by
 * capitalisation, titles and context words, then merged across reports:
 * transliterations by consonant skeleton and edit distance (Zelensky /
 * Zelenskyy, Kyiv / Kiev), acronyms by initials (US / United States), and
 * surnames to the full name ("Peskov" -> "Dmitry Peskov"). Roles such as
 * "Kremlin spokesperson" are kept per entity. No name lists: only words of
 * English grammar and of job titles. */
#include <ctype.h>
#include <string.h>

#include "analyze_int.h"
#include "gaz.h"
#include "util/err.h"

#define MAX_RUN 24

static int is_cap_word(const an_doc_t *d, uint32_t t)
{
    const an_tok_t *k = &d->in->toks[t];
    if (k->kind != TK_WORD || !(k->flags & TF_CAP)) {
        return 0;
    }
    if (k->len == 1 && (tok_is(d, t, "i") || tok_is(d, t, "a"))) {
        return 0;
    }
    if (tok_weekday(d, t) >= 0) {
        return 0;
    }
    if (tok_month(d, t)) {
        /* "May 16", "in January": a date, not a name */
        int num_next = t + 1 < d->in->n_toks && d->in->toks[t + 1].kind == TK_NUM;
        int num_prev = t > 0 && d->in->toks[t - 1].kind == TK_NUM;
        static const char *const dp[] = { "in",   "since", "of", "early", "late", "last",
                                          "next", "until", "by", "mid",   "this", NULL };
        if (num_next || num_prev || (t > 0 && tok_is_any(d, t - 1, dp)) || k->len != 3) {
            return 0;
        }
    }
    return 1;
}

static an_ent_type_t vote_type(const an_ent_info_t *f);

static int is_title_word(const an_doc_t *d, uint32_t t)
{
    return tok_in(d, t, AW_TITLE);
}

static int is_paren(const an_doc_t *d, uint32_t t)
{
    return tok_is(d, t, "(") || tok_is(d, t, ")");
}

/* Does token t start a sentence or a quoted or bracketed stretch, where
 * any word is capitalised? */
static int is_initial(const an_doc_t *d, uint32_t t)
{
    const an_tok_t *k = &d->in->toks[t];
    if (k->flags & (TF_SENT | TF_PARA)) {
        return 1;
    }
    if (t == 0) {
        return 1;
    }
    const an_tok_t *p = &d->in->toks[t - 1];
    if (p->kind == TK_QUOTE) {
        return 1;
    }
    return p->kind == TK_PUNCT &&
           (tok_is(d, t - 1, ":") || tok_is(d, t - 1, "(") || tok_is(d, t - 1, "[") ||
            tok_is(d, t - 1, "*") || tok_is(d, t - 1, "'") || tok_is(d, t - 1, "\xE2\x80\x98") ||
            tok_is(d, t - 1, "\xE2\x80\x94"));
}

/* A headline in title case: most words capitalised. Names there are
 * only taken when the story names them elsewhere. */
static int is_title_case(const an_doc_t *d, uint32_t tb, uint32_t te)
{
    int words = 0;
    for (uint32_t t = tb; t < te; t++) {
        const an_tok_t *k = &d->in->toks[t];
        if (k->kind == TK_WORD && k->len >= 4) {
            if (!(k->flags & TF_CAP)) {
                return 0;
            }
            words++;
        }
    }
    /* a headline has no full stop at its end */
    const char *last = tok_ptr(d, te - 1);
    return words >= 3 && *last != '.' && *last != '!' && *last != '?';
}

/* Lower-case vocabulary and mid-sentence capitalised words of the story,
 * to tell "Interfax" (never lower case) from "Initially". */
typedef struct vocab {
    an_set64_t lower;  /* words seen in lower case (tok_lhash) */
    an_set64_t midcap; /* words seen capitalised inside a sentence */
    an_map_t singles;  /* folded single-word runs seen alone */
} vocab_t;

static int vocab_build(analysis_t *an, vocab_t *v)
{
    arena_t *ar = an->arena;
    for (size_t di = 0; di < an->n_docs; di++) {
        const an_doc_t *d = &an->docs[di];
        for (uint32_t t = 0; t < d->in->n_toks; t++) {
            const an_tok_t *k = &d->in->toks[t];
            if (k->kind != TK_WORD) {
                continue;
            }
            an_set64_t *m =
                !(k->flags & TF_CAP) ? &v->lower : (!is_initial(d, t) ? &v->midcap : NULL);
            if (m && set64_add(ar, m, tok_lhash(d, t))) {
                return SIFT_ENOMEM;
            }
        }
    }
    return 0;
}

/* Keep a sentence-initial word as a name? */
static int initial_is_name(const an_doc_t *d, uint32_t t, const vocab_t *v)
{
    char low[64];
    tok_lower(d, t, low, sizeof(low));
    size_t n = strlen(low);
    if (tok_in(d, t, AW_STOP)) {
        return 0;
    }
    if (d->in->toks[t].flags & TF_ALLCAPS) {
        return 1;
    }
    if (set64_has(&v->midcap, tok_lhash(d, t))) {
        return 1;
    }
    if (set64_has(&v->lower, tok_lhash(d, t))) {
        return 0;
    }
    if (n > 3 && (strcmp(low + n - 2, "ly") == 0 || strcmp(low + n - 3, "ing") == 0 ||
                  strcmp(low + n - 2, "ed") == 0)) {
        return 0;
    }
    return 1;
}

static int ent_new(analysis_t *an, const char *key, const char *name, int n_words)
{
    an_int_t *in = an->in;
    size_t n = an->n_ents, cap = in->cap_ents;
    an_entity_t *e = an_push(an->arena, &an->ents, &an->n_ents, &in->cap_ents, sizeof(an_entity_t));
    if (!e) {
        return -1;
    }
    an_ent_info_t *info = an_push(an->arena, &in->einfo, &n, &cap, sizeof(an_ent_info_t));
    if (!info) {
        return -1;
    }
    e->name = name;
    e->merged_into = -1;
    info->key = key;
    info->skel = an_skeleton(an->arena, key);
    const char *sp = strrchr(key, ' ');
    info->last = sp ? sp + 1 : key;
    info->n_words = n_words;
    if (!info->skel || map_put(an->arena, &in->ent_by_key, key, (int)(an->n_ents - 1))) {
        return -1;
    }
    return (int)(an->n_ents - 1);
}

/* Add a mention of tokens idx[0..n) (their text from the first to the
 * last) as an entity of type. Returns the entity or -1 on ENOMEM. */
static int add_mention(analysis_t *an, uint32_t di, const uint32_t *idx, size_t n, int type,
                       int is_modifier)
{
    const an_doc_t *d = &an->docs[di];
    char *surface = tok_span(an->arena, d, idx[0], idx[n - 1] + 1);
    if (!surface) {
        return -1;
    }
    /* the editor's brackets inside a name: "(Volodymyr) Zelenskyy" */
    char *w = surface;
    for (char *p = surface; *p; p++) {
        if (*p != '(' && *p != ')') {
            *w++ = *p;
        }
    }
    *w = '\0';
    char *key = an_fold(an->arena, surface, strlen(surface));
    if (!key) {
        return -1;
    }
    if (!*key) {
        return -2;
    }
    int e = map_get(&an->in->ent_by_key, key);
    if (e < 0) {
        e = ent_new(an, key, surface, (int)n);
        if (e < 0) {
            return -1;
        }
    }
    an_mention_t *m = an_push(an->arena, &an->in->ments, &an->in->n_ments, &an->in->cap_ments,
                              sizeof(an_mention_t));
    if (!m) {
        return -1;
    }
    m->doc = di;
    m->tb = idx[0];
    m->te = idx[n - 1] + 1;
    m->ent = e;
    m->type = (uint8_t)type;
    m->is_modifier = (uint8_t)is_modifier;
    an->in->einfo[e].votes[type]++;
    an->ents[e].n_mentions++;
    return e;
}

static int add_role(analysis_t *an, int e, uint32_t di, uint32_t tb, uint32_t te)
{
    if (e < 0 || te <= tb) {
        return 0;
    }
    const an_doc_t *d = &an->docs[di];
    /* drop a leading article and trailing commas */
    while (tb < te &&
           (tok_is(d, tb, "the") || tok_is(d, tb, "a") || tok_is(d, tb, "an") || is_paren(d, tb))) {
        tb++;
    }
    if (tb >= te) {
        return 0;
    }
    char *role = tok_span(an->arena, d, tb, te);
    if (!role) {
        return SIFT_ENOMEM;
    }
    /* the editor's brackets: "(Ukrainian) President" -> "Ukrainian President" */
    char *w = role;
    for (char *p = role; *p; p++) {
        if (*p != '(' && *p != ')') {
            *w++ = *p;
        }
    }
    *w = '\0';
    an_entity_t *ent = &an->ents[e];
    size_t cap = ent->n_roles;
    return tagged_add(an->arena, &ent->roles, &ent->n_roles, &cap, role, di);
}

/* Start of a role phrase ending just before token t: lower-case role
 * words and modifiers, capitalised words and possessives ("Russia's chief
 * negotiator", "Kremlin spokesperson", "former"). t itself if none. */
static uint32_t role_before(const an_doc_t *d, uint32_t t, uint32_t sent_tb, int need_noun)
{
    uint32_t u = t;
    int has_noun = !need_noun;
    while (u > sent_tb) {
        uint32_t p = u - 1;
        const an_tok_t *k = &d->in->toks[p];
        if (k->kind == TK_WORD && !(k->flags & TF_CAP)) {
            if (tok_in(d, p, AW_ROLE)) {
                has_noun = 1;
            } else if (!tok_in(d, p, AW_ROLE_MOD)) {
                break;
            }
        } else if (k->kind == TK_WORD && (k->flags & TF_CAP)) {
            if (!has_noun && !is_title_word(d, p)) {
                break;
            }
        } else if (k->kind != TK_POSS && !is_paren(d, p)) {
            break;
        }
        u = p;
    }
    if (!has_noun) {
        return t;
    }
    while (u < t && (tok_is(d, u, "the") || d->in->toks[u].kind == TK_POSS)) {
        u++;
    }
    return u;
}

typedef struct runbuf {
    uint32_t idx[MAX_RUN];
    size_t n;
} runbuf_t;

/* Is the run, as a whole, a name the place gazetteer knows? */
static int run_in_gazetteer(const an_doc_t *d, const uint32_t *idx, size_t n)
{
    char key[80] = "";
    size_t k = 0;
    for (size_t i = 0; i < n; i++) {
        size_t got =
            gaz_fold(key + k, sizeof(key) - k, tok_ptr(d, idx[i]), d->in->toks[idx[i]].len);
        if (got == SIZE_MAX) {
            return 0; /* too long for any place name */
        }
        k += got;
    }
    return gaz_is_place(key, k);
}

static int guess_type(const analysis_t *an, const an_doc_t *d, const uint32_t *idx, size_t n,
                      uint32_t sent_tb)
{
    (void)an;
    for (size_t i = 0; i < n; i++) {
        if (tok_in(d, idx[i], AW_ORG)) {
            return AN_ENT_ORG;
        }
    }
    uint32_t last = idx[n - 1];
    if (tok_in(d, last, AW_PLACE_TAIL) || run_in_gazetteer(d, idx, n)) {
        return AN_ENT_PLACE;
    }
    if (n == 1 && (d->in->toks[idx[0]].flags & TF_ALLCAPS)) {
        return AN_ENT_ORG;
    }
    if (n == 1 && memchr(tok_ptr(d, idx[0]), '.', d->in->toks[idx[0]].len)) {
        return AN_ENT_ORG;
    }
    uint32_t first = idx[0];
    int after_prep = first > sent_tb && tok_in(d, first - 1, AW_PLACE_PREP) &&
                     !(first > sent_tb + 1 && tok_is(d, first - 2, "according"));
    int after_the = first > sent_tb && tok_is(d, first - 1, "the");
    if (after_prep) {
        return n <= 2 ? AN_ENT_PLACE : AN_ENT_OTHER;
    }
    if (n >= 2 && n <= 4 && !after_the && !tok_is(d, first, "the")) {
        return AN_ENT_PERSON;
    }
    if (after_the && n >= 2) {
        return AN_ENT_PLACE;
    }
    return AN_ENT_OTHER;
}

/* Make mentions of one capitalised run. */
static int take_run(analysis_t *an, uint32_t di, runbuf_t *r, const vocab_t *v, uint32_t sent_tb,
                    uint32_t sent_te)
{
    const an_doc_t *d = &an->docs[di];
    uint32_t *idx = r->idx;
    size_t n = r->n;
    /* leading sentence-initial function words and adverbs */
    while (n > 0 && is_initial(d, idx[0])) {
        if (tok_is(d, idx[0], "the")) {
            idx++;
            n--;
            continue;
        }
        if (!initial_is_name(d, idx[0], v)) {
            if (n == 1) {
                return 0;
            }
            idx++;
            n--;
            continue;
        }
        break;
    }
    while (n > 0) {
        if (tok_in(d, idx[0], AW_STOP) &&
            !(tok_is(d, idx[0], "the") && idx[0] != sent_tb && n >= 2)) {
            idx++;
            n--;
            continue;
        }
        break;
    }
    while (n > 0 && (tok_in(d, idx[n - 1], AW_CONNECTOR) || tok_is(d, idx[n - 1], "the") ||
                     tok_in(d, idx[n - 1], AW_CREDIT))) {
        n--;
    }
    if (n == 0) {
        return 0;
    }
    /* job title inside the run: the name follows the last one */
    size_t h = n;
    for (size_t i = 0; i < n; i++) {
        if (is_title_word(d, idx[i])) {
            h = i;
        }
    }
    if (h < n) {
        size_t nb = h + 1; /* name begins */
        size_t last_conn = n;
        for (size_t i = nb; i < n; i++) {
            if (tok_in(d, idx[i], AW_CONNECTOR) || tok_is(d, idx[i], "the")) {
                last_conn = i;
            }
        }
        if (last_conn < n) {
            size_t after = n - last_conn - 1;
            if (after >= 3) {
                nb = n - 2;
            } else {
                /* "Envoy for Ukraine": a role, then a name of its own */
                runbuf_t tail = { { 0 }, 0 };
                for (size_t i = last_conn + 1; i < n; i++) {
                    tail.idx[tail.n++] = idx[i];
                }
                nb = n;
                int rc = tail.n ? take_run(an, di, &tail, v, sent_tb, sent_te) : 0;
                if (rc) {
                    return rc;
                }
            }
        }
        /* an organisation or an acronym place inside the role part */
        size_t ob = 0;
        while (ob < h && (is_title_word(d, idx[ob]) || tok_is(d, idx[ob], "deputy") ||
                          tok_is(d, idx[ob], "vice"))) {
            ob++;
        }
        for (size_t i = ob; i < h; i++) {
            if (tok_in(d, idx[i], AW_ORG) && i >= ob) {
                if (add_mention(an, di, idx + ob, i - ob + 1, AN_ENT_ORG, 1) == -1) {
                    return SIFT_ENOMEM;
                }
                break;
            }
        }
        if (h > 0 && (d->in->toks[idx[0]].flags & TF_ALLCAPS)) {
            if (add_mention(an, di, idx, 1, AN_ENT_PLACE, 1) == -1) {
                return SIFT_ENOMEM;
            }
        }
        if (nb >= n) {
            return 0; /* a role with no name */
        }
        int e = add_mention(an, di, idx + nb, n - nb, AN_ENT_PERSON, 0);
        if (e == -1) {
            return SIFT_ENOMEM;
        }
        uint32_t rb = role_before(d, idx[0], sent_tb, 0);
        return add_role(an, e, di, rb, idx[nb - 1] + 1);
    }
    /* a known single word at the head of a longer run: "Russia Keith Kellogg" */
    if (n >= 3 && guess_type(an, d, idx, n, sent_tb) != AN_ENT_ORG) {
        char *k = an_fold(an->arena, tok_ptr(d, idx[0]), d->in->toks[idx[0]].len);
        if (!k) {
            return SIFT_ENOMEM;
        }
        if (map_get(&v->singles, k) >= 0) {
            if (add_mention(an, di, idx, 1, AN_ENT_PLACE, 0) == -1) {
                return SIFT_ENOMEM;
            }
            idx++;
            n--;
        }
    }
    /* "Kursk region", "Ciragan palace" */
    uint32_t after = idx[n - 1] + 1;
    int extra = 0;
    if (after < sent_te && tok_in(d, after, AW_PLACE_TAIL) &&
        !(d->in->toks[after].flags & TF_CAP)) {
        extra = 1;
    }
    uint32_t ids[MAX_RUN + 1];
    memcpy(ids, idx, n * sizeof(uint32_t));
    if (extra) {
        ids[n] = after;
    }
    int type = guess_type(an, d, ids, n + (size_t)extra, sent_tb);
    /* a role noun next: "Kremlin spokesperson Dmitry Peskov" */
    int is_mod =
        after < sent_te && !(d->in->toks[after].flags & TF_CAP) && tok_in(d, after, AW_ROLE);
    int e = add_mention(an, di, ids, n + (size_t)extra, type, is_mod);
    if (e == -1) {
        return SIFT_ENOMEM;
    }
    if (e >= 0 && type == AN_ENT_PERSON) {
        uint32_t rb = role_before(d, idx[0], sent_tb, 1);
        int rc = add_role(an, e, di, rb, idx[0]);
        if (rc) {
            return rc;
        }
        /* apposition: "Vladimir Medinsky, Russia's chief negotiator," */
        uint32_t u = after;
        if (u < sent_te && tok_is(d, u, ",")) {
            uint32_t s = u + 1, w = s;
            int noun = 0;
            while (w < sent_te && w < s + 6) {
                const an_tok_t *k = &d->in->toks[w];
                if (k->kind == TK_WORD && tok_in(d, w, AW_ROLE)) {
                    noun = 1;
                } else if (!(k->kind == TK_POSS ||
                             (k->kind == TK_WORD &&
                              ((k->flags & TF_CAP) || tok_in(d, w, AW_ROLE_MOD))))) {
                    break;
                }
                w++;
            }
            if (noun && w > s && (w >= sent_te || tok_is(d, w, ",") || tok_is(d, w, "."))) {
                rc = add_role(an, e, di, s, w);
            }
        }
        return rc;
    }
    return 0;
}

/* In a headline, take only words the story names elsewhere, one at a
 * time. */
static int known_only(analysis_t *an, uint32_t di, uint32_t tb, uint32_t te)
{
    const an_doc_t *d = &an->docs[di];
    for (uint32_t t = tb; t < te; t++) {
        if (!is_cap_word(d, t)) {
            continue;
        }
        char *k = an_fold(an->arena, tok_ptr(d, t), d->in->toks[t].len);
        if (!k) {
            return SIFT_ENOMEM;
        }
        int e = map_get(&an->in->ent_by_key, k);
        if (e >= 0 && add_mention(an, di, &t, 1, vote_type(&an->in->einfo[e]), 0) == -1) {
            return SIFT_ENOMEM;
        }
    }
    return 0;
}

/* Walk one sentence, cutting capitalised runs. When singles is not NULL,
 * only collect single-word runs (the first pass). */
static int scan_sentence(analysis_t *an, uint32_t di, const an_sent_t *s, vocab_t *v,
                         int is_first_pass)
{
    const an_doc_t *d = &an->docs[di];
    runbuf_t r;
    r.n = 0;
    int is_tc = is_title_case(d, s->tb, s->te);
    if (is_tc != (is_first_pass == 2)) {
        if (is_first_pass != 2) {
            return 0;
        }
        /* headline-like link texts inside a sentence: "[Rustem Umerov: The
         * Defense Minister Leading Kyiv's Delegation](#)" */
        for (uint32_t t = s->tb; t < s->te; t++) {
            if (!tok_is(d, t, "[")) {
                continue;
            }
            uint32_t e = t + 1;
            while (e < s->te && !tok_is(d, e, "]")) {
                e++;
            }
            if (e < s->te && is_title_case(d, t + 1, e)) {
                int rc = known_only(an, di, t + 1, e);
                if (rc) {
                    return rc;
                }
            }
            t = e;
        }
        return 0;
    }
    if (is_tc) {
        return known_only(an, di, s->tb, s->te);
    }
    for (uint32_t t = s->tb; t <= s->te; t++) {
        int take = 0;
        if (t < s->te && tok_is(d, t, "[")) {
            uint32_t e = t + 1;
            while (e < s->te && !tok_is(d, e, "]")) {
                e++;
            }
            if (e < s->te && is_title_case(d, t + 1, e)) {
                t = e; /* a headline: names there come in the last pass */
                r.n = 0;
                continue;
            }
        }
        if (t < s->te) {
            const an_tok_t *k = &d->in->toks[t];
            int cap = is_cap_word(d, t);
            /* "Putin-Zelensky": two names, so a hyphen ends the run */
            int joins = cap && !(r.n > 0 && (k->flags & TF_HYPH));
            /* "Committee of the Red Cross": a connector between names */
            int links = r.n > 0 && r.n < MAX_RUN - 2 && t + 1 < s->te &&
                        (tok_in(d, t, AW_CONNECTOR) ||
                         (tok_is(d, t, "the") && tok_in(d, t - 1, AW_CONNECTOR))) &&
                        (is_cap_word(d, t + 1) ||
                         (tok_is(d, t + 1, "the") && t + 2 < s->te && is_cap_word(d, t + 2)));
            /* "(Ukrainian) President (Volodymyr) Zelenskyy": brackets inside a
             * name, which goes on after them; not "Amy Klobuchar (D-Minn.)" */
            int skips = r.n > 0 && is_paren(d, t) && t + 1 < s->te &&
                        (is_cap_word(d, t + 1) ||
                         (is_paren(d, t + 1) && t + 2 < s->te && is_cap_word(d, t + 2)));
            if (skips && tok_is(d, t, "(")) {
                uint32_t u = t + 1;
                while (u < s->te && u < t + 6 && !tok_is(d, u, ")")) {
                    u++;
                }
                skips = u < s->te && tok_is(d, u, ")") && u + 1 < s->te && is_cap_word(d, u + 1);
            }
            if (((joins || links) && r.n < MAX_RUN) || skips) {
                if (!skips) {
                    r.idx[r.n++] = t;
                }
                continue;
            }
            take = 1;
        } else {
            take = 1;
        }
        if (take && r.n > 0) {
            if (is_first_pass == 1) {
                if (r.n == 1 && r.idx[0] != s->tb) {
                    char *k = an_fold(an->arena, tok_ptr(d, r.idx[0]), d->in->toks[r.idx[0]].len);
                    if (!k || map_put(an->arena, &v->singles, k, 1)) {
                        return SIFT_ENOMEM;
                    }
                }
            } else {
                int rc = take_run(an, di, &r, v, s->tb, s->te);
                if (rc) {
                    return rc;
                }
            }
            r.n = 0;
            if (t < s->te && is_cap_word(d, t)) {
                r.idx[r.n++] = t;
            }
        }
    }
    return 0;
}

static int index_mentions(analysis_t *an)
{
    for (size_t di = 0; di < an->n_docs; di++) {
        an_doc_int_t *in = an->docs[di].in;
        in->ment_of = arena_alloc(an->arena, (in->n_toks + 1) * sizeof(int32_t));
        if (!in->ment_of) {
            return SIFT_ENOMEM;
        }
        for (size_t t = 0; t < in->n_toks; t++) {
            in->ment_of[t] = -1;
        }
    }
    for (size_t i = 0; i < an->in->n_ments; i++) {
        const an_mention_t *m = &an->in->ments[i];
        for (uint32_t t = m->tb; t < m->te; t++) {
            an->docs[m->doc].in->ment_of[t] = (int32_t)i;
        }
    }
    return 0;
}

static int total_votes(const an_ent_info_t *f)
{
    return f->votes[0] + f->votes[1] + f->votes[2] + f->votes[3];
}

static void merge(analysis_t *an, int a, int b)
{
    a = ent_root(an, a);
    b = ent_root(an, b);
    if (a == b) {
        return;
    }
    an_ent_info_t *fa = &an->in->einfo[a], *fb = &an->in->einfo[b];
    /* the root keeps the fuller name, then the more used one */
    if (fb->n_words > fa->n_words ||
        (fb->n_words == fa->n_words && total_votes(fb) > total_votes(fa))) {
        int t = a;
        a = b;
        b = t;
        fa = &an->in->einfo[a];
        fb = &an->in->einfo[b];
    }
    for (int i = 0; i < 4; i++) {
        fa->votes[i] += fb->votes[i];
    }
    an->ents[b].merged_into = a;
}

static int initials_match(const char *acr, const char *key)
{
    /* "us" vs "united states"; "uae" vs "united arab emirates" */
    size_t k = 0;
    const char *p = key;
    int words = 0;
    while (*p) {
        while (*p == ' ') {
            p++;
        }
        if (!*p) {
            break;
        }
        const char *w = p;
        while (*p && *p != ' ') {
            p++;
        }
        size_t wl = (size_t)(p - w);
        if ((wl == 2 && strncmp(w, "of", 2) == 0) || (wl == 3 && strncmp(w, "the", 3) == 0) ||
            (wl == 3 && strncmp(w, "for", 3) == 0) || (wl == 3 && strncmp(w, "and", 3) == 0)) {
            continue;
        }
        if (acr[k] != w[0]) {
            return 0;
        }
        k++;
        words++;
    }
    return words >= 2 && acr[k] == '\0';
}

static void merge_all(analysis_t *an)
{
    an_ent_info_t *fi = an->in->einfo;
    size_t n = an->n_ents;
    /* transliterations: same consonant skeleton, close spelling */
    for (size_t i = 0; i < n; i++) {
        for (size_t j = i + 1; j < n; j++) {
            if (strcmp(fi[i].skel, fi[j].skel) != 0 || fi[i].key[0] != fi[j].key[0] ||
                fi[i].n_words != fi[j].n_words) {
                continue;
            }
            size_t li = strlen(fi[i].key), lj = strlen(fi[j].key);
            if (li < 4 || lj < 4 || fi[i].is_acronym || fi[j].is_acronym) {
                continue;
            }
            if (an_edit_distance(fi[i].key, fi[j].key) <= 2) {
                merge(an, (int)i, (int)j);
            }
        }
    }
    /* acronyms */
    for (size_t i = 0; i < n; i++) {
        const char *k = fi[i].key;
        size_t kl = strlen(k);
        if (fi[i].n_words != 1 || kl < 2 || kl > 5 || !fi[i].is_acronym) {
            continue;
        }
        for (size_t j = 0; j < n; j++) {
            if (j != i && fi[j].n_words >= 2 && initials_match(k, fi[j].key)) {
                merge(an, (int)j, (int)i);
                break;
            }
        }
    }
    /* surnames: a single word that ends exactly one person's full name */
    for (size_t i = 0; i < n; i++) {
        if (fi[i].n_words != 1 || fi[i].is_acronym) {
            continue;
        }
        int found = -1, count = 0;
        for (size_t j = 0; j < n; j++) {
            if (j == i || fi[j].n_words < 2 || fi[j].votes[AN_ENT_PERSON] == 0) {
                continue;
            }
            int same = strcmp(fi[j].last, fi[i].key) == 0;
            if (!same && fi[j].last[0] == fi[i].key[0] && strlen(fi[i].key) >= 4) {
                char a[64], b[64];
                size_t k = 0;
                for (const char *p = fi[j].last; *p && k < 63; p++) {
                    if (!strchr("aeiouy", *p) && (k == 0 || a[k - 1] != *p)) {
                        a[k++] = *p;
                    }
                }
                a[k] = '\0';
                k = 0;
                for (const char *p = fi[i].key; *p && k < 63; p++) {
                    if (!strchr("aeiouy", *p) && (k == 0 || b[k - 1] != *p)) {
                        b[k++] = *p;
                    }
                }
                b[k] = '\0';
                same = strcmp(a, b) == 0 && an_edit_distance(fi[j].last, fi[i].key) <= 2;
            }
            if (same && ent_root(an, (int)j) != found) {
                if (found < 0 || ent_root(an, (int)j) != ent_root(an, found)) {
                    count++;
                }
                found = ent_root(an, (int)j);
            }
        }
        if (count == 1) {
            merge(an, found, (int)i);
        }
    }
}

static an_ent_type_t vote_type(const an_ent_info_t *f)
{
    if (f->votes[AN_ENT_PERSON] > 0 &&
        f->votes[AN_ENT_PERSON] * 3 >= f->votes[AN_ENT_ORG] + f->votes[AN_ENT_PLACE]) {
        return AN_ENT_PERSON;
    }
    int best = AN_ENT_OTHER;
    for (int i = 1; i < 4; i++) {
        if (f->votes[i] > f->votes[best]) {
            best = i;
        }
    }
    return (an_ent_type_t)best;
}

/* Forms per root entity, and the canonical name: the fullest form, then
 * the one most reports use. */
static int collect_forms(analysis_t *an)
{
    for (size_t i = 0; i < an->in->n_ments; i++) {
        const an_mention_t *m = &an->in->ments[i];
        int r = ent_root(an, m->ent);
        an_entity_t *e = &an->ents[r];
        char *surface = tok_span(an->arena, &an->docs[m->doc], m->tb, m->te);
        if (!surface) {
            return SIFT_ENOMEM;
        }
        char *w = surface;
        for (char *p = surface; *p; p++) {
            if (*p != '(' && *p != ')') {
                *w++ = *p;
            }
        }
        *w = '\0';
        size_t cap = e->n_forms;
        if (tagged_add(an->arena, &e->forms, &e->n_forms, &cap, surface, m->doc)) {
            return SIFT_ENOMEM;
        }
        if (r != m->ent) {
            an->ents[r].n_mentions++;
        }
    }
    for (size_t i = 0; i < an->n_ents; i++) {
        an_entity_t *e = &an->ents[i];
        if (e->merged_into >= 0) {
            /* roles of merged entities go to the root */
            int r = ent_root(an, (int)i);
            for (size_t k = 0; k < e->n_roles; k++) {
                for (size_t j = 0; j < e->roles[k].n_docs; j++) {
                    size_t cap = an->ents[r].n_roles;
                    if (tagged_add(an->arena, &an->ents[r].roles, &an->ents[r].n_roles, &cap,
                                   e->roles[k].text, e->roles[k].docs[j])) {
                        return SIFT_ENOMEM;
                    }
                }
            }
            continue;
        }
        e->type = vote_type(&an->in->einfo[i]);
    }
    for (size_t i = 0; i < an->n_ents; i++) {
        an_entity_t *e = &an->ents[i];
        if (e->merged_into >= 0) {
            continue;
        }
        size_t best = 0;
        int best_words = -1;
        for (size_t k = 0; k < e->n_forms; k++) {
            const char *t = e->forms[k].text;
            if (strchr(t, '(')) {
                continue;
            }
            int words = 1;
            for (const char *p = t; *p; p++) {
                words += *p == ' ';
            }
            if (words > best_words ||
                (words == best_words && e->forms[k].n_docs > e->forms[best].n_docs)) {
                best = k;
                best_words = words;
            }
        }
        if (e->n_forms) {
            e->name = e->forms[best].text;
        }
    }
    return 0;
}

int entities_find(analysis_t *an, sift_err_t *err)
{
    vocab_t v;
    memset(&v, 0, sizeof(v));
    int rc = vocab_build(an, &v);
    /* 1: single words seen alone; 0: every sentence; 2: headlines */
    static const int passes[] = { 1, 0, 2 };
    for (int p = 0; p < 3 && !rc; p++) {
        for (uint32_t di = 0; di < an->n_docs && !rc; di++) {
            const an_doc_t *d = &an->docs[di];
            for (size_t s = 0; s < d->in->n_sents && !rc; s++) {
                rc = scan_sentence(an, di, &d->in->sents[s], &v, passes[p]);
            }
        }
    }
    if (!rc) {
        for (size_t i = 0; i < an->n_ents; i++) {
            const char *k = an->in->einfo[i].key;
            int all_up = 1, letters = 0;
            for (const char *p = an->ents[i].name; *p; p++) {
                if (isalpha((unsigned char)*p)) {
                    letters++;
                    all_up &= isupper((unsigned char)*p) != 0;
                } else if (*p != '.') {
                    all_up = 0;
                }
            }
            an->in->einfo[i].is_acronym = all_up && letters >= 2 && strlen(k) <= 5;
        }
        merge_all(an);
        rc = collect_forms(an);
    }
    if (!rc) {
        rc = index_mentions(an);
    }
    if (rc) {
        return err_oom(err);
    }
    return 0;
}

int ent_add_name(analysis_t *an, const char *name, an_ent_type_t type, uint32_t doc)
{
    char *key = an_fold(an->arena, name, strlen(name));
    if (!key) {
        return SIFT_ENOMEM;
    }
    int e = map_get(&an->in->ent_by_key, key);
    if (e < 0) {
        e = ent_new(an, key, name, 1);
        if (e < 0) {
            return SIFT_ENOMEM;
        }
        an->ents[e].type = type;
        an->in->einfo[e].votes[type]++;
    }
    e = ent_root(an, e);
    an_entity_t *ent = &an->ents[e];
    ent->n_mentions++;
    size_t cap = ent->n_forms;
    return tagged_add(an->arena, &ent->forms, &ent->n_forms, &cap, name, doc);
}
