/* analyze/words.c: the word lists of plain English the analysis reads
 * text with (function words, speech verbs, months, weekdays, job titles,
 * role words, organisation and place words, name connectors) and the
 * class of every token among them, found once per token by a hash table
 * instead of scanning lists at each test. */
#include <pthread.h>
#include <string.h>

#include "analyze_int.h"

/* Common English function words that start sentences ("The", "However"). */
static const char *const stop_words[] = {
    "a",         "about",  "according", "after",    "against", "ahead",    "all",     "also",
    "although",  "among",  "an",        "and",      "another", "any",      "are",     "as",
    "asked",     "at",     "be",        "because",  "been",    "before",   "between", "both",
    "but",       "by",     "can",       "could",    "despite", "did",      "do",      "does",
    "during",    "each",   "earlier",   "even",     "every",   "few",      "first",   "following",
    "for",       "from",   "further",   "had",      "has",     "have",     "he",      "her",
    "here",      "his",    "how",       "however",  "i",       "if",       "in",      "initially",
    "instead",   "into",   "is",        "it",       "its",     "just",     "last",    "later",
    "many",      "may",    "meanwhile", "might",    "more",    "most",     "must",    "my",
    "new",       "news",   "next",      "no",       "not",     "notably",  "now",     "of",
    "on",        "once",   "one",       "only",     "or",      "other",    "our",     "over",
    "photo",     "read",   "related",   "second",   "several", "she",      "shortly", "should",
    "since",     "so",     "some",      "speaking", "still",   "such",     "than",    "that",
    "the",       "their",  "then",      "there",    "these",   "they",     "third",   "this",
    "those",     "though", "through",   "to",       "today",   "tomorrow", "under",   "until",
    "was",       "we",     "were",      "what",     "when",    "where",    "whether", "which",
    "while",     "who",    "why",       "will",     "with",    "within",   "without", "would",
    "yesterday", "yet",    "you",       "your"
};

/* Verbs that attribute speech ("said", "told", "stressed", ...). */
static const char *const speech_verbs[] = {
    "acknowledged", "added", "adding", "adds", "admitted", "agreed", "announced", "answered",
    "argued", "asked", "asserted", "boasted", "called", "cautioned", "charged", "claimed",
    "clarified", "commented", "complained", "conceded", "concluded", "confirmed", "contended",
    "continued", "countered", "declared", "described", "dismissed", "emphasised", "emphasized",
    "explained", "highlighted", "insisted", "joked", "labeled", "labelled", "mentioned", "noted",
    "notes", "noting", "observed", "pledged", "posted", "predicted", "promised", "quipped",
    "recalled", "reiterated", "remarked", "repeated", "replied", "responded", "revealed", "said",
    "say", "saying", "says", "speaking", "stated", "states", "stressed", "suggested", "telling",
    "tells", "testified", "thundered", "told", "tweeted", "urged", "vowed", "warned", "wondered",
    "writes", "wrote",
    /* more attribution verbs, past and present */
    "acknowledges", "admits", "announces", "argues", "asks", "asserts", "assured", "boasts",
    "bragged", "claims", "complains", "concedes", "declares", "demanded", "denied", "denies",
    "exclaimed", "explains", "insists", "interjected", "jokes", "lamented", "mused", "opined",
    "predicts", "pressed", "quips", "recalls", "recounted", "remembered", "replies", "reported",
    "reports", "retorted", "scoffed", "shouted", "snapped", "surmised", "tweets", "urges", "vows",
    "warns", "whispered", "yelled"
};

