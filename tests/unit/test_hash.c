/* tests/unit/test_hash.c: hash64 gives the hashes it gave when first
 * written, a byte at a time: stored word hashes (TEXT_HASH_SEED) and
 * report ids depend on every later version agreeing. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>

#include <cmocka.h>

#include "util/hash.h"

static uint64_t hash64_bytewise(const unsigned char *p, size_t len, uint64_t seed)
{
    uint64_t h = seed ^ (0x9e3779b97f4a7c15ULL * (len + 1));
    for (; len >= 8; p += 8, len -= 8) {
        uint64_t w = 0;
        for (size_t i = 0; i < 8; i++) {
            w |= (uint64_t)p[i] << (8 * i);
        }
        h = hash_mix64(h ^ w) * 0x9e3779b97f4a7c15ULL;
    }
    uint64_t tail = 0;
    for (size_t i = 0; i < len; i++) {
        tail |= (uint64_t)p[i] << (8 * i);
    }
    return hash_mix64(h ^ tail ^ ((uint64_t)len << 56));
}

static void hash_matches_bytewise(void **state)
{
    (void)state;
    unsigned char buf[48];
    for (size_t i = 0; i < sizeof(buf); i++) {
        buf[i] = (unsigned char)(hash_mix64(i + 1) >> 24);
    }
    /* every length at every alignment: the tail's two loads overlap
     * differently for each length below 8 */
    for (size_t off = 0; off < 8; off++) {
        for (size_t len = 0; off + len <= sizeof(buf); len++) {
            assert_true(hash64(buf + off, len, 99) == hash64_bytewise(buf + off, len, 99));
        }
    }
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(hash_matches_bytewise),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
