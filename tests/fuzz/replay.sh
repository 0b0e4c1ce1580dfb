#!/bin/sh
# tests/fuzz/replay.sh: build each libFuzzer target in tests/fuzz/ with gcc
# against the ASan+UBSan library and tests/fuzz/standalone.c, then replay
# its kept corpus tests/fuzz/corpus/<target>/ (run by `make fuzz-replay`,
# part of `make check`). Fails when a target does not build, or when any
# input crashes, leaks or trips UBSan.
set -eu
cd "$(dirname "$0")/../.."
A=build/asan
out=$A/fuzz
mkdir -p "$out"
pkgs="libxml-2.0 sqlite3 jansson zlib libutf8proc libmicrohttpd"
cflags="-std=c17 -Wall -Wextra -Wpedantic -Wshadow -Wconversion -Wstrict-prototypes \
 -Wmissing-prototypes -Werror -D_GNU_SOURCE -Iinclude -Isrc -Itests/fuzz $(pkg-config --cflags $pkgs)"
libs="$(pkg-config --libs $pkgs) -lstemmer -lpthread -lm"
san="-fsanitize=address,undefined -fno-omit-frame-pointer -fno-sanitize-recover=all"
n=0
for src in tests/fuzz/fuzz_*.c; do
    t=$(basename "$src" .c)
    bin=$out/$t
    # "fuzz-requires: f g" in a target names functions it tests that may not
    # be in this tree yet (another branch adds them): skip it, visibly
    missing=""
    for f in $(sed -n 's/.*fuzz-requires: *\([a-z_ ]*\).*/\1/p' "$src"); do
        grep -q "[^a-z_]$f(" src/*/*.h || missing="$missing $f"
    done
    if [ -n "$missing" ]; then
        echo "fuzz-replay: $t: SKIPPED, not in this tree:$missing"
        continue
    fi
    if [ ! -x "$bin" ] || [ "$src" -nt "$bin" ] || [ $A/libsift.a -nt "$bin" ] ||
        [ tests/fuzz/standalone.c -nt "$bin" ] || [ tests/fuzz/fuzz.h -nt "$bin" ]; then
        # shellcheck disable=SC2086
        ${CC:-cc} $cflags -O1 -g $san -o "$bin" "$src" tests/fuzz/standalone.c \
            $A/libsift.a $libs
    fi
    corpus=tests/fuzz/corpus/$t
    if [ -d "$corpus" ]; then
        printf 'fuzz-replay: %s: ' "$t"
        timeout 300 "$bin" "$corpus"
    fi
    n=$((n + 1))
done
echo "fuzz-replay: $n targets"
