/* util/hash.c: a simple 64-bit hash reading 8 bytes a step, each word
 * mixed with splitmix64; fast enough for shingles and stable by design
 * (no dependence on the platform's endianness). */
#include "hash.h"

static uint64_t load_le64(const unsigned char *p)
{
    return (uint64_t)p[0] | (uint64_t)p[1] << 8 | (uint64_t)p[2] << 16 | (uint64_t)p[3] << 24 |
           (uint64_t)p[4] << 32 | (uint64_t)p[5] << 40 | (uint64_t)p[6] << 48 |
           (uint64_t)p[7] << 56;
}

static uint64_t load_le32(const unsigned char *p)
{
    return (uint64_t)p[0] | (uint64_t)p[1] << 8 | (uint64_t)p[2] << 16 | (uint64_t)p[3] << 24;
}

uint64_t hash64(const void *data, size_t len, uint64_t seed)
{
    const unsigned char *p = data;
    uint64_t h = seed ^ (0x9e3779b97f4a7c15ULL * (len + 1));
    while (len >= 8) {
        h = hash_mix64(h ^ load_le64(p)) * 0x9e3779b97f4a7c15ULL;
        p += 8;
        len -= 8;
    }
    /* the last len (< 8) bytes, little-endian, read as two overlapping
     * loads instead of a byte loop: most words are shorter than 8 bytes,
     * and the loop's length-dependent branch is mispredicted on most */
    uint64_t tail = 0;
    if (len >= 4) {
        tail = load_le32(p) | load_le32(p + len - 4) << (8 * (len - 4));
    } else if (len > 0) {
        tail = (uint64_t)p[0] | (uint64_t)p[len / 2] << (8 * (len / 2)) |
               (uint64_t)p[len - 1] << (8 * (len - 1));
    }
    h = hash_mix64(h ^ tail ^ ((uint64_t)len << 56));
    return h;
}
