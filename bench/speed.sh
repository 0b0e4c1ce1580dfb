#!/bin/sh
# bench/speed.sh [N]: speed and memory of copy detection alone, in-memory
# clustering, and the whole `sift add` path (read, dedup, cluster, store)
# on a corpus from bench/gen_reports.py (seed 7, 30% copies). Cost per
# report is timed on slices of 1000 reports added to a growing store.
# Runs under nice; figures go to stdout.
set -eu
n=${1:-20000}
here=$(cd "$(dirname "$0")/.." && pwd)
work=${SIFT_BENCH_DIR:-/tmp/sift-speed}
sift=$here/build/sift
mkdir -p "$work"
if [ ! -d "$work/gen-$n" ]; then
    nice python3 "$here/bench/gen_reports.py" --seed 7 --n "$n" --dup 0.3 "$work/gen-$n"
fi
cc -O2 -g -std=c17 -D_GNU_SOURCE -I"$here/include" -I"$here/src" -o "$work/bench_dedup" \
    "$here/bench/bench_dedup.c" "$here/build/libsift.a" \
    $(pkg-config --libs libxml-2.0 sqlite3 jansson zlib libutf8proc libmicrohttpd) -lstemmer -lm
find "$work/gen-$n/" -name '*.txt' | sort >"$work/files-$n"
echo "== dedup alone (in memory)"
nice "$work/bench_dedup" dedup - <"$work/files-$n"
echo "== dedup + clustering (in memory, no store)"
nice /usr/bin/time -f "CPU %U user + %S sys s, %M KB peak RSS" \
    "$work/bench_dedup" cluster - <"$work/files-$n"
echo "== whole add path: sift add, slice by slice of 1000 reports"
rm -f "$work/speed.db"*
for d in "$work/gen-$n"/*/; do
    s=$(date +%s.%N)
    nice /usr/bin/time -f "CPU %U user + %S sys s, %M KB peak RSS" -o "$work/time.txt" \
        "$sift" --db "$work/speed.db" add --quiet "$d"
    e=$(date +%s.%N)
    stored=$(sqlite3 "$work/speed.db" 'SELECT count(*) FROM report')
    bytes=$(du -sb "$d" | cut -f1)
    echo "$stored stored: $(echo "$e - $s" | bc) s for 1000 reports, $bytes bytes, $(cat "$work/time.txt")"
done
