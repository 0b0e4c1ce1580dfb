#!/usr/bin/env python3
"""bench/copies_score.py: precision and recall of `sift add` near-duplicate
relations on a set from bench/gen_copies.py.

A predicted pair (sift dups kind "near") is right when both files come
from the same base document. ECB+ itself holds some wire stories printed
twice; a pair whose two source documents share at least 30% of their word
3-shingles (exact Jaccard) is such a corpus copy: it is counted apart, not
as wrong. Recall at an edit level: the share of
variants at that level linked to their base or to another variant of it
(directly or through other near-duplicate links).

usage: bench/copies_score.py [--sift build/sift] DIR
"""
import argparse
import gzip
import json
import os
import sqlite3
import subprocess
import tempfile

HERE = os.path.dirname(os.path.abspath(__file__))


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--sift", default=os.path.join(HERE, "..", "build", "sift"))
    ap.add_argument("dir")
    args = ap.parse_args()
    truth = json.load(open(os.path.join(args.dir, "truth.json")))
    with tempfile.TemporaryDirectory() as work:
        db = os.path.join(work, "c.db")
        files = sorted(f for f in os.listdir(args.dir) if f.endswith(".txt"))
        subprocess.run([args.sift, "--db", db, "add", "--quiet"] +
                       [os.path.join(args.dir, f) for f in files], check=False)
        con = sqlite3.connect(db)
        name = {rid: os.path.basename(src) for rid, src in
                con.execute("SELECT rid, source FROM report")}
        pairs = [(name[a], name[b]) for a, b in
                 con.execute("SELECT first_rid, second_rid FROM copy WHERE kind = 'near'")]
        # Exact duplicates (the same clean text) are one report by design
        # (docs/internals/dedup.md): the store keeps the first file's
        # name, so the others are linked to it here through their report
        # id, which `sift extract --json` gives for each file.
        out = subprocess.run([args.sift, "extract", "--json"] +
                             [os.path.join(args.dir, f) for f in files],
                             capture_output=True, text=True, check=False).stdout
        first = {}
        n_exact = 0
        for line in out.splitlines():
            d = json.loads(line)
            f = os.path.basename(d["source"])
            if d["id"] in first:
                pairs.append((first[d["id"]], f))
                n_exact += 1
            else:
                first[d["id"]] = f
    fam = {f: t["family"] for f, t in truth.items()}
    with gzip.open(os.path.join(HERE, "..", "..", "shared", "data", "events-ecbplus",
                                "ecbplus.jsonl.gz"), "rt", encoding="utf-8") as f:
        texts = [json.loads(l)["text"] for l in f]

    def shingles(t):
        w = [x.lower() for x in t.split()]
        return {tuple(w[i:i + 3]) for i in range(len(w) - 2)}

    def jaccard(a, b):
        sa, sb = shingles(texts[a]), shingles(texts[b])
        return len(sa & sb) / max(1, len(sa | sb))
    right = [p for p in pairs if fam[p[0]] is not None and fam[p[0]] == fam[p[1]]]
    rest = [p for p in pairs if p not in right]
    orig = {f: t["origin"] for f, t in truth.items()}
    corpus = [p for p in rest if jaccard(orig[p[0]], orig[p[1]]) >= 0.3]
    wrong = [p for p in rest if p not in corpus]
    print("near pairs that are copies inside ECB+ itself (source Jaccard >= 0.3): %d"
          % len(corpus))
    parent = {}

    def find(x):
        while parent.get(x, x) != x:
            x = parent[x]
        return x
    for a, b in pairs:
        parent[find(a)] = find(b)
    print("files that are exact duplicates of an earlier file (one report): %d" % n_exact)
    judged = len(right) + len(wrong)
    print("near pairs predicted %d, right %d, wrong %d: precision %.4f" % (
        judged, len(right), len(wrong), len(right) / judged if judged else 1.0))
    for a, b in wrong[:10]:
        print("  wrong: %s %s" % (a, b))
    levels = sorted({t["edit"] for t in truth.values() if t["edit"] is not None})
    for lv in levels:
        vs = [f for f, t in truth.items() if t["edit"] == lv]
        found = 0
        for v in vs:
            fam_files = [f for f, t in truth.items() if t["family"] == fam[v] and f != v]
            if any(find(v) == find(f) for f in fam_files):
                found += 1
        print("edit %4.0f%%: recall %.4f (%d of %d variants)" % (
            lv * 100, found / len(vs), found, len(vs)))


if __name__ == "__main__":
    main()
