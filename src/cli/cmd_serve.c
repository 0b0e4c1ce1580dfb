/* cli/cmd_serve.c: `sift serve`: the web page and JSON API over the store
 * until SIGINT or SIGTERM. Prints the address it serves on (one line on
 * stdout) once it listens, so scripts can start it on port 0. */
#include <getopt.h>
#include <signal.h>
#include <stdio.h>
#include <string.h>

#include "cli_int.h"
#include "serve/serve.h"

/* Whole number from lo to hi, or -1. */
static long parse_num(const char *s, long lo, long hi)
{
    long n = 0;
    size_t i = 0;
    for (; s[i] >= '0' && s[i] <= '9' && i < 9; i++) {
        n = n * 10 + (s[i] - '0');
    }
    return (i == 0 || s[i] != '\0' || n < lo || n > hi) ? -1 : n;
}

static int run(const cli_opts_t *opts, int argc, char **argv)
{
    static const struct option longopts[] = { { "port", required_argument, NULL, 'p' },
                                              { "host", required_argument, NULL, 'H' },
                                              { "threads", required_argument, NULL, 't' },
                                              { NULL, 0, NULL, 0 } };
    serve_opts_t so = { opts->db_path, "127.0.0.1", 8080, 4 };
    int c;
    long n;
    optind = 1;
    while ((c = getopt_long(argc, argv, "p:H:t:", longopts, NULL)) != -1) {
        if (c == 'p' && (n = parse_num(optarg, 0, 65535)) >= 0) {
            so.port = (uint16_t)n;
        } else if (c == 'H') {
            so.host = optarg;
        } else if (c == 't' && (n = parse_num(optarg, 1, 64)) >= 0) {
            so.n_threads = (unsigned)n;
        } else {
            if (c == 'p' || c == 't') {
                cli_errorf("serve: bad %s '%.40s'", c == 'p' ? "port" : "thread count", optarg);
            }
            return cli_usage(&cmd_serve, 1);
        }
    }
    if (optind < argc) {
        cli_errorf("serve: unexpected argument '%s'", argv[optind]);
        return cli_usage(&cmd_serve, 1);
    }
    /* Block the stop signals before the server's threads start, so they
     * inherit the mask and only sigwait() below takes them. */
    sigset_t stop;
    sigemptyset(&stop);
    sigaddset(&stop, SIGINT);
    sigaddset(&stop, SIGTERM);
    pthread_sigmask(SIG_BLOCK, &stop, NULL);
    signal(SIGPIPE, SIG_IGN);
    sift_err_t err;
    sift_err_clear(&err);
    serve_t *srv;
    int rc = serve_start(&srv, &so, &err);
    if (rc) {
        cli_print_err(&err);
        return cli_exit_code(rc);
    }
    int is_v6 = strchr(so.host, ':') != NULL;
    printf("http://%s%s%s:%u/\n", is_v6 ? "[" : "", so.host, is_v6 ? "]" : "",
           (unsigned)serve_port(srv));
    fflush(stdout);
    int sig = 0;
    sigwait(&stop, &sig);
    serve_stop(srv);
    return EXIT_OK;
}

const cli_cmd_t cmd_serve = {
    "serve",
    run,
    "serve the web page and JSON API over the store",
    "usage: sift serve [--port N] [--host ADDR] [--threads N]\n\n"
    "Serve a web page (storylines, search, reports) and the JSON API of\n"
    "docs/api.md over the store until interrupted (SIGINT or SIGTERM). The\n"
    "store is read afresh for every request, so reports that `sift add`\n"
    "stores meanwhile show on the next one. Prints the address served on.\n\n"
    "  --port N     TCP port (default 8080; 0 picks a free one)\n"
    "  --host ADDR  numeric address to bind (default 127.0.0.1: this machine\n"
    "               only); 0.0.0.0 or :: exposes the store to the network\n"
    "  --threads N  worker threads, 1 to 64 (default 4)\n",
};
