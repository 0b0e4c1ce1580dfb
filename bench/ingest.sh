#!/bin/sh
# bench/ingest.sh: ingest throughput of `sift add` (release build) on a
# generated corpus of at least 1 GB (bench/gen.py), with peers run side by
# side on the same files in the same run:
#   cat      reading the files (the disk and page-cache floor)
#   jq       parsing every JSON line (jq -c '{url,title}'), the JSON floor
#   sqlite3  .import of the raw lines into one table (the store floor:
#            the same SQLite, no parsing, no cleaning, no index)
# Prints a Markdown table for the run with the median wall time of RUNS
# runs: wall seconds, MB/s, reports/s, CPU (user+sys) seconds and MB per
# CPU second (steadier than wall time on a shared machine), peak RSS
# (/usr/bin/time -v). MB for sift on warc.gz counts uncompressed WARC.
#
#   bench/ingest.sh                      # 1 GB of JSONL and of WARC, 3 runs
#   MB=256 RUNS=1 FORMATS=jsonl bench/ingest.sh
#   KEEP=1 bench/ingest.sh               # keep bench/work/ingest for reruns
#   WORK=DIR bench/ingest.sh             # another work folder than bench/work/ingest
#   WORK=DIR bench/ingest.sh             # another work folder (default bench/work/ingest)
#
# The corpus (bench/work/, gitignored) is deleted at the end unless KEEP=1.
set -eu
cd "$(dirname "$0")/.."
MB=${MB:-1024}
# gzip halves the generated WARC: this much on disk is about MB of WARC
MB_WARC_GZ=${MB_WARC_GZ:-$((MB / 2))}
RUNS=${RUNS:-3}
SEED=${SEED:-7}
FORMATS=${FORMATS:-"jsonl warc.gz"}
W=${WORK:-bench/work/ingest}
mkdir -p "$W"
# SIFT=path: time that binary (a copy, so rebuilding meanwhile is safe)
if [ -z "${SIFT:-}" ]; then
    make -s build/sift >&2
    SIFT=build/sift
fi

# run LABEL CMD...: time CMD RUNS times; sets med_s (median seconds) and
# med_kb (peak RSS of that run, KB) and med_cpu (its user+sys seconds)
run() {
    label=$1
    shift
    : >"$W/times"
    i=0
    while [ "$i" -lt "$RUNS" ]; do
        rm -f "$W"/bench.db "$W"/bench.db-wal "$W"/bench.db-shm "$W"/raw.db
        sync
        /usr/bin/time -v -o "$W/time.out" nice "$@" >/dev/null 2>"$W/stderr" || true
        s=$(awk -F': ' '/Elapsed \(wall clock\)/ {
                n = split($2, p, ":"); t = 0
                for (k = 1; k <= n; k++) t = t * 60 + p[k]
                print t }' "$W/time.out")
        kb=$(awk -F': ' '/Maximum resident set size/ { print $2 }' "$W/time.out")
        cpu=$(awk -F': ' '/User time|System time/ { t += $2 } END { print t }' "$W/time.out")
        echo "$s $kb $cpu" >>"$W/times"
        echo "  $label run $((i + 1)): ${s}s wall, ${cpu}s cpu, ${kb} KB" >&2
        i=$((i + 1))
    done
    med=$(sort -n "$W/times" | awk '{ a[NR] = $0 } END { print a[int((NR + 1) / 2)] }')
    med_s=$(echo "$med" | cut -d' ' -f1)
    med_kb=$(echo "$med" | cut -d' ' -f2)
    med_cpu=$(echo "$med" | cut -d' ' -f3)
}

row() { # LABEL MB REPORTS
    awk -v l="$1" -v mb="$2" -v n="$3" -v s="$med_s" -v kb="$med_kb" -v c="$med_cpu" 'BEGIN {
        if (s == 0) s = 0.01
        if (c == 0) c = 0.01
        rps = (n == "-") ? "-" : sprintf("%.0f", n / s)
        printf "| %s | %.2f | %.1f | %s | %.2f | %.1f | %.1f |\n", l, s, mb / s, rps, c, mb / c, kb / 1024 }'
}

echo "| command | wall s | MB/s | reports/s | cpu s | MB/cpu-s | peak RSS MB |"
echo "|---|---|---|---|---|---|---|"
for fmt in $FORMATS; do
    dir=$W/$fmt
    if [ ! -f "$dir/.done" ]; then
        rm -rf "$dir"
        mb=$MB
        [ "$fmt" = warc.gz ] && mb=$MB_WARC_GZ
        echo "generating $mb MB of $fmt in $dir" >&2
        nice python3 bench/gen.py --seed "$SEED" --mb "$mb" --dup 0.3 --format "$fmt" \
            --out "$dir" >&2
        touch "$dir/.done"
    fi
    in_bytes=$(cat "$dir"/reports/* | wc -c)
    in_mb=$(awk -v b="$in_bytes" 'BEGIN { print b / 1048576 }')
    n_docs=$(($(wc -l <"$dir/events.tsv") - 1))
    if [ "$fmt" = warc.gz ]; then
        raw_mb=$(zcat "$dir"/reports/* | wc -c | awk '{ print $1 / 1048576 }')
        echo "$fmt: $in_mb MB on disk, $raw_mb MB of WARC, $n_docs reports" >&2
    else
        raw_mb=$in_mb
        echo "$fmt: $in_mb MB, $n_docs reports" >&2
    fi
    run "sift add ($fmt)" "$SIFT" --db "$W/bench.db" add "$dir/reports"
    stored=$(grep -o '[0-9]* new' "$W/stderr" | cut -d' ' -f1)
    row "sift add, $fmt ($n_docs reports, $stored stored)" "$raw_mb" "$n_docs"
    run "cat ($fmt)" sh -c "cat $dir/reports/*"
    row "cat, $fmt" "$in_mb" -
    if [ "$fmt" = jsonl ]; then
        run "jq ($fmt)" sh -c "jq -c '{url,title}' $dir/reports/*"
        row "jq -c '{url,title}', $fmt" "$in_mb" "$n_docs"
        printf 'CREATE TABLE raw(line TEXT);\n.mode ascii\n.separator "\\037" "\\n"\n' >"$W/import.sql"
        for f in "$dir"/reports/*; do
            echo ".import $f raw" >>"$W/import.sql"
        done
        run "sqlite3 ($fmt)" sh -c "sqlite3 $W/raw.db <$W/import.sql"
        row "sqlite3 .import raw lines, $fmt" "$in_mb" "$n_docs"
    fi
    if [ "$fmt" = warc.gz ]; then
        run "zcat ($fmt)" sh -c "zcat $dir/reports/*"
        row "zcat, $fmt" "$raw_mb" -
    fi
done
rm -f "$W"/bench.db* "$W"/raw.db
if [ "${KEEP:-0}" != 1 ]; then
    rm -rf "$W"
fi
