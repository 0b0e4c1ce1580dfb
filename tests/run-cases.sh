#!/bin/sh
# tests/run-cases.sh SIFT DIR: run every case folder under DIR (golden and
# bad-input tests, after curl's tests/data and jq's tests). A case holds:
#   cmd              shell commands, run in a scratch copy of the case with
#                    `sift` on PATH, SIFT_DB set to a fresh store, $SHARED
#                    pointing at ../shared and $CASE at the case folder
#   in/              inputs (optional)
#   expected         expected stdout (optional)
#   expected-stderr  expected stderr (optional)
#   expected-status  expected exit status (default 0)
# With SIFT_UPDATE=1, expected files are rewritten from the actual output.
# A case that needs ../shared and cannot find it fails.
set -u
sift=$(cd "$(dirname "$1")" && pwd)/$(basename "$1")
dir=$2
here=$(cd "$(dirname "$0")/.." && pwd)
shared=${SIFT_SHARED:-$here/../shared}
fail=0
n=0
bindir=$(mktemp -d)
ln -s "$sift" "$bindir/sift"
for case in "$dir"/*/; do
    case=${case%/}
    [ -f "$case/cmd" ] || continue
    name=$(basename "$case")
    n=$((n + 1))
    work=$(mktemp -d)
    cp -R "$case/." "$work/"
    (
        cd "$work" || exit 99
        PATH="$bindir:$PATH" PYTHONPATH="$here/tests/lib" SIFT_DB="$work/test.db" SHARED="$shared" \
            CASE="$here/$case" \
            timeout 120 sh ./cmd >"$work/.out" 2>"$work/.err"
        echo $? >"$work/.status"
    )
    status=$(cat "$work/.status")
    want_status=0
    [ -f "$case/expected-status" ] && want_status=$(cat "$case/expected-status")
    ok=1
    if [ "${SIFT_UPDATE:-0}" = 1 ]; then
        cp "$work/.out" "$case/expected"
        [ -f "$case/expected-stderr" ] && cp "$work/.err" "$case/expected-stderr"
        [ "$status" != 0 ] && echo "$status" >"$case/expected-status"
    else
        if [ "$status" != "$want_status" ]; then
            echo "FAIL $name: exit status $status, expected $want_status"
            ok=0
        fi
        if [ -f "$case/expected" ] && ! diff -u "$case/expected" "$work/.out" >"$work/.diff"; then
            echo "FAIL $name: stdout differs"
            head -40 "$work/.diff"
            ok=0
        fi
        if [ -f "$case/expected-stderr" ] &&
            ! diff -u "$case/expected-stderr" "$work/.err" >"$work/.diff"; then
            echo "FAIL $name: stderr differs"
            head -40 "$work/.diff"
            ok=0
        fi
        if [ $ok = 0 ]; then
            echo "--- stderr of $name:"
            head -20 "$work/.err"
            fail=$((fail + 1))
        fi
    fi
    rm -rf "$work"
done
rm -rf "$bindir"
echo "$dir: $n cases, $fail failed"
[ $fail = 0 ]
