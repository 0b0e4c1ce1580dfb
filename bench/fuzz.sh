#!/bin/sh
# bench/fuzz.sh SECONDS [TARGET...]: build every libFuzzer target of
# tests/fuzz/ with clang -fsanitize=fuzzer,address,undefined and run each
# for SECONDS (niced; the machine is shared), seeded from the kept corpus
# tests/fuzz/corpus/<target>/, ../shared/seeds and ../shared/data (copied
# to bench/work/fuzz at run time, never into git). Prints, per target,
# runs, execs/s, edge coverage (libFuzzer's "cov") and crashes; crashers
# land in bench/work/fuzz/crash/<target>/ (add each to the kept corpus as
# a regression test once fixed).
#   JOBS=2 bench/fuzz.sh 600 html jsonl   # two targets, two at a time
#   MAX_LEN=32768 bench/fuzz.sh 600 html  # smaller inputs, more execs/s
set -eu
secs=${1:?usage: bench/fuzz.sh SECONDS [TARGET...]}
shift
cd "$(dirname "$0")/.."
root=$(pwd)
# SIFT_SRC=DIR fuzzes the library sources of another tree (a merge of
# branches); the targets are always this tree's tests/fuzz/.
src_root=$(cd "${SIFT_SRC:-$root}" && pwd)
shared=${SIFT_SHARED:-$root/../shared}
work=${FUZZ_WORK:-$root/bench/work/fuzz}
mkdir -p "$work/obj" "$work/bin" "$work/seed" "$work/log"
pkgs="libxml-2.0 sqlite3 jansson zlib libutf8proc libmicrohttpd"
cflags="-std=c17 -D_GNU_SOURCE -DSIFT_ARENA_DEBUG=1 -I$src_root/include -I$src_root/src -Itests/fuzz \
 $(pkg-config --cflags $pkgs) -O1 -g -fno-omit-frame-pointer"
libs="$(pkg-config --libs $pkgs) -lstemmer -lpthread -lm"
san="address,undefined"

# ---- build the library with coverage instrumentation ------------------------
objs=""
# objects are kept per tree and commit: a header change must rebuild them
tag=$( (echo "$src_root"; git -C "$src_root" rev-parse HEAD 2>/dev/null; git -C "$src_root" diff 2>/dev/null) |
    cksum | cut -d' ' -f1)
