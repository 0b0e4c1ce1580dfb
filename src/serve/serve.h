/* serve/serve.h: the HTTP server of `sift serve`: a web page and a JSON
 * API over one store, read per request so reports added meanwhile show on
 * the next request. The whole interface of serve/. */
#ifndef SIFT_SERVE_H
#define SIFT_SERVE_H

#include <stdint.h>

#include "sift.h"

typedef struct serve serve_t;

typedef struct serve_opts {
    const char *db_path; /* the store; created and migrated when missing */
    const char *host;    /* numeric IPv4 or IPv6 address, or "localhost" */
    uint16_t port;       /* 0: any free port (see serve_port()) */
    unsigned n_threads;  /* worker threads answering requests, 1..64 */
} serve_opts_t;

/* Open the store, bind host:port and answer requests on background
 * threads until serve_stop(). Owned: stop with serve_stop(). SIFT_EUSAGE
 * for a bad host or thread count, SIFT_ESTORE when the store cannot be
 * opened, SIFT_EIO when the address cannot be bound. */
int serve_start(serve_t **out, const serve_opts_t *opts, sift_err_t *err);

/* The port actually bound (the chosen one when opts->port was 0). */
uint16_t serve_port(const serve_t *srv);

/* Stop answering, wait for requests under way, free srv. NULL is a no-op. */
void serve_stop(serve_t *srv);

#endif
