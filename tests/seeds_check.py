#!/usr/bin/env python3
"""tests/seeds_check.py DB GOLD: compare the events, storylines and copies
sift stored for ../shared/seeds with the gold reading (gold/seeds.json,
sections `events` and `copies`). Prints one line per acceptance
criterion, "ok" or "NOT MET", so a golden case records where sift stands;
report ids are the first three characters of the seed file names."""
import json
import os
import sqlite3
import sys


def main():
    db, gold_path = sys.argv[1], sys.argv[2]
    gold = json.load(open(gold_path))
    con = sqlite3.connect(db)
    rows = con.execute("SELECT r.source, m.eid, m.sid FROM member m "
                       "JOIN report r ON r.rid = m.rid").fetchall()
    ev = {os.path.basename(s)[:3]: e for s, e, _ in rows}
    st = {os.path.basename(s)[:3]: t for s, _, t in rows}

    def line(ok, what):
        print("%-7s %s" % ("ok" if ok else "NOT MET", what))
    for s in gold["events"]["storylines"]:
        ids = s["report_ids"]
        line(all(i in st for i in ids) and len({st[i] for i in ids}) == 1
             and sum(1 for v in st.values() if v == st[ids[0]]) == len(ids),
             "storyline %s holds exactly %s" % (s["id"], " ".join(ids)))
    for e in gold["events"]["events"]:
        ids = e["report_ids"]
        together = all(i in ev for i in ids) and len({ev[i] for i in ids}) == 1
        alone = together and sum(1 for v in ev.values() if v == ev[ids[0]]) == len(ids)
        line(alone, "event %s holds exactly %s" % (e["id"], " ".join(ids)))
    copies = con.execute("SELECT r.source, c.first_para, c.second_para FROM copy c "
                         "JOIN report r ON r.rid = c.first_rid "
                         "WHERE c.kind = 'repeat' AND c.first_rid = c.second_rid").fetchall()
    repeats = {os.path.basename(s)[:3] for s, _, _ in copies}
    for c in gold["copies"]["within_report"]:
        if c["kind"] != "repeated_lead_paragraph":
            continue
        line(c["report_id"] in repeats,
             "report %s: repeated lead paragraph found as a copy" % c["report_id"])


if __name__ == "__main__":
    main()
