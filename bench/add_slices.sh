#!/bin/sh
# bench/add_slices.sh GEN: CPU and peak RSS of `sift add` on slices of a
# bench/gen_reports.py corpus (folders GEN/0000 ... of 1000 reports): one
# slice into an empty store, nine in one run, a reload with nothing to
# add, one more slice with 10,000 stored. Runs under nice.
set -eu
gen=$1
here=$(cd "$(dirname "$0")/.." && pwd)
sift=$here/build/sift
db=${SIFT_BENCH_DB:-/tmp/sift-add-slices.db}
empty=$(mktemp -d)
rm -f "$db" "$db-wal" "$db-shm"
t() { nice /usr/bin/time -f "CPU %U user + %S sys s, %M KB peak RSS" "$@"; }
echo "1000 reports into an empty store:"
t "$sift" --db "$db" add --quiet "$gen/0000"
echo "9000 reports in one run (1000 stored):"
t "$sift" --db "$db" add --quiet "$gen/0001" "$gen/0002" "$gen/0003" "$gen/0004" "$gen/0005" \
    "$gen/0006" "$gen/0007" "$gen/0008" "$gen/0009"
echo "reload only (10000 stored):"
t "$sift" --db "$db" add --quiet "$empty"
echo "1000 reports with 10000 stored:"
t "$sift" --db "$db" add --quiet "$gen/0010"
rmdir "$empty"
