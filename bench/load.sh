#!/bin/sh
# bench/load.sh [N_REPORTS] [SECONDS]: load on loopback. Builds a store of
# N_REPORTS generated reports (seeded, same every run) plus ../shared/seeds,
# starts `sift serve` on a free port, then runs wrk (bounded: 2 threads, 32
# connections, SECONDS each) on the page, /api/reports, /api/search,
# /api/stories and the newest storyline's story (/api/stories/S<n>, what
# the page's story view loads) while a concurrent `sift add` keeps
# storing more reports.
# Prints requests/s, p99 latency and error counts per URL, and the adds
# that landed meanwhile. Needs wrk (Debian) and a built build/sift.
set -eu
n=${1:-5000}
secs=${2:-10}
root=$(cd "$(dirname "$0")/.." && pwd)
sift=$root/build/sift
shared=${SIFT_SHARED:-$root/../shared}
work=$root/bench/work/load
rm -rf "$work"
mkdir -p "$work/base" "$work/late"
# Generated reports: a title and 6 paragraphs of words drawn from a fixed
# vocabulary with a fixed seed; the "late" set is what `sift add` stores
# during the run.
python3 - "$work" "$n" <<'PY'
import random, sys, os
work, n = sys.argv[1], int(sys.argv[2])
rng = random.Random(7)
words = ("talks ceasefire minister said officials reported agreed prisoners exchange city "
         "council bridge harbour storm river election vote budget court ruling police "
         "statement spokesperson president meeting delegation summit border trade deal "
         "market shares energy prices weather flood rescue hospital school strike union").split()
def report(i, d):
    title = " ".join(rng.choice(words) for _ in range(7)).capitalize()
    paras = [" ".join(rng.choice(words) for _ in range(rng.randint(25, 60))).capitalize() + "."
             for _ in range(6)]
    with open(os.path.join(work, d, f"r{i:06d}.txt"), "w") as f:
        f.write(title + "\n\n" + "\n\n".join(paras) + f"\n\nReport number {i}.\n")
for i in range(n):
    report(i, "base")
for i in range(n, n + n // 2):
    report(i, "late")
PY
db=$work/load.db
"$sift" --db "$db" add --quiet "$shared/seeds" "$work/base"
/usr/bin/time -v -o "$work/serve.time" "$sift" --db "$db" serve --port 0 --threads 4 \
    >"$work/url" 2>"$work/serve.err" &
tpid=$!
i=0
spid=
while [ -z "$spid" ] && [ $i -lt 50 ]; do
    sleep 0.1
    spid=$(pgrep -P $tpid || true) # sift serve itself, under /usr/bin/time
    i=$((i + 1))
done
trap 'kill $spid 2>/dev/null || true' EXIT INT TERM
i=0
while [ ! -s "$work/url" ] && [ $i -lt 100 ]; do
    sleep 0.1
    i=$((i + 1))
done
url=$(head -1 "$work/url")
before=$("$sift" --db "$db" docs | wc -l)
# the concurrent writer: store the late reports one file at a time
(
    for f in "$work"/late/*.txt; do
        nice "$sift" --db "$db" add --quiet "$f" || exit 1
    done
) &
apid=$!
printf '%-32s %10s %10s %10s %8s %8s\n' "url" "req/s" "p50" "p99" "errors" "non-2xx"
# search: a selective query (the seeds), and one matching every report
for path in "" "api/reports" "api/reports?limit=100" "api/search?q=Peskov+prisoners" \
    "api/search?q=ceasefire+talks" \
    "api/reports/$("$sift" --db "$db" docs | head -1 | cut -c1-16)" "api/stories" \
    "api/stories/$("$sift" --db "$db" stories | awk '/^S[0-9]/ {print $1; exit}')"; do
    out=$(nice wrk -t2 -c32 -d"${secs}s" --latency "$url$path")
    rps=$(echo "$out" | awk '/Requests\/sec/ {print $2}')
    p50=$(echo "$out" | awk '$1 == "50%" {print $2}')
    p99=$(echo "$out" | awk '$1 == "99%" {print $2}')
    errs=$(echo "$out" | awk '/Socket errors/ {gsub(",", ""); print $4 + $6 + $8 + $10}')
    non2xx=$(echo "$out" | awk '/Non-2xx/ {print $5}')
    printf '%-32s %10s %10s %10s %8s %8s\n' "/$path" "$rps" "$p50" "$p99" "${errs:-0}" \
        "${non2xx:-0}"
done
after=$("$sift" --db "$db" docs | wc -l)
kill $apid 2>/dev/null || true
wait $apid 2>/dev/null || true
kill $spid
wait $tpid || true
trap - EXIT INT TERM
echo "reports stored by the concurrent sift add during the run: $((after - before))"
echo "store: $(du -h "$db" | cut -f1) with $after reports"
echo "sift serve peak RSS: $(awk '/Maximum resident/ {print $6}' "$work/serve.time") KiB"
echo "machine: $(nproc) cores, $(awk -F': ' '/model name/ {print $2; exit}' /proc/cpuinfo);" \
    "commit $(git -C "$root" rev-parse --short HEAD); $(date -u +%Y-%m-%d)"
if [ -s "$work/serve.err" ]; then
    echo "sift serve said:"
    cat "$work/serve.err"
fi
