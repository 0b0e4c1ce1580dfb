/* tests/fuzz/fuzz_date.c: libFuzzer target for the date parsers: any
 * bytes through date_to_iso() (JSON/WARC date fields) and clutter_date_at()
 * (datelines in text), checking what they promise: an ISO date of the
 * documented shape, a length within the input, a valid month and day.
 * fuzz-requires: date_to_iso clutter_date_at */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "read/read_int.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static int is_digits(const char *s, size_t n)
{
    for (size_t i = 0; i < n; i++) {
        if (s[i] < '0' || s[i] > '9') {
            return 0;
        }
    }
    return 1;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    /* an exact-size copy without a terminator: the parsers take a length */
    char *s = malloc(size ? size : 1);
    if (!s) {
        return 0;
    }
    memcpy(s, data, size);
    char out[32];
    memset(out, 'x', sizeof(out));
    if (date_to_iso(out, 21, s, size)) {
        size_t n = strnlen(out, 21);
        /* "YYYY-MM-DD" or "YYYY-MM-DDTHH:MM:SSZ" */
        if (!(n == 10 || n == 20) || !is_digits(out, 4) || out[4] != '-' ||
            !is_digits(out + 5, 2) || out[7] != '-' || !is_digits(out + 8, 2)) {
            abort();
        }
        int month = (out[5] - '0') * 10 + (out[6] - '0');
        int day = (out[8] - '0') * 10 + (out[9] - '0');
        if (month < 1 || month > 12 || day < 1 || day > 31) {
            abort();
        }
    }
    int y = 0, m = 0, d = 0;
    size_t took = clutter_date_at(s, size, &y, &m, &d);
    if (took > size || (took && (m < 1 || m > 12 || d < 1 || d > 31))) {
        abort();
    }
    free(s);
    return 0;
}
