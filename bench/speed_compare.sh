#!/bin/sh
# bench/speed_compare.sh OLD NEW GEN [SLICES]: the whole `sift add` path of
# two builds side by side in the same run, RUNS times each (default 3),
# alternating: SLICES (default 10) slices of GEN (a bench/gen_reports.py
# corpus, folders of 1000 reports) into an empty store in one run, then
# the next slice with SLICES*1000 stored. Prints CPU (user + sys), wall
# and peak RSS per run; take the medians. Runs under nice.
set -eu
old=$1
new=$2
gen=$3
slices=${4:-10}
runs=${RUNS:-3}
work=${SIFT_BENCH_DIR:-/tmp/sift-speed-compare}
mkdir -p "$work"
dirs=""
i=0
while [ "$i" -lt "$slices" ]; do
    dirs="$dirs $(printf '%s/%04d' "$gen" "$i")"
    i=$((i + 1))
done
next=$(printf '%s/%04d' "$gen" "$slices")
fmt="%e s wall, %U user + %S sys s CPU, %M KB peak RSS"
r=1
while [ "$r" -le "$runs" ]; do
    for b in "$old" "$new"; do
        rm -f "$work/c.db" "$work/c.db-wal" "$work/c.db-shm"
        # shellcheck disable=SC2086
        nice /usr/bin/time -f "$fmt" -o "$work/t1" "$b" --db "$work/c.db" add --quiet $dirs
        nice /usr/bin/time -f "$fmt" -o "$work/t2" "$b" --db "$work/c.db" add --quiet "$next"
        echo "run $r $b: ${slices}000 into empty: $(cat "$work/t1")"
        echo "run $r $b: 1000 with ${slices}000 stored: $(cat "$work/t2")"
    done
    r=$((r + 1))
done
rm -f "$work/c.db" "$work/c.db-wal" "$work/c.db-shm"
