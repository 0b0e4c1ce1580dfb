/* tests/fault/fault.c: an LD_PRELOAD shim that makes the store's file
 * system fail on cue, for the store-fault tests (tests/bad/store-*) and
 * the crash harness (tests/crash/crash.sh). Test-only: built by the
 * Makefile as build/asan/fault.so, never linked into sift. Set:
 *   SIFT_FAULT=enospc|eio  writes to matching files fail with that errno
 *                          once SIFT_FAULT_AFTER bytes went to them (the
 *                          write that crosses the line is cut short, as
 *                          on a real full disk); fsync fails from then on
 *   SIFT_FAULT=kill        the process SIGKILLs itself at that byte: a
 *                          crash at an exact point of a write or commit
 *   SIFT_FAULT=erofs       opening a matching file for writing fails with
 *                          EROFS: a read-only file system
 *   SIFT_FAULT_AFTER=N     bytes allowed first (default 0)
 *   SIFT_FAULT_MATCH=S     only files whose path contains S (default ".db":
 *                          the store, its -wal and -shm, not stderr)
 * After the idea of jq's src/inject_errors.c; our own code. */
#define _GNU_SOURCE
#include <dlfcn.h>
#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/types.h>
#include <sys/uio.h>
#include <unistd.h>

enum { MODE_OFF, MODE_ENOSPC, MODE_EIO, MODE_KILL, MODE_EROFS };

static int mode = -1;
static long long budget;
static const char *match = ".db";

static void setup(void)
{
    if (mode >= 0) {
        return;
    }
    const char *m = getenv("SIFT_FAULT");
    const char *after = getenv("SIFT_FAULT_AFTER");
    const char *pat = getenv("SIFT_FAULT_MATCH");
    budget = after ? strtoll(after, NULL, 10) : 0;
    if (pat && pat[0]) {
        match = pat;
    }
    if (!m) {
        mode = MODE_OFF;
    } else if (strcmp(m, "enospc") == 0) {
        mode = MODE_ENOSPC;
    } else if (strcmp(m, "eio") == 0) {
        mode = MODE_EIO;
    } else if (strcmp(m, "kill") == 0) {
        mode = MODE_KILL;
    } else if (strcmp(m, "erofs") == 0) {
        mode = MODE_EROFS;
    } else {
        mode = MODE_OFF;
    }
}

static int fd_matches(int fd)
{
    char link[64], path[4096];
    snprintf(link, sizeof(link), "/proc/self/fd/%d", fd);
    ssize_t n = readlink(link, path, sizeof(path) - 1);
    if (n <= 0) {
        return 0;
    }
    path[n] = '\0';
    return strstr(path, match) != NULL;
}

/* How many of n bytes may be written to fd: n, fewer (the write that
 * crosses the budget), or -1 with errno set (the budget is spent). */
static ssize_t allow(int fd, size_t n)
{
    setup();
    if (mode != MODE_ENOSPC && mode != MODE_EIO && mode != MODE_KILL) {
        return (ssize_t)n;
    }
    if (!fd_matches(fd)) {
        return (ssize_t)n;
    }
    if ((long long)n <= budget) {
        budget -= (long long)n;
        return (ssize_t)n;
    }
    if (mode == MODE_KILL) {
        return budget; /* the caller writes these bytes, then dies */
    }
    if (budget > 0) {
        ssize_t k = (ssize_t)budget;
        budget = 0;
        return k;
    }
    errno = mode == MODE_ENOSPC ? ENOSPC : EIO;
    return -1;
}

static void *next(const char *name)
{
    return dlsym(RTLD_NEXT, name);
}

#define WRITE_LIKE(call, n)                                                                        \
    ssize_t ok = allow(fd, n);                                                                     \
    if (ok < 0) {                                                                                  \
        return -1;                                                                                 \
    }                                                                                              \
    if (mode == MODE_KILL && (size_t)ok < (n)) {                                                   \
        if (ok > 0) {                                                                              \
            call;                                                                                  \
        }                                                                                          \
        raise(SIGKILL);                                                                            \
    }

ssize_t write(int fd, const void *buf, size_t n)
{
    ssize_t (*real)(int, const void *, size_t) = next("write");
    WRITE_LIKE(real(fd, buf, (size_t)ok), n)
    return real(fd, buf, (size_t)ok);
}

ssize_t pwrite(int fd, const void *buf, size_t n, off_t off)
{
    ssize_t (*real)(int, const void *, size_t, off_t) = next("pwrite");
    WRITE_LIKE(real(fd, buf, (size_t)ok, off), n)
    return real(fd, buf, (size_t)ok, off);
}

ssize_t pwrite64(int fd, const void *buf, size_t n, off_t off)
{
    ssize_t (*real)(int, const void *, size_t, off_t) = next("pwrite64");
    WRITE_LIKE(real(fd, buf, (size_t)ok, off), n)
    return real(fd, buf, (size_t)ok, off);
}

static int sync_fails(int fd)
{
    setup();
    if ((mode == MODE_ENOSPC || mode == MODE_EIO) && budget <= 0 && fd_matches(fd)) {
        errno = mode == MODE_ENOSPC ? ENOSPC : EIO;
        return 1;
    }
    return 0;
}

int fsync(int fd)
{
    int (*real)(int) = next("fsync");
    return sync_fails(fd) ? -1 : real(fd);
}

int fdatasync(int fd)
{
    int (*real)(int) = next("fdatasync");
    return sync_fails(fd) ? -1 : real(fd);
}

static int open_fails(const char *path, int flags)
{
    setup();
    if (mode == MODE_EROFS && (flags & (O_WRONLY | O_RDWR | O_CREAT)) && strstr(path, match)) {
        errno = EROFS;
        return 1;
    }
    return 0;
}

#define OPEN_LIKE(name, ...)                                                                       \
    mode_t md = 0;                                                                                 \
    if (flags & (O_CREAT | O_TMPFILE)) {                                                           \
        va_list ap;                                                                                \
        va_start(ap, flags);                                                                       \
        md = (mode_t)va_arg(ap, int);                                                              \
        va_end(ap);                                                                                \
    }                                                                                              \
    if (open_fails(path, flags)) {                                                                 \
        return -1;                                                                                 \
    }                                                                                              \
    return real(__VA_ARGS__, md);

int open(const char *path, int flags, ...)
{
    int (*real)(const char *, int, ...) = next("open");
    OPEN_LIKE(open, path, flags)
}

int open64(const char *path, int flags, ...)
{
    int (*real)(const char *, int, ...) = next("open64");
    OPEN_LIKE(open64, path, flags)
}

int openat(int dirfd, const char *path, int flags, ...)
{
    int (*real)(int, const char *, int, ...) = next("openat");
    OPEN_LIKE(openat, dirfd, path, flags)
}

int openat64(int dirfd, const char *path, int flags, ...)
{
    int (*real)(int, const char *, int, ...) = next("openat64");
    OPEN_LIKE(openat64, dirfd, path, flags)
}

int access(const char *path, int how)
{
    int (*real)(const char *, int) = next("access");
    setup();
    if (mode == MODE_EROFS && (how & W_OK) && strstr(path, match)) {
        errno = EROFS;
        return -1;
    }
    return real(path, how);
}
