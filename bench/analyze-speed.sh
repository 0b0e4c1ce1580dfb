#!/bin/sh
# bench/analyze-speed.sh [COPIES]: the analysis cost per report against the
# add path's, on seeds-like text: the five seed reports copied COPIES times
# (default 100; each copy gets a numbered line so its id differs). Prints the
# median of 5 runs of `sift add` (ms per report) and of the analysis alone
# (stories of 5 reports, ms per report), and the ratio; the runs of
# both interleave, so load on the machine falls on both alike. Both are CPU time
# (user + system), not wall: the machine is shared. BASE_LIB=path/libsift.a
# also times the analysis of that library (a peer build) in the same run,
# and PEER_LIB=path/libsift.a a second peer.
# GROUP=N sets the story size (default 5): the cost per report should stay
# flat as stories grow. CORPUS=DIR times the reports under DIR instead of
# seed copies (e.g. bench/gen.py --format txt output; COPIES is then
# ignored). Needs `make`.
set -eu
here=$(cd "$(dirname "$0")/.." && pwd)
seeds=${SIFT_SHARED:-$here/../shared}/seeds
copies=${1:-100}
group=${GROUP:-5}
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
PKGS="libxml-2.0 sqlite3 jansson zlib libutf8proc libmicrohttpd"
cc -std=c17 -O2 -D_GNU_SOURCE -I"$here/include" -I"$here/src" -o "$work/as" \
    "$here/bench/analyze_speed.c" "$here/build/libsift.a" \
    $(pkg-config --libs $PKGS) -lstemmer -lpthread -lm
mkdir "$work/in"
if [ -n "${CORPUS:-}" ]; then
    find "$CORPUS" -name '*.txt' -exec cp {} "$work/in/" \;
else
    i=0
    while [ $i -lt "$copies" ]; do
        for f in "$seeds"/*.txt; do
            b=$(basename "$f" .txt)
            { cat "$f"; printf '\n\nCopy %d.\n' "$i"; } >"$work/in/$(printf '%05d' $i)_$b.txt"
        done
        i=$((i + 1))
    done
fi
n=$(ls "$work/in" | wc -l)
median() { sort -n | sed -n 3p; }
if [ -n "${BASE_LIB:-}" ]; then
    cc -std=c17 -O2 -D_GNU_SOURCE -I"$here/include" -I"$here/src" -o "$work/as-base" \
        "$here/bench/analyze_speed.c" "$BASE_LIB" \
        $(pkg-config --libs $PKGS) -lstemmer -lpthread -lm
fi
if [ -n "${PEER_LIB:-}" ]; then
    cc -std=c17 -O2 -D_GNU_SOURCE -I"$here/include" -I"$here/src" -o "$work/as-peer" \
        "$here/bench/analyze_speed.c" "$PEER_LIB" \
        $(pkg-config --libs $PKGS) -lstemmer -lpthread -lm
fi
for r in 1 2 3 4 5; do
    rm -f "$work/db"
    /usr/bin/time -f "%U %S" -o "$work/t" "$here/build/sift" --db "$work/db" add --quiet "$work/in"
    awk -v n="$n" '{ printf "%.3f\n", ($1 + $2) * 1000 / n }' "$work/t" >>"$work/add5"
    "$work/as" "$work/in" "$group" | awk '{ print $(NF-3) }' >>"$work/an3"
    if [ -n "${BASE_LIB:-}" ]; then
        "$work/as-base" "$work/in" "$group" | awk '{ print $(NF-3) }' >>"$work/base3"
    fi
    if [ -n "${PEER_LIB:-}" ]; then
        "$work/as-peer" "$work/in" "$group" | awk '{ print $(NF-3) }' >>"$work/peer3"
    fi
done
median <"$work/add5" >"$work/add"
median <"$work/an3" >"$work/an"
/usr/bin/time -f "analysis peak RSS %M KB" "$work/as" "$work/in" "$group" >/dev/null
echo "reports: $n"
echo "add path: $(cat "$work/add") ms per report (median of 5)"
echo "analysis: $(cat "$work/an") ms per report (median of 5, stories of $group)"
if [ -n "${BASE_LIB:-}" ]; then
    echo "analysis of BASE_LIB: $(median <"$work/base3") ms per report (median of 5, same run)"
    /usr/bin/time -f "BASE_LIB analysis peak RSS %M KB" "$work/as-base" "$work/in" "$group" >/dev/null
fi
if [ -n "${PEER_LIB:-}" ]; then
    echo "analysis of PEER_LIB: $(median <"$work/peer3") ms per report (median of 5, same run)"
fi
awk -v a="$(cat "$work/add")" -v b="$(cat "$work/an")" \
    'BEGIN { printf "analysis / add = %.1f%%\n", 100 * b / a }'
