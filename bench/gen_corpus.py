#!/usr/bin/env python3
"""bench/gen_corpus.py: a seeded corpus of small news-like reports for the
robustness harnesses (crash safety, concurrency). The same --seed and --n
give byte-identical files on every machine. Reports are plain text and
Markdown files, 200 to a folder; --dup copies a share of them verbatim
under other names (the store must keep each once); --jsonl K packs every
K reports into one JSON Lines file instead (needs the JSONL reader).

    python3 bench/gen_corpus.py --seed 7 --n 3000 --out bench/work/corpus
"""
import argparse
import json
import os
import random

WORDS = (
    "council minister river harbour storm vote budget school hospital road bridge "
    "court judge police strike union factory market price wheat power grid water "
    "festival museum mayor village coast rail station airport flight delay report "
    "inquiry evidence witness protest march crowd officer fire rescue flood drought "
    "harvest export import tariff bank loan rate growth jobs wages rent housing plan "
    "energy wind solar coal mine port ship cargo border talks treaty summit leader"
).split()
OUTLETS = ["Northern Ledger", "Harbour Times", "Valley Post", "City Wire", "Coast Herald"]


def sentence(rnd):
    n = rnd.randint(6, 16)
    words = [rnd.choice(WORDS) for _ in range(n)]
    if rnd.random() < 0.3:
        words.insert(rnd.randint(0, n), str(rnd.randint(2, 9999)))
    s = " ".join(words)
    return s[0].upper() + s[1:] + "."


def report(rnd, i):
    title = " ".join(rnd.choice(WORDS) for _ in range(rnd.randint(4, 9))).capitalize()
    paras = []
    for _ in range(rnd.randint(3, 8)):
        paras.append(" ".join(sentence(rnd) for _ in range(rnd.randint(2, 5))))
    # a serial number keeps every generated body distinct
    paras[0] = "Report %d. %s" % (i, paras[0])
    day = "2024-%02d-%02d" % (rnd.randint(1, 12), rnd.randint(1, 28))
    return {"title": title, "paras": paras, "date": day, "outlet": rnd.choice(OUTLETS),
            "url": "https://news%d.example/%s/story-%d" % (i % 5, day.replace("-", "/"), i)}


def as_text(r, is_md):
    head = "# " + r["title"] if is_md else r["title"]
    return head + "\n\n" + "\n\n".join(r["paras"]) + "\n"


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--seed", type=int, default=7)
    ap.add_argument("--n", type=int, default=3000)
    ap.add_argument("--dup", type=float, default=0.05, help="share of verbatim copies")
    ap.add_argument("--jsonl", type=int, default=0, help="reports per JSON Lines file")
    ap.add_argument("--prefix", default="r", help="file name prefix")
    ap.add_argument("--out", required=True)
    a = ap.parse_args()
    rnd = random.Random(a.seed)
    made = []
    batch = []
    for i in range(a.n):
        r = report(rnd, i)
        folder = os.path.join(a.out, "%s%03d" % (a.prefix, i // 200))
        os.makedirs(folder, exist_ok=True)
        if a.jsonl:
            batch.append(json.dumps({"url": r["url"], "title": r["title"],
                                     "text": "\n\n".join(r["paras"]), "date_publish": r["date"],
                                     "source_domain": r["outlet"]}))
            if len(batch) == a.jsonl or i == a.n - 1:
                with open(os.path.join(folder, "%s%06d.jsonl" % (a.prefix, i)), "w") as f:
                    f.write("\n".join(batch) + "\n")
                batch = []
            continue
        is_md = rnd.random() < 0.3
        path = os.path.join(folder, "%s%06d.%s" % (a.prefix, i, "md" if is_md else "txt"))
        with open(path, "w") as f:
            f.write(as_text(r, is_md))
        made.append(path)
        if made and rnd.random() < a.dup:
            src = rnd.choice(made)
            with open(src) as f:
                body = f.read()
            with open(os.path.join(folder, "%s%06d-copy.txt" % (a.prefix, i)), "w") as f:
                f.write(body)


if __name__ == "__main__":
    main()
