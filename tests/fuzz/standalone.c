/* tests/fuzz/standalone.c: a main() for the libFuzzer targets when built
 * without libFuzzer (gcc, ASan+UBSan): run LLVMFuzzerTestOneInput once on
 * each file named, or on each file of each folder named (in name order),
 * so `make check` replays the kept corpus. Exits non-zero if a file cannot
 * be read; a crash is the sanitizer's to report. */
#include <dirent.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

/* the target under test, linked in from tests/fuzz/fuzz_<name>.c */
int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

/* Replayed inputs are small (the kept corpus); 16 MiB guards a stray
 * argument naming a large file. */
#define REPLAY_MAX_BYTES ((size_t)16 * 1024 * 1024)

static int run_file(const char *path)
{
    FILE *f = fopen(path, "rb");
    if (!f) {
        fprintf(stderr, "standalone: cannot open %s\n", path);
        return 1;
    }
    uint8_t *data = malloc(REPLAY_MAX_BYTES);
    if (!data) {
        fclose(f);
        return 1;
    }
    size_t n = fread(data, 1, REPLAY_MAX_BYTES, f);
    int is_bad = ferror(f);
    fclose(f);
    if (!is_bad) {
        /* a copy of exactly n bytes, so ASan catches reads past the end */
        uint8_t *exact = malloc(n ? n : 1);
        if (exact) {
            memcpy(exact, data, n);
            LLVMFuzzerTestOneInput(exact, n);
            free(exact);
        }
    }
    free(data);
    return is_bad;
}

static int by_name(const void *a, const void *b)
{
    return strcmp(*(char *const *)a, *(char *const *)b);
}

static int run_dir(const char *dir, int *n_run)
{
    DIR *d = opendir(dir);
    if (!d) {
        return run_file(dir) ? 1 : (++*n_run, 0);
    }
    char **names = NULL;
    size_t n = 0, cap = 0;
    const struct dirent *e;
    while ((e = readdir(d)) != NULL) {
        if (e->d_name[0] == '.') {
            continue;
        }
        if (n == cap) {
            cap = cap ? cap * 2 : 64;
            char **grown = realloc(names, cap * sizeof(*names));
            if (!grown) {
                break;
            }
            names = grown;
        }
        names[n++] = strdup(e->d_name);
    }
    closedir(d);
    qsort(names, n, sizeof(*names), by_name);
    int bad = 0;
    for (size_t i = 0; i < n; i++) {
        char path[4096];
        snprintf(path, sizeof(path), "%s/%s", dir, names[i]);
        struct stat stt;
        if (names[i] && stat(path, &stt) == 0 && S_ISREG(stt.st_mode)) {
            bad |= run_file(path);
            ++*n_run;
        }
        free(names[i]);
    }
    free(names);
    return bad;
}

int main(int argc, char **argv)
{
    int bad = 0, n_run = 0;
    for (int i = 1; i < argc; i++) {
        bad |= run_dir(argv[i], &n_run);
    }
    fprintf(stderr, "standalone: %d inputs replayed\n", n_run);
    return bad;
}
