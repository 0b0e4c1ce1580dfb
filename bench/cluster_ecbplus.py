#!/usr/bin/env python3
"""bench/cluster_ecbplus.py: score sift's events and storylines on ECB+
(../shared/data/events-ecbplus, read in place) against the gold subtopics
and topics, with the scikit-learn baseline (baseline.py, best threshold)
in the same run.

Each run shuffles the documents with a fixed seed, writes them as text
files (first line the title, one sentence a line) into a scratch folder
named in that order, runs `sift add` on it and reads the clusters back
from the store (member table) into the scorer's prediction format.

usage: bench/cluster_ecbplus.py [--sift build/sift] [--seeds 1 2 3 4 5]
                                [--no-baseline] [--json]
"""
import argparse
import gzip
import json
import os
import random
import sqlite3
import statistics
import subprocess
import sys
import tempfile

HERE = os.path.dirname(os.path.abspath(__file__))
DATA = os.path.join(HERE, "..", "..", "shared", "data", "events-ecbplus")


def load(path):
    with gzip.open(path, "rt", encoding="utf-8") as f:
        return [json.loads(line) for line in f]


def run_sift(sift, docs, seed, work):
    order = list(range(len(docs)))
    random.Random(seed).shuffle(order)
    # One JSON Lines file (title and text fields) in the shuffled order:
    # as plain text files, the 51 one-line documents lose their only line
    # to the title and are rejected ("no text found").
    folder = os.path.join(work, "in-%d" % seed)
    os.makedirs(folder)
    path_in = os.path.join(folder, "docs.jsonl")
    name_of = {}
    with open(path_in, "w", encoding="utf-8") as f:
        for rank, i in enumerate(order):
            name_of["docs.jsonl:%d" % (rank + 1)] = docs[i]["id"]
            lines = docs[i]["text"].strip().split("\n")
            title = docs[i].get("title") or lines[0]
            body = lines[1:] if len(lines) > 1 and lines[0].strip() == title.strip() else lines
            if body == lines and len(lines) == 1:
                title = ""  # the one line is the text: a title would repeat it
            f.write(json.dumps({"title": title, "text": "\n".join(body)}) + "\n")
    db = os.path.join(work, "run-%d.db" % seed)
    subprocess.run([sift, "--db", db, "add", "--quiet", folder], check=False)
    con = sqlite3.connect(db)
    pred = []
    for source, eid, sid in con.execute(
            "SELECT r.source, m.eid, m.sid FROM member m JOIN report r ON r.rid = m.rid"):
        pred.append({"id": name_of[os.path.basename(source)], "event": "E%d" % eid,
                     "storyline": "S%d" % sid})
    con.close()
    path = os.path.join(work, "pred-%d.jsonl" % seed)
    with open(path, "w") as f:
        for p in pred:
            f.write(json.dumps(p) + "\n")
    return path


def score(pred_path):
    out = subprocess.run([sys.executable, os.path.join(DATA, "score_clusters.py"), "--json",
                          os.path.join(DATA, "ecbplus.jsonl.gz"), pred_path],
                         capture_output=True, text=True, check=True)
    return json.loads(out.stdout)


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--sift", default=os.path.join(HERE, "..", "build", "sift"))
    ap.add_argument("--seeds", nargs="+", type=int, default=[1, 2, 3, 4, 5])
    ap.add_argument("--no-baseline", action="store_true")
    ap.add_argument("--json", action="store_true")
    args = ap.parse_args()
    docs = load(os.path.join(DATA, "ecbplus.jsonl.gz"))
    results = {}
    with tempfile.TemporaryDirectory() as work:
        for seed in args.seeds:
            results[seed] = score(run_sift(os.path.abspath(args.sift), docs, seed, work))
    if args.json:
        print(json.dumps(results, indent=1, sort_keys=True))
    for level in ("event", "storyline"):
        f1s = []
        for seed in args.seeds:
            r = results[seed][level]
            f1s.append(r["b3_f1"])
            print("sift %-9s seed %d  B3 P %.4f R %.4f F1 %.4f | pair P %.4f R %.4f F1 %.4f | "
                  "clusters %d (gold %d)" % (level, seed, r["b3_p"], r["b3_r"], r["b3_f1"],
                                             r["pair_p"], r["pair_r"], r["pair_f1"],
                                             r["pred_clusters"], r["gold_clusters"]))
        print("sift %-9s B3 F1 over %d orders: median %.4f min %.4f max %.4f sd %.4f" % (
            level, len(f1s), statistics.median(f1s), min(f1s), max(f1s),
            statistics.pstdev(f1s)))
    if not args.no_baseline:
        # scikit-learn comes from Debian: run the baseline with the system python
        py = "/usr/bin/python3" if os.path.exists("/usr/bin/python3") else sys.executable
        out = subprocess.run([py, os.path.join(DATA, "baseline.py")],
                             capture_output=True, text=True)
        print("baseline (scikit-learn TF-IDF + average linkage, best threshold per level):")
        print(out.stdout.strip() or out.stderr.strip())


if __name__ == "__main__":
    main()
