/* tests/fuzz/fuzz_warc.c: libFuzzer target: any bytes through sift_read_buffer
 * with the format forced to SIFT_FMT_WARC. */
#include "fuzz.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    return fuzz_read(SIFT_FMT_WARC, data, size);
}
