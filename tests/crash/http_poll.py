#!/usr/bin/env python3
"""tests/crash/http_poll.py URL OUT: a reader for the concurrency harness
when `sift serve` exists: GET URL (a JSON API page) in a loop until killed
and keep "requests failures" in OUT. Before the first success the store
may not exist yet, so only failures after it count."""
import os
import sys
import time
import urllib.error
import urllib.request


def main():
    url, out = sys.argv[1], sys.argv[2]
    n = fails = 0
    seen_ok = False
    while True:
        try:
            with urllib.request.urlopen(url, timeout=60) as r:
                r.read()
                ok = r.status == 200
        except (urllib.error.URLError, OSError):
            ok = False
        n += 1
        if ok:
            seen_ok = True
        elif seen_ok:
            fails += 1
        with open(out + ".tmp", "w") as f:
            f.write("%d %d\n" % (n, fails))
        os.replace(out + ".tmp", out)
        time.sleep(0.05)


if __name__ == "__main__":
    main()
