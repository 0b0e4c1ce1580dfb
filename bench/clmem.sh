#!/bin/sh
# bench/clmem.sh SIFT GEN [DB]: bytes of in-memory index a report and
# cost per report of `sift add` at 0-10k and 90k-100k stored, on a
# bench/gen_reports.py corpus GEN of at least 100,000 reports (folders of
# 1000): bulk 0 -> 10k, reload only, bulk 10k -> 90k, reload only, bulk
# 90k -> 100k. Each step prints CPU (user + sys), wall, peak RSS and the
# SIFT_ADD_STATS line (index bytes a report: copies + clusters). The
# cluster settings come from SIFT_CLUSTER_TUNE as for `sift add`
# (docs/internals/clustering.md). KEEP=1 keeps the store; STOPS="250
# 500 750 1000" sets the stops (thousands stored). nice;
# docs/bench/clmem-4.md.
set -eu
sift=$1
gen=$2
db=${3:-/tmp/sift-clmem.db}
empty=$(mktemp -d)
rm -f "$db" "$db-wal" "$db-shm"
fmt="%e s wall, %U user + %S sys s CPU, %M KB peak RSS"
t() { SIFT_ADD_STATS=1 nice /usr/bin/time -f "$fmt" "$@"; }
slices() { # FROM TO: folder names FROM..TO-1
    i=$1
    while [ "$i" -lt "$2" ]; do
        printf '%s/%04d ' "$gen" "$i"
        i=$((i + 1))
    done
}
step() { # FROM TO (thousands)
    echo "bulk: ${1}000 -> ${2}000 stored:"
    # shellcheck disable=SC2046
    t "$sift" --db "$db" add --quiet $(slices "$1" "$2")
    echo "reload only ($2,000 stored):"
    t "$sift" --db "$db" add --quiet "$empty"
}
from=0
for at in ${STOPS:-10 90 100}; do
    step "$from" "$at"
    from=$at
done
rmdir "$empty"
[ -n "${KEEP:-}" ] || rm -f "$db" "$db-wal" "$db-shm"