/* Job titles that head a name: "Defence Minister Rustem Umerov". */
static const char *const head_titles[] = { "President",
                                           "Minister",
                                           "Secretary",
                                           "Envoy",
                                           "Chair",
                                           "Chairman",
                                           "Chairwoman",
                                           "Director",
                                           "Spokesman",
                                           "Spokeswoman",
                                           "Spokesperson",
                                           "Ambassador",
                                           "General",
                                           "Chancellor",
                                           "Senator",
                                           "Governor",
                                           "Mayor",
                                           "Commander",
                                           "Aide",
                                           "Negotiator",
                                           "Premier",
                                           "Mr",
                                           "Mrs",
                                           "Ms",
                                           "Dr",
                                           "King",
                                           "Queen",
                                           "Pope",
                                           "Prince",
                                           "Princess",
                                           "Colonel",
                                           "Admiral",
                                           "Judge",
                                           "Sheikh",
                                           "Marshal",
                                           "Captain",
                                           "Sergeant",
                                           "Rep",
                                           "Sen",
                                           "Gov",
                                           "Gen",
                                           "Lt",
                                           "Col",
                                           "Vice-President",
                                           "Prosecutor",
                                           "Attorney",
                                           "Representative",
                                           "Congressman",
                                           "Congresswoman",
                                           "Bishop",
                                           "Cardinal",
                                           "Emir",
                                           "Chief",
                                           NULL };

/* Lower-case words of a role before or after a name. */
static const char *const role_words[] = { "spokesperson",
                                          "spokesman",
                                          "spokeswoman",
                                          "aide",
                                          "negotiator",
                                          "minister",
                                          "envoy",
                                          "official",
                                          "adviser",
                                          "advisor",
                                          "head",
                                          "leader",
                                          "commander",
                                          "secretary",
                                          "general",
                                          "president",
                                          "chief",
                                          "director",
                                          "chair",
                                          "chairman",
                                          "ambassador",
                                          "diplomat",
                                          "analyst",
                                          "prosecutor",
                                          "lawyer",
                                          "governor",
                                          "mayor",
                                          "senator",
                                          "premier",
                                          "chancellor",
                                          "representative",
                                          "correspondent",
                                          "editor",
                                          "reporter",
                                          "officer",
                                          "deputy",
                                          NULL };

static const char *const role_mods[] = { "former",   "deputy",  "acting",  "presidential",
                                         "chief",    "lead",    "senior",  "special",
                                         "foreign",  "defence", "defense", "top",
                                         "then",     "vice",    "interim", "outgoing",
                                         "incoming", "prime",   "the",     NULL };

/* Words that make a capitalised run an organisation. */
static const char *const org_words[] = { "Ministry",       "Committee",   "Council",
                                         "Department",     "Agency",      "Office",
                                         "Headquarters",   "Times",       "Post",
                                         "Press",          "News",        "Party",
                                         "Union",          "Bank",        "Army",
                                         "Forces",         "Parliament",  "Government",
                                         "Administration", "Commission",  "Organisation",
                                         "Organization",   "Institute",   "University",
                                         "Court",          "Service",     "Company",
                                         "Corporation",    "Inc",         "Ltd",
                                         "Group",          "Association", "Fund",
                                         "Cross",          "Journal",     "Herald",
                                         "Tribune",        "Guardian",    "Telegraph",
                                         "Network",        "Radio",       "Television",
                                         "Foundation",     "Alliance",    "Bureau",
                                         "Assembly",       "Senate",      "Congress",
                                         "Kremlin",        "Pentagon",    "Duma",
                                         "Cabinet",        "Police",      "Navy",
                                         "Staff",          "Club",        "League",
                                         "Authority",      "Centre",      "Center",
                                         "Coalition",      "Movement",    "Front",
                                         "Media",          "Reuters",     "Gazette",
                                         "Daily",          "Magazine",    NULL };

/* Lower-case words that extend a place name: "Kursk region". */
static const char *const place_tails[] = { "region", "palace",  "province",  "oblast", "district",
                                           "county", "river",   "sea",       "square", "valley",
                                           "island", "islands", "peninsula", NULL };

static const char *const place_preps[] = { "in",     "to",    "from",    "at",      "near",
                                           "across", "into",  "toward",  "towards", "outside",
                                           "inside", "visit", "visited", NULL };

