#!/usr/bin/env python3
"""bench/gen_copies.py: a seeded near-duplicate set for copy detection,
built from real news text (ECB+ documents, read in place from
../shared/data/events-ecbplus). For each of --n base documents it writes
the base and one variant per edit level: that share of words replaced,
deleted or inserted, paragraphs reordered, and boilerplate lines added.
The remaining documents are written unchanged as distractors (many are
about the same topic as a base, which makes precision meaningful).

Writes DIR/NNNNN.txt in a shuffled order and DIR/truth.json:
{"file": {"family": base index or null, "edit": level or null,
"origin": index of the ECB+ document it was made from}}.

usage: bench/gen_copies.py --seed 7 --n 200 DIR
"""
import argparse
import gzip
import json
import os
import random

HERE = os.path.dirname(os.path.abspath(__file__))
DATA = os.path.join(HERE, "..", "..", "shared", "data", "events-ecbplus", "ecbplus.jsonl.gz")
LEVELS = [0.01, 0.05, 0.10, 0.20, 0.30]
BOILER = [
    "Subscribe to our newsletter to get the latest news every morning.",
    "Copyright 2013 The Daily Courier. All rights reserved.",
    "Follow us on Twitter and Facebook for breaking news updates.",
    "This story has been updated with additional reporting.",
    "Click here to read more stories from our correspondents.",
]


def edit(lines, rate, vocab, rng):
    out = []
    for line in lines:
        words = line.split()
        new = []
        for w in words:
            if rng.random() < rate:
                op = rng.random()
                if op < 0.6:
                    new.append(rng.choice(vocab))  # replace
                elif op < 0.8:
                    continue  # delete
                else:
                    new.append(w)
                    new.append(rng.choice(vocab))  # insert
            else:
                new.append(w)
        out.append(" ".join(new))
    return out


def variant(text, rate, vocab, rng):
    lines = [l for l in text.split("\n") if l.strip()]
    title, body = lines[0], lines[1:] or lines[:1]
    body = edit(body, rate, vocab, rng)
    # paragraphs of up to three sentences, a few of them swapped
    paras = [" ".join(body[i:i + 3]) for i in range(0, len(body), 3)]
    for _ in range(max(1, len(paras) // 4)):
        if len(paras) > 1:
            i, j = rng.randrange(len(paras)), rng.randrange(len(paras))
            paras[i], paras[j] = paras[j], paras[i]
    paras.insert(0, rng.choice(BOILER))
    paras.append(rng.choice(BOILER))
    return title + "\n\n" + "\n\n".join(paras) + "\n"


def plain(text):
    lines = [l for l in text.split("\n") if l.strip()]
    if len(lines) == 1:
        lines = lines * 2
    return lines[0] + "\n\n" + "\n\n".join(lines[1:]) + "\n"


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--seed", type=int, default=7)
    ap.add_argument("--n", type=int, default=200)
    ap.add_argument("dir")
    args = ap.parse_args()
    rng = random.Random(args.seed)
    with gzip.open(DATA, "rt", encoding="utf-8") as f:
        docs = [json.loads(l)["text"] for l in f]
    vocab = sorted({w for d in docs for w in d.split() if w.isalpha()})
    idx = list(range(len(docs)))
    rng.shuffle(idx)
    bases = idx[:args.n]
    items = []
    for i in idx:
        items.append((plain(docs[i]), i if i in bases else None, None, i))
    for i in bases:
        for rate in LEVELS:
            items.append((variant(docs[i], rate, vocab, rng), i, rate, i))
    rng.shuffle(items)
    os.makedirs(args.dir, exist_ok=True)
    truth = {}
    for k, (text, fam, rate, origin) in enumerate(items):
        name = "%05d.txt" % k
        with open(os.path.join(args.dir, name), "w", encoding="utf-8") as f:
            f.write(text)
        truth[name] = {"family": fam, "edit": rate, "origin": origin}
    with open(os.path.join(args.dir, "truth.json"), "w") as f:
        json.dump(truth, f)


if __name__ == "__main__":
    main()
