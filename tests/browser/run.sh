#!/bin/sh
# tests/browser/run.sh SIFT: the browser test of `make check`. Reads the
# seeds (../shared/seeds) and the hostile fixtures into a scratch store,
# starts SIFT serve on a free port, drives the page in Debian's headless
# chromium (page.test.mjs, playwright-core from npm; `npm ci` on first run)
# and saves screenshots under build/browser/.
set -eu
sift=$(cd "$(dirname "$1")" && pwd)/$(basename "$1")
here=$(cd "$(dirname "$0")" && pwd)
root=$(cd "$here/../.." && pwd)
shared=${SIFT_SHARED:-$root/../shared}
out=$root/build/browser
if [ ! -x /usr/bin/chromium ]; then
    echo "browser: /usr/bin/chromium is missing: run .ci/install-deps" >&2
    exit 1
fi
if [ ! -d "$shared/seeds" ]; then
    echo "browser: $shared/seeds is missing" >&2
    exit 1
fi
if [ ! -f "$here/node_modules/playwright-core/package.json" ]; then
    (cd "$here" && npm ci --no-audit --no-fund --loglevel=error)
fi
work=$(mktemp -d)
pid=
cleanup() {
    if [ -n "$pid" ]; then
        kill "$pid" 2>/dev/null || true
        wait "$pid" 2>/dev/null || true
    fi
    rm -rf "$work"
}
trap cleanup EXIT INT TERM
"$sift" --db "$work/t.db" add --quiet "$shared/seeds" "$here/fixtures/xss-report.txt" \
    "$here/fixtures/xss-report.md"
"$sift" --db "$work/t.db" serve --port 0 >"$work/url" 2>"$work/serve.err" &
pid=$!
i=0
while [ ! -s "$work/url" ] && [ $i -lt 100 ]; do
    sleep 0.1
    i=$((i + 1))
done
url=$(head -1 "$work/url")
if [ -z "$url" ]; then
    echo "browser: sift serve did not start:" >&2
    cat "$work/serve.err" >&2
    exit 1
fi
status=0
node "$here/page.test.mjs" "$url" "$out" "$shared" || status=$?
kill "$pid"
serve_status=0
wait "$pid" || serve_status=$?
pid=
if [ "$serve_status" != 0 ] || [ -s "$work/serve.err" ]; then
    echo "browser: sift serve exited $serve_status:" >&2
    cat "$work/serve.err" >&2
    status=1
fi
exit $status
