/* tests/fuzz/fuzz_sniff.c: libFuzzer target: any bytes through sift_read_buffer
 * with the format forced to SIFT_FMT_UNKNOWN (sniffed, so every reader
 * and the sniffer itself are reached). */
#include "fuzz.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    return fuzz_read(SIFT_FMT_UNKNOWN, data, size);
}
