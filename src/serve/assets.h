/* serve/assets.h: the files of the web page, built into the binary from
 * src/serve/assets/ by tools/embed-assets.py (build/gen/serve_assets.c),
 * so that sift serve needs no files and no network. */
#ifndef SIFT_SERVE_ASSETS_H
#define SIFT_SERVE_ASSETS_H

#include <stddef.h>

typedef struct serve_asset {
    const char *path;          /* "/index.html", "/app.js", ... */
    const char *type;          /* Content-Type */
    const unsigned char *data; /* static */
    size_t len;
} serve_asset_t;

extern const serve_asset_t serve_assets[];
extern const size_t serve_n_assets;

#endif
