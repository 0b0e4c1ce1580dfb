/* cli/cli_int.h: what the command files share. */
#ifndef SIFT_CLI_INT_H
#define SIFT_CLI_INT_H

#include "sift.h"
#include "store/store.h"

enum {
    EXIT_OK = 0,
    EXIT_REJECTED = 1, /* some input was rejected; the rest went in */
    EXIT_USAGE = 2,
    EXIT_IO = 3 /* I/O or store failure */
};

/* Options every command accepts. */
typedef struct cli_opts {
    const char *db_path; /* --db, else $SIFT_DB, else ./sift.db */
} cli_opts_t;

typedef struct cli_cmd {
    const char *name;
    int (*run)(const cli_opts_t *opts, int argc, char **argv);
    const char *summary; /* one line for `sift --help` */
    const char *usage;   /* full help for `sift CMD --help` */
} cli_cmd_t;

/* Print "sift: <error line>" to stderr. */
void cli_print_err(const sift_err_t *err);

/* Print "sift: <message>" to stderr. */
void cli_errorf(const char *fmt, ...) __attribute__((format(printf, 1, 2)));

/* Exit status for a library error code. */
int cli_exit_code(int code);

/* Open the store named by opts; prints the error and returns an exit
 * status when it fails, 0 otherwise. */
int cli_open_store(const cli_opts_t *opts, int flags, store_t **out);

/* Print a command's usage (to stdout for --help, stderr on misuse). */
int cli_usage(const cli_cmd_t *cmd, int is_error);

/* For commands whose only option is one flag (--json, --quiet): set
 * *out_set when argv holds --NAME or -N (N its first letter). 0, or the
 * usage exit status (usage printed) for any other option or an argument. */
int cli_flag_only(const cli_cmd_t *cmd, int argc, char **argv, const char *name, int *out_set);

/* A list of reports on stdout, one line each or a JSON array: call
 * cli_list_begin, pass cli_list_report as the callback of a store walk
 * with the list as user, then cli_list_end. */
typedef struct cli_list {
    int is_json;
    long n; /* reports written */
} cli_list_t;
void cli_list_begin(cli_list_t *l);
int cli_list_report(void *user, const sift_report_t *r); /* SIFT_EIO on a write error */
void cli_list_end(const cli_list_t *l);

/* True if argv holds --help or -h before "--". */
int cli_wants_help(int argc, char **argv);

extern const cli_cmd_t cmd_add;
extern const cli_cmd_t cmd_docs;
extern const cli_cmd_t cmd_show;
extern const cli_cmd_t cmd_extract;
extern const cli_cmd_t cmd_serve;
extern const cli_cmd_t cmd_report;
extern const cli_cmd_t cmd_stories;
extern const cli_cmd_t cmd_story;
extern const cli_cmd_t cmd_dups;
extern const cli_cmd_t cmd_analyze;
extern const cli_cmd_t cmd_check;
extern const cli_cmd_t cmd_search;

#endif
