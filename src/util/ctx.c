/* util/ctx.c: default run configuration. */
#include "limits.h"
#include "sift.h"

void sift_ctx_init(sift_ctx_t *ctx)
{
    ctx->seed = 0x51f7;
    ctx->is_strict = 0;
    ctx->max_report_bytes = SIFT_MAX_REPORT_BYTES;
    ctx->max_line_bytes = SIFT_MAX_LINE_BYTES;
    ctx->max_record_bytes = SIFT_MAX_RECORD_BYTES;
    ctx->max_html_depth = SIFT_MAX_HTML_DEPTH;
}
