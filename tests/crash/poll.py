#!/usr/bin/env python3
"""tests/crash/poll.py DB OUT: poll the number of reports in DB (read-only,
every few ms) and keep the largest seen in OUT, until killed. A reader
only ever sees committed transactions, so after sift add is killed the
store must still hold at least that many: the harness's witness that no
committed report was lost. Also a concurrent reader for the writers."""
import os
import sqlite3
import sys
import time


def main():
    db_path, out = sys.argv[1], sys.argv[2]
    best = -1
    errors = 0
    last_errors = -1
    while True:
        try:
            db = sqlite3.connect("file:%s?mode=ro" % db_path, uri=True, timeout=60)
            n = db.execute("SELECT count(*) FROM report").fetchone()[0]
            db.close()
        except sqlite3.Error as e:
            # no store or no table yet is fine; anything else is counted
            if "no such table" not in str(e) and "unable to open" not in str(e):
                errors += 1
            n = -1
        if n > best or errors != last_errors:
            last_errors = errors
            best = max(best, n)
            with open(out + ".tmp", "w") as f:
                f.write("%d %d\n" % (best, errors))
            os.replace(out + ".tmp", out)
        time.sleep(0.005)


if __name__ == "__main__":
    main()
