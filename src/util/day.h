/* util/day.h: civil dates as day numbers (days since 1970-01-01, the
 * proleptic Gregorian calendar), the one conversion every stage uses.
 * Pure arithmetic after Howard Hinnant's days_from_civil: no timegm(),
 * no time zone, no locale, so results never depend on the machine. */
#ifndef SIFT_DAY_H
#define SIFT_DAY_H

#include <stdint.h>

/* Day number of y-m-d (m 1..12, d 1..31; not validated). */
int64_t day_from_civil(int64_t y, int64_t m, int64_t d);

/* y-m-d of a day number. */
void day_to_civil(int64_t days, int *out_y, int *out_m, int *out_d);

#endif
