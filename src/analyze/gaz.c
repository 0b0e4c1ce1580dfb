/* analyze/gaz.c: the place gazetteer: names of countries and regions
 * (Unicode CLDR's English territory names, package unicode-cldr-core)
 * and of cities that name a time zone (the IANA tz database, package
 * tzdata, old spellings from its links included: Europe/Kiev beside
 * Europe/Kyiv), each with its country (territory codes; zone.tab for
 * cities). Both are well-kept public sources installed as Debian
 * packages; no name is written here by hand. Loaded once per process on
 * first use; when the files are missing the gazetteer is empty and
 * entity types fall back to the text's own clues. */
#include "gaz.h"

#include <pthread.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <libxml/parser.h>
#include <libxml/tree.h>

#include "util/hash.h"

#define GAZ_CLDR_EN "/usr/share/unicode/cldr/common/main/en.xml"
#define GAZ_TZDATA  "/usr/share/zoneinfo/tzdata.zi"
#define GAZ_ZONETAB "/usr/share/zoneinfo/zone.tab"

/* Keys are folded names (gaz_fold); names longer than this are not kept. */
#define KEY_MAX 64
/* Open addressing; a few thousand names at most. */
#define GAZ_SLOTS 8192

/* A hash -> country code table: the gazetteer (hash of the folded name)
 * and, while loading, zone id -> country from zone.tab. */
typedef struct hcc {
    uint64_t h[GAZ_SLOTS];  /* the key's hash; 0 = empty */
    uint16_t cc[GAZ_SLOTS]; /* its country: two letters, or 0 (a region) */
    size_t n;
} hcc_t;
typedef hcc_t gaz_t;
typedef hcc_t zone_cc_t;

/* The slot holding h, or the empty slot where it would go; SIZE_MAX when
 * the table is full without it. */
static size_t hcc_slot(const hcc_t *t, uint64_t h)
{
    size_t j = h & (GAZ_SLOTS - 1);
    for (size_t probes = 0; probes < GAZ_SLOTS; probes++) {
        if (!t->h[j] || t->h[j] == h) {
            return j;
        }
        j = (j + 1) & (GAZ_SLOTS - 1);
    }
    return SIZE_MAX;
}

/* Put h -> cc unless h is there already (the first one stays). */
static void hcc_put(hcc_t *t, uint64_t h, uint16_t cc)
{
    size_t j = hcc_slot(t, h);
    if (j != SIZE_MAX && !t->h[j]) {
        t->h[j] = h;
        t->cc[j] = cc;
        t->n++;
    }
}

static gaz_t g_gaz;
static pthread_once_t g_once = PTHREAD_ONCE_INIT;

