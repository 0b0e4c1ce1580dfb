#!/bin/sh
# bench/fuzz-ledger.sh [LEDGER]: totals per target over every fuzzing run
# bench/fuzz.sh recorded (default bench/work/fuzz/log/ledger.tsv, or
# $FUZZ_WORK/log/ledger.tsv): CPU seconds, runs, runs per CPU second, the
# most edges (libFuzzer "cov") and features seen, and the commits fuzzed.
set -eu
cd "$(dirname "$0")/.."
ledger=${1:-${FUZZ_WORK:-bench/work/fuzz}/log/ledger.tsv}
[ -f "$ledger" ] || { echo "fuzz-ledger: no ledger at $ledger" >&2; exit 1; }
printf "%-9s %8s %11s %9s %6s %6s  %s\n" target cpu_s runs runs/cpu_s cov ft commits
awk -F'\t' '
    { cpu[$3] += $4; runs[$3] += $5; if ($6 > cov[$3]) cov[$3] = $6; if ($7 > ft[$3]) ft[$3] = $7
      if (index(commits[$3], $2) == 0) commits[$3] = commits[$3] (commits[$3] ? "," : "") $2 }
    END {
        for (t in cpu) printf "%-9s %8.0f %11d %9.0f %6d %6d  %s\n", t, cpu[t], runs[t], cpu[t] ? runs[t] / cpu[t] : 0, cov[t], ft[t], commits[t]
    }' "$ledger" | sort
