#!/usr/bin/env python3
"""bench/claims_cross.py: do claims join unrelated happenings? Analyses
stories made of two happenings and counts the claims whose evidence comes
from both (docs/bench/claims.md).

    bench/claims_cross.py SIFT ecb [TOPICS]   # ECB+ topics 1..TOPICS (default 12)
    bench/claims_cross.py SIFT gen DIR         # bench/gen.py --format txt output

ecb: each ECB+ topic (../shared/data/events-ecbplus, read in place) is one
story of both its subtopics (two real happenings of one kind); a claim is
cross-subtopic when its evidence has reports of both. gen: consecutive
pairs of bench/gen.py events with at least 3 reports each (DIR/events.tsv)
are one story each; a claim is cross-event likewise. Prints per story and
in total: claims, cross claims, and the same for sentence claims
(relation "states"). Python 3 standard library only.
"""
import gzip
import json
import os
import shutil
import subprocess
import sys
import tempfile

HERE = os.path.dirname(os.path.abspath(__file__))
SHARED = os.environ.get("SIFT_SHARED", os.path.join(HERE, "..", "..", "shared"))


def analyse(sift, files, work):
    """Copy files (path -> group) into a fresh folder and store, analyse as
    one story; return (claims, cross, sentence claims, sentence cross)."""
    d = os.path.join(work, "in")
    shutil.rmtree(d, ignore_errors=True)
    os.makedirs(d)
    db = os.path.join(work, "s.db")
    if os.path.exists(db):
        os.remove(db)
    group = {}
    for path, g in files.items():
        shutil.copy(path, d)
        group[os.path.basename(path)] = g
    env = dict(os.environ, SIFT_DB=db)
    # a document sift cannot read (status 1) is left out, the rest stored
    subprocess.run([sift, "add", "--quiet", d], env=env,
                   stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    out = subprocess.run([sift, "analyze", "--format", "json"], env=env, check=True,
                         stdout=subprocess.PIPE).stdout
    o = json.loads(out)
    src = {r["id"]: group.get(os.path.basename(r["source"])) for r in o["reports"]}
    n = x = ns = xs = 0
    for c in o["claims"]:
        cross = len({src[e["report"]] for e in c["evidence"]}) > 1
        n += 1
        x += cross
        if c["relation"] == "states":
            ns += 1
            xs += cross
    return n, x, ns, xs


def ecb_stories(work, topics):
    docs = [json.loads(line) for line in
            gzip.open(os.path.join(SHARED, "data/events-ecbplus/ecbplus.jsonl.gz"), "rt")]
    wanted = sorted({d["topic"] for d in docs})[:topics]
    for t in wanted:
        files = {}
        for d in docs:
            if d["topic"] != t:
                continue
            p = os.path.join(work, "src", d["id"] + ".txt")
            os.makedirs(os.path.dirname(p), exist_ok=True)
            lines = d["text"].split("\n")
            if lines and lines[0] == d["title"]:
                lines = lines[1:]
            with open(p, "w", encoding="utf-8") as f:
                f.write(d["title"] + "\n\n" + "\n\n".join(lines) + "\n")
            files[p] = d["subtopic"]
        yield "topic %d" % t, files


def gen_stories(gdir):
    ev = {}
    with open(os.path.join(gdir, "events.tsv"), encoding="utf-8") as f:
        next(f)
        for line in f:
            r, e = line.rstrip("\n").split("\t")
            ev.setdefault(int(e), []).append(r)
    es = sorted(e for e in ev if len(ev[e]) >= 3)
    for a, b in zip(es[0::2], es[1::2]):
        files = {os.path.join(gdir, "reports", r + ".txt"): e
                 for e in (a, b) for r in ev[e]}
        yield "events %d+%d" % (a, b), files


def main():
    sift, kind = sys.argv[1], sys.argv[2]
    work = tempfile.mkdtemp()
    try:
        if kind == "ecb":
            stories = ecb_stories(work, int(sys.argv[3]) if len(sys.argv) > 3 else 12)
        else:
            stories = gen_stories(sys.argv[3])
        tot = [0, 0, 0, 0]
        for name, files in stories:
            shutil.rmtree(os.path.join(work, "in"), ignore_errors=True)
            r = analyse(sift, files, work)
            shutil.rmtree(os.path.join(work, "src"), ignore_errors=True)
            print("%-14s reports %3d claims %4d cross %4d" % (name, len(files), r[0], r[1]))
            tot = [a + b for a, b in zip(tot, r)]
        print("total: claims %d, cross %d (%.2f); sentence claims %d, cross %d" %
              (tot[0], tot[1], tot[1] / max(tot[0], 1), tot[2], tot[3]))
    finally:
        shutil.rmtree(work)


if __name__ == "__main__":
    main()
