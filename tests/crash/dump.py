#!/usr/bin/env python3
"""tests/crash/dump.py DB: a canonical dump of a sift store, to compare two
stores that should hold the same state (a run killed and re-run against a
run never killed; two concurrent writers against one). Every table, sorted
on its full rows, without rowid-like columns (an INTEGER PRIMARY KEY,
which depends on insertion order); a column named report_rid is replaced
by the report's id; blobs (sketches, centroids) are shown in hex. Virtual tables (FTS) and their shadow tables are
skipped: integrity_check and `sift check` cover them. Prints one line per
row, "table<TAB>json"."""
import json
import sqlite3
import sys


def main():
    db = sqlite3.connect("file:%s?mode=ro" % sys.argv[1], uri=True)
    tables = db.execute("SELECT name, sql FROM sqlite_schema WHERE type='table' "
                        "AND name NOT LIKE 'sqlite_%' ORDER BY name").fetchall()
    virtual = [n for n, sql in tables if sql and sql.upper().startswith("CREATE VIRTUAL")]
    out = []
    for name, sql in tables:
        if name in virtual or any(name.startswith(v + "_") for v in virtual):
            continue
        info = db.execute('PRAGMA table_info("%s")' % name).fetchall()
        n_pk = sum(1 for c in info if c[5])
        cols = []
        for cid, cname, ctype, notnull, dflt, pk in info:
            if pk and n_pk == 1 and ctype.upper() == "INTEGER":
                continue
            if cname == "report_rid":
                cols.append('(SELECT id FROM report WHERE rid = t."%s")' % cname)
            else:
                cols.append('t."%s"' % cname)
        if not cols:
            continue
        for row in db.execute('SELECT %s FROM "%s" t' % (", ".join(cols), name)):
            row = [v.hex() if isinstance(v, bytes) else v for v in row]
            out.append(name + "\t" + json.dumps(row, ensure_ascii=False))
    out.sort()
    sys.stdout.write("".join(line + "\n" for line in out))


if __name__ == "__main__":
    main()
