#!/bin/sh
# bench/speed_stored.sh SIFT GEN: cost per report of the whole `sift add`
# path as the store grows, on a bench/gen_reports.py corpus GEN of at
# least 101,000 reports (folders of 1000): bulk adds up to 10k, 50k and
# 100k stored, each followed by one timed slice of 1000 reports and a
# timed add of nothing (the reload of the saved state, a fixed cost per
# run, to subtract). Prints CPU (user + sys), wall and peak RSS. nice.
# AT="10 100 1000" sets the stops (thousands stored; the corpus must hold
# the last stop plus 1000): the 1M-report run of issue 3, on a corpus of
# `bench/gen_reports.py --n 1001000` (about 3.7 GB).
set -eu
sift=$1
gen=$2
db=${SIFT_BENCH_DB:-/tmp/sift-speed-stored.db}
empty=$(mktemp -d)
rm -f "$db" "$db-wal" "$db-shm"
fmt="%e s wall, %U user + %S sys s CPU, %M KB peak RSS"
t() { nice /usr/bin/time -f "$fmt" "$@"; }
slices() { # FROM TO: folder names FROM..TO-1
    i=$1
    while [ "$i" -lt "$2" ]; do
        printf '%s/%04d ' "$gen" "$i"
        i=$((i + 1))
    done
}
from=0
for at in ${AT:-10 50 100}; do
    echo "bulk: $((at - from))000 reports ($((from))000 stored before):"
    # shellcheck disable=SC2046
    t "$sift" --db "$db" add --quiet $(slices "$from" "$at")
    echo "reload only ($at,000 stored):"
    t "$sift" --db "$db" add --quiet "$empty"
    echo "1000 reports with $at,000 stored:"
    t "$sift" --db "$db" add --quiet "$(printf '%s/%04d' "$gen" "$at")"
    from=$((at + 1))
done
rmdir "$empty"
rm -f "$db" "$db-wal" "$db-shm"
