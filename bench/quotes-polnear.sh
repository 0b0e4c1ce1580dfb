#!/bin/sh
# bench/quotes-polnear.sh [SPLIT]: direct quotes and their speakers on
# PolNeAR (../shared/data/quotes-polnear; dev for reporting, train for
# development), scored by the corpus's own score_quotes.py (exact and
# token-overlap precision/recall). Needs `make` first (build/libsift.a).
set -eu
here=$(cd "$(dirname "$0")/.." && pwd)
data=${SIFT_SHARED:-$here/../shared}/data/quotes-polnear
split=${1:-dev}
out=$(mktemp -d)
trap 'rm -rf "$out"' EXIT
PKGS="libxml-2.0 sqlite3 jansson zlib libutf8proc libmicrohttpd"
cc -std=c17 -O2 -D_GNU_SOURCE -I"$here/include" -I"$here/src" -o "$out/qp" \
    "$here/bench/quotes_polnear.c" "$here/build/libsift.a" \
    $(pkg-config --libs $PKGS) -lstemmer -lpthread -lm
gzip -dc "$data/$split.jsonl.gz" >"$out/in.jsonl"
/usr/bin/time -f "%e s, %M KB peak RSS" "$out/qp" <"$out/in.jsonl" >"$out/pred.jsonl"
python3 "$data/score_quotes.py" "$data/$split.jsonl.gz" "$out/pred.jsonl" --offsets bytes