static const char *const connectors[] = { "of",  "for", "de", "del", "al", "bin", "von",
                                          "van", "da",  "du", "la",  "le", NULL };

static const char *const credit_words[] = { "Photo", "Photos", "Image", "Images",
                                            "File",  "Video",  NULL };

static const char *const months[] = { "january",   "february", "march",    "april",
                                      "may",       "june",     "july",     "august",
                                      "september", "october",  "november", "december" };

static const char *const month_abbrevs[] = { "jan", "feb", "mar", "apr", "may", "jun",
                                             "jul", "aug", "sep", "oct", "nov", "dec" };

static const char *const weekdays[] = { "monday", "tuesday",  "wednesday", "thursday",
                                        "friday", "saturday", "sunday" };

/* Quote speakers (quotes.c): heads of anonymous sources ("a Ukrainian
 * source"), heads of roles ("the spokesman"), and the prepositions that
 * keep a name from being the speaker ("of Zelensky"). */
static const char *const anon_heads[] = { "source",    "sources",  "official",
                                          "officials", "diplomat", "diplomats",
                                          "insider",   "person",   "people" };
static const char *const role_heads[] = { "spokesman",  "spokesperson", "spokeswoman", "aide",
                                          "negotiator", "minister",     "president",   "envoy",
                                          "secretary",  "chief",        "ambassador",  "general",
                                          "director",   "governor",     "mayor",       "senator" };
static const char *const quote_preps[] = { "of", "from", "with",  "between", "by",
                                           "to", "for",  "on",    "about",   "against",
                                           "at", "in",   "under", "toward" };

/* No listed word is longer: longer tokens are in no class. */
#define WORD_MAX 16

typedef struct slot {
    const char *word;
    char low[WORD_MAX]; /* word in lower case (the lists' may differ) */
    uint32_t cls;
    uint32_t len;
} slot_t;

/* 1024 slots for about 450 words: probes stay short. */
#define N_SLOTS 1024u

struct an_words {
    slot_t slots[N_SLOTS];
};

static uint64_t word_hash(const char *low, size_t len)
{
    uint64_t h = 1469598103934665603ULL;
    for (size_t i = 0; i < len; i++) {
        h = (h ^ (unsigned char)low[i]) * 1099511628211ULL;
    }
    return h;
}

uint64_t words_lhash(const char *low, size_t len)
{
    return word_hash(low, len);
}

/* The slot holding low (hash h), or the empty one where it would go. */
static size_t find_slot(const an_words_t *w, uint64_t h, const char *low, size_t len)
{
    for (size_t i = (size_t)(h ^ (h >> 32)) & (N_SLOTS - 1);; i = (i + 1) & (N_SLOTS - 1)) {
        const slot_t *s = &w->slots[i];
        if (!s->word || (s->len == len && memcmp(s->low, low, len) == 0)) {
            return i;
        }
    }
}

static void add_word(an_words_t *w, const char *word, uint32_t cls)
{
    char low[WORD_MAX] = { 0 };
    size_t len = strlen(word);
    if (len >= WORD_MAX) {
        return; /* "Vice-President": no token holds a hyphen */
    }
    for (size_t i = 0; i <= len; i++) {
        low[i] = (char)an_low((unsigned char)word[i]);
    }
    slot_t *s = &w->slots[find_slot(w, word_hash(low, len), low, len)];
    if (!s->word) {
        s->word = word;
        s->len = (uint32_t)len;
        memcpy(s->low, low, len + 1);
    }
    s->cls |= cls;
}

static void add_list(an_words_t *w, const char *const *list, size_t n, uint32_t cls)
{
    for (size_t i = 0; i < n && list[i]; i++) {
        add_word(w, list[i], cls);
    }
}

#define N_OF(a) (sizeof(a) / sizeof((a)[0]))

/* The table, built once per process from the const lists above (like
 * the gazetteer, gaz.c) and only read after: building it for every
 * analysis, 32 KB and some 450 insertions, cost as much as analysing a
 * short report, and the add path dates each report with an analysis. */
