#!/bin/sh
# bench/concurrency.sh [N]: two concurrent `sift add` writers and polling
# readers over N generated reports (default 100,000; issue 7), release
# build, niced, working in bench/work/concurrency (the corpus is kept
# there between runs). See tests/crash/concurrency.sh.
set -eu
cd "$(dirname "$0")/.."
make -s build/sift
n=${1:-100000}
work=bench/work/concurrency-$n
mkdir -p "$work"
# a copy: a rebuild during the run must not swap the binary under it
cp build/sift "$work/sift"
echo "concurrency: commit $(git rev-parse --short HEAD)$(git diff --quiet HEAD -- src || echo +changes)"
/usr/bin/time -v nice -n 10 tests/crash/concurrency.sh "$work/sift" "$n" "$work" \
    2>bench/work/concurrency-time.txt
grep -E "Elapsed|Maximum resident" bench/work/concurrency-time.txt
