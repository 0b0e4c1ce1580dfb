/* cli/cli.h: the sift command line. Only main.c includes this. */
#ifndef SIFT_CLI_H
#define SIFT_CLI_H

/* Run sift with argv; returns the exit status (0 ok, 1 input rejected,
 * 2 usage, 3 I/O or store). */
int sift_cli_main(int argc, char **argv);

#endif