static an_words_t g_words;
static pthread_once_t g_words_once = PTHREAD_ONCE_INIT;

static void words_build(void)
{
    an_words_t *w = &g_words;
    add_list(w, stop_words, N_OF(stop_words), AW_STOP);
    add_list(w, speech_verbs, N_OF(speech_verbs), AW_SPEECH);
    add_list(w, head_titles, N_OF(head_titles), AW_TITLE);
    add_list(w, role_words, N_OF(role_words), AW_ROLE);
    add_list(w, role_mods, N_OF(role_mods), AW_ROLE_MOD);
    add_list(w, org_words, N_OF(org_words), AW_ORG);
    add_list(w, place_tails, N_OF(place_tails), AW_PLACE_TAIL);
    add_list(w, place_preps, N_OF(place_preps), AW_PLACE_PREP);
    add_list(w, connectors, N_OF(connectors), AW_CONNECTOR);
    add_list(w, credit_words, N_OF(credit_words), AW_CREDIT);
    add_list(w, anon_heads, N_OF(anon_heads), AW_ANON_HEAD);
    add_list(w, role_heads, N_OF(role_heads), AW_ROLE_HEAD);
    add_list(w, quote_preps, N_OF(quote_preps), AW_QUOTE_PREP);
    for (uint32_t i = 0; i < 12; i++) {
        add_word(w, months[i], (i + 1) << AW_MONTH_SHIFT);
        /* "May" is the month's name already */
        if (i != 4) {
            add_word(w, month_abbrevs[i], (i + 1) << AW_MONTH_SHIFT);
        }
    }
    for (uint32_t i = 0; i < 7; i++) {
        add_word(w, weekdays[i], (i + 1) << AW_WEEKDAY_SHIFT);
    }
}

const an_words_t *words_get(void)
{
    return pthread_once(&g_words_once, words_build) == 0 ? &g_words : NULL;
}

/* tok_lower() keeps 63 bytes of a token: tok_lhash() hashes as many. */
#define LHASH_MAX 63

int words_classify(arena_t *a, const an_words_t *w, an_doc_t *d)
{
    an_doc_int_t *in = d->in;
    in->wc = arena_alloc(a, (in->n_toks + 1) * sizeof(uint32_t));
    in->lh = arena_alloc(a, (in->n_toks + 1) * sizeof(uint64_t));
    if (!in->wc || !in->lh) {
        return SIFT_ENOMEM;
    }
    for (size_t t = 0; t < in->n_toks; t++) {
        const an_tok_t *k = &in->toks[t];
        in->wc[t] = 0;
        in->lh[t] = 0;
        if (k->kind != TK_WORD) {
            continue;
        }
        const char *p = in->all + k->off;
        const char *low = in->low + k->off; /* lowered by tok_doc */
        size_t len = k->len < LHASH_MAX ? k->len : LHASH_MAX;
        uint64_t h = word_hash(low, len);
        in->lh[t] = h;
        if (k->len >= WORD_MAX) {
            continue;
        }
        const slot_t *s = &w->slots[find_slot(w, h, low, len)];
        if (!s->word) {
            continue;
        }
        uint32_t cls = s->cls;
        /* a month's name is capitalised: "may" is a verb */
        if (!((unsigned char)p[0] >= 'A' && (unsigned char)p[0] <= 'Z')) {
            cls &= ~(uint32_t)AW_MONTH_MASK;
        }
        in->wc[t] = cls;
    }
    return 0;
}

uint32_t words_class(const an_words_t *w, const char *s, size_t len)
{
    char low[WORD_MAX] = { 0 };
    if (len >= WORD_MAX) {
        return 0;
    }
    for (size_t i = 0; i < len; i++) {
        low[i] = (char)an_low((unsigned char)s[i]);
    }
    const slot_t *sl = &w->slots[find_slot(w, word_hash(low, len), low, len)];
    return sl->word ? sl->cls : 0;
}
