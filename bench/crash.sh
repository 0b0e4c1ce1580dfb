#!/bin/sh
# bench/crash.sh [KILLS] [SEED] [N_REPORTS]: the long crash-safety run
# (issue 7: 200 seeded kills; make check runs 20): tests/crash/crash.py
# over the release build, niced, working in bench/work/crash. Prints the
# kills, committed reports lost, duplicates, integrity errors and whether
# the final state equals an unkilled run; exits 1 on any failure.
set -eu
cd "$(dirname "$0")/.."
make -s build/sift build/asan/fault.so
work=bench/work/crash
rm -rf "$work"
mkdir -p "$work"
# a copy: a rebuild during the run must not swap the binary under it
cp build/sift build/asan/fault.so "$work/"
echo "crash: commit $(git rev-parse --short HEAD)$(git diff --quiet HEAD -- src || echo +changes)"
nice -n 10 python3 tests/crash/crash.py --sift "$work/sift" --kills "${1:-200}" --seed "${2:-7}" \
    --n-reports "${3:-3000}" --work "$work" --fault-so "$(pwd)/$work/fault.so"
