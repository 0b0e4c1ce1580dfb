/* main.c: the sift command. */
#include "cli/cli.h"

int main(int argc, char **argv)
{
    return sift_cli_main(argc, argv);
}
