/* cli/cmd_search.c: `sift search WORDS...`: the stored reports whose title
 * or body holds every word, best match first; the terminal's twin of
 * /api/search (the same store query, so both agree). */
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli_int.h"
#include "util/buf.h"

/* A whole-number option in [lo, hi]; 0, or -1 with the error printed. */
static int num_opt(const char *name, const char *arg, int64_t lo, int64_t hi, int64_t *out)
{
    char *end = NULL;
    long long v = strtoll(arg, &end, 10);
    if (end == arg || *end || v < lo || v > hi) {
        cli_errorf("search: bad --%s '%.40s': expected a whole number from %lld to %lld", name, arg,
                   (long long)lo, (long long)hi);
        return -1;
    }
    *out = v;
    return 0;
}

static int run(const cli_opts_t *opts, int argc, char **argv)
{
    static const struct option longopts[] = { { "json", no_argument, NULL, 'j' },
                                              { "from", required_argument, NULL, 'F' },
                                              { "to", required_argument, NULL, 'T' },
                                              { "outlet", required_argument, NULL, 'o' },
                                              { "limit", required_argument, NULL, 'n' },
                                              { "offset", required_argument, NULL, 's' },
                                              { NULL, 0, NULL, 0 } };
    cli_list_t st = { 0, 0 };
    store_query_t q;
    memset(&q, 0, sizeof(q));
    q.is_by_rank = 1;
    q.limit = 20;
    int c;
    optind = 1;
    while ((c = getopt_long(argc, argv, "jn:", longopts, NULL)) != -1) {
        if (c == 'j') {
            st.is_json = 1;
        } else if (c == 'F') {
            q.from = optarg;
        } else if (c == 'T') {
            q.to = optarg;
        } else if (c == 'o') {
            q.outlet = optarg;
        } else if (c == 'n' || c == 's') {
            if (c == 'n' ? num_opt("limit", optarg, 1, STORE_MAX_PAGE, &q.limit)
                         : num_opt("offset", optarg, 0, 1000000, &q.offset)) {
                return cli_usage(&cmd_search, 1);
            }
        } else {
            return cli_usage(&cmd_search, 1);
        }
    }
    if (optind >= argc) {
        cli_errorf("search: give the words to search for");
        return cli_usage(&cmd_search, 1);
    }
    buf_t words;
    buf_init(&words, 4096);
    for (int i = optind; i < argc; i++) {
        if ((i > optind && buf_putc(&words, ' ')) || buf_puts(&words, argv[i])) {
            buf_release(&words);
            cli_errorf("search: the words are too long (at most 4096 bytes)");
            return EXIT_USAGE;
        }
    }
    q.words = words.ptr ? words.ptr : "";
    store_t *store;
    int rc = cli_open_store(opts, STORE_READONLY, &store);
    if (rc) {
        buf_release(&words);
        return rc;
    }
    sift_err_t err;
    sift_err_clear(&err);
    int64_t total = 0;
    cli_list_begin(&st);
    rc = store_search_reports(store, &q, cli_list_report, &st, &total, &err);
    cli_list_end(&st);
    store_close(store);
    buf_release(&words);
    if (rc) {
        cli_print_err(&err);
        return rc == SIFT_EUSAGE ? EXIT_USAGE : cli_exit_code(rc);
    }
    if (!st.is_json && total > q.offset + st.n) {
        fprintf(stderr, "sift: %lld of %lld matches shown; --limit and --offset page on\n",
                (long long)st.n, (long long)total);
    }
    return EXIT_OK;
}

const cli_cmd_t cmd_search = {
    "search",
    run,
    "find stored reports by words, best match first",
    "usage: sift search [--json] [--from DAY] [--to DAY] [--outlet NAME]\n"
    "                   [--limit N] [--offset N] WORDS...\n\n"
    "List the stored reports whose title or body holds every word (stemmed;\n"
    "case and accents ignored; punctuation and search syntax are separators,\n"
    "never operators), best match first: id, date, outlet and title, one a\n"
    "line; with --json, a JSON array of their metadata.\n\n"
    "  --from DAY, --to DAY  only reports dated on or after / on or before DAY\n"
    "                        (YYYY-MM-DD); undated reports are left out\n"
    "  --outlet NAME         only reports of this outlet (any case)\n"
    "  --limit N             at most N reports (1 to 500; default 20)\n"
    "  --offset N            skip the first N matches\n\n"
    "When more reports match than are shown, a line on stderr says how many.\n",
};
