/* read/warc.c: WARC files (stub: issue 2). */
#include "read_int.h"
#include "util/err.h"

int warc_read(const sift_ctx_t *ctx, const char *source, read_stream_t *in, const sift_sink_t *sink,
              sift_err_t *err)
{
    (void)ctx;
    (void)in;
    (void)sink;
    return err_set(err, SIFT_EINPUT, source, SIFT_NOPOS, 0, "WARC not read yet");
}
