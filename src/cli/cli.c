/* cli/cli.c: global options, the command table and dispatch. */
#include "cli.h"

#include <getopt.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli_int.h"
#include "render/render.h"

#ifndef SIFT_VERSION
#define SIFT_VERSION "0.1.0"
#endif

static const cli_cmd_t *const commands[] = { &cmd_add,     &cmd_docs,   &cmd_show,  &cmd_extract,
                                             &cmd_stories, &cmd_story,  &cmd_dups,  &cmd_analyze,
                                             &cmd_serve,   &cmd_report, &cmd_check, &cmd_search };

#define N_COMMANDS (sizeof(commands) / sizeof(commands[0]))

void cli_print_err(const sift_err_t *err)
{
    char line[512];
    fprintf(stderr, "sift: %s\n", sift_err_format(line, sizeof(line), err));
}

void cli_errorf(const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    fputs("sift: ", stderr);
    vfprintf(stderr, fmt, ap);
    fputc('\n', stderr);
    va_end(ap);
}

int cli_exit_code(int code)
{
    switch (code) {
    case SIFT_OK:
        return EXIT_OK;
    case SIFT_EINPUT:
    case SIFT_ELIMIT:
    case SIFT_ENOTFOUND:
        return EXIT_REJECTED;
    case SIFT_EUSAGE:
        return EXIT_USAGE;
    default:
        return EXIT_IO;
    }
}

int cli_open_store(const cli_opts_t *opts, int flags, store_t **out)
{
    sift_err_t err;
    sift_err_clear(&err);
    int rc = store_open(out, opts->db_path, flags, &err);
    if (rc) {
        cli_print_err(&err);
        return EXIT_IO;
    }
    return 0;
}

int cli_usage(const cli_cmd_t *cmd, int is_error)
{
    FILE *f = is_error ? stderr : stdout;
    fputs(cmd->usage, f);
    return is_error ? EXIT_USAGE : EXIT_OK;
}

int cli_flag_only(const cli_cmd_t *cmd, int argc, char **argv, const char *name, int *out_set)
{
    const struct option longopts[] = { { name, no_argument, NULL, name[0] }, { NULL, 0, NULL, 0 } };
    const char shortopts[] = { name[0], '\0' };
    int c;
    optind = 1;
    while ((c = getopt_long(argc, argv, shortopts, longopts, NULL)) != -1) {
        if (c != name[0]) {
            return cli_usage(cmd, 1);
        }
        *out_set = 1;
    }
    if (optind < argc) {
        cli_errorf("%s: unexpected argument '%s'", cmd->name, argv[optind]);
        return cli_usage(cmd, 1);
    }
    return 0;
}

void cli_list_begin(cli_list_t *l)
{
    l->n = 0;
    if (l->is_json) {
        fputs("[", stdout);
    }
}

int cli_list_report(void *user, const sift_report_t *r)
{
    cli_list_t *l = user;
    if (l->is_json) {
        fputs(l->n ? ",\n" : "\n", stdout);
        render_report_json(stdout, r, 0, 1); /* ends with a newline */
    } else {
        render_report_line(stdout, r);
    }
    l->n++;
    return ferror(stdout) ? SIFT_EIO : 0;
}

void cli_list_end(const cli_list_t *l)
{
    if (l->is_json) {
        fputs("]\n", stdout);
    }
}

int cli_wants_help(int argc, char **argv)
{
    for (int i = 1; i < argc; i++) {
        if (strcmp(argv[i], "--") == 0) {
            return 0;
        }
        if (strcmp(argv[i], "--help") == 0 || strcmp(argv[i], "-h") == 0) {
            return 1;
        }
    }
    return 0;
}

static void print_help(FILE *f)
{
    fputs("usage: sift [--db PATH] COMMAND [ARGS]\n\n"
          "sift reads many news reports of one story and tells what the story is.\n\n"
          "commands:\n",
          f);
    for (size_t i = 0; i < N_COMMANDS; i++) {
        fprintf(f, "  %-9s %s\n", commands[i]->name, commands[i]->summary);
    }
    fputs("\noptions:\n"
          "  --db PATH  the store (default: $SIFT_DB, else ./sift.db)\n"
          "  --help     this help; 'sift COMMAND --help' for a command's\n"
          "  --version  print the version\n\n"
          "exit status: 0 ok, 1 some input rejected, 2 usage, 3 I/O or store error\n",
          f);
}

/* Take --db PATH / --db=PATH out of argv (anywhere before "--"). */
static int take_db(int *argc, char **argv, const char **out)
{
    int j = 0;
    int done = 0;
    for (int i = 0; i < *argc; i++) {
        if (!done && strcmp(argv[i], "--") == 0) {
            done = 1;
        } else if (!done && strcmp(argv[i], "--db") == 0) {
            if (i + 1 >= *argc) {
                cli_errorf("--db needs a path");
                return EXIT_USAGE;
            }
            *out = argv[++i];
            continue;
        } else if (!done && strncmp(argv[i], "--db=", 5) == 0) {
            *out = argv[i] + 5;
            continue;
        }
        argv[j++] = argv[i];
    }
    *argc = j;
    argv[j] = NULL;
    return 0;
}

int sift_cli_main(int argc, char **argv)
{
    cli_opts_t opts;
    const char *env = getenv("SIFT_DB");
    opts.db_path = env && env[0] ? env : "sift.db";
    int rc = take_db(&argc, argv, &opts.db_path);
    if (rc) {
        return rc;
    }
    if (argc < 2) {
        print_help(stderr);
        return EXIT_USAGE;
    }
    if (strcmp(argv[1], "--help") == 0 || strcmp(argv[1], "-h") == 0 ||
        strcmp(argv[1], "help") == 0) {
        print_help(stdout);
        return EXIT_OK;
    }
    if (strcmp(argv[1], "--version") == 0) {
        printf("sift %s\n", SIFT_VERSION);
        return EXIT_OK;
    }
    for (size_t i = 0; i < N_COMMANDS; i++) {
        if (strcmp(argv[1], commands[i]->name) == 0) {
            if (cli_wants_help(argc - 1, argv + 1)) {
                return cli_usage(commands[i], 0);
            }
            return commands[i]->run(&opts, argc - 1, argv + 1);
        }
    }
    cli_errorf("unknown command '%s': see 'sift --help'", argv[1]);
    return EXIT_USAGE;
}
