/* render/analysis_int.h: the walk over a story's analysis that the text,
 * Markdown and HTML writers share; each supplies its own style. Used only
 * inside src/render/. */
#ifndef SIFT_ANALYSIS_INT_H
#define SIFT_ANALYSIS_INT_H

#include <stdio.h>

#include "analyze/analyze.h"

typedef struct analysis_style {
    const char *begin;   /* printed first */
    const char *end;     /* printed last */
    const char *h_open;  /* before a section heading */
    const char *h_close; /* after it */
    const char *l_open;  /* before a list */
    const char *l_close;
    const char *i_open; /* before an item */
    const char *i_close;
    /* write report text s[0..n) escaped as the format needs */
    void (*put)(FILE *f, const char *s, size_t n);
} analysis_style_t;

/* Walk the analysis, writing every section in style. 0 or SIFT_EIO. */
int analysis_render(FILE *f, const analysis_t *a, const analysis_style_t *st);

#endif
