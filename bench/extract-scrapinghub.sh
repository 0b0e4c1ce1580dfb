#!/usr/bin/env bash
# bench/extract-scrapinghub.sh: article-body extraction on the Scrapinghub
# benchmark (../shared/data/extraction-scrapinghub, 181 pages): sift's F1 /
# precision / recall by the benchmark's own metric (its score.py), pages per
# second on one core and peak RSS, side by side with Mozilla Readability.js
# (npm @mozilla/readability 0.6.0 + jsdom 27.0.0, pinned as in the data's
# peers/run-peers.sh) run in the same session on the same core.
#
#   bench/extract-scrapinghub.sh [--runs N] [--no-peer]
#
# Both tools run pinned to one core (taskset -c ${BENCH_CPU:-0}), under nice.
#   sift      N whole-process runs of `sift extract --json PAGES/` (process
#             start, reading files and writing JSON included); pages/s =
#             181 / median wall time. Peak RSS from /usr/bin/time -v.
#   Readability.js  the data folder's peers/extract.mjs: pages in memory,
#             only parse + extract timed, median of N passes (this favours
#             Readability.js); peak RSS of that process.
# Work files go to bench/work/scrapinghub (gitignored). Needs: python3,
# taskset, /usr/bin/time, and for the peer node + npm (the npm registry).
set -u
cd "$(dirname "$0")/.." || exit 1
RUNS=5
PEER=1
while [ $# -gt 0 ]; do
    case "$1" in
    --runs) RUNS="$2"; shift ;;
    --no-peer) PEER=0 ;;
    *) sed -n '2,22p' "$0"; exit 2 ;;
    esac
    shift
done
SHARED="${SIFT_SHARED:-$(pwd)/../shared}"
DATA="$SHARED/data/extraction-scrapinghub"
[ -f "$DATA/score.py" ] || { echo "no benchmark data at $DATA" >&2; exit 1; }
WORK="$(pwd)/bench/work/scrapinghub"
CPU="${BENCH_CPU:-0}"
PAGES="$WORK/pages"
mkdir -p "$PAGES" "$WORK/js"
for c in python3 taskset; do
    command -v "$c" >/dev/null || { echo "missing: $c" >&2; exit 1; }
done
[ -x /usr/bin/time ] || { echo "missing: /usr/bin/time (apt-get install time)" >&2; exit 1; }

make -s build/sift || exit 1

# Pages unpacked once, named <id>.html so outputs map back to ids.
for gz in "$DATA"/html/*.html.gz; do
    id=$(basename "$gz" .html.gz)
    [ -s "$PAGES/$id.html" ] || gzip -dc "$gz" >"$PAGES/$id.html"
done
n_pages=$(ls "$PAGES" | wc -l)

median() { sort -g | awk '{a[NR]=$1} END {print (NR%2) ? a[(NR+1)/2] : (a[NR/2]+a[NR/2+1])/2}'; }
rss_kb() { awk -F': ' '/Maximum resident set size/ {print $2}' "$1"; }

# ---- sift
: >"$WORK/sift.walls"
for i in $(seq "$RUNS"); do
    t0=$(date +%s.%N)
    nice taskset -c "$CPU" /usr/bin/time -v -o "$WORK/sift.time.txt" \
        build/sift extract --json "$PAGES" >"$WORK/sift.jsonl" 2>"$WORK/sift.stderr"
    t1=$(date +%s.%N)
    echo "$t1 - $t0" | bc -l >>"$WORK/sift.walls"
done
sift_wall=$(median <"$WORK/sift.walls")
sift_rss=$(rss_kb "$WORK/sift.time.txt")
sift_pps=$(echo "$n_pages / $sift_wall" | bc -l)
python3 bench/extract-to-bench.py "$WORK/sift.jsonl" "$DATA/ground-truth.json" >"$WORK/sift.pred.json"
python3 "$DATA/score.py" --per-page "$WORK/sift.pages.tsv" "$WORK/sift.pred.json" >"$WORK/sift.score.txt"
python3 "$DATA/score.py" --bootstrap 0 --json "$WORK/sift.pred.json" >"$WORK/sift.score.json"

# ---- Readability.js + jsdom
rj_line="not run"
if [ "$PEER" = 1 ]; then
    cat >"$WORK/js/package.json" <<'EOF'
{ "private": true,
  "dependencies": { "@mozilla/readability": "0.6.0", "jsdom": "27.0.0" } }
EOF
    if [ ! -d "$WORK/js/node_modules/jsdom" ]; then
        (cd "$WORK/js" && npm install --no-audit --no-fund --loglevel=error) >"$WORK/npm.log" 2>&1 ||
            { echo "npm install failed, see $WORK/npm.log" >&2; PEER=0; }
    fi
fi
if [ "$PEER" = 1 ]; then
    nice taskset -c "$CPU" /usr/bin/time -v -o "$WORK/rj.time.txt" \
        node "$DATA/peers/extract.mjs" --tool readability-jsdom --modules "$WORK/js" \
        --data "$DATA" --out "$WORK/rj.pred.json" --runs "$RUNS" \
        >"$WORK/rj.timing.json" 2>"$WORK/rj.stderr"
    python3 "$DATA/score.py" --bootstrap 0 --json "$WORK/rj.pred.json" >"$WORK/rj.score.json"
fi

python3 - "$WORK" "$n_pages" "$sift_wall" "$sift_pps" "$sift_rss" "$PEER" <<'EOF' | tee "$WORK/results.md"
import json, sys
work, n, wall, pps, rss, peer = sys.argv[1:7]
n, wall, pps, rss = int(n), float(wall), float(pps), int(rss)
s = json.load(open(f"{work}/sift.score.json"))
s = s[0] if isinstance(s, list) else s
def get(d, *ks):
    for k in ks:
        if k in d:
            return d[k]
    for v in d.values():
        if isinstance(v, dict):
            r = get(v, *ks)
            if r is not None:
                return r
    return None
print(open(f"{work}/sift.score.txt").read().strip())
print()
print("| tool | F1 | precision | recall | pages/s (1 core) | peak RSS MB |")
print("|---|---|---|---|---|---|")
print(f"| sift | {get(s,'f1'):.3f} | {get(s,'precision'):.3f} | {get(s,'recall'):.3f} | "
      f"{pps:.0f} (whole process, median {wall:.3f} s) | {rss/1024:.0f} |")
if peer == "1":
    t = json.loads(open(f"{work}/rj.timing.json").read().strip().splitlines()[-1])
    r = json.load(open(f"{work}/rj.score.json"))
    r = r[0] if isinstance(r, list) else r
    rrss = 0
    for line in open(f"{work}/rj.time.txt"):
        if "Maximum resident set size" in line:
            rrss = int(line.split(":")[1])
    print(f"| Readability.js {t['versions'].get('@mozilla/readability','?')} + jsdom "
          f"{t['versions'].get('jsdom','?')} (node {t['node']}) | {get(r,'f1'):.3f} | "
          f"{get(r,'precision'):.3f} | {get(r,'recall'):.3f} | "
          f"{t['pages_per_s']:.1f} (parse+extract only, median of {t['runs']}) | {rrss/1024:.0f} |")
    print()
    print(f"speed ratio sift / Readability.js: {pps / t['pages_per_s']:.1f}x")
EOF
