/* util/arena.h: a bump allocator for per-document work. Everything taken
 * from an arena goes with one arena_reset() or arena_free(). Built with
 * SIFT_ARENA_DEBUG=1 every allocation is its own malloc, so ASan sees
 * overruns (after libgit2's pool.h). */
#ifndef SIFT_ARENA_H
#define SIFT_ARENA_H

#include <stddef.h>

typedef struct arena arena_t;

/* New arena. Owned: free with arena_free(). NULL when out of memory. */
arena_t *arena_new(void);
void arena_free(arena_t *a); /* NULL is a no-op */

/* Drop every allocation, keep the first chunk for reuse. */
void arena_reset(arena_t *a);

/* n bytes aligned for any type; NULL when out of memory or n overflows.
 * Borrowed: valid until arena_reset()/arena_free(). */
void *arena_alloc(arena_t *a, size_t n);

/* Copy of s[0..len) with a NUL after it. */
char *arena_strndup(arena_t *a, const char *s, size_t len);

/* Grow an array taken from this arena: returns a block of new_n
 * elements holding the old n (old is abandoned, not freed). When old was
 * the arena's last allocation and its chunk has room, the block grows in
 * place and old itself comes back. */
void *arena_grow(arena_t *a, void *old, size_t n, size_t new_n, size_t elem_size);

/* Make the next n bytes come from one chunk: a new chunk of at least n
 * bytes unless the current one has them free. For work whose size is
 * known up front (a story's analysis): one malloc instead of a chain of
 * doubling chunks, which glibc maps and unmaps afresh each time (a page
 * fault per 4 KB touched), while one block of a steady size is reused
 * from the heap; a block of 4 MB or more asks for huge pages (Linux:
 * one fault per 2 MB). 0, or SIFT_ENOMEM. A no-op under
 * SIFT_ARENA_DEBUG. */
int arena_reserve(arena_t *a, size_t n);

/* A point in an arena's life to come back to: work that needs scratch
 * memory only for a while (an index, counts) takes it after a mark and
 * gives it back with arena_release(), so what is taken next reuses the
 * same, already touched, pages. */
typedef struct arena_mark {
    void *chunk; /* the current chunk at the mark, or NULL */
    size_t used, used_total, n_ptrs;
} arena_mark_t;
arena_mark_t arena_mark(const arena_t *a);
/* Drop everything taken since m (m from this arena, no reset since);
 * blocks taken before m stay valid. */
void arena_release(arena_t *a, arena_mark_t m);

/* Bytes handed out since the last reset (for limits and benchmarks). */
size_t arena_used(const arena_t *a);

#endif
