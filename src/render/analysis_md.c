/* render/analysis_md.c: a story's analysis as Markdown. Report text has its
 * Markdown specials escaped so a quote cannot turn into markup. */
#include "analysis_int.h"
#include "render.h"

static void put_md(FILE *f, const char *s, size_t n)
{
    for (size_t i = 0; i < n; i++) {
        char c = s[i];
        if (c == '*' || c == '_' || c == '[' || c == ']' || c == '`' || c == '<' || c == '>' ||
            c == '#' || c == '|' || c == '\\') {
            fputc('\\', f);
        }
        fputc(c == '\n' ? ' ' : c, f);
    }
}

int render_analysis_md(FILE *f, const analysis_t *a)
{
    static const analysis_style_t st = { "# Story\n", "",   "\n## ", "\n\n", "",
                                         "",          "- ", "\n",    put_md };
    return analysis_render(f, a, &st);
}
