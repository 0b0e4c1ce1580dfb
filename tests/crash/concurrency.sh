#!/bin/sh
# tests/crash/concurrency.sh SIFT N [WORK]: two `sift add` processes on one
# store at once, with different and overlapping inputs (writer 1: sets A
# then C, writer 2: C then B), while readers
# poll (`sift docs` in a loop, tests/crash/poll.py, and `sift serve` with
# tests/crash/http_poll.py when this sift has serve). Passes when
# both writers exit 0, no reader fails, "database is locked" never reaches
# the user, and the store equals a sequential run: the exact count and no
# duplicates (against one `sift add` of a, b, c), the same canonical dump
# of every table, copies and clusters included, as one `sift add` of the
# same files in the order the writers committed them (batches of the two
# writers interleave; each batch starts from the state the other left),
# `sift check` clean. N reports in
# all (a third per set). make check runs a short one; bench/concurrency.sh
# the 100,000-report one.
set -eu
sift=$(cd "$(dirname "${1:?usage: concurrency.sh SIFT N [WORK]}")" && pwd)/$(basename "$1")
n=${2:-2000}
here=$(cd "$(dirname "$0")/../.." && pwd)
if [ -n "${3:-}" ]; then
    work=$3
    mkdir -p "$work"
else
    work=$(mktemp -d)
    trap 'rm -rf "$work"' EXIT
fi
third=$((n / 3))
for set in a b c; do
    if [ ! -d "$work/$set" ]; then
        seed=$(printf '%s' "$set" | od -An -tu1 | tr -d ' ')
        python3 "$here/bench/gen_corpus.py" --seed "$seed" --n "$third" --dup 0 \
            --prefix "$set" --out "$work/$set"
    fi
done
rm -f "$work"/ref.db* "$work"/conc.db* "$work"/seq.db* "$work"/*.err "$work"/reader.*

# the reference: one writer, one after the other
"$sift" --db "$work/ref.db" add --quiet "$work/a" "$work/b" "$work/c"
want=$(sqlite3 "$work/ref.db" "SELECT count(*) FROM report")

# readers: sift docs in a loop (each failure counted), and poll.py
touch "$work/reader.run"
(
    fails=0 runs=0
    while [ -f "$work/reader.run" ]; do
        if [ -f "$work/conc.db" ]; then
            runs=$((runs + 1))
            # The file exists from the writers' first open, before either
            # has created the tables: "no store here" is then the right
            # answer, not a failure.
            if ! "$sift" --db "$work/conc.db" docs >/dev/null 2>"$work/reader.last"; then
                if ! grep -q "no store here" "$work/reader.last"; then
                    cat "$work/reader.last" >>"$work/reader.err"
                    fails=$((fails + 1))
                fi
            fi
        fi
        sleep 0.05
    done
    echo "$runs $fails" >"$work/reader.out"
) &
reader=$!
python3 "$here/tests/crash/poll.py" "$work/conc.db" "$work/poll.out" &
poller=$!

# sift serve, when this sift has it, reads the store over HTTP meanwhile
server="" http=""
if "$sift" serve --help >/dev/null 2>&1; then
    "$sift" --db "$work/conc.db" serve --port 0 >"$work/serve.out" 2>"$work/serve.err" &
    server=$!
    i=0
    while [ ! -s "$work/serve.out" ] && [ $i -lt 100 ]; do
        sleep 0.1
        i=$((i + 1))
    done
    url=$(head -1 "$work/serve.out")
    python3 "$here/tests/crash/http_poll.py" "${url}api/reports" "$work/http.out" &
    http=$!
fi

# the readers must be up before the writers start (python starts slowly
# on a loaded machine)
i=0
while { [ ! -f "$work/poll.out" ] || { [ -n "$http" ] && [ ! -f "$work/http.out" ]; }; } &&
    [ $i -lt 300 ]; do
    sleep 0.1
    i=$((i + 1))
done

start=$(date +%s.%N)
"$sift" --db "$work/conc.db" add --quiet "$work/a" "$work/c" 2>"$work/w1.err" &
w1=$!
"$sift" --db "$work/conc.db" add --quiet "$work/c" "$work/b" 2>"$work/w2.err" &
w2=$!
s1=0 s2=0
wait $w1 || s1=$?
wait $w2 || s2=$?
end=$(date +%s.%N)
rm -f "$work/reader.run"
wait $reader
kill $poller && wait $poller 2>/dev/null || true
http_runs=- http_fails=0
if [ -n "$http" ]; then
    kill $http && wait $http 2>/dev/null || true
    kill $server && wait $server 2>/dev/null || true
    read -r http_runs http_fails <"$work/http.out" || http_fails=?
fi

got=$(sqlite3 "$work/conc.db" "SELECT count(*) FROM report")
distinct=$(sqlite3 "$work/conc.db" "SELECT count(DISTINCT id) FROM report")
read -r runs reader_fails <"$work/reader.out"
read -r _ poll_errors <"$work/poll.out" || poll_errors=?
locked=$(cat "$work"/w1.err "$work"/w2.err "$work"/reader.err "$work"/serve.err 2>/dev/null | grep -c -i "locked" || true)
ok=1
# the sequential run in commit order (file names have no blanks); xargs
# splits a list longer than the kernel's argument limit (100k paths) over
# several runs, which give the same state (the clustering reloads exactly)
rm -f "$work"/seq.db*
sqlite3 "$work/conc.db" "SELECT source FROM report ORDER BY rid" |
    xargs "$sift" --db "$work/seq.db" add --quiet
python3 "$here/tests/crash/dump.py" "$work/seq.db" >"$work/ref.dump"
python3 "$here/tests/crash/dump.py" "$work/conc.db" >"$work/conc.dump"
same=yes
cmp -s "$work/ref.dump" "$work/conc.dump" || same=no
check=0
"$sift" --db "$work/conc.db" check --quiet || check=$?
printf 'concurrency: %d reports expected, %d stored, %d duplicates; writers exit %d and %d in %.1f s; ' \
    "$want" "$got" $((got - distinct)) "$s1" "$s2" "$(awk "BEGIN { print $end - $start }")"
printf 'reader runs %d, failed %d, poll errors %s; serve requests %s, failed %s; ' \
    "$runs" "$reader_fails" "$poll_errors" "$http_runs" "$http_fails"
printf '"locked" lines %d; same as sequential: %s; sift check %d\n' "$locked" "$same" "$check"
[ "$want" = "$got" ] && [ "$got" = "$distinct" ] && [ $s1 = 0 ] && [ $s2 = 0 ] &&
    [ "$reader_fails" = 0 ] && [ "$locked" = 0 ] && [ $same = yes ] && [ $check = 0 ] &&
    [ "$poll_errors" = 0 ] && [ "$http_fails" = 0 ] || ok=0
if [ $ok = 0 ]; then
    echo "concurrency: FAIL"
    head -5 "$work"/w1.err "$work"/w2.err "$work"/reader.err
    exit 1
fi
