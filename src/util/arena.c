/* util/arena.c: chunked bump allocator; see arena.h. */
#include "arena.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>

#include "sift.h"

#define CHUNK_MIN ((size_t)64 * 1024)
#define ALIGN     16u

typedef struct chunk {
    struct chunk *next;
    size_t size; /* usable bytes after the header */
    size_t used;
    max_align_t data[];
} chunk_t;

struct arena {
    chunk_t *head; /* current chunk, older ones follow */
    size_t used_total;
#ifdef SIFT_ARENA_DEBUG
    void **ptrs;
    size_t n_ptrs, cap_ptrs;
#endif
};

arena_t *arena_new(void)
{
    return calloc(1, sizeof(arena_t));
}

#ifdef SIFT_ARENA_DEBUG
static void debug_release(arena_t *a)
{
    for (size_t i = 0; i < a->n_ptrs; i++) {
        free(a->ptrs[i]);
    }
    a->n_ptrs = 0;
}
#endif

void arena_free(arena_t *a)
{
    if (!a) {
        return;
    }
#ifdef SIFT_ARENA_DEBUG
    debug_release(a);
    free(a->ptrs);
#endif
    chunk_t *c = a->head;
    while (c) {
        chunk_t *next = c->next;
        free(c);
        c = next;
    }
    free(a);
}

void arena_reset(arena_t *a)
{
    if (!a) {
        return;
    }
#ifdef SIFT_ARENA_DEBUG
    debug_release(a);
#endif
    /* keep the newest chunk (the largest), free the rest */
    chunk_t *c = a->head;
    if (c) {
        chunk_t *rest = c->next;
        while (rest) {
            chunk_t *next = rest->next;
            free(rest);
            rest = next;
        }
        c->next = NULL;
        c->used = 0;
    }
    a->used_total = 0;
}

void *arena_alloc(arena_t *a, size_t n)
{
    size_t need;
    if (__builtin_add_overflow(n, ALIGN - 1, &need)) {
        return NULL;
    }
    need &= ~(size_t)(ALIGN - 1);
    if (need == 0) {
        need = ALIGN;
    }
#ifdef SIFT_ARENA_DEBUG
    if (a->n_ptrs == a->cap_ptrs) {
        size_t cap = a->cap_ptrs ? a->cap_ptrs * 2 : 64;
        void **p = realloc(a->ptrs, cap * sizeof(void *));
        if (!p) {
            return NULL;
        }
        a->ptrs = p;
        a->cap_ptrs = cap;
    }
    void *m = malloc(n ? n : 1);
    if (m) {
        a->ptrs[a->n_ptrs++] = m;
        a->used_total += n;
    }
    return m;
#else
    chunk_t *c = a->head;
    if (!c || c->size - c->used < need) {
        size_t size = need > CHUNK_MIN ? need : CHUNK_MIN;
        if (c && c->size * 2 > size && c->size < (size_t)16 * 1024 * 1024) {
            size = c->size * 2;
        }
        size_t total;
        if (__builtin_add_overflow(size, sizeof(chunk_t), &total)) {
            return NULL;
        }
        chunk_t *nc = malloc(total);
        if (!nc) {
            return NULL;
        }
        nc->size = size;
        nc->used = 0;
        nc->next = c;
        a->head = nc;
        c = nc;
    }
    void *p = (char *)c->data + c->used;
    c->used += need;
    a->used_total += need;
    return p;
#endif
}

/* Ask for huge pages under a large block (Linux, transparent huge pages
 * in "madvise" mode; elsewhere a no-op and any error is ignored). Each
 * 4 KB page touched for the first time costs a fault in which the kernel
 * zero-fills it: measured at 10-15 us on the benchmark VM, more than the
 * analysis spends on the page's worth of text. A 2 MB page is one fault.
 * Only blocks of several MB (stories of 50 reports and more) ask: the
 * cost is up to 2 MB of memory that a 4 KB page would not have touched. */
