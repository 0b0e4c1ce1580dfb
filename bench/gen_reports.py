#!/usr/bin/env python3
"""bench/gen_reports.py: a seeded corpus of synthetic news reports for
speed runs: --n text files (title line, then paragraphs) of about 3 KB,
words drawn from a Zipf-like vocabulary, grouped into stories that share
names and topic words; a share --dup of reports are edited copies of an
earlier one (5% of words changed). Files go in DIR/NNNN/ folders of 1000,
so `sift add DIR/0000 DIR/0001 ...` can add them in slices.

usage: bench/gen_reports.py --seed 7 --n 100000 --dup 0.3 DIR
"""
import argparse
import os
import random


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--seed", type=int, default=7)
    ap.add_argument("--n", type=int, default=10000)
    ap.add_argument("--dup", type=float, default=0.3)
    ap.add_argument("dir")
    args = ap.parse_args()
    rng = random.Random(args.seed)
    syll = ["ka", "lo", "mi", "ra", "te", "su", "no", "vi", "de", "pa", "ri", "zo", "an", "el"]
    vocab = sorted({"".join(rng.choice(syll) for _ in range(rng.randint(1, 4)))
                    for _ in range(30000)})
    weights = [1.0 / (i + 1) for i in range(len(vocab))]
    cum = []
    s = 0.0
    for w in weights:
        s += w
        cum.append(s)
    names = ["".join(rng.choice(syll) for _ in range(3)).capitalize() for _ in range(5000)]
    kept = []
    for k in range(args.n):
        if kept and rng.random() < args.dup:
            base = rng.choice(kept).split(" ")
            text = " ".join(rng.choice(vocab) if rng.random() < 0.05 else w for w in base)
        else:
            story_names = rng.sample(names, 4)
            story_words = rng.choices(vocab, cum_weights=cum, k=8)
            paras = []
            for _ in range(8):
                words = rng.choices(vocab, cum_weights=cum, k=60)
                for j in range(0, 60, 12):
                    words[j] = rng.choice(story_names)
                    words[j + 5] = rng.choice(story_words)
                paras.append(" ".join(words) + ".")
            title = " ".join(rng.choices(story_words + story_names, k=8)).capitalize()
            text = title + "\n\n" + "\n\n".join(p.capitalize() for p in paras)
            if len(kept) < 5000:
                kept.append(text)
            else:
                kept[rng.randrange(5000)] = text
        sub = os.path.join(args.dir, "%04d" % (k // 1000))
        os.makedirs(sub, exist_ok=True)
        with open(os.path.join(sub, "%07d.txt" % k), "w") as f:
            f.write(text + "\n")


if __name__ == "__main__":
    main()
