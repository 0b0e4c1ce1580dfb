#!/usr/bin/env python3
"""bench/extract-to-bench.py: turn `sift extract --json` output (one report
per line) into the Scrapinghub article-extraction benchmark's prediction
format, {"<id>": {"articleBody": text}}, where id is the page file's name
without .html and the body is the report's blocks joined by newlines.
Pages sift rejected get an empty body, as the benchmark's ids must all be
present.

usage: extract-to-bench.py OUT.jsonl GROUND-TRUTH.json > pred.json
"""
import json
import os
import sys


def main():
    out_path, gt_path = sys.argv[1], sys.argv[2]
    with open(gt_path, encoding="utf-8") as f:
        ids = list(json.load(f).keys())
    pred = {i: {"articleBody": ""} for i in ids}
    with open(out_path, encoding="utf-8") as f:
        for line in f:
            line = line.strip()
            if not line:
                continue
            rep = json.loads(line)
            name = os.path.basename(rep["source"])
            pid = name.split(".")[0]
            if pid in pred:
                body = "\n".join(b["text"] for b in rep.get("blocks", []))
                pred[pid] = {"articleBody": body}
    json.dump(pred, sys.stdout, ensure_ascii=False)


if __name__ == "__main__":
    main()
