/* tests/unit/test_arena.c: the arena's chunk logic (growing an array in
 * place, mark and release). The sanitizer build gives every allocation
 * its own malloc (SIFT_ARENA_DEBUG), which would hide that logic, so this
 * test compiles the release arena into itself; ASan still checks it. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include <cmocka.h>

#undef SIFT_ARENA_DEBUG
#include "util/arena.c" /* NOLINT(bugprone-suspicious-include): on purpose */

/* The last block taken grows where it is; one taken after it does not. */
static void grow_in_place(void **state)
{
    (void)state;
    arena_t *a = arena_new();
    assert_non_null(a);
    assert_int_equal(arena_reserve(a, 4096), 0);
    uint32_t *v = arena_alloc(a, 4 * sizeof(uint32_t));
    assert_non_null(v);
    for (uint32_t i = 0; i < 4; i++) {
        v[i] = i + 1;
    }
    uint32_t *g = arena_grow(a, v, 4, 64, sizeof(uint32_t));
    assert_ptr_equal(g, v);
    assert_int_equal(arena_used(a), 64 * sizeof(uint32_t));
    char *other = arena_alloc(a, 8);
    assert_non_null(other);
    uint32_t *h = arena_grow(a, g, 64, 128, sizeof(uint32_t));
    assert_non_null(h);
    assert_ptr_not_equal(h, g);
    for (uint32_t i = 0; i < 4; i++) {
        assert_int_equal(h[i], i + 1);
    }
    /* no room left in the chunk (64 KB at least): a copy in a new one */
    uint32_t *big = arena_grow(a, h, 128, 32768, sizeof(uint32_t));
    assert_non_null(big);
    assert_ptr_not_equal(big, h);
    assert_int_equal(big[3], 4);
    arena_free(a);
}

/* Released memory is handed out again; blocks before the mark stay. */
static void mark_release(void **state)
{
    (void)state;
    arena_t *a = arena_new();
    assert_non_null(a);
    char *keep = arena_strndup(a, "kept", 4);
    size_t used = arena_used(a);
    arena_mark_t m = arena_mark(a);
    char *tmp = arena_alloc(a, 1000);
    assert_non_null(tmp);
    memset(tmp, 'x', 1000);
    /* more than the chunk holds: a new chunk, freed by the release */
    char *huge = arena_alloc(a, 1 << 20);
    assert_non_null(huge);
    memset(huge, 'y', 1 << 20);
    arena_release(a, m);
    assert_int_equal(arena_used(a), used);
    assert_string_equal(keep, "kept");
    char *again = arena_alloc(a, 1000);
    assert_ptr_equal(again, tmp);
    /* a mark taken on an empty arena releases every chunk */
    arena_t *b = arena_new();
    assert_non_null(b);
    arena_mark_t mb = arena_mark(b);
    assert_non_null(arena_alloc(b, 100));
    arena_release(b, mb);
    assert_int_equal(arena_used(b), 0);
    assert_non_null(arena_alloc(b, 100));
    arena_free(b);
    arena_free(a);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(grow_in_place),
        cmocka_unit_test(mark_release),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
