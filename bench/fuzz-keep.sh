#!/bin/sh
# bench/fuzz-keep.sh TARGET...: refresh the kept corpus tests/fuzz/corpus/
# fuzz_<target>/ from a run on our own seeds only (no benchmark data in
# git): FUZZ_SEEDS=own FUZZ_WORK=bench/work/fuzz-own bench/fuzz.sh 300,
# then this. libFuzzer's -merge=1 picks the
# inputs (cut to 3 KiB) that keep the run's coverage, and 10 of them,
# spread over their sizes, are kept (make check replays them; the
# corpus must stay small). Crashers are added by hand, once fixed, as
# regress-<what> files, which this script leaves alone.
set -eu
cd "$(dirname "$0")/.."
work=${FUZZ_WORK:-bench/work/fuzz-own}
for t in "$@"; do
    tmp=$(mktemp -d)
    nice -n 15 "$work/bin/fuzz_$t" -merge=1 -max_len=3072 "$tmp" "$work/corpus/$t" \
        >/dev/null 2>&1 || true
    kept=tests/fuzz/corpus/fuzz_$t
    mkdir -p "$kept"
    # regression inputs (regress-*, fixed crashers) stay; the rest is redone
    find "$kept" -type f ! -name 'regress-*' -delete
    n=$(ls "$tmp" | wc -l)
    step=$(((n + 9) / 10))
    [ "$step" -ge 1 ] || step=1
    i=0
    for f in $(ls -S -r "$tmp"); do
        if [ $((i % step)) = 0 ]; then
            cp "$tmp/$f" "$kept/$f"
        fi
        i=$((i + 1))
    done
    rm -rf "$tmp"
    echo "$t: $n inputs keep the coverage; kept $(ls "$kept" | wc -l), $(du -sk "$kept" | cut -f1) KB"
done