mkdir -p "$work/obj/$tag"
for src in $(ls "$src_root"/src/util/*.c "$src_root"/src/read/*.c "$src_root"/src/text/*.c \
    "$src_root"/src/analyze/*.c \
    2>/dev/null); do
    o=$work/obj/$tag/$(basename "$(dirname "$src")")_$(basename "$src").o
    if [ ! -f "$o" ] || [ "$src" -nt "$o" ]; then
        # shellcheck disable=SC2086
        clang $cflags -fsanitize=fuzzer-no-link,$san -c "$src" -o "$o"
    fi
    objs="$objs $o"
done
all=""
for f in tests/fuzz/fuzz_*.c; do
    missing=""
    for fn in $(sed -n 's/.*fuzz-requires: *\([a-z_ ]*\).*/\1/p' "$f"); do
        grep -q "[^a-z_]$fn(" "$src_root"/src/*/*.h || missing="$missing $fn"
    done
    if [ -n "$missing" ]; then
        echo "fuzz: $f skipped, not in $src_root:$missing" >&2
        continue
    fi
    all="$all $(basename "$f" .c | sed 's/^fuzz_//')"
done
targets=${*:-$all}
for t in $targets; do
    # shellcheck disable=SC2086
    clang $cflags -fsanitize=fuzzer,$san -o "$work/bin/fuzz_$t" "tests/fuzz/fuzz_$t.c" $objs $libs
done

# ---- seed corpora (rebuilt each run, outside git) -----------------------------
# Always our own synthetic seeds (bench/gen_corpus.py reports as text,
# Markdown, HTML with boilerplate, JSON Lines, WARC; dates); with
# FUZZ_SEEDS=shared (the default) also ../shared/seeds and ../shared/data.
# The kept corpus in git comes from FUZZ_SEEDS=own runs only
# (bench/fuzz-keep.sh): benchmark data never goes into the repository.
rm -rf "$work/seed"
for t in text markdown html jsonl warc sniff date analyze $targets; do
    mkdir -p "$work/seed/$t"
done
python3 - "$root" "$shared" "$work/seed" "${FUZZ_SEEDS:-shared}" <<'PY'
import glob, gzip, json, os, random, subprocess, sys, tempfile
root, shared, out, mode = sys.argv[1:5]
rnd = random.Random(7)


def put(target, name, data):
    with open(os.path.join(out, target, name), "wb") as f:
        f.write(data)


def warc(url, html):
    body = b"HTTP/1.1 200 OK\r\nContent-Type: text/html; charset=utf-8\r\n\r\n" + html
    head = ("WARC/1.0\r\nWARC-Type: response\r\nWARC-Target-URI: %s\r\n"
            "WARC-Date: 2024-05-16T10:00:00Z\r\n"
            "Content-Type: application/http; msgtype=response\r\n"
            "Content-Length: %d\r\n\r\n" % (url, len(body))).encode()
    return head + body + b"\r\n\r\n"


# own: a small generated corpus, in every format
tmp = tempfile.mkdtemp()
subprocess.run([sys.executable, os.path.join(root, "bench", "gen_corpus.py"), "--seed", "3",
                "--n", "12", "--dup", "0", "--out", tmp], check=True)
texts = sorted(glob.glob(os.path.join(tmp, "*", "*")))
jl = []
for i, p in enumerate(texts):
    data = open(p, "rb").read()
    put("text", "g%02d.txt" % i, data)
    put("markdown", "g%02d.md" % i, data)
    lines = data.decode().split("\n")
    title, paras = lines[0].lstrip("# "), [l for l in lines[1:] if l.strip()]
    html = ("<!doctype html><html><head><title>%s | Valley Post</title>"
            "<meta property=\"og:title\" content=\"%s\">"
            "<meta name=\"author\" content=\"Jane Doe\">"
            "<meta property=\"article:published_time\" content=\"2024-05-16T10:00:00Z\">"
            "<script type=\"application/ld+json\">{\"@type\":\"NewsArticle\",\"headline\":"
            "\"%s\",\"datePublished\":\"2024-05-16\"}</script></head><body>"
            "<nav><a href=\"/\">Home</a> <a href=\"/world\">World</a></nav><article><h1>%s</h1>"
            "<p class=\"byline\">By Jane Doe</p>%s<figure><figcaption>Photo: Staff"
            "</figcaption></figure></article><aside>Related: <a href=\"/x\">Other story</a>"
            "</aside><footer>Share this story. Subscribe.</footer></body></html>"
            % (title, title, title, title, "".join("<p>%s</p>" % p for p in paras))).encode()
    put("html", "g%02d.html" % i, html)
    put("warc", "g%02d.warc" % i, warc("https://news.example/2024/05/16/s%d" % i, html))
    if i < 3:
        put("warc", "g%02d.warc.gz" % i,
            gzip.compress(warc("https://news.example/a/%d" % i, html)))
        put("sniff", "g%02d.html" % i, html)
        put("sniff", "g%02d.txt" % i, data)
    jl.append(json.dumps({"url": "https://news.example/s/%d" % i, "title": title,
                          "text": "\n\n".join(paras), "date_publish": "2024-05-16 10:00:00",
                          "source_domain": "news.example", "authors": ["Jane Doe"]}))
    if i % 2:
        put("analyze", "g%02d.txt" % i, open(texts[i - 1], "rb").read() + b"\f" + data)
for i in range(0, len(jl), 3):
    put("jsonl", "g%02d.jsonl" % i, ("\n".join(jl[i:i + 3]) + "\n").encode())
put("sniff", "g.jsonl", ("\n".join(jl[:2]) + "\n").encode())
for i, d in enumerate(["2024-05-16", "2024-05-16T10:20:30+02:00",
                       "Wed, 01 May 2024 12:00:00 GMT", "May 1, 2024", "1 May 2024",
                       "1714564800", "1714564800123", "16 May 2025 - The council"]):
    put("date", "d%02d" % i, d.encode())

if mode != "shared":
    sys.exit(0)
# shared: the project's seeds and a few dozen benchmark pages, records
# wrapped as WARC (there is no WARC in ../shared/data)
seeds = sorted(glob.glob(os.path.join(shared, "seeds", "*.txt")))
for i, p in enumerate(seeds):
    data = open(p, "rb").read()
    put("text", "s%02d.txt" % i, data)
    put("markdown", "s%02d.md" % i, data)
    if i % 2:
        put("analyze", "s%02d.txt" % i, open(seeds[i - 1], "rb").read() + b"\f" + data)
pages = sorted(glob.glob(os.path.join(shared, "data/*/html/*.html.gz")) +
               glob.glob(os.path.join(shared, "data/*/pages/*/*.html.gz")) +
               glob.glob(os.path.join(shared, "data/*/pages/*/source.html")))
pages = rnd.sample(pages, min(40, len(pages)))
for i, p in enumerate(pages):
    data = gzip.open(p).read() if p.endswith(".gz") else open(p, "rb").read()
    data = data[:200000]
    put("html", "p%03d.html" % i, data)
    if i < 10:
        put("sniff", "p%03d.html" % i, data)
    if i < 20:
        put("warc", "r%03d.warc" % i, warc("https://example.org/a/%d" % i, data))
    if i < 5:
        put("warc", "r%03d.warc.gz" % i, gzip.compress(warc("https://example.org/a/%d" % i, data)))
lines = []
for p in sorted(glob.glob(os.path.join(shared, "data/*/*.jsonl.gz"))):
    with gzip.open(p) as f:
        for j, line in enumerate(f):
            if j >= 20:
                break
            lines.append(line[:50000])
for i in range(0, len(lines), 3):
    put("jsonl", "l%03d.jsonl" % i, b"".join(lines[i:i + 3]))
PY

# ---- run ---------------------------------------------------------------------
# Each chunk of a target's run is added to $work/log/ledger.tsv (date, source
# commit, target, CPU seconds, runs, edges, features), so CPU time fuzzed
# adds up across runs and sessions. With CPU_S=N, a target is run again in
# chunks of SECONDS (wall) until its ledger total reaches N CPU seconds.
jobs=${JOBS:-1}
ledger=$work/log/ledger.tsv
commit=$(git -C "$src_root" rev-parse --short HEAD 2>/dev/null || echo unknown)
ledger_cpu() {
    awk -F'\t' -v t="$1" '$3 == t {s += $4} END {printf "%.0f", s}' "$ledger" 2>/dev/null || echo 0
}
run_chunk() {
    t=$1
    mkdir -p "$work/corpus/$t" "$work/crash/$t"
    kept=tests/fuzz/corpus/fuzz_$t
    [ -d "$kept" ] || kept=""
    rm -f "$work/log/$t.cpu"
    # shellcheck disable=SC2086
    nice -n "${NICE:-15}" /usr/bin/time -f '%U %S' -o "$work/log/$t.cpu" \
        "$work/bin/fuzz_$t" -max_total_time="$secs" -timeout=30 -rss_limit_mb=2048 \
        -max_len="${MAX_LEN:-262144}" -print_final_stats=1 -artifact_prefix="$work/crash/$t/" \
        "$work/corpus/$t" $kept "$work/seed/$t" >"$work/log/$t.log" 2>&1 || true
    cpu=$(awk 'NF == 2 && $1 ~ /^[0-9.]+$/ {printf "%.0f", $1 + $2}' "$work/log/$t.cpu" 2>/dev/null)
    runs=$(sed -n 's/^stat::number_of_executed_units: *//p' "$work/log/$t.log" | tail -1)
    cov=$(grep -o 'cov: [0-9]*' "$work/log/$t.log" | tail -1 | cut -d' ' -f2)
    ft=$(grep -o 'ft: [0-9]*' "$work/log/$t.log" | tail -1 | cut -d' ' -f2)
    [ -n "$cpu" ] && printf '%s\t%s\t%s\t%s\t%s\t%s\t%s\n' "$(date -u +%FT%TZ)" "$commit" "$t" \
        "$cpu" "${runs:-0}" "${cov:-0}" "${ft:-0}" >>"$ledger"
    return 0
}
run_target() {
    run_chunk "$1"
    if [ -n "${CPU_S:-}" ]; then
        # stop at a finding (slow units are reported, not findings)
        while [ "$(ledger_cpu "$1")" -lt "$CPU_S" ] &&
            ! ls "$work/crash/$1"/crash-* "$work/crash/$1"/leak-* "$work/crash/$1"/timeout-* \
                "$work/crash/$1"/oom-* >/dev/null 2>&1; do
            run_chunk "$1"
        done
    fi
}
# JOBS lanes, each running its share of the targets one after another
lane=0
while [ $lane -lt "$jobs" ]; do
    (
        i=0
        for t in $targets; do
            [ $((i % jobs)) -eq $lane ] && run_target "$t"
            i=$((i + 1))
        done
    ) &
    lane=$((lane + 1))
done
wait

# ---- figures -----------------------------------------------------------------
printf '%-9s %7s %8s %10s %8s %6s %6s %7s  %s\n' target cpu_s total_s runs exec/s cov ft corpus crashes
for t in $targets; do
    log=$work/log/$t.log
    runs=$(sed -n 's/^stat::number_of_executed_units: *//p' "$log" | tail -1)
    eps=$(sed -n 's/^stat::average_exec_per_sec: *//p' "$log" | tail -1)
    cov=$(grep -o 'cov: [0-9]*' "$log" | tail -1 | cut -d' ' -f2)
    ft=$(grep -o 'ft: [0-9]*' "$log" | tail -1 | cut -d' ' -f2)
    corp=$(ls "$work/corpus/$t" | wc -l)
    crashes=$(ls "$work/crash/$t" | wc -l)
    # CPU seconds (user+sys) of the fuzzer: the figure the issue counts;
    # -max_total_time is wall time, which a shared machine stretches
    cpu=$(awk 'NF == 2 && $1 ~ /^[0-9.]+$/ {printf "%.0f", $1 + $2}' "$work/log/$t.cpu" 2>/dev/null)
    printf '%-9s %7s %8s %10s %8s %6s %6s %7s  %s\n' "$t" "${cpu:-?}" "$(ledger_cpu "$t")" "${runs:-?}" "${eps:-?}" "${cov:-?}" \
        "${ft:-?}" "$corp" "$crashes"
done
# a crasher or timeout that does not reproduce alone (a loaded machine
# stalls a run past -timeout) is said so, not counted away
for t in $targets; do
    for f in "$work"/crash/"$t"/*; do
        [ -f "$f" ] || continue
        if timeout 120 "$work/bin/fuzz_$t" -runs=1 "$f" >/dev/null 2>&1; then
            echo "$t: $(basename "$f"): does not reproduce on its own"
        else
            echo "$t: $(basename "$f"): REPRODUCES"
        fi
    done
done
echo "logs: $work/log; crashers: $work/crash/<target>/"
