/* util/report.h: building a sift_report_t. Readers and the store fill a
 * report through these calls; every string is copied into the report's
 * arena with its white space collapsed. */
#ifndef SIFT_REPORT_H
#define SIFT_REPORT_H

#include <stddef.h>

#include "arena.h"
#include "sift.h"

/* Set *field (one of r's const char * members) to a copy of s[0..len),
 * white space collapsed and cut to SIFT_MAX_FIELD_BYTES. 0 or SIFT_ENOMEM. */
int report_set(sift_report_t *r, const char **field, const char *s, size_t len);
int report_set_str(sift_report_t *r, const char **field, const char *s);

/* Append a body block; white space is collapsed and an empty block is
 * skipped. 0, SIFT_ELIMIT past SIFT_MAX_BLOCKS, or SIFT_ENOMEM. */
int report_add_block(sift_report_t *r, sift_block_kind_t kind, const char *text, size_t len);

/* Set text aside as clutter with a reason (a static string). */
int report_add_clutter(sift_report_t *r, const char *reason, const char *text, size_t len);

/* Remove block i, keeping it as clutter with reason. */
int report_drop_block(sift_report_t *r, size_t i, const char *reason);

/* Compute r->id from the normalised body. Call after the last block. */
void report_finish(sift_report_t *r);

/* The report's arena, for readers' scratch data that lives as long. */
arena_t *report_arena(sift_report_t *r);

#endif
