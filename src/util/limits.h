/* util/limits.h: every size cap sift enforces, each with its reason
 * (after sqlite's sqliteLimit.h). Memory stays bounded on any input. */
#ifndef SIFT_LIMITS_H
#define SIFT_LIMITS_H

/* A single report read whole (a text, Markdown or HTML file). The longest
 * real news pages are a few MB of HTML; 32 MiB leaves room for inline
 * scripts and images without letting a stray disk image in. */
#define SIFT_MAX_REPORT_BYTES ((size_t)32 * 1024 * 1024)

/* One JSON Lines record. A JSON record may carry a whole HTML page, so the
 * same bound as a report, plus room for the other fields. */
#define SIFT_MAX_LINE_BYTES ((size_t)48 * 1024 * 1024)

/* One WARC record payload kept in memory (larger records are skipped with
 * an error; the stream moves on without reading them whole). */
#define SIFT_MAX_RECORD_BYTES ((size_t)32 * 1024 * 1024)

/* A WARC header block: real ones are under 2 KiB. */
#define SIFT_MAX_WARC_HEADER_BYTES ((size_t)64 * 1024)

/* HTML nesting that extraction walks; deeper elements are treated as text
 * of their ancestor at this depth. Real pages stay under 100. */
#define SIFT_MAX_HTML_DEPTH 256

/* Blocks in one report: a long-read has a few hundred paragraphs. */
#define SIFT_MAX_BLOCKS 20000

/* Metadata fields (title, byline, ...) are cut to this many bytes, at a
 * UTF-8 boundary: no real headline is longer. */
#define SIFT_MAX_FIELD_BYTES 4096

/* Files visited under one folder argument, against symlink loops and
 * runaway trees. */
#define SIFT_MAX_DIR_DEPTH 64

/* Reports of one storyline or event that its analysis reads (copies are
 * skipped first: they add no source). Analysis is superlinear in the
 * sentences of a story and runs per request in `sift serve`; 64 reports
 * keep a story under a second and bounded memory, and a story's first
 * 64 originals already carry its claims and dates. */
#define SIFT_MAX_STORY_REPORTS 64

/* Reports committed per store transaction: large enough to amortise the
 * fsync, small enough that a crash loses little. */
#define SIFT_STORE_BATCH 500

#endif
