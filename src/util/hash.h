/* util/hash.h: stable 64-bit hashing for ids, shingles and sketches. The
 * same bytes and seed give the same hash on every machine and run. */
#ifndef SIFT_HASH_H
#define SIFT_HASH_H

#include <stddef.h>
#include <stdint.h>

uint64_t hash64(const void *data, size_t len, uint64_t seed);

/* A strong 64-bit mix (splitmix64 finaliser). */
static inline uint64_t hash_mix64(uint64_t x)
{
    x ^= x >> 30;
    x *= 0xbf58476d1ce4e5b9ULL;
    x ^= x >> 27;
    x *= 0x94d049bb133111ebULL;
    x ^= x >> 31;
    return x;
}

#endif
