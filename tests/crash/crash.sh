#!/bin/sh
# tests/crash/crash.sh SIFT [KILLS] [SEED]: the short crash-safety run of
# `make check` (tests/crash/crash.py does the work; bench/crash.sh is the
# long run). Needs build/asan/fault.so (the Makefile builds it).
set -eu
sift=${1:?usage: tests/crash/crash.sh SIFT [KILLS] [SEED]}
here=$(cd "$(dirname "$0")/../.." && pwd)
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
python3 "$here/tests/crash/crash.py" --sift "$sift" --kills "${2:-20}" --seed "${3:-7}" \
    --n-reports "${N_REPORTS:-1000}" --work "$work" --fault-so "$here/build/asan/fault.so"