#ifndef SIFT_ARENA_DEBUG
#define HUGE_MIN ((size_t)4 << 20)
static void advise_huge(void *p, size_t n)
{
#ifdef MADV_HUGEPAGE
    if (n < HUGE_MIN) {
        return;
    }
    uintptr_t b = ((uintptr_t)p + 4095) & ~(uintptr_t)4095;
    uintptr_t e = ((uintptr_t)p + n) & ~(uintptr_t)4095;
    (void)madvise((void *)b, e - b, MADV_HUGEPAGE);
#else
    (void)p;
    (void)n;
#endif
}
#endif

int arena_reserve(arena_t *a, size_t n)
{
#ifdef SIFT_ARENA_DEBUG
    (void)a;
    (void)n;
    return 0;
#else
    chunk_t *c = a->head;
    if (c && c->size - c->used >= n) {
        return 0;
    }
    size_t size = n > CHUNK_MIN ? n : CHUNK_MIN, total;
    if (__builtin_add_overflow(size, sizeof(chunk_t), &total)) {
        return SIFT_ENOMEM;
    }
    chunk_t *nc = malloc(total);
    if (!nc) {
        return SIFT_ENOMEM;
    }
    advise_huge(nc, total);
    nc->size = size;
    nc->used = 0;
    nc->next = c;
    a->head = nc;
    return 0;
#endif
}

char *arena_strndup(arena_t *a, const char *s, size_t len)
{
    size_t n;
    if (__builtin_add_overflow(len, 1, &n)) {
        return NULL;
    }
    char *p = arena_alloc(a, n);
    if (!p) {
        return NULL;
    }
    if (len) {
        memcpy(p, s, len);
    }
    p[len] = '\0';
    return p;
}

void *arena_grow(arena_t *a, void *old, size_t n, size_t new_n, size_t elem_size)
{
    size_t bytes;
    if (__builtin_mul_overflow(new_n, elem_size, &bytes)) {
        return NULL;
    }
#ifndef SIFT_ARENA_DEBUG
    /* The block was the last one taken from the current chunk (an array
     * filled with nothing else taken in between, like a document's
     * tokens) and the chunk has room: extend it where it is. A copy per
     * doubling would leave as many bytes behind as the array holds, each
     * page touched (and, in fresh memory, faulted in) for nothing. */
    chunk_t *c = a->head;
    size_t have = n * elem_size; /* cannot overflow: the block exists */
    have = (have + ALIGN - 1) & ~(size_t)(ALIGN - 1);
    if (c && old && have && (char *)old + have == (char *)c->data + c->used &&
        bytes <= SIZE_MAX - (ALIGN - 1)) {
        size_t need = (bytes + ALIGN - 1) & ~(size_t)(ALIGN - 1);
        size_t base = c->used - have;
        if (need >= have && c->size - base >= need) {
            c->used = base + need;
            a->used_total += need - have;
            return old;
        }
    }
#endif
    void *p = arena_alloc(a, bytes);
    if (p && old && n) {
        memcpy(p, old, (n < new_n ? n : new_n) * elem_size);
    }
    return p;
}

arena_mark_t arena_mark(const arena_t *a)
{
    arena_mark_t m = { a->head, a->head ? a->head->used : 0, a->used_total, 0 };
#ifdef SIFT_ARENA_DEBUG
    m.n_ptrs = a->n_ptrs;
#endif
    return m;
}

void arena_release(arena_t *a, arena_mark_t m)
{
#ifdef SIFT_ARENA_DEBUG
    for (size_t i = m.n_ptrs; i < a->n_ptrs; i++) {
        free(a->ptrs[i]);
    }
    a->n_ptrs = m.n_ptrs < a->n_ptrs ? m.n_ptrs : a->n_ptrs;
#else
    /* chunks taken since the mark go; the mark's own chunk rewinds */
    while (a->head && a->head != m.chunk) {
        chunk_t *next = a->head->next;
        free(a->head);
        a->head = next;
    }
    if (a->head) {
        a->head->used = m.used;
    }
#endif
    a->used_total = m.used_total;
}

size_t arena_used(const arena_t *a)
{
    return a ? a->used_total : 0;
}
