#!/usr/bin/env python3
"""bench/clutter_audit.py: how often the clutter pass removes real text.

Uses the scrapinghub benchmark in ../shared/data/extraction-scrapinghub
(read in place, never copied into the repo):

  text  each hand-made "true article text" is written to a scratch folder
        as a .txt file (a dummy title line, then the body, one paragraph
        per blank-line-separated block) and read with `sift extract --json`.
        Every item set aside as clutter is real article text by
        construction: the count is the pass's false positives on text.
  html  the 181 pages are read with `sift extract --json`; each clutter
        item whose text occurs in that page's true article text is a
        false positive, every other one a true removal.

Prints counts by reason. Python 3 standard library only.

usage: bench/clutter_audit.py [--sift build/sift] [--shared ../shared] [--show]
"""
import argparse
import collections
import gzip
import json
import os
import re
import subprocess
import sys
import tempfile


def norm(s):
    return re.sub(r"\s+", " ", s).strip().lower()


def extract(sift, folder):
    out = subprocess.run([sift, "extract", "--json", folder], stdout=subprocess.PIPE,
                         stderr=subprocess.DEVNULL, check=False)
    for line in out.stdout.decode("utf-8").splitlines():
        if line.startswith("{"):
            yield json.loads(line)


def main():
    here = os.path.dirname(os.path.abspath(__file__))
    ap = argparse.ArgumentParser()
    ap.add_argument("--sift", default=os.path.join(here, "..", "build", "sift"))
    ap.add_argument("--shared", default=os.environ.get("SIFT_SHARED",
                                                       os.path.join(here, "..", "..", "shared")))
    ap.add_argument("--show", action="store_true", help="print each false positive")
    args = ap.parse_args()
    data = os.path.join(args.shared, "data", "extraction-scrapinghub")
    with open(os.path.join(data, "ground-truth.json"), encoding="utf-8") as f:
        gt = json.load(f)
    with tempfile.TemporaryDirectory() as tmp:
        tdir = os.path.join(tmp, "text")
        hdir = os.path.join(tmp, "html")
        os.mkdir(tdir)
        os.mkdir(hdir)
        for k, v in gt.items():
            with open(os.path.join(tdir, k + ".txt"), "w", encoding="utf-8") as f:
                f.write("Title line\n\n" + v["articleBody"].replace("\n", "\n\n") + "\n")
            with gzip.open(os.path.join(data, "html", k + ".html.gz")) as src:
                with open(os.path.join(hdir, k + ".html"), "wb") as dst:
                    dst.write(src.read())
        text_fp = collections.Counter()
        n_text = 0
        for r in extract(args.sift, tdir):
            n_text += 1
            for c in r["clutter"]:
                text_fp[c["reason"]] += 1
                if args.show:
                    print("text FP %-12s %s" % (c["reason"], c["text"][:100]))
        html_fp, html_tp = collections.Counter(), collections.Counter()
        n_html = 0
        for r in extract(args.sift, hdir):
            n_html += 1
            k = os.path.basename(r["source"])[: -len(".html")]
            body = norm(gt[k]["articleBody"])
            for c in r["clutter"]:
                t = norm(c["text"])
                if len(t) > 3 and t in body:
                    html_fp[c["reason"]] += 1
                    if args.show:
                        print("html FP %-12s %s" % (c["reason"], c["text"][:100]))
                else:
                    html_tp[c["reason"]] += 1
    print("text: %d true article bodies read; items set aside (all false positives): %d"
          % (n_text, sum(text_fp.values())))
    for k, v in sorted(text_fp.items()):
        print("  %-14s %d" % (k, v))
    print("html: %d pages read; set aside: %d not in the true text, %d in it (false positives)"
          % (n_html, sum(html_tp.values()), sum(html_fp.values())))
    for k in sorted(set(html_tp) | set(html_fp)):
        print("  %-14s %4d removed  %3d false" % (k, html_tp[k], html_fp[k]))
    return 0


if __name__ == "__main__":
    sys.exit(main())
