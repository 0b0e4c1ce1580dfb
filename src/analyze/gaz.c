/* analyze/gaz.c: the place gazetteer: names of countries and regions
 * (Unicode CLDR's English territory names, package unicode-cldr-core)
 * and of cities that name a time zone (the IANA tz database, package
 * tzdata, old spellings from its links included: Europe/Kiev beside
 * Europe/Kyiv). Both are well-kept public sources installed as Debian
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

/* Keys are folded names (gaz_fold); names longer than this are not kept. */
#define KEY_MAX 64
/* Open addressing; a few thousand names at most. */
#define GAZ_SLOTS 8192

typedef struct gaz {
    uint64_t slot[GAZ_SLOTS]; /* hash of the folded name; 0 = empty */
    size_t n;
} gaz_t;

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

static void gaz_add(gaz_t *g, const char *name, size_t len)
{
    char k[KEY_MAX];
    size_t n = gaz_fold(k, sizeof(k), name, len);
    if (n < 2 || n == SIZE_MAX || g->n * 2 >= GAZ_SLOTS) {
        return;
    }
    uint64_t h = key_hash(k, n);
    size_t j = h & (GAZ_SLOTS - 1);
    while (g->slot[j] && g->slot[j] != h) {
        j = (j + 1) & (GAZ_SLOTS - 1);
    }
    if (!g->slot[j]) {
        g->slot[j] = h;
        g->n++;
    }
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

static void load_cldr(gaz_t *g, const char *path)
{
    xmlDocPtr doc =
        xmlReadFile(path, NULL, XML_PARSE_NONET | XML_PARSE_NOERROR | XML_PARSE_NOWARNING);
    if (!doc) {
        return;
    }
    /* ldml / localeDisplayNames / territories / territory */
    for (xmlNodePtr a = xmlDocGetRootElement(doc)->children; a; a = a->next) {
        if (a->type != XML_ELEMENT_NODE || !xmlStrEqual(a->name, BAD_CAST "localeDisplayNames")) {
            continue;
        }
        for (xmlNodePtr b = a->children; b; b = b->next) {
            if (b->type != XML_ELEMENT_NODE || !xmlStrEqual(b->name, BAD_CAST "territories")) {
                continue;
            }
            for (xmlNodePtr t = b->children; t; t = t->next) {
                if (t->type != XML_ELEMENT_NODE || !xmlStrEqual(t->name, BAD_CAST "territory")) {
                    continue;
                }
                xmlChar *type = xmlGetProp(t, BAD_CAST "type");
                xmlChar *name = xmlNodeGetContent(t);
                if (type && name && is_place_code((const char *)type)) {
                    gaz_add(g, (const char *)name, strlen((const char *)name));
                }
                xmlFree(type);
                xmlFree(name);
            }
        }
    }
    xmlFreeDoc(doc);
}

/* The city of a zone id ("Europe/Kyiv", "America/Argentina/Buenos_Aires"):
 * ids under the continents and oceans only, last part, no all-capital
 * abbreviations ("Australia/ACT"). */
static void add_zone(gaz_t *g, const char *id, size_t len)
{
    static const char *const areas[] = { "Africa/", "America/",  "Antarctica/",
                                         "Asia/",   "Atlantic/", "Australia/",
                                         "Europe/", "Indian/",   "Pacific/" };
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
        gaz_add(g, last, n);
    }
}

/* tzdata.zi: "Z NAME ..." zones and "L TARGET NAME" links. */
static void load_tz(gaz_t *g, const char *path)
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
        const char *p = line + 2;
        if (line[0] == 'L') { /* the link's own name is the second field */
            p = strchr(p, ' ');
            if (!p) {
                continue;
            }
            p++;
        }
        size_t n = strcspn(p, " \t\r\n");
        add_zone(g, p, n);
    }
    fclose(f);
}

static void gaz_load(void)
{
    const char *cldr = getenv("SIFT_GAZ_CLDR");
    const char *tz = getenv("SIFT_GAZ_TZDATA");
    load_cldr(&g_gaz, cldr ? cldr : GAZ_CLDR_EN);
    load_tz(&g_gaz, tz ? tz : GAZ_TZDATA);
}

int gaz_is_place(const char *folded, size_t n)
{
    pthread_once(&g_once, gaz_load);
    if (n < 2 || !g_gaz.n) {
        return 0;
    }
    uint64_t h = key_hash(folded, n);
    size_t j = h & (GAZ_SLOTS - 1);
    while (g_gaz.slot[j]) {
        if (g_gaz.slot[j] == h) {
            return 1;
        }
        j = (j + 1) & (GAZ_SLOTS - 1);
    }
    return 0;
}

size_t gaz_size(void)
{
    pthread_once(&g_once, gaz_load);
    return g_gaz.n;
}
