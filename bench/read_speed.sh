#!/bin/sh
# bench/read_speed.sh OLD NEW GEN [SLICES]: the readers alone (what the
# reading thread of `sift add` does before the word analysis): `sift
# extract` of SLICES (default 4) folders of a bench/gen_reports.py corpus
# GEN, two builds side by side, RUNS times each (default 5), alternating,
# under nice; CPU (user + sys) and peak RSS per run: take the medians.
# With CALLGRIND=1 also the exact instruction count of each build on the
# first folder (valgrind), which the machine's load does not move.
set -eu
old=$1
new=$2
gen=$3
slices=${4:-4}
runs=${RUNS:-5}
dirs=""
i=0
while [ "$i" -lt "$slices" ]; do
    dirs="$dirs $(printf '%s/%04d' "$gen" "$i")"
    i=$((i + 1))
done
out=$(mktemp)
r=1
while [ "$r" -le "$runs" ]; do
    for b in "$old" "$new"; do
        # shellcheck disable=SC2086
        nice /usr/bin/time -f "%U user + %S sys s CPU, %M KB peak RSS" -o "$out" \
            "$b" extract $dirs >/dev/null
        echo "run $r $b: ${slices}000 reports: $(cat "$out")"
    done
    r=$((r + 1))
done
if [ "${CALLGRIND:-0}" = 1 ]; then
    for b in "$old" "$new"; do
        n=$(valgrind --tool=callgrind --callgrind-out-file=/dev/null "$b" extract \
            "$(printf '%s/0000' "$gen")" 2>&1 >/dev/null | sed -n 's/.*Collected : //p')
        echo "$b: $n instructions for 1000 reports"
    done
fi
rm -f "$out"
