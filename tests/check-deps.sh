#!/bin/sh
# tests/check-deps.sh: fail on an upward #include (STYLE.md section 1).
# Stages run read -> text -> dedup/cluster -> analyze -> render -> serve
# (serve answers with render's JSON, as `sift show --json` does); all
# may use util/; stages may use store/, which uses only util/; only
# main.c includes cli/.
cd "$(dirname "$0")/.." || exit 2
rank() {
    case "$1" in
    util) echo 0 ;; store) echo 1 ;; read) echo 2 ;; text) echo 3 ;;
    dedup | cluster) echo 4 ;; analyze) echo 5 ;; render) echo 6 ;;
    serve) echo 7 ;; cli) echo 8 ;; *) echo 9 ;;
    esac
}
status=0
for f in src/*/*.c src/*/*.h; do
    mod=$(basename "$(dirname "$f")")
    r=$(rank "$mod")
    for dep in $(sed -n 's/^#include "\([a-z]*\)\/.*/\1/p' "$f" | sort -u); do
        [ "$dep" = "$mod" ] && continue
        d=$(rank "$dep")
        bad=0
        [ "$dep" = cli ] && bad=1
        [ "$mod" = store ] && [ "$dep" != util ] && bad=1
        [ "$mod" = util ] && bad=1
        [ "$d" -gt "$r" ] && bad=1
        # same-rank siblings (dedup/cluster) may not mix
        [ "$d" -eq "$r" ] && [ "$dep" != "$mod" ] && bad=1
        if [ "$bad" = 1 ]; then
            echo "deps: $f includes $dep/: not allowed from $mod/" >&2
            status=1
        fi
    done
done
grep -l '#include "cli/' src/*/*.c src/*/*.h 2>/dev/null | grep -v '^src/cli/' | while read -r f; do
    echo "deps: $f includes cli/" >&2
done
[ $status = 0 ] && echo "deps: ok"
exit $status