size_t gaz_fold(char *out, size_t out_len, const char *s, size_t len)
{
    size_t n = 0;
    for (size_t i = 0; i < len; i++) {
        unsigned char c = (unsigned char)s[i];
        if (c == 0xE2 && i + 2 < len && (unsigned char)s[i + 1] == 0x80 &&
            ((unsigned char)s[i + 2] == 0x98 || (unsigned char)s[i + 2] == 0x99)) {
            i += 2; /* curly apostrophes, as straight ones: dropped */
            continue;
        }
        if (c < 0x80 &&
            !((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9'))) {
            continue; /* spaces, dots, hyphens, apostrophes, underscores */
        }
        if (n + 1 >= out_len) {
            return SIZE_MAX;
        }
        out[n++] = (char)(c >= 'A' && c <= 'Z' ? c - 'A' + 'a' : c);
    }
    out[n] = '\0';
    return n;
}

static uint64_t key_hash(const char *k, size_t n)
{
    uint64_t h = hash64(k, n, 0x6a7a);
    return h ? h : 1;
}

static uint16_t cc_of(const char *code)
{
    int is_alpha2 =
        code[0] >= 'A' && code[0] <= 'Z' && code[1] >= 'A' && code[1] <= 'Z' && code[2] == '\0';
    return is_alpha2 ? (uint16_t)((unsigned)code[0] << 8 | (unsigned)code[1]) : (uint16_t)0;
}

static void gaz_add(gaz_t *g, const char *name, size_t len, uint16_t cc)
{
    char k[KEY_MAX];
    size_t n = gaz_fold(k, sizeof(k), name, len);
    if (n < 2 || n == SIZE_MAX || g->n * 2 >= GAZ_SLOTS) {
        return;
    }
    hcc_put(g, key_hash(k, n), cc);
}

/* CLDR territory codes that are not places: the United Nations and the
 * European Union act as organisations; the rest are groupings of codes. */
static int is_place_code(const char *type)
{
    static const char *const not_places[] = { "UN", "EU", "EZ", "QO", "ZZ" };
    for (size_t i = 0; i < sizeof(not_places) / sizeof(not_places[0]); i++) {
        if (strcmp(type, not_places[i]) == 0) {
            return 0;
        }
    }
    return 1;
}

/* The territory names under one <territories> element. */
static void add_territories(gaz_t *g, xmlNodePtr territories)
{
    for (xmlNodePtr t = territories->children; t; t = t->next) {
        if (t->type != XML_ELEMENT_NODE || !xmlStrEqual(t->name, BAD_CAST "territory")) {
            continue;
        }
        xmlChar *type = xmlGetProp(t, BAD_CAST "type");
        xmlChar *name = xmlNodeGetContent(t);
        if (type && name && is_place_code((const char *)type)) {
            gaz_add(g, (const char *)name, strlen((const char *)name), cc_of((const char *)type));
        }
        xmlFree(type);
        xmlFree(name);
    }
}

#define XML_FLAGS (XML_PARSE_NONET | XML_PARSE_NOERROR | XML_PARSE_NOWARNING)
/* en.xml is 380 KB, its territories 15 KB. */
#define CLDR_MAX_BYTES ((long)8 * 1024 * 1024)

/* The territories element of the file's localeDisplayNames, parsed on its
 * own: parsing the whole locale file was most of the gazetteer's load
 * time, which every process that analyses pays once. 0 when the file has
 * no such element where text search finds it (then the caller parses the
 * whole file). */
static int load_cldr_territories(gaz_t *g, const char *path)
{
    FILE *f = fopen(path, "rb");
    if (!f) {
        return 0;
    }
    char *buf = NULL;
    long size = fseek(f, 0, SEEK_END) == 0 ? ftell(f) : -1;
    if (size > 0 && size <= CLDR_MAX_BYTES && fseek(f, 0, SEEK_SET) == 0) {
        buf = malloc((size_t)size + 1);
    }
    size_t got = buf ? fread(buf, 1, (size_t)size, f) : 0;
    fclose(f);
    if (!buf || got != (size_t)size) {
        free(buf);
        return 0;
    }
    buf[got] = '\0';
    static const char open_tag[] = "<territories>", close_tag[] = "</territories>";
    const char *ldn = strstr(buf, "<localeDisplayNames>");
    const char *b = ldn ? strstr(ldn, open_tag) : NULL;
    const char *e = b ? strstr(b, close_tag) : NULL;
    const char *ldn_end = ldn ? strstr(ldn, "</localeDisplayNames>") : NULL;
    int done = 0;
    if (e && ldn_end && e < ldn_end) {
        size_t len = (size_t)(e - b) + sizeof(close_tag) - 1;
        xmlDocPtr doc = xmlReadMemory(b, (int)len, NULL, "UTF-8", XML_FLAGS);
        xmlNodePtr root = doc ? xmlDocGetRootElement(doc) : NULL;
        if (root && xmlStrEqual(root->name, BAD_CAST "territories")) {
            add_territories(g, root);
            done = 1;
        }
        xmlFreeDoc(doc);
    }
    free(buf);
    return done;
}

static void load_cldr(gaz_t *g, const char *path)
{
    if (load_cldr_territories(g, path)) {
        return;
    }
    xmlDocPtr doc = xmlReadFile(path, NULL, XML_FLAGS);
    if (!doc) {
        return;
    }
    /* ldml / localeDisplayNames / territories / territory */
    for (xmlNodePtr a = xmlDocGetRootElement(doc)->children; a; a = a->next) {
        if (a->type != XML_ELEMENT_NODE || !xmlStrEqual(a->name, BAD_CAST "localeDisplayNames")) {
            continue;
        }
        for (xmlNodePtr b = a->children; b; b = b->next) {
            if (b->type == XML_ELEMENT_NODE && xmlStrEqual(b->name, BAD_CAST "territories")) {
                add_territories(g, b);
            }
        }
    }
    xmlFreeDoc(doc);
}

static uint64_t zone_hash(const char *id, size_t len)
{
    uint64_t h = hash64(id, len, 0x7a6f);
    return h ? h : 1;
}

static void zone_put(zone_cc_t *z, const char *id, size_t len, uint16_t cc)
{
    hcc_put(z, zone_hash(id, len), cc);
}

static uint16_t zone_get(const zone_cc_t *z, const char *id, size_t len)
{
    size_t j = hcc_slot(z, zone_hash(id, len));
    return j != SIZE_MAX && z->h[j] ? z->cc[j] : 0;
}

/* zone.tab: "CC<TAB>coordinates<TAB>Zone/Id..." */
static void load_zone_tab(zone_cc_t *z, const char *path)
{
    FILE *f = fopen(path, "r");
    if (!f) {
        return;
    }
    char line[512];
    while (fgets(line, sizeof(line), f)) {
        if (line[0] == '#' || strlen(line) < 4 || line[2] != '\t') {
            continue;
        }
        char code[3] = { line[0], line[1], '\0' };
        const char *id = strchr(line + 3, '\t');
        if (id) {
            id++;
            zone_put(z, id, strcspn(id, " \t\r\n"), cc_of(code));
        }
    }
    fclose(f);
}

/* The city of a zone id ("Europe/Kyiv", "America/Argentina/Buenos_Aires"):
 * ids under the inhabited continents and oceans only, last part, no all-capital
 * abbreviations ("Australia/ACT"). */
static void add_zone(gaz_t *g, const char *id, size_t len, uint16_t cc)
{
    /* not Antarctica: its zones are research stations named after people
     * (Davis, Casey, Palmer), which news text names as people */
    static const char *const areas[] = { "Africa/",    "America/", "Asia/",   "Atlantic/",
                                         "Australia/", "Europe/",  "Indian/", "Pacific/" };
    int ok = 0;
    for (size_t i = 0; i < sizeof(areas) / sizeof(areas[0]) && !ok; i++) {
        size_t k = strlen(areas[i]);
        ok = len > k && strncmp(id, areas[i], k) == 0;
    }
    if (!ok) {
        return;
    }
    const char *last = id + len;
    while (last > id && last[-1] != '/') {
        last--;
    }
    size_t n = (size_t)(id + len - last);
    int has_lower = 0;
    for (size_t i = 0; i < n; i++) {
        has_lower |= last[i] >= 'a' && last[i] <= 'z';
    }
    if (has_lower) {
        gaz_add(g, last, n, cc);
    }
}

/* tzdata.zi: "Z NAME ..." zones and "L TARGET NAME" links; a link's city
 * is in its target's country ("L Europe/Kyiv Europe/Kiev"). */
static void load_tz(gaz_t *g, const zone_cc_t *z, const char *path)
{
    FILE *f = fopen(path, "r");
    if (!f) {
        return;
    }
    char line[512];
    while (fgets(line, sizeof(line), f)) {
        if ((line[0] != 'Z' && line[0] != 'L') || line[1] != ' ') {
            continue;
        }
        const char *id = line + 2;
        size_t n = strcspn(id, " \t\r\n");
        uint16_t cc = zone_get(z, id, n);
        if (line[0] == 'L') { /* the link's own name is the second field */
            id = strchr(id, ' ');
            if (!id) {
                continue;
            }
            id++;
            n = strcspn(id, " \t\r\n");
        }
        add_zone(g, id, n, cc);
    }
    fclose(f);
}

static void gaz_load(void)
{
    const char *cldr = getenv("SIFT_GAZ_CLDR");
    const char *tz = getenv("SIFT_GAZ_TZDATA");
    const char *zt = getenv("SIFT_GAZ_ZONETAB");
    load_cldr(&g_gaz, cldr ? cldr : GAZ_CLDR_EN);
    zone_cc_t *z = calloc(1, sizeof(*z));
    if (z) {
        load_zone_tab(z, zt ? zt : GAZ_ZONETAB);
        load_tz(&g_gaz, z, tz ? tz : GAZ_TZDATA);
        free(z);
    }
}

int gaz_place(const char *folded, size_t n, char out_cc[3])
{
    pthread_once(&g_once, gaz_load);
    out_cc[0] = '\0';
    if (n < 2 || !g_gaz.n) {
        return 0;
    }
    size_t j = hcc_slot(&g_gaz, key_hash(folded, n));
    if (j == SIZE_MAX || !g_gaz.h[j]) {
        return 0;
    }
    uint16_t cc = g_gaz.cc[j];
    if (cc) {
        out_cc[0] = (char)(cc >> 8);
        out_cc[1] = (char)(cc & 0xff);
        out_cc[2] = '\0';
    }
    return 1;
}

int gaz_is_place(const char *folded, size_t n)
{
    char cc[3];
    return gaz_place(folded, n, cc);
}

size_t gaz_size(void)
{
    pthread_once(&g_once, gaz_load);
    return g_gaz.n;
}
