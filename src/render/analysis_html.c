/* render/analysis_html.c: a story's analysis as one HTML page. Every piece of
 * report text is escaped (& < > " '), so no report can inject markup. */
#include "analysis_int.h"
#include "render.h"

static void put_html(FILE *f, const char *s, size_t n)
{
    for (size_t i = 0; i < n; i++) {
        switch (s[i]) {
        case '&':
            fputs("&amp;", f);
            break;
        case '<':
            fputs("&lt;", f);
            break;
        case '>':
            fputs("&gt;", f);
            break;
        case '"':
            fputs("&quot;", f);
            break;
        case '\'':
            fputs("&#39;", f);
            break;
        default:
            fputc(s[i], f);
        }
    }
}

int render_analysis_html(FILE *f, const analysis_t *a)
{
    static const analysis_style_t st = {
        "<!DOCTYPE html>\n<html><head><meta charset=\"utf-8\"><title>sift story</title></head>"
        "<body>\n",
        "</body></html>\n",
        "<h2>",
        "</h2>\n",
        "<ul>\n",
        "</ul>\n",
        "<li>",
        "</li>\n",
        put_html
    };
    return analysis_render(f, a, &st);
}
